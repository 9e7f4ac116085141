import { buildApp, type App } from '../../src/composition/app';
import type { AppModule } from '../../src/composition/modules';
import { loadConfig } from '../../src/config';
import { FakeClock } from '../fakes/fake-clock';
import { rememberApp } from './console';
import { RecordingMessenger } from '../fakes/recording-messenger';
import { callbackBody, sign } from '../fixtures/webhook-fixtures';
import { createTestDb, type TestDb } from './test-db';

export const TEST_SECRET = 'test-channel-secret';

/** The real app on a fresh SQLite file, with a fake clock and a recording messenger. */
export interface TestApp {
  app: App;
  testDb: TestDb;
  clock: FakeClock;
  messenger: RecordingMessenger;
  /** POSTs a signed webhook with these events and waits until processing has finished. */
  post(events: object[], opts?: { secret?: string; wait?: boolean }): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/** `recovered: false` leaves the app as it is between listening and recovery (events are held, not processed). */
export async function createTestApp(env: Record<string, string> = {}, opts: { recovered?: boolean; modules?: readonly AppModule[] } = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const clock = new FakeClock();
  const messenger = new RecordingMessenger();
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    LINE_CHANNEL_SECRET: TEST_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: 'test-token',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const app = await buildApp({ config, clock, messenger, skipMigrations: true, logger: false, ...(opts.modules ? { modules: opts.modules } : {}) });
  rememberApp(app);
  // As the server does on start: nothing is processed until recovery has run.
  if (opts.recovered !== false) await app.recover();
  return {
    app,
    testDb,
    clock,
    messenger,
    async post(events, opts = {}) {
      const body = callbackBody(events);
      const res = await app.server.inject({
        method: 'POST',
        url: '/webhook',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, opts.secret ?? TEST_SECRET) },
        payload: body,
      });
      if (opts.wait !== false) {
        await new Promise((r) => setImmediate(r));
        await app.queue.whenIdle();
      }
      return { status: res.statusCode, body: res.body };
    },
    async close() {
      await app.close();
      await testDb.cleanup();
    },
  };
}
