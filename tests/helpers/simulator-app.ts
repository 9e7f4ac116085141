import { buildApp, type App } from '../../src/composition/app';
import { rememberApp } from './console';
import type { AppModule } from '../../src/composition/modules';
import type { Clock } from '../../src/domain/ports';
import { loadConfig } from '../../src/config';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { LineMessenger } from '../../src/infra/line/line-messenger';
import { SIMULATOR_ACCESS_TOKEN } from '../../src/simulator/simulator-line';
import { deploySimulatorRichMenu, loopbackBaseUrl } from '../../src/simulator/deploy-simulator-rich-menu';
import { createTestDb, type TestDb } from './test-db';

/** The real app in simulator mode on a fresh SQLite file, listening on a free port, rich menu deployed. */
export interface SimulatorApp {
  app: App;
  state: FakeLineState;
  base: string;
  testDb: TestDb;
  close(): Promise<void>;
}

/**
 * Starts the app with no LINE variables (simulator mode), as `npm start` does, with the rich menus deployed. A test
 * may give it a clock (the page's own events keep the browser's time; the app reads only its clock), modules and
 * settings (`env`, e.g. another COUNCIL_PROFILE).
 */
export async function startSimulatorApp(opts: { clock?: Clock; modules?: readonly AppModule[]; env?: Record<string, string> } = {}): Promise<SimulatorApp> {
  const testDb = await createTestDb();
  const config = loadConfig({ DATABASE_URL: testDb.url, PORT: '0', LOG_LEVEL: 'silent', ...opts.env });
  const app = await buildApp({ config, skipMigrations: true, logger: false, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.modules ? { modules: opts.modules } : {}) });
  rememberApp(app);
  if (!app.simulator) throw new Error('expected simulator mode');
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const base = loopbackBaseUrl(app.server.server.address());
  await deploySimulatorRichMenu(new LineMessenger({ channelAccessToken: SIMULATOR_ACCESS_TOKEN, apiBaseUrl: base, dataApiBaseUrl: base, timeoutMs: 5000 }));
  await app.recover();
  return {
    app,
    state: app.simulator.state,
    base,
    testDb,
    async close() {
      await app.close();
      await testDb.cleanup();
    },
  };
}
