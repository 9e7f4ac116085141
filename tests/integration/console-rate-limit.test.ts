// Under test: login rate limiting through app.inject on the real app and a temp SQLite file — 5 failures per
// login id or 20 per IP in 15 minutes, then 429 with a Japanese message and Retry-After even for the right
// password; a success resets the login id's count. Faked: the clock (FakeClock) and the client IP (inject's
// remoteAddress); the LINE messenger is unused.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../src/console/session-cookie';
import { createStaff, openLoginForm, postLoginForm, setCookieValue, submitLogin, TEST_PASSWORD } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

const MINUTE = 60 * 1000;

describe('console login rate limiting', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await createStaff(t.app.db, { role: 'admin', loginId: 'watanabe' });
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'kimura' });
  });
  afterEach(async () => {
    await t?.close();
  });

  const attempt = (loginId: string, password: string, remoteAddress = '10.0.0.1') => submitLogin(t.app.server, loginId, password, { remoteAddress });

  test('after 5 failures for one login id the 6th attempt gets 429, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('watanabe', `wrong-${i}`)).statusCode).toBe(401);
    const res = await attempt('watanabe', TEST_PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBe(15 * 60);
    expect(res.body).toContain('ログインの失敗が続いたため、一時的にログインを停止しています。');
    expect(setCookieValue(res.headers['set-cookie'], SESSION_COOKIE)).toBeUndefined();
    // The limit is per login id: from another IP it still holds; another account is unaffected.
    expect((await attempt('watanabe', TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(429);
    expect((await attempt('kimura', TEST_PASSWORD)).statusCode).toBe(303);
  });

  test('the block lifts when the oldest failure leaves the 15-minute window', async () => {
    await attempt('watanabe', 'wrong');
    t.clock.advance(5 * MINUTE);
    for (let i = 0; i < 4; i++) await attempt('watanabe', 'wrong');
    t.clock.advance(9 * MINUTE);
    const blocked = await attempt('watanabe', TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBe(60);
    t.clock.advance(MINUTE);
    expect((await attempt('watanabe', TEST_PASSWORD)).statusCode).toBe(303);
  });

  test('a successful login resets the login id count', async () => {
    for (let i = 0; i < 4; i++) await attempt('watanabe', 'wrong');
    expect((await attempt('watanabe', TEST_PASSWORD)).statusCode).toBe(303);
    for (let i = 0; i < 4; i++) expect((await attempt('watanabe', 'wrong')).statusCode).toBe(401);
    expect((await attempt('watanabe', TEST_PASSWORD)).statusCode).toBe(303);
  });

  test('after 20 failures from one IP, that IP is refused for every account; other IPs are not', async () => {
    for (let i = 0; i < 20; i++) expect((await attempt(`guess${i}`, 'wrong', '192.0.2.7')).statusCode).toBe(401);
    expect((await attempt('kimura', TEST_PASSWORD, '192.0.2.7')).statusCode).toBe(429);
    expect((await attempt('kimura', TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(303);
  });

  test('refused attempts are audited as failures with the reason, never with the password', async () => {
    for (let i = 0; i < 6; i++) await attempt('watanabe', `secret-attempt-${i}`);
    const rows = await t.app.db.auditLog.findMany({ where: { action: 'login.failure' }, orderBy: { at: 'asc' } });
    expect(rows).toHaveLength(6);
    // All six share the fake clock's instant, so compare as a sorted list.
    expect(rows.map((r) => JSON.parse(r.detail ?? '{}').reason).sort()).toEqual([...Array(5).fill('badPassword'), 'rateLimited']);
    expect(rows.every((r) => JSON.parse(r.detail ?? '{}').loginId === 'watanabe')).toBe(true);
    expect(rows.every((r) => r.ip === '10.0.0.1')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('secret-attempt');
  });

  test('guesses sent all at once share the limit: only 5 are checked, the rest get 429 without a password check', async () => {
    // Each from its own IP, so only the per-login limit applies; forms are opened first, then all are posted together.
    const forms = await Promise.all(Array.from({ length: 30 }, (_, i) => openLoginForm(t.app.server, { remoteAddress: `10.1.0.${i + 1}` })));
    const res = await Promise.all(forms.map((f, i) => postLoginForm(t.app.server, f, 'watanabe', `wrong-${i}`, `10.1.0.${i + 1}`)));
    expect(res.filter((r) => r.statusCode === 401)).toHaveLength(5);
    expect(res.filter((r) => r.statusCode === 429)).toHaveLength(25);
    const reasons = (await t.app.db.auditLog.findMany({ where: { action: 'login.failure' } })).map((r) => JSON.parse(r.detail ?? '{}').reason);
    expect(reasons.filter((r) => r === 'badPassword')).toHaveLength(5);
    // And the right password is refused too until the window passes.
    expect((await attempt('watanabe', TEST_PASSWORD)).statusCode).toBe(429);
  });

  test('a success is not counted against its IP', async () => {
    for (let i = 0; i < 19; i++) await attempt(`guess${i}`, 'wrong', '192.0.2.9');
    for (let i = 0; i < 3; i++) expect((await attempt('kimura', TEST_PASSWORD, '192.0.2.9')).statusCode).toBe(303);
    expect((await attempt('guess-last', 'wrong', '192.0.2.9')).statusCode).toBe(401);
    expect((await attempt('kimura', TEST_PASSWORD, '192.0.2.9')).statusCode).toBe(429);
  });
});

describe('behind a reverse proxy', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  let n = 0;
  // A different login id each time, so only the per-IP limit is in play.
  const attemptVia = (remoteAddress: string, forwardedFor: string) => submitLogin(t.app.server, `nobody${n++}`, 'wrong', { remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });
  const auditedIps = async () => (await t.app.db.auditLog.findMany({ where: { action: 'login.failure' } })).map((r) => r.ip).sort();

  test('with TRUST_PROXY, the client address the proxy forwards is audited and limited; others cannot claim one', async () => {
    t = await createTestApp({ TRUST_PROXY: '127.0.0.1' });
    await attemptVia('127.0.0.1', '203.0.113.5');
    // Not from the proxy: X-Forwarded-For is ignored, so a client cannot pick the address it is counted under.
    await attemptVia('198.51.100.7', '203.0.113.99');
    expect(await auditedIps()).toEqual(['198.51.100.7', '203.0.113.5']);
    // Twenty failures from one client behind the proxy block that client, not everyone behind the proxy.
    for (let i = 0; i < 19; i++) await attemptVia('127.0.0.1', '203.0.113.5');
    expect((await attemptVia('127.0.0.1', '203.0.113.5')).statusCode).toBe(429);
    expect((await attemptVia('127.0.0.1', '203.0.113.6')).statusCode).toBe(401);
  });

  test('without it, the forwarded address is not believed', async () => {
    t = await createTestApp();
    await attemptVia('127.0.0.1', '203.0.113.5');
    expect(await auditedIps()).toEqual(['127.0.0.1']);
  });
});
