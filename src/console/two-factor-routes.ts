/**
 * A member's own two-factor sign-in, `/console/account/two-factor`: switching it on (a secret shown as a QR code
 * made here — nothing fetched — and as text, confirmed by a first code, then ten recovery codes shown once), new
 * recovery codes, and switching it off — those two only with the password or a current code. An admin without it
 * is sent here and can open nothing else until it is on (`console-guard.ts`); for an admin, switching it off
 * means setting it up again at once (a new phone). The secret is never shown once it is on.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Clock } from '../domain/ports';
import type { PasswordHasher, StaffStore } from '../domain/staff';
import { mustUseTwoFactor, totpCode, type Authenticator, type TwoFactorRepositories, type TwoFactorStore } from '../domain/two-factor';
import type { UnitOfWork } from '../domain/unit-of-work';
import { beginTwoFactor } from '../usecases/two-factor/begin-two-factor';
import { disableTwoFactor } from '../usecases/two-factor/disable-two-factor';
import { enrolTwoFactor } from '../usecases/two-factor/enrol-two-factor';
import { renewRecoveryCodes } from '../usecases/two-factor/renew-recovery-codes';
import { verifySecondFactor } from '../usecases/two-factor/verify-second-factor';
import { currentSession, staffAct } from './console-guard';
import { throttledMessage } from './login-routes';
import type { LoginThrottle } from '../domain/login-throttle';
import { ENROLMENT_PAGE } from './refusals';
import { sendPage } from './render';

/** What the two-factor pages need. */
export interface TwoFactorDeps {
  store: TwoFactorStore;
  work: UnitOfWork<TwoFactorRepositories>;
  auth: Authenticator;
  /** The name the authenticator app shows for the account (the council's). */
  issuer: string;
  staff: StaffStore;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  clock: Clock;
}

export interface TwoFactorSetupView {
  status: string | null;
  error: string | null;
  forced: boolean;
  /** The secret in groups of four, for typing into the app by hand. */
  secretText: string;
  qr: string;
}

export interface TwoFactorStatusView {
  status: string | null;
  error: string | null;
  codesLeft: number;
  admin: boolean;
}

export interface TwoFactorCodesView {
  codes: string[];
}

declare module './render' {
  interface ConsoleViews {
    twoFactorSetup: TwoFactorSetupView;
    twoFactorStatus: TwoFactorStatusView;
    twoFactorCodes: TwoFactorCodesView;
  }
}

const field = (name: string) => z.object({ [name]: z.string().max(1024).default('') });
const WRONG_CODE = 'コードが正しくありません。認証アプリに今出ている6桁の数字を入力してください(時計がずれていると合わないことがあります)。';
const WRONG_PROOF = 'パスワードまたは確認コードが正しくありません。';
const DONE: Record<string, string> = { off: '二段階認証を解除しました。' };
const at = { config: { permission: 'signedIn' as const, duringEnrolment: true } };

export const twoFactorRoutes: FastifyPluginAsync<TwoFactorDeps> = async (app, deps) => {
  const { store, work, auth, clock, throttle } = deps;

  const setupPage = async (request: FastifyRequest, reply: FastifyReply, error: string | null, status = 200, done: string | null = null) => {
    const active = currentSession(request);
    const secret = await beginTwoFactor(store, auth, active.staff.id, clock.now());
    if (secret === null) return reply.redirect(ENROLMENT_PAGE, 303);
    const qr = await QRCode.toDataURL(auth.uri(secret, active.staff.loginId, deps.issuer), { errorCorrectionLevel: 'M', margin: 2, width: 240 });
    const view: TwoFactorSetupView = { status: done, error, forced: active.mustEnrol, secretText: secret.match(/.{1,4}/g)?.join(' ') ?? secret, qr };
    return sendPage(request, reply, 'twoFactorSetup', '二段階認証の設定', view, status);
  };

  const statusPage = async (request: FastifyRequest, reply: FastifyReply, status: string | null, error: string | null, code = 200) => {
    const { staff } = currentSession(request);
    const view: TwoFactorStatusView = { status, error, codesLeft: await store.recoveryCodesLeft(staff.id), admin: mustUseTwoFactor(staff) };
    return sendPage(request, reply, 'twoFactorStatus', '二段階認証', view, code);
  };

  /** The password or a current code, counted in the login limits like a sign-in. Null when proven, else the refusal. */
  const proveIt = async (request: FastifyRequest): Promise<string | null> => {
    const { staff: member } = currentSession(request);
    const proof = field('proof').parse(request.body ?? {}).proof as string;
    const now = clock.now();
    const wait = await throttle.begin(member.loginId, request.ip, now);
    if (wait > 0) return throttledMessage(wait);
    const ok = totpCode(proof)
      ? (await verifySecondFactor(work, auth, proof, staffAct(request, now), { recovery: false })) !== null
      : await deps.hasher.verify((await deps.staff.findByLogin(member.loginId))?.passwordHash ?? '', proof);
    if (!ok) return WRONG_PROOF;
    await throttle.succeed(member.loginId, request.ip, now);
    return null;
  };

  app.get<{ Querystring: { done?: string } }>(ENROLMENT_PAGE, at, async (request, reply) => {
    const record = await store.find(currentSession(request).staff.id);
    const done = DONE[request.query.done ?? ''] ?? null;
    if (record?.enabledAt) return statusPage(request, reply, done, null);
    return setupPage(request, reply, null, 200, done);
  });

  app.post(`${ENROLMENT_PAGE}/confirm`, at, async (request, reply) => {
    const code = totpCode(field('code').parse(request.body ?? {}).code as string);
    const result = code ? await enrolTwoFactor(work, auth, code, staffAct(request, clock.now())) : ({ ok: false, code: 'badCode' } as const);
    if (result.ok) return sendPage(request, reply, 'twoFactorCodes', '予備コード', { codes: result.recoveryCodes });
    if (result.code === 'notPending') return reply.redirect(ENROLMENT_PAGE, 303);
    return setupPage(request, reply, WRONG_CODE, 400);
  });

  app.post(`${ENROLMENT_PAGE}/recovery-codes`, at, async (request, reply) => {
    const refused = await proveIt(request);
    if (refused) return statusPage(request, reply, null, refused, 400);
    const codes = await renewRecoveryCodes(work, auth, staffAct(request, clock.now()));
    if (!codes) return reply.redirect(ENROLMENT_PAGE, 303);
    return sendPage(request, reply, 'twoFactorCodes', '予備コード', { codes });
  });

  app.post(`${ENROLMENT_PAGE}/disable`, at, async (request, reply) => {
    const refused = await proveIt(request);
    if (refused) return statusPage(request, reply, null, refused, 400);
    await disableTwoFactor(work, staffAct(request, clock.now()));
    return reply.redirect(`${ENROLMENT_PAGE}?done=off`, 303);
  });
};
