/**
 * Signs in to a running service's console over HTTP (password, then the authenticator code), by default as the
 * growth seed's admin, and times pages with the session cookie. Cookies are handled by hand: one session cookie.
 * Shared by bench:growth and bench:memory.
 */
import { totpAt } from '../../tests/helpers/console';
import { BENCH_ADMIN, BENCH_TOTP_SECRET } from './seed';

/** Who signs in: the login, the password and the secret of their authenticator. */
export interface ConsoleAccount {
  loginId: string;
  password: string;
  totpSecret: string;
}

const cookieOf = (res: Response, name: string): string | undefined => {
  for (const line of res.headers.getSetCookie()) if (line.startsWith(`${name}=`)) return line.slice(name.length + 1).split(';')[0];
  return undefined;
};
const csrfOf = (html: string): string | undefined => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** Signs in and returns the Cookie header of the full session. */
export async function signIn(base: string, account: ConsoleAccount = { ...BENCH_ADMIN, totpSecret: BENCH_TOTP_SECRET }): Promise<string> {
  const form = await fetch(`${base}/console/login`);
  const loginCsrf = cookieOf(form, 'tsunagu_login_csrf');
  const token = csrfOf(await form.text());
  if (!loginCsrf || !token) throw new Error(`login page answered ${form.status} without its CSRF token`);
  const posted = await fetch(`${base}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `tsunagu_login_csrf=${loginCsrf}` },
    body: new URLSearchParams({ loginId: account.loginId, password: account.password, _csrf: token }).toString(),
  });
  await posted.arrayBuffer();
  const pending = cookieOf(posted, 'tsunagu_session');
  if (posted.status !== 303 || !pending) throw new Error(`login answered ${posted.status}`);
  const cookie = `tsunagu_session=${pending}`;
  if (!(posted.headers.get('location') ?? '').startsWith('/console/login/code')) return cookie;
  const page = await fetch(`${base}/console/login/code`, { headers: { cookie } });
  const codeCsrf = csrfOf(await page.text());
  if (!codeCsrf) throw new Error(`the code page answered ${page.status} without its CSRF token`);
  const code = totpAt(new Date(), account.totpSecret);
  const done = await fetch(`${base}/console/login/code`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ code, _csrf: codeCsrf, next: '' }).toString(),
  });
  await done.arrayBuffer();
  const full = cookieOf(done, 'tsunagu_session');
  if (done.status !== 303) throw new Error(`the code answered ${done.status}`);
  return `tsunagu_session=${full ?? pending}`;
}

/** One GET: status, milliseconds until the whole body was read, and its size in bytes. */
export async function timeGet(base: string, path: string, cookie: string): Promise<{ status: number; ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(base + path, { headers: { cookie }, redirect: 'manual' });
  const body = await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0, bytes: body.byteLength };
}
