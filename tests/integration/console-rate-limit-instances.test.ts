// Under test: console login limits shared by two instances of the app (two `buildApp`s, each its own database
// client and in-process state) on one PostgreSQL database, through app.inject — a guesser spreading attempts over
// the instances meets the same 5-per-login-id limit, a success on one clears the count for both, and the failure
// rows do not outlive the window. On SQLite (one instance, counts kept in memory) there is nothing to share: skipped.
// Faked: the clock (one FakeClock for both instances), the client IP (inject's remoteAddress), the LINE messenger.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildApp, type App } from '../../src/composition/app';
import { loadConfig } from '../../src/config';
import { createStaff, openLoginForm, postLoginForm, rememberApp, submitLogin, TEST_PASSWORD } from '../helpers/console';
import { createTestApp, TEST_SECRET, type TestApp } from '../helpers/test-app';
import { testDatabaseKind } from '../helpers/test-db';
import { RecordingMessenger } from '../fakes/recording-messenger';

const MINUTE = 60 * 1000;

describe.skipIf(testDatabaseKind() !== 'postgresql')('login limits across two instances on one PostgreSQL database', () => {
  let t: TestApp;
  let second: App;
  beforeEach(async () => {
    t = await createTestApp();
    const config = loadConfig({ DATABASE_URL: t.testDb.url, LINE_CHANNEL_SECRET: TEST_SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'test-token', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    second = await buildApp({ config, clock: t.clock, messenger: new RecordingMessenger(), skipMigrations: true, logger: false });
    rememberApp(second);
    await second.recover();
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'watanabe' });
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'kimura' });
  });
  afterEach(async () => {
    await second?.close();
    await t?.close();
  });

  const instances = () => [t.app.server, second.server];
  const attempt = (instance: number, loginId: string, password: string, remoteAddress = `10.0.0.${instance + 1}`) => submitLogin(instances()[instance]!, loginId, password, { remoteAddress });

  test('five wrong passwords spread over both instances: the sixth is refused whichever instance gets it', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(i % 2, 'watanabe', `wrong-${i}`)).statusCode).toBe(401);
    for (const instance of [0, 1]) {
      const res = await attempt(instance, 'watanabe', TEST_PASSWORD, '10.9.9.9');
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBe(15 * 60);
    }
    // Another account is not held back on either instance.
    expect((await attempt(0, 'kimura', TEST_PASSWORD)).statusCode).toBe(303);
    expect((await attempt(1, 'kimura', TEST_PASSWORD)).statusCode).toBe(303);
    // The block lifts for both when the window has passed, and the expired rows are gone.
    t.clock.advance(15 * MINUTE + 1);
    expect((await attempt(1, 'watanabe', TEST_PASSWORD)).statusCode).toBe(303);
    expect(await t.app.db.loginFailure.count()).toBe(0);
  });

  test('guesses sent all at once to both instances share the limit: 5 are checked, 25 refused', async () => {
    const forms = await Promise.all(Array.from({ length: 30 }, (_, i) => openLoginForm(instances()[i % 2]!, { remoteAddress: `10.1.0.${i + 1}` })));
    const res = await Promise.all(forms.map((f, i) => postLoginForm(instances()[i % 2]!, f, 'watanabe', `wrong-${i}`, `10.1.0.${i + 1}`)));
    expect(res.filter((r) => r.statusCode === 401)).toHaveLength(5);
    expect(res.filter((r) => r.statusCode === 429)).toHaveLength(25);
    const reasons = (await t.app.db.auditLog.findMany({ where: { action: 'login.failure' } })).map((r) => JSON.parse(r.detail ?? '{}').reason);
    expect(reasons.filter((r) => r === 'badPassword')).toHaveLength(5);
    expect(await t.app.db.loginFailure.count({ where: { key: 'login:watanabe' } })).toBe(5);
  });

  test('twenty failures from one IP over both instances block that IP on both', async () => {
    for (let i = 0; i < 20; i++) expect((await attempt(i % 2, `guess${i}`, 'wrong', '192.0.2.7')).statusCode).toBe(401);
    expect((await attempt(0, 'kimura', TEST_PASSWORD, '192.0.2.7')).statusCode).toBe(429);
    expect((await attempt(1, 'kimura', TEST_PASSWORD, '192.0.2.7')).statusCode).toBe(429);
    expect((await attempt(1, 'kimura', TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(303);
  });

  test('a success on one instance clears the login id count the other one sees, and is not counted against its IP', async () => {
    for (let i = 0; i < 4; i++) await attempt(0, 'watanabe', 'wrong');
    expect((await attempt(1, 'watanabe', TEST_PASSWORD)).statusCode).toBe(303);
    for (let i = 0; i < 4; i++) expect((await attempt(0, 'watanabe', 'wrong')).statusCode).toBe(401);
    expect((await attempt(0, 'watanabe', TEST_PASSWORD)).statusCode).toBe(303);
    // Only the failures remain: the 8 wrong passwords from 10.0.0.1; none for the login id, none from 10.0.0.2.
    const rows = await t.app.db.loginFailure.findMany();
    expect(rows.map((r) => r.key)).toEqual(Array(8).fill('ip:10.0.0.1'));
  });
});
