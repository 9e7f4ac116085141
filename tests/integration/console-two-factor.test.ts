// Under test: two-factor sign-in through app.inject on the real app and a temp SQLite file — an admin without it
// is held on the enrolment page until it is on; a session waiting for its code opens nothing else; a code is
// refused when replayed in its step, wrong codes count in the login limits, a recovery code works once; an admin
// resets another member's two-factor; the secret is sealed at rest and no audit row holds a secret or a code.
// Faked: the clock (FakeClock) and the LINE messenger (unused).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../src/console/session-cookie';
import { createStaff, loginAs, openLoginForm, pageCsrfToken, postForm, setCookieValue, submitCode, submitLogin, TEST_PASSWORD, TEST_TOTP_SECRET, totpAt, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

const KEY = 'a-test-key-of-at-least-thirty-two-characters';

/** The password step alone (as a browser posts it), giving the waiting session's cookie. */
async function passwordOnly(t: TestApp, loginId: string): Promise<string> {
  const form = await openLoginForm(t.app.server);
  const res = await t.app.server.inject({
    method: 'POST',
    url: '/console/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    payload: new URLSearchParams({ loginId, password: TEST_PASSWORD, _csrf: form.loginCsrf }).toString(),
  });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/console/login/code');
  return `${SESSION_COOKIE}=${setCookieValue(res.headers['set-cookie'], SESSION_COOKIE)}`;
}

/** A full session from a code step's answer. */
async function sessionOf(t: TestApp, res: { statusCode: number; headers: Record<string, unknown> }): Promise<ConsoleLogin> {
  expect(res.statusCode).toBe(303);
  const token = setCookieValue(res.headers['set-cookie'] as string[], SESSION_COOKIE) as string;
  const home = await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  expect(home.statusCode).toBe(200);
  return { cookie: `${SESSION_COOKIE}=${token}`, token, csrf: pageCsrfToken(home.body) as string };
}

async function auditDetails(t: TestApp): Promise<string> {
  return JSON.stringify(await t.app.db.auditLog.findMany());
}

describe('two-factor sign-in', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ CONSOLE_SECRET_KEY: KEY });
  });
  afterEach(async () => {
    await t?.close();
  });

  test('an admin without two-factor reaches nothing but its enrolment until it is on; recovery codes are shown once', async () => {
    const { member } = await createStaff(t.app.db, { role: 'admin', loginId: 'kanri', twoFactor: false });
    // Signing in without two-factor gives a session; every page but the enrolment sends there.
    const res = await submitLogin(t.app.server, 'kanri', TEST_PASSWORD);
    expect(res.statusCode).toBe(303);
    const cookie = `${SESSION_COOKIE}=${setCookieValue(res.headers['set-cookie'], SESSION_COOKIE)}`;
    for (const url of ['/console', '/console/staff', '/console/audit', '/console/inbox']) {
      const page = await t.app.server.inject({ method: 'GET', url, headers: { cookie } });
      expect([url, page.statusCode, page.headers.location]).toEqual([url, 303, '/console/account/two-factor']);
    }
    const xhr = await t.app.server.inject({ method: 'GET', url: '/console/staff', headers: { cookie, accept: 'application/json' } });
    expect(xhr.statusCode).toBe(403);

    const setup = await t.app.server.inject({ method: 'GET', url: '/console/account/two-factor', headers: { cookie } });
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toContain('管理者は二段階認証が必要です');
    expect(setup.body).toContain('src="data:image/png;base64,');
    const secret = (/id="tf-secret">([^<]+)</.exec(setup.body)?.[1] ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Sealed at rest: the stored value is not the secret.
    const row = await t.app.db.staffTwoFactor.findUniqueOrThrow({ where: { staffId: member.id } });
    expect(row.secret.startsWith('v1:')).toBe(true);
    expect(row.secret).not.toContain(secret);
    expect(row.enabledAt).toBeNull();

    const csrf = pageCsrfToken(setup.body) as string;
    const post = (code: string) => postForm(t.app.server, { cookie, csrf, token: '' }, '/console/account/two-factor/confirm', { code });
    expect((await post('000000')).statusCode).toBe(400);
    const done = await post(totpAt(t.clock.now(), secret));
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{2})<\/code><\/li>/g)].map((m) => m[1] as string);
    expect(codes).toHaveLength(10);
    expect(await t.app.db.staffRecoveryCode.count({ where: { staffId: member.id } })).toBe(10);
    expect(JSON.stringify(await t.app.db.staffRecoveryCode.findMany())).not.toContain(codes[0]);

    expect((await t.app.server.inject({ method: 'GET', url: '/console/staff', headers: { cookie } })).statusCode).toBe(200);
    // The secret is never shown again.
    const after = await t.app.server.inject({ method: 'GET', url: '/console/account/two-factor', headers: { cookie } });
    expect(after.body).not.toContain(secret.slice(0, 4) + ' ' + secret.slice(4, 8));
    expect(after.body).toContain('使える予備コード');
    expect(await t.app.db.auditLog.count({ where: { action: 'staff.twoFactor.enrol', staffId: member.id } })).toBe(1);
    const audit = await auditDetails(t);
    expect(audit).not.toContain(secret);
    for (const c of codes) expect(audit).not.toContain(c);
  });

  test('a session waiting for its code opens nothing else; a code is refused when replayed in its step', async () => {
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'sato', twoFactor: true });
    const waiting = await passwordOnly(t, 'sato');
    for (const url of ['/console', '/console/inbox', '/console/account/two-factor']) {
      const page = await t.app.server.inject({ method: 'GET', url, headers: { cookie: waiting } });
      expect([url, page.statusCode, page.headers.location]).toEqual([url, 303, '/console/login/code']);
    }
    expect((await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: waiting, accept: 'application/json' } })).statusCode).toBe(401);

    const code = totpAt(t.clock.now());
    const login = await sessionOf(t, await submitCode(t.app.server, waiting, code));
    expect(await t.app.db.staffSession.count()).toBe(1); // the waiting session was replaced
    await postForm(t.app.server, login, '/console/logout');

    // The same code again in its step: refused (replay). The next step's code works.
    const again = await passwordOnly(t, 'sato');
    const replay = await submitCode(t.app.server, again, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('コードが正しくありません');
    t.clock.advance(30_000);
    await sessionOf(t, await submitCode(t.app.server, again, totpAt(t.clock.now())));
    const failures = await t.app.db.auditLog.findMany({ where: { action: 'login.failure' } });
    expect(failures.map((f) => JSON.parse(f.detail ?? '{}').reason)).toEqual(['badCode']);
    const audit = await auditDetails(t);
    expect(audit).not.toContain(TEST_TOTP_SECRET);
    expect(audit).not.toContain(code);
  });

  test('a code of the step before or after is accepted; wrong codes count in the login limits', async () => {
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'kimura', twoFactor: true });
    await sessionOf(t, await submitCode(t.app.server, await passwordOnly(t, 'kimura'), totpAt(new Date(t.clock.now().getTime() - 30_000))));
    const waiting = await passwordOnly(t, 'kimura');
    for (let i = 0; i < 5; i++) expect((await submitCode(t.app.server, waiting, String(100000 + i))).statusCode).toBe(401);
    const blocked = await submitCode(t.app.server, waiting, totpAt(new Date(t.clock.now().getTime() + 30_000)));
    expect(blocked.statusCode).toBe(429);
    expect(await t.app.db.staffSession.count({ where: { pendingSecondFactor: false } })).toBe(1); // only the first sign-in's
    // The password step is refused as well while the login id is blocked.
    expect((await submitLogin(t.app.server, 'kimura', TEST_PASSWORD)).statusCode).toBe(429);
  });

  test('a recovery code signs in once, and is audited without the code', async () => {
    const { member } = await createStaff(t.app.db, { role: 'counsellor', loginId: 'ito', twoFactor: false });
    const login = await sessionOf(t, await submitLogin(t.app.server, 'ito', TEST_PASSWORD));
    const setup = await t.app.server.inject({ method: 'GET', url: '/console/account/two-factor', headers: { cookie: login.cookie } });
    const secret = (/id="tf-secret">([^<]+)</.exec(setup.body)?.[1] ?? '').replace(/\s/g, '');
    const done = await postForm(t.app.server, { ...login, csrf: pageCsrfToken(setup.body) as string }, '/console/account/two-factor/confirm', { code: totpAt(t.clock.now(), secret) });
    const codes = [...done.body.matchAll(/<li><code>([a-z2-7-]+)<\/code><\/li>/g)].map((m) => m[1] as string);
    expect(codes).toHaveLength(10);

    const used = codes[3] as string;
    await sessionOf(t, await submitCode(t.app.server, await passwordOnly(t, 'ito'), used.toUpperCase()));
    expect((await submitCode(t.app.server, await passwordOnly(t, 'ito'), used)).statusCode).toBe(401);
    const rows = await t.app.db.auditLog.findMany({ where: { action: 'staff.twoFactor.recoveryUsed' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ staffId: member.id, subjectId: member.id });
    expect(JSON.parse(rows[0]?.detail ?? '{}')).toEqual({ left: 9 });
    const success = await t.app.db.auditLog.findMany({ where: { action: 'login.success', staffId: member.id } });
    expect(success.map((r) => JSON.parse(r.detail ?? '{}').secondFactor).sort()).toEqual([undefined, 'recovery'].sort());
    const audit = await auditDetails(t);
    for (const c of codes) expect(audit).not.toContain(c);
  });

  test('turning it off and new recovery codes need the password or a code', async () => {
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'mori', twoFactor: true });
    const login = await sessionOf(t, await submitCode(t.app.server, await passwordOnly(t, 'mori'), totpAt(t.clock.now())));
    const page = await t.app.server.inject({ method: 'GET', url: '/console/account/two-factor', headers: { cookie: login.cookie } });
    const csrf = pageCsrfToken(page.body) as string;
    expect((await postForm(t.app.server, { ...login, csrf }, '/console/account/two-factor/recovery-codes', { proof: 'not my password' })).statusCode).toBe(400);
    const renewed = await postForm(t.app.server, { ...login, csrf }, '/console/account/two-factor/recovery-codes', { proof: TEST_PASSWORD });
    expect(renewed.statusCode).toBe(200);
    expect(await t.app.db.staffRecoveryCode.count()).toBe(10);
    expect((await postForm(t.app.server, { ...login, csrf }, '/console/account/two-factor/disable', { proof: '123456' })).statusCode).toBe(400);
    t.clock.advance(30_000);
    const off = await postForm(t.app.server, { ...login, csrf }, '/console/account/two-factor/disable', { proof: totpAt(t.clock.now()) });
    expect(off.statusCode).toBe(303);
    expect(await t.app.db.staffTwoFactor.count()).toBe(0);
    expect(await t.app.db.staffRecoveryCode.count()).toBe(0);
    expect(await t.app.db.auditLog.count({ where: { action: { in: ['staff.twoFactor.recoveryCodes', 'staff.twoFactor.disable'] } } })).toBe(2);
    // Signing in is the password alone again.
    expect((await submitLogin(t.app.server, 'mori', TEST_PASSWORD)).headers.location).toBe('/console');
  });

  test('an admin resets another member’s two-factor (sessions end, audited); not their own', async () => {
    const admin = await loginAs(t.app, 'admin');
    const { member } = await createStaff(t.app.db, { role: 'coordinator', loginId: 'tanaka', twoFactor: true });
    const theirs = await sessionOf(t, await submitCode(t.app.server, await passwordOnly(t, 'tanaka'), totpAt(t.clock.now())));
    const list = await t.app.server.inject({ method: 'GET', url: `/console/staff/${member.id}`, headers: { cookie: admin.cookie } });
    expect(list.body).toContain('設定済み');
    const res = await postForm(t.app.server, admin, `/console/staff/${member.id}/two-factor/reset`);
    expect(res.statusCode).toBe(303);
    expect(await t.app.db.staffTwoFactor.count({ where: { staffId: member.id } })).toBe(0);
    expect((await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: theirs.cookie } })).statusCode).toBe(303);
    const row = await t.app.db.auditLog.findFirstOrThrow({ where: { action: 'staff.twoFactor.reset' } });
    expect(row).toMatchObject({ staffId: admin.member.id, subjectId: member.id });
    expect(JSON.parse(row.detail ?? '{}')).toEqual({ loginId: 'tanaka', wasOn: true, sessionsEnded: 1 });
    // The member signs in with the password alone now.
    expect((await submitLogin(t.app.server, 'tanaka', TEST_PASSWORD)).headers.location).toBe('/console');
    const self = await postForm(t.app.server, admin, `/console/staff/${admin.member.id}/two-factor/reset`);
    expect(self.statusCode).toBe(409);
    expect(await t.app.db.staffTwoFactor.count({ where: { staffId: admin.member.id } })).toBe(1);
  });
});
