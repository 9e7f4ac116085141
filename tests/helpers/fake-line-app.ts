import { buildApp, type App } from '../../src/composition/app';
import { rememberApp } from './console';
import { loadConfig, type Config } from '../../src/config';
import type { Clock } from '../../src/domain/ports';
import { startFakeLineServer, type FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { createTestDb, type TestDb } from './test-db';

/** The real app with its real LINE adapter, talking over HTTP to a standalone fake LINE API. */
export interface FakeLineApp {
  app: App;
  line: FakeLineServer;
  testDb: TestDb;
  config: Config;
  close(): Promise<void>;
}

/** Starts the fake LINE API (sharing `clock` when given) and the app on a fresh SQLite file, pointed at it. */
export async function startFakeLineApp(opts: { secret: string; token: string; clock?: Clock }): Promise<FakeLineApp> {
  const line = await startFakeLineServer({ channelAccessToken: opts.token, ...(opts.clock ? { clock: () => opts.clock!.now().getTime() } : {}) });
  const testDb = await createTestDb();
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    LINE_CHANNEL_SECRET: opts.secret,
    LINE_CHANNEL_ACCESS_TOKEN: opts.token,
    LINE_API_BASE_URL: line.url,
    LINE_DATA_API_BASE_URL: line.url,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const app = await buildApp({ config, ...(opts.clock ? { clock: opts.clock } : {}), skipMigrations: true, logger: false });
  rememberApp(app);
  await app.recover();
  return {
    app,
    line,
    testDb,
    config,
    async close() {
      await app.close();
      await line.close();
      await testDb.cleanup();
    },
  };
}
