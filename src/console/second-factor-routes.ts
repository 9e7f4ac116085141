/**
 * The second step of signing in, for members with two-factor sign-in on: `GET/POST /console/login/code`. The
 * password step left a session that opens nothing but this page (`pendingSecondFactor`, 5 minutes); a right code
 * from the authenticator app — or an unused recovery code, which is then used up — replaces it with a full session
 * (a fresh token). Wrong codes count in the login limits like wrong passwords; both outcomes are audited, never
 * with the code.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../domain/ports';
import type { AuditLog, StaffStore } from '../domain/staff';
import type { SecondFactor } from '../usecases/two-factor/verify-second-factor';
import type { StaffAct } from '../usecases/staff-act';
import { currentSession } from './console-guard';
import type { ConsoleSessions } from './console-sessions';
import { safeNext, throttledMessage } from './login-routes';
import type { LoginThrottle } from '../domain/login-throttle';
import { sendPage } from './render';
import { clearLoginCsrfCookie, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie';

const codeBody = z.object({ code: z.string().max(100).default(''), next: z.string().max(2000).default('') });

const WRONG_CODE = 'コードが正しくありません。認証アプリに今出ている6桁の数字か、予備コードを入力してください。';

/** What the code step needs: the shell's sign-in parts and the check of a code. */
export interface SecondFactorDeps {
  staff: StaffStore;
  sessions: ConsoleSessions;
  audit: AuditLog;
  throttle: LoginThrottle;
  clock: Clock;
  verify(input: string, by: StaffAct): Promise<SecondFactor | null>;
}

export interface LoginCodeView {
  error: string | null;
  next: string;
}

const step = { config: { permission: 'signedIn' as const, duringSignIn: true } };

export const secondFactorRoutes: FastifyPluginAsync<SecondFactorDeps> = async (app, deps) => {
  const { sessions, audit, throttle, clock, staff } = deps;
  const page = (request: FastifyRequest, reply: FastifyReply, view: LoginCodeView, status = 200) => sendPage(request, reply, 'loginCode', '確認コード', view, status);

  app.get<{ Querystring: { next?: string } }>('/console/login/code', step, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (!currentSession(request).session.pendingSecondFactor) return reply.code(303).header('location', next).send();
    return page(request, reply, { error: null, next });
  });

  app.post('/console/login/code', step, async (request, reply) => {
    const { staff: member, session } = currentSession(request);
    const parsed = codeBody.safeParse(request.body ?? {});
    const form = parsed.success ? parsed.data : { code: '', next: '' };
    const next = safeNext(form.next);
    if (!session.pendingSecondFactor) return reply.code(303).header('location', next).send();
    const now = clock.now();
    const ip = request.ip;
    const token = request.cookies[SESSION_COOKIE] ?? '';
    const wait = await throttle.begin(member.loginId, ip, now);
    if (wait > 0) {
      await audit.record({ staffId: member.id, action: 'login.failure', subjectType: 'staff', subjectId: member.id, detail: { loginId: member.loginId, reason: 'rateLimited', step: 'code' }, ip, at: now });
      await sessions.end(token);
      clearSessionCookie(request, reply);
      reply.header('retry-after', String(wait));
      return sendPage(request, reply, 'error', 'ログインの停止', { heading: 'ログインを停止しています', message: throttledMessage(wait), action: { href: '/console/login', label: 'ログイン画面へ' } }, 429);
    }
    const factor = await deps.verify(form.code, { staffId: member.id, ip, at: now });
    if (!factor) {
      await audit.record({ staffId: member.id, action: 'login.failure', subjectType: 'staff', subjectId: member.id, detail: { loginId: member.loginId, reason: 'badCode' }, ip, at: now });
      return page(request, reply, { error: WRONG_CODE, next }, 401);
    }
    await throttle.succeed(member.loginId, ip, now);
    await sessions.end(token);
    const { token: full } = await sessions.start(member.id);
    await staff.recordSignIn(member.id, now);
    await audit.record({ staffId: member.id, action: 'login.success', subjectType: 'staff', subjectId: member.id, detail: { loginId: member.loginId, secondFactor: factor }, ip, at: now });
    setSessionCookie(request, reply, full);
    clearLoginCsrfCookie(request, reply);
    return reply.code(303).header('location', next).send();
  });
};

declare module './render' {
  interface ConsoleViews {
    loginCode: LoginCodeView;
  }
}
