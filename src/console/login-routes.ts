/**
 * `GET/POST /console/login` and `POST /console/logout`. The login form carries its own CSRF token, made from a
 * secret in the form's own cookie (double submit: there is no session yet); failures are counted per login id and
 * per IP (`login-throttle.ts`) and both outcomes are audited with the login id, never the password.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../domain/ports';
import type { AuditLog, PasswordHasher, StaffMember, StaffStore } from '../domain/staff';
import { currentSession, isCsrfRefusal } from './console-guard';
import type { ConsoleSessions } from './console-sessions';
import type { LoginThrottle } from '../domain/login-throttle';
import { sendPage } from './render';
import { clearLoginCsrfCookie, clearSessionCookie, SESSION_COOKIE, setLoginCsrfCookie, setSessionCookie } from './session-cookie';
import { SECOND_FACTOR_PAGE } from './refusals';

const loginBody = z.object({
  loginId: z.string().max(200).default(''),
  password: z.string().max(1024).default(''),
  _csrf: z.string().max(200).default(''),
  next: z.string().max(2000).default(''),
});

/** `next` is honoured only for console paths on this site (no open redirect). */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/console(?:[/?#]|$)/.test(next) || /[\\\s]/.test(next) || next.startsWith('/console/login')) return '/console';
  return next;
}

const BAD_CREDENTIALS = 'ログインIDまたはパスワードが正しくありません。';
const STALE_FORM = '画面の有効期限が切れました。もう一度ログインしてください。';

export function throttledMessage(seconds: number): string {
  return `ログインの失敗が続いたため、一時的にログインを停止しています。約${Math.max(1, Math.ceil(seconds / 60))}分後にもう一度お試しください。`;
}

/** What signing in and out needs. */
export interface LoginDeps {
  staff: StaffStore;
  sessions: ConsoleSessions;
  audit: AuditLog;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  clock: Clock;
  /** Whether the member has two-factor sign-in on: then the password opens only the code page (`second-factor-routes.ts`). */
  twoFactorOn(staffId: string): Promise<boolean>;
}

export const loginRoutes: FastifyPluginAsync<LoginDeps> = async (app, deps) => {
  const { staff, sessions, audit, hasher, throttle, clock, twoFactorOn } = deps;
  // Verifying against this when the login id is unknown makes both failures take as long (no account probing by timing).
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= hasher.hash(randomBytes(16).toString('hex')));

  /**
   * Renders the login form with a login CSRF token, made from the secret in the form's cookie (kept when the
   * browser already has one, so two tabs both work; made and set when it has none).
   */
  function showForm(request: FastifyRequest, reply: FastifyReply, form: { loginId: string; next: string; error: string | null }, status = 200, retryAfter = 0) {
    const loginCsrf = reply.generateCsrf();
    setLoginCsrfCookie(request, reply, request.session?.csrfSecret ?? '');
    if (retryAfter > 0) reply.header('retry-after', String(retryAfter));
    return sendPage(request, reply, 'login', 'ログイン', { ...form, loginCsrf }, status);
  }

  app.get<{ Querystring: { next?: string } }>('/console/login', { config: { permission: 'public' } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    // A session still waiting for its code may start over here (signing in again replaces it).
    if (request.consoleSession && !request.consoleSession.session.pendingSecondFactor) return reply.code(303).header('location', next).send();
    return showForm(request, reply, { loginId: '', next, error: null });
  });

  /** The posted form, and what is shown again if it is refused (never the password). */
  function posted(request: FastifyRequest) {
    const parsed = loginBody.safeParse(request.body ?? {});
    const form = parsed.success ? parsed.data : { loginId: '', password: '', _csrf: '', next: '' };
    const next = safeNext(form.next);
    return { form, next, redisplay: { loginId: form.loginId.trim().slice(0, 64), next } };
  }

  // A form without the token of its cookie (an old tab, a forged post) is shown again, as a page that has expired.
  const staleForm = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (!isCsrfRefusal(error)) throw error;
    return showForm(request, reply, { ...posted(request).redisplay, error: STALE_FORM }, 403);
  };

  app.post('/console/login', { config: { permission: 'public' }, errorHandler: staleForm }, async (request, reply) => {
    const { form, next, redisplay } = posted(request);
    const loginId = form.loginId.trim().toLowerCase();
    const now = clock.now();
    const ip = request.ip;
    // A login id that matches no account may be a password typed into the wrong field: only its first two
    // characters and its length are kept.
    const auditFailure = (reason: string, member: StaffMember | undefined, knownLogin: boolean) =>
      audit.record({ staffId: member?.id ?? null, action: 'login.failure', subjectType: 'staff', ...(member ? { subjectId: member.id } : {}), detail: { loginId: knownLogin ? loginId.slice(0, 64) : maskLoginId(loginId), reason }, ip, at: now });

    // Counted before the password is checked (taken back on success), so parallel guesses share the limit.
    const wait = await throttle.begin(loginId, ip, now);
    if (wait > 0) {
      // Refused before the account is looked up for the password; looked up here only to word the log.
      await auditFailure('rateLimited', undefined, Boolean(loginId && (await staff.findByLogin(loginId))));
      return showForm(request, reply, { ...redisplay, error: throttledMessage(wait) }, 429, wait);
    }

    const found = loginId ? await staff.findByLogin(loginId) : null;
    const passwordOk = await hasher.verify(found?.passwordHash ?? (await decoyHash()), form.password);
    if (!found || !passwordOk || !found.member.active) {
      await auditFailure(!found ? 'unknownLogin' : !passwordOk ? 'badPassword' : 'inactive', found?.member, Boolean(found));
      return showForm(request, reply, { ...redisplay, error: BAD_CREDENTIALS }, 401);
    }

    // Rotation: whatever session this browser had is ended; the new login gets a fresh token.
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await sessions.end(previous);
    if (await twoFactorOn(found.member.id)) {
      // The code's own attempt decides: this one is taken back, earlier failures stay counted.
      await throttle.takeBack(loginId, ip, now);
      const { token } = await sessions.start(found.member.id, { pendingSecondFactor: true });
      setSessionCookie(request, reply, token);
      return reply.code(303).header('location', `${SECOND_FACTOR_PAGE}${next === '/console' ? '' : `?next=${encodeURIComponent(next)}`}`).send();
    }
    await throttle.succeed(loginId, ip, now);
    const { token } = await sessions.start(found.member.id);
    await staff.recordSignIn(found.member.id, now);
    await audit.record({ staffId: found.member.id, action: 'login.success', subjectType: 'staff', subjectId: found.member.id, detail: { loginId }, ip, at: now });
    setSessionCookie(request, reply, token);
    clearLoginCsrfCookie(request, reply);
    return reply.code(303).header('location', next).send();
  });

  app.post('/console/logout', { config: { permission: 'signedIn', duringSignIn: true, duringEnrolment: true } }, async (request, reply) => {
    const { staff: member } = currentSession(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await sessions.end(token);
    await audit.record({ staffId: member.id, action: 'logout', subjectType: 'staff', subjectId: member.id, ip: request.ip, at: clock.now() });
    clearSessionCookie(request, reply);
    return reply.code(303).header('location', '/console/login').send();
  });
};

/** `ghost` → `gh***`: enough to recognise a mistyped id, too little to read a password typed there by mistake. */
export function maskLoginId(loginId: string): string {
  const chars = [...loginId.slice(0, 64)];
  return chars.slice(0, 2).join('') + '*'.repeat(Math.max(0, chars.length - 2));
}
