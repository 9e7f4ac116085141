// Under test: console session lifetime through app.inject on the real app and a temp SQLite file — 30 min
// idle timeout, 8 h absolute limit, expired sessions deleted, deactivated members signed out. Faked: the clock
// (FakeClock, advanced by the test) and the LINE messenger (unused).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hashToken } from '../../src/console/console-sessions';
import { createStaff, loginViaInject, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

const MINUTE = 60 * 1000;

describe('console session lifetime', () => {
  let t: TestApp;
  let login: ConsoleLogin;
  let staffId: string;
  beforeEach(async () => {
    t = await createTestApp();
    const { member } = await createStaff(t.app.db, { role: 'counsellor', loginId: 'nakamura' });
    staffId = member.id;
    login = await loginViaInject(t.app, 'nakamura');
  });
  afterEach(async () => {
    await t?.close();
  });

  const open = () => t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: login.cookie } });
  const stored = () => t.app.db.staffSession.findUnique({ where: { id: hashToken(login.token) } });

  test('a session idle for 30 minutes is refused and deleted', async () => {
    t.clock.advance(29 * MINUTE);
    expect((await open()).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE);
    const res = await open();
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/login');
    expect(res.headers['set-cookie']).toBeDefined(); // the dead cookie is cleared
    expect(await stored()).toBeNull();
  });

  test('activity keeps a session alive past 30 minutes from login', async () => {
    for (let i = 0; i < 4; i++) {
      t.clock.advance(20 * MINUTE);
      expect((await open()).statusCode).toBe(200);
    }
    const row = await stored();
    expect(row?.lastSeenAt.getTime()).toBe(t.clock.now().getTime());
  });

  test('a session ends 8 hours after login however active it is', async () => {
    for (let elapsed = 0; elapsed < 8 * 60 - 20; elapsed += 20) {
      t.clock.advance(20 * MINUTE);
      expect((await open()).statusCode).toBe(200);
    }
    // 7 h 40 min so far; the idle deadline is 8 h 10 min but the absolute one is 8 h.
    expect((await stored())?.expiresAt.getTime()).toBe(t.clock.now().getTime() + 20 * MINUTE);
    t.clock.advance(20 * MINUTE);
    expect((await open()).statusCode).toBe(303);
    expect(await stored()).toBeNull();
  });

  test('expired sessions of others are swept at the next login', async () => {
    await createStaff(t.app.db, { role: 'admin', loginId: 'later' });
    t.clock.advance(31 * MINUTE);
    await loginViaInject(t.app, 'later');
    expect(await stored()).toBeNull();
    expect(await t.app.db.staffSession.count()).toBe(1);
  });

  test('deactivating a member ends their open session on the next request', async () => {
    await t.app.db.staffUser.update({ where: { id: staffId }, data: { active: false } });
    expect((await open()).statusCode).toBe(303);
    expect(await stored()).toBeNull();
  });

  test('a forged or malformed cookie is treated as anonymous', async () => {
    for (const cookie of ['tsunagu_session=' + 'A'.repeat(43), 'tsunagu_session=short', `tsunagu_session=${hashToken(login.token)}`]) {
      expect((await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie } })).statusCode).toBe(303);
    }
  });
});
