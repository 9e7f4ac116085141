// Under test: console login and logout through app.inject on the real app and a temp SQLite file — the
// session cookie's flags, the stored token hash, rotation on each login, the login form's CSRF token, `next`,
// and the landing page. Faked: the clock (FakeClock) and the LINE messenger (unused here).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hashToken } from '../../src/console/console-sessions';
import { SESSION_COOKIE } from '../../src/console/session-cookie';
import { createStaff, loginViaInject, openLoginForm, pageCsrfToken, setCookieLine, setCookieValue, submitLogin, TEST_PASSWORD } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('console login', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t?.close();
  });

  test('the login page is Japanese, labelled and sets a login CSRF cookie', async () => {
    const res = await t.app.server.inject({ method: 'GET', url: '/console/login' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<html lang="ja">');
    expect(res.body).toContain('<label for="loginId">ログインID</label>');
    expect(res.body).toContain('<label for="password">パスワード</label>');
    expect(res.body).toMatch(/<main id="main"/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(setCookieLine(res.headers['set-cookie'], 'tsunagu_login_csrf')).toMatch(/HttpOnly/);
  });

  test('a correct login sets an HttpOnly, SameSite=Strict cookie on /console and stores only the token hash', async () => {
    const { member } = await createStaff(t.app.db, { role: 'coordinator', loginId: 'sato', displayName: '佐藤 花子' });
    const res = await submitLogin(t.app.server, 'sato', TEST_PASSWORD);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console');
    const line = setCookieLine(res.headers['set-cookie'], SESSION_COOKIE) ?? '';
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Strict/);
    expect(line).toMatch(/Path=\/console(;|$)/);
    // app.inject talks to "localhost" over http: the one case where Secure is left off (see session-cookie.ts).
    expect(line).not.toMatch(/Secure/);
    const token = setCookieValue(res.headers['set-cookie'], SESSION_COOKIE) as string;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    const rows = await t.app.db.staffSession.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(hashToken(token));
    expect(rows[0]?.id).not.toContain(token);
    expect(rows[0]?.staffId).toBe(member.id);

    const home = await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('佐藤 花子');
    expect(home.body).toContain('コーディネーター');
    expect(home.body).toContain('ログアウト');
  });

  test('the cookie is Secure for any host other than loopback over http', async () => {
    await createStaff(t.app.db, { role: 'admin', loginId: 'suzuki' });
    const form = await t.app.server.inject({ method: 'GET', url: '/console/login', headers: { host: 'console.example-council.jp' } });
    const secret = setCookieValue(form.headers['set-cookie'], 'tsunagu_login_csrf') as string;
    const csrf = pageCsrfToken(form.body) as string;
    expect(setCookieLine(form.headers['set-cookie'], 'tsunagu_login_csrf')).toMatch(/Secure/);
    const res = await t.app.server.inject({
      method: 'POST',
      url: '/console/login',
      headers: { host: 'console.example-council.jp', 'content-type': 'application/x-www-form-urlencoded', cookie: `tsunagu_login_csrf=${secret}` },
      payload: new URLSearchParams({ loginId: 'suzuki', password: TEST_PASSWORD, _csrf: csrf }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(setCookieLine(res.headers['set-cookie'], SESSION_COOKIE)).toMatch(/; Secure/);
  });

  test('a wrong password, an unknown login and an inactive account all get the same 401 and no session', async () => {
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'tanaka' });
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'gone', active: false });
    for (const [loginId, password] of [
      ['tanaka', 'wrong password here'],
      ['nobody', TEST_PASSWORD],
      ['gone', TEST_PASSWORD],
    ] as const) {
      const res = await submitLogin(t.app.server, loginId, password);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('ログインIDまたはパスワードが正しくありません。');
      expect(setCookieValue(res.headers['set-cookie'], SESSION_COOKIE)).toBeUndefined();
    }
    expect(await t.app.db.staffSession.count()).toBe(0);
  });

  test('login ids are case-insensitive', async () => {
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'yamada' });
    expect((await submitLogin(t.app.server, ' Yamada ', TEST_PASSWORD)).statusCode).toBe(303);
  });

  test('a login form without its CSRF token is refused with 403', async () => {
    await createStaff(t.app.db, { role: 'admin', loginId: 'kato' });
    const form = await openLoginForm(t.app.server);
    const body = (csrf: string) => new URLSearchParams({ loginId: 'kato', password: TEST_PASSWORD, _csrf: csrf }).toString();
    const noCookie = await t.app.server.inject({ method: 'POST', url: '/console/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body(form.loginCsrf) });
    expect(noCookie.statusCode).toBe(403);
    const wrong = await t.app.server.inject({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
      payload: body('x'.repeat(43)),
    });
    expect(wrong.statusCode).toBe(403);
    expect(await t.app.db.staffSession.count()).toBe(0);
  });

  test('each login starts a new session and ends the one the browser had (rotation)', async () => {
    await createStaff(t.app.db, { role: 'admin', loginId: 'ito' });
    const first = await loginViaInject(t.app, 'ito');
    const res = await submitLogin(t.app.server, 'ito', TEST_PASSWORD, { extraCookie: first.cookie });
    const second = setCookieValue(res.headers['set-cookie'], SESSION_COOKIE) as string;
    expect(second).toBeTruthy();
    expect(second).not.toBe(first.token);
    expect(await t.app.db.staffSession.findUnique({ where: { id: hashToken(first.token) } })).toBeNull();
    const old = await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: first.cookie } });
    expect(old.statusCode).toBe(303);
  });

  test('next= returns to a console page, and never to another site', async () => {
    await createStaff(t.app.db, { role: 'admin', loginId: 'mori' });
    expect((await submitLogin(t.app.server, 'mori', TEST_PASSWORD, { next: '/console/audit?before=1_x' })).headers.location).toBe('/console/audit?before=1_x');
    for (const next of ['https://evil.example/console', '//evil.example/console', '/consolex', '/console\\..\\evil', '/console/login']) {
      expect((await submitLogin(t.app.server, 'mori', TEST_PASSWORD, { next })).headers.location).toBe('/console');
    }
  });

  test('anonymous page views go to the login page with next=, XHR gets 401 JSON', async () => {
    const page = await t.app.server.inject({ method: 'GET', url: '/console/audit?before=1_x' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/console/login?next=${encodeURIComponent('/console/audit?before=1_x')}`);
    const xhr = await t.app.server.inject({ method: 'GET', url: '/console', headers: { accept: 'application/json' } });
    expect(xhr.statusCode).toBe(401);
    expect(xhr.json()).toEqual({ error: 'unauthenticated', login: '/console/login' });
  });

  test('logout deletes the session, clears the cookie and audits it', async () => {
    const { member } = await createStaff(t.app.db, { role: 'counsellor', loginId: 'abe' });
    const login = await loginViaInject(t.app, 'abe');
    const res = await t.app.server.inject({
      method: 'POST',
      url: '/console/logout',
      headers: { cookie: login.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(login.csrf)}`,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/login');
    expect(setCookieLine(res.headers['set-cookie'], SESSION_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await t.app.db.staffSession.count()).toBe(0);
    expect((await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: login.cookie } })).statusCode).toBe(303);
    expect(await t.app.db.auditLog.count({ where: { action: 'logout', staffId: member.id } })).toBe(1);
  });

  test('the stylesheet is served to anyone; nothing outside the assets folder is', async () => {
    const css = await t.app.server.inject({ method: 'GET', url: '/console/assets/console.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    for (const url of ['/console/assets/..%2Fviews%2Flayout.eta', '/console/assets/%2E%2E%2Flogin-routes.ts', '/console/assets/missing.css', '/console/assets/layout.eta']) {
      expect((await t.app.server.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });

  test('a body the server cannot parse gets the console error page, in Japanese', async () => {
    const res = await t.app.server.inject({ method: 'POST', url: '/console/login', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('送信された内容を処理できませんでした');
  });

  test('a signed-in member opening the login page goes straight to the console', async () => {
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'ueda' });
    const login = await loginViaInject(t.app, 'ueda');
    const res = await t.app.server.inject({ method: 'GET', url: '/console/login', headers: { cookie: login.cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console');
  });
});
