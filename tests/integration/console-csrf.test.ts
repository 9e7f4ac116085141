// Under test: CSRF protection of console writes through app.inject on the real app and a temp SQLite file —
// the per-session token as form field or header, and the Origin / Sec-Fetch-Site checks. Faked: the clock
// (FakeClock) and the LINE messenger (unused). POST /console/logout stands for any console write.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createStaff, loginViaInject, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('console CSRF protection', () => {
  let t: TestApp;
  let login: ConsoleLogin;
  beforeEach(async () => {
    t = await createTestApp();
    await createStaff(t.app.db, { role: 'coordinator', loginId: 'kobayashi' });
    login = await loginViaInject(t.app, 'kobayashi');
  });
  afterEach(async () => {
    await t?.close();
  });

  const logout = (opts: { form?: string; headers?: Record<string, string> }) =>
    t.app.server.inject({
      method: 'POST',
      url: '/console/logout',
      headers: { cookie: login.cookie, 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
      payload: opts.form ?? '',
    });
  const sessions = () => t.app.db.staffSession.count();

  test('a write without the token gets the 403 page and changes nothing', async () => {
    const res = await logout({});
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('操作を確認できませんでした');
    expect(await sessions()).toBe(1);
  });

  test('a wrong token is refused, in the form or the header', async () => {
    const other = 'A'.repeat(login.csrf.length);
    expect((await logout({ form: `_csrf=${other}` })).statusCode).toBe(403);
    expect((await logout({ headers: { 'x-csrf-token': other } })).statusCode).toBe(403);
    expect(await sessions()).toBe(1);
  });

  test('the token from another session does not work', async () => {
    await createStaff(t.app.db, { role: 'coordinator', loginId: 'other' });
    const theirs = await loginViaInject(t.app, 'other');
    expect((await logout({ form: `_csrf=${encodeURIComponent(theirs.csrf)}` })).statusCode).toBe(403);
  });

  test('the right token works as form field _csrf or header x-csrf-token', async () => {
    expect((await logout({ headers: { 'x-csrf-token': login.csrf } })).statusCode).toBe(303);
    login = await loginViaInject(t.app, 'kobayashi');
    expect((await logout({ form: `_csrf=${encodeURIComponent(login.csrf)}` })).statusCode).toBe(303);
    expect(await sessions()).toBe(0);
  });

  test('a cross-site Origin or Sec-Fetch-Site is refused even with the right token', async () => {
    const form = `_csrf=${encodeURIComponent(login.csrf)}`;
    expect((await logout({ form, headers: { origin: 'https://evil.example' } })).statusCode).toBe(403);
    expect((await logout({ form, headers: { origin: 'null' } })).statusCode).toBe(403);
    expect((await logout({ form, headers: { 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
    expect((await logout({ form, headers: { 'sec-fetch-site': 'same-site' } })).statusCode).toBe(403);
    expect(await sessions()).toBe(1);
    // Same origin, as a browser sends it (inject's Host is localhost:80).
    expect((await logout({ form, headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } })).statusCode).toBe(303);
  });

  test('the login form refuses a cross-site post too', async () => {
    const res = await t.app.server.inject({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: 'loginId=kobayashi&password=x',
    });
    expect(res.statusCode).toBe(403);
  });

  test('a script gets JSON, not a page', async () => {
    const res = await logout({ headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: 'csrf' });
  });

  test('pages carry the token for forms and scripts', async () => {
    const res = await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: login.cookie } });
    // Each page carries a token of the session (freshly salted, so read from the page rather than compared to login.csrf).
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(res.body)?.[1] as string;
    expect(token).toBeTruthy();
    expect(res.body).toContain(`name="_csrf" value="${token}"`);
    expect((await logout({ headers: { 'x-csrf-token': token } })).statusCode).toBe(303);
  });
});
