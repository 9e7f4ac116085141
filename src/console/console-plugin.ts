/**
 * The staff console under `/console`: the shell (guard, sessions, login, layout, error page, assets) and the
 * console modules the composition gives it. Register it right after creating the server, before any other
 * plugin: its guard (not encapsulated) must see every route that is added later.
 *
 * To add pages: write a console module in `src/console/<feature>/` (see `console-module.ts`) and list it where
 * the composition lists the modules. The shell knows no module by name.
 */
import path from 'node:path';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { QuotaRefusalsSource } from '../domain/delivery-overview';
import type { Clock } from '../domain/ports';
import type { AuditLog, PasswordHasher, SessionStore, StaffStore } from '../domain/staff';
import { assetRoutes } from './asset-routes';
import { consoleGuard } from './console-guard';
import type { MountedModule } from './console-module';
import { ConsoleSessions } from './console-sessions';
import type { LoginThrottle } from '../domain/login-throttle';
import { MemoryLoginThrottle } from './login-throttle';
import { loginRoutes } from './login-routes';
import { secondFactorRoutes } from './second-factor-routes';
import { twoFactorRoutes, type TwoFactorDeps } from './two-factor-routes';
import { verifySecondFactor } from '../usecases/two-factor/verify-second-factor';
import { navigation, type NavEntry } from './nav';
import { PermissionTable, SHELL_PERMISSIONS } from './permissions';
import { QuotaRefusalCount, showQuotaBanner } from './quota-banner';
import { wantsJson } from './refusals';
import { ConsoleRenderer, SHELL_VIEWS, sendPage, templatesIn } from './render';

declare module 'fastify' {
  interface FastifyInstance {
    consoleRenderer: ConsoleRenderer;
    /** Who may do what in this console, assembled from its modules. */
    consoleAccess: PermissionTable;
    /** The main navigation, assembled from the modules. */
    consoleNav: readonly NavEntry[];
    /** The most bytes a console form post may have ({@link formBodyLimit} of the modules). */
    consoleBodyLimit: number;
  }
}

/**
 * The most bytes one character of a form field takes once posted: UTF-8 needs up to 3 bytes for a character
 * JavaScript counts as one (a Japanese character; a surrogate pair is 4 bytes for two), and the form encoding
 * writes each byte as `%XX`.
 */
const POSTED_BYTES_PER_CHAR = 9;

/**
 * The console's limit on a posted form: the longest form of any module (the broadcast's three texts) filled to its
 * own maximums in Japanese, plus room for field names, the CSRF token, checkboxes and whitespace the form trims.
 */
export function formBodyLimit(modules: ReadonlyArray<Pick<MountedModule, 'longestForm'>>): number {
  return Math.max(0, ...modules.map((m) => m.longestForm ?? 0)) * POSTED_BYTES_PER_CHAR + 32 * 1024;
}

/** What staff read when a post is over the body limit: what was too long, and how to get the text back. */
function tooLargeMessage(limit: number): string {
  return (
    `送った内容が長すぎるため、受け取れませんでした(1回に送れるのは、本文などを合わせて日本語でおよそ${Math.floor(limit / POSTED_BYTES_PER_CHAR).toLocaleString('ja-JP')}文字までです)。` +
    'ブラウザの「戻る」で入力画面に戻ると、書いた内容が残っています。本文などの長い欄を短くしてから、もう一度送ってください。'
  );
}

export interface ConsoleOptions {
  staff: StaffStore;
  sessions: SessionStore;
  audit: AuditLog;
  hasher: PasswordHasher;
  clock: Clock;
  projectRoot: string;
  /** Messages LINE refused for its monthly limit: every page shows a banner while there are any this month. */
  quotaRefusals: QuotaRefusalsSource;
  /** Two-factor sign-in: the members' authenticator records, the use cases' unit of work, TOTP, the app's account name. */
  twoFactor: Pick<TwoFactorDeps, 'store' | 'work' | 'auth' | 'issuer'>;
  /** The console's modules, in the order of their navigation entries and permissions. */
  modules: readonly MountedModule[];
  /** Where failed logins are counted: in this process by default; in the database when several instances serve the console. */
  loginThrottle?: LoginThrottle;
}

const plugin: FastifyPluginAsync<ConsoleOptions> = async (app, opts) => {
  const { modules, projectRoot, clock, staff, audit } = opts;
  const ids = modules.map((m) => m.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`Console module "${repeated}" is listed twice`);

  const bodyLimit = formBodyLimit(modules);
  app.decorate('consoleAccess', new PermissionTable([...modules.map((m) => m.permissions ?? {}), SHELL_PERMISSIONS]));
  app.decorate('consoleNav', navigation(modules.flatMap((m) => m.nav ?? [])));
  app.decorate('consoleRenderer', new ConsoleRenderer(projectRoot, templatesIn(projectRoot, [SHELL_VIEWS, ...modules.map((m) => path.join(m.dir, 'views'))])));
  app.decorate('consoleBodyLimit', bodyLimit);
  const { twoFactor } = opts;
  const twoFactorOn = async (staffId: string) => Boolean((await twoFactor.store.find(staffId))?.enabledAt);
  const sessions = new ConsoleSessions(opts.sessions, staff, clock, twoFactorOn);
  const throttle = opts.loginThrottle ?? new MemoryLoginThrottle();
  await app.register(consoleGuard, { sessions });

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit });
    showQuotaBanner(scope, new QuotaRefusalCount(opts.quotaRefusals, clock));
    scope.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error, url: request.url }, 'console request failed');
      else request.log.warn({ status, url: request.url, code: error.code }, 'console request refused');
      if (wantsJson(request)) return reply.code(status).send({ error: status === 500 ? 'internal' : status === 413 ? 'too large' : 'bad request' });
      // No link away: the browser's Back button is what brings the typed text back.
      if (status === 413) return sendPage(request, reply, 'error', '送った内容が長すぎます', { heading: '送った内容が長すぎます', message: tooLargeMessage(bodyLimit), action: null }, 413);
      const message =
        status === 500
          ? '処理中に問題が発生しました。時間をおいてもう一度お試しください。続く場合は管理者にご連絡ください。'
          : '送信された内容を処理できませんでした。画面を開き直して、もう一度お試しください。';
      return sendPage(request, reply, 'error', 'エラー', { heading: 'エラーが発生しました', message, action: { href: '/console', label: 'ホームに戻る' } }, status);
    });
    await scope.register(assetRoutes, { projectRoot, folders: [path.join('src', 'console', 'public'), ...modules.map((m) => path.join(m.dir, 'public'))], files: Object.assign({}, ...modules.map((m) => m.assets ?? {})) });
    await scope.register(loginRoutes, { staff, sessions, audit, hasher: opts.hasher, throttle, clock, twoFactorOn });
    const verify = (input: string, by: { staffId: string; ip: string; at: Date }) => verifySecondFactor(twoFactor.work, twoFactor.auth, input, by);
    await scope.register(secondFactorRoutes, { staff, sessions, audit, throttle, clock, verify });
    await scope.register(twoFactorRoutes, { ...twoFactor, staff, hasher: opts.hasher, throttle, clock });
    for (const module of modules) await module.register(scope, { clock, audit, staff });
  });
};

/** The console: guard, cookies, and its pages. */
export const consolePlugin = fp(plugin, { name: 'tsunagu-console', fastify: '5.x' });
