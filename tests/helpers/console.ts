// Helpers for console tests: staff accounts written straight to the test database, and a login through the
// real login form with app.inject, giving the cookie and CSRF token later requests need.
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import type { Clock } from '../../src/domain/ports';
import { SecretBox } from '../../src/infra/secret-box';
import { systemClock } from '../../src/infra/system';
import type { StaffMember, StaffRole } from '../../src/domain/staff';
import type { Db } from '../../src/infra/prisma/database';
import { Argon2PasswordHasher } from '../../src/infra/argon2-password-hasher';
import { PrismaStaffStore } from '../../src/infra/prisma/prisma-staff-store';
import { hashToken } from '../../src/console/console-sessions';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE } from '../../src/console/session-cookie';

/** The password {@link createStaff} gives when none is passed. */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Hashes in tests use a small Argon2id cost so each login takes a millisecond, not 40; the app verifies with
 * the parameters stored in the hash, so this exercises the same code path.
 */
const cheapHasher = new Argon2PasswordHasher({ memoryKiB: 1024, passes: 1, parallelism: 1 });

/**
 * The authenticator secret of every test account created with two-factor sign-in on (admins, by default: admins
 * must have it). The helpers below type its current code, computed at the app's own clock.
 */
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** The current code for `secret` at `at` (what the member's authenticator app shows). */
export function totpAt(at: Date, secret: string = TEST_TOTP_SECRET): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });
}

/** The clock and database of each app the test helpers built (for typing a code at the app's time). */
const apps = new WeakMap<FastifyInstance, { clock: Clock; db: Db }>();
let lastApp: { clock: Clock; db: Db } | undefined;

/** Notes an app's clock and database for the sign-in helpers (the app-building helpers call this). */
export function rememberApp(app: { server: FastifyInstance; db: Db; deps: { clock: Clock } }): void {
  lastApp = { clock: app.deps.clock, db: app.db };
  apps.set(app.server, lastApp);
}

/**
 * The code a test account types now, at its app's clock (the real time for an app the helpers did not build).
 * Tests sign the same account in many times at one frozen FakeClock instant; the step the last code was used
 * for is forgotten first, as a new step would on a real clock (the replay guard has its own tests).
 */
async function currentTestCode(loginId: string, app: { clock: Clock; db: Db } | undefined): Promise<string> {
  await app?.db.staffTwoFactor.updateMany({ where: { staff: { loginId: loginId.trim().toLowerCase() } }, data: { lastStep: 0 } });
  return totpAt((app?.clock ?? systemClock).now());
}

let counter = 0;

/**
 * Creates an active staff account with `role` directly in the database; admins (or anyone with `twoFactor: true`)
 * with two-factor sign-in on, secret {@link TEST_TOTP_SECRET}.
 */
export async function createStaff(
  db: Db,
  opts: { role: StaffRole; loginId?: string; displayName?: string; teams?: string[]; password?: string; active?: boolean; twoFactor?: boolean },
): Promise<{ member: StaffMember; password: string }> {
  counter += 1;
  const password = opts.password ?? TEST_PASSWORD;
  const store = new PrismaStaffStore(db);
  const member = await store.create(
    {
      loginId: opts.loginId ?? `${opts.role}${counter}`,
      displayName: opts.displayName ?? `テスト職員${counter}`,
      role: opts.role,
      teams: opts.teams ?? [],
      passwordHash: await cheapHasher.hash(password),
    },
    new Date(),
  );
  if (opts.twoFactor ?? opts.role === 'admin') {
    const secret = new SecretBox(undefined).seal(TEST_TOTP_SECRET, member.id);
    await db.staffTwoFactor.create({ data: { staffId: member.id, secret, enabledAt: new Date(0), createdAt: new Date(0) } });
  }
  if (opts.active === false) {
    await db.staffUser.update({ where: { id: member.id }, data: { active: false } });
    return { member: { ...member, active: false }, password };
  }
  return { member, password };
}

/** A signed-in console session: send `cookie` as the Cookie header, and `csrf` with every write. */
export interface ConsoleLogin {
  /** `tsunagu_session=<token>`, ready for a Cookie header. */
  cookie: string;
  /** The session's CSRF token (form field `_csrf` or header `x-csrf-token`). */
  csrf: string;
  /** The raw session token. */
  token: string;
}

/** The value of cookie `name` from a response's Set-Cookie headers (undefined if not set). */
export function setCookieValue(setCookie: string | string[] | undefined, name: string): string | undefined {
  const all = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const line = all.find((c) => c.startsWith(`${name}=`));
  return line ? decodeURIComponent(line.slice(name.length + 1).split(';')[0] ?? '') : undefined;
}

/** The full Set-Cookie line for cookie `name`. */
export function setCookieLine(setCookie: string | string[] | undefined, name: string): string | undefined {
  const all = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return all.find((c) => c.startsWith(`${name}=`));
}

/** The CSRF token a console page carries for its forms (the first `_csrf` field, as the browser would send it). */
export function pageCsrfToken(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** Opens the login page and returns the login form's CSRF token and the cookie (holding its secret) to send with it. */
export async function openLoginForm(server: FastifyInstance, opts: { remoteAddress?: string } = {}): Promise<{ loginCsrf: string; cookie: string }> {
  const res = await server.inject({ method: 'GET', url: '/console/login', ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}) });
  const secret = setCookieValue(res.headers['set-cookie'], LOGIN_CSRF_COOKIE);
  const loginCsrf = pageCsrfToken(res.body);
  if (res.statusCode !== 200 || !secret || !loginCsrf) throw new Error(`login page answered ${res.statusCode} without a login CSRF cookie and token`);
  return { loginCsrf, cookie: `${LOGIN_CSRF_COOKIE}=${secret}` };
}

/** Posts a login form opened earlier (`openLoginForm`) with a login id and password; the raw response. */
export function postLoginForm(server: FastifyInstance, form: { loginCsrf: string; cookie: string }, loginId: string, password: string, remoteAddress: string) {
  return server.inject({
    method: 'POST',
    url: '/console/login',
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: form.cookie },
    payload: new URLSearchParams({ loginId, password, _csrf: form.loginCsrf }).toString(),
  });
}

/**
 * Submits the login form (after opening it) and returns the raw response. For an account with two-factor sign-in
 * on, the password's answer sends to the code page: the current code is typed there too, and the code page's
 * answer returned (the full session's cookie, and where the login goes).
 */
export async function submitLogin(
  server: FastifyInstance,
  loginId: string,
  password: string,
  opts: { remoteAddress?: string; next?: string; extraCookie?: string; headers?: Record<string, string> } = {},
) {
  const form = await openLoginForm(server, opts);
  const body = new URLSearchParams({ loginId, password, _csrf: form.loginCsrf, ...(opts.next ? { next: opts.next } : {}) });
  const res = await server.inject({
    method: 'POST',
    url: '/console/login',
    headers: { ...opts.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: [form.cookie, opts.extraCookie].filter(Boolean).join('; ') },
    payload: body.toString(),
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
  });
  const codePage = res.statusCode === 303 ? String(res.headers.location ?? '') : '';
  if (!codePage.startsWith('/console/login/code')) return res;
  const pending = `${SESSION_COOKIE}=${setCookieValue(res.headers['set-cookie'], SESSION_COOKIE) ?? ''}`;
  return submitCode(server, pending, await currentTestCode(loginId, apps.get(server)), { next: new URL(codePage, 'http://x').searchParams.get('next') ?? '', ...opts });
}

/** Opens the code page with the waiting session's cookie and submits `code`; returns the raw response. */
export async function submitCode(server: FastifyInstance, cookie: string, code: string, opts: { next?: string; remoteAddress?: string; headers?: Record<string, string> } = {}) {
  const remote = opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {};
  const page = await server.inject({ method: 'GET', url: '/console/login/code', headers: { cookie }, ...remote });
  const csrf = pageCsrfToken(page.body);
  if (page.statusCode !== 200 || !csrf) throw new Error(`the code page answered ${page.statusCode} without a CSRF token`);
  return server.inject({
    method: 'POST',
    url: '/console/login/code',
    headers: { ...opts.headers, 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: new URLSearchParams({ code, _csrf: csrf, next: opts.next ?? '' }).toString(),
    ...remote,
  });
}

/** Logs in through the login form with app.inject, and reads the session's CSRF token from the landing page. Throws unless the login succeeds. */
export async function loginViaInject(app: { server: FastifyInstance; db: Db }, loginId: string, password: string = TEST_PASSWORD): Promise<ConsoleLogin> {
  const res = await submitLogin(app.server, loginId, password);
  const token = setCookieValue(res.headers['set-cookie'], SESSION_COOKIE);
  if (res.statusCode !== 303 || !token) throw new Error(`login as ${loginId} failed: ${res.statusCode}`);
  await app.db.staffSession.findUniqueOrThrow({ where: { id: hashToken(token) } });
  const home = await app.server.inject({ method: 'GET', url: '/console', headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  const csrf = pageCsrfToken(home.body);
  if (!csrf) throw new Error(`the landing page after logging in as ${loginId} carries no CSRF token (${home.statusCode})`);
  return { cookie: `${SESSION_COOKIE}=${token}`, csrf, token };
}

/** Creates a member with `role` and logs them in. */
export async function loginAs(app: { server: FastifyInstance; db: Db }, role: StaffRole, opts: { displayName?: string; teams?: string[] } = {}) {
  const { member, password } = await createStaff(app.db, { role, ...opts });
  return { member, ...(await loginViaInject(app, member.loginId, password)) };
}

/**
 * In a real browser: opens `url` (a console page), signs in on the login page it is sent to, and waits for the
 * page's heading `landing` after the redirect back.
 */
export async function signInThroughPage(page: Page, url: string, loginId: string, landing: string, password: string = TEST_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await typeCodeIfAsked(page, loginId);
  await page.getByRole('heading', { name: landing }).waitFor();
}

/** In a real browser, after the password: when the code page opens, types the account's current code. */
async function typeCodeIfAsked(page: Page, loginId: string): Promise<void> {
  await page.waitForURL((u) => u.pathname !== '/console/login');
  if (new URL(page.url()).pathname !== '/console/login/code') return;
  await page.getByLabel('確認コード').fill(await currentTestCode(loginId, lastApp));
  await page.getByRole('button', { name: '確認する' }).click();
  await page.waitForURL((u) => u.pathname !== '/console/login/code');
}

/**
 * In a real browser: opens `url` (a console page); when the session has ended and the console sends the page to
 * its login form, signs in again as `loginId` and waits to be back. Returns whether it had to sign in.
 */
export async function openConsolePage(page: Page, url: string, loginId: string, password: string = TEST_PASSWORD): Promise<boolean> {
  await page.goto(url);
  if (new URL(page.url()).pathname !== '/console/login') return false;
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await typeCodeIfAsked(page, loginId);
  return true;
}

/** Submits a console form as a browser does: the session cookie, the CSRF token and the same-origin header (fields may repeat). */
export function postForm(server: FastifyInstance, login: ConsoleLogin, url: string, fields: Array<[string, string]> | Record<string, string> = []) {
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  return server.inject({
    method: 'POST',
    url,
    headers: { cookie: login.cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:80' },
    payload: new URLSearchParams([['_csrf', login.csrf], ...pairs]).toString(),
  });
}
