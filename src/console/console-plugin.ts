/**
 * The staff console under `/console`. Register it right after creating the server, before any other
 * plugin: its guard (not encapsulated) must see every route that is added later.
 *
 * To add pages: write `src/console/<feature>-routes.ts` exporting a `FastifyPluginAsync<ConsoleDeps>` whose
 * routes declare `config: { permission: '…' }`, and add it to {@link CONSOLE_ROUTES}.
 */
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../domain/ports';
import type { AuditLog, PasswordHasher, SessionStore, StaffStore } from '../domain/staff';
import { assetRoutes } from './asset-routes';
import { auditRoutes } from './audit-routes';
import type { ConsoleDeps, DeliveryConsole, ThreadConsole } from './console-deps';
import { measuresRoutes } from './threads/measures-routes';
import { threadRoutes } from './threads/thread-routes';
import { BROADCAST_FORM_MAX_CHARS } from './broadcasts/broadcast-form';
import { broadcastRoutes, type BroadcastConsole } from './broadcasts/broadcast-routes';
import { EVENT_FORM_MAX_CHARS } from './events/event-form';
import { eventRoutes, type EventConsole } from './events/event-routes';
import { salonRoutes, type SalonConsole } from './salons/salon-routes';
import { volunteerRoutes, type VolunteerConsole } from './volunteers/volunteer-routes';
import { volunteerRequestRoutes, type VolunteerRequestConsole } from './volunteer-requests/volunteer-request-routes';
import { donationRoutes, type DonationConsole } from './donations/donation-routes';
import { allocationRoutes } from './donations/allocation-routes';
import { reportRoutes } from './donations/report-routes';
import { consoleGuard } from './console-guard';
import { ConsoleSessions } from './console-sessions';
import { homeRoutes } from './home-routes';
import { LoginThrottle } from './login-throttle';
import { loginRoutes } from './login-routes';
import { wantsJson } from './refusals';
import { ConsoleRenderer, sendPage, viewsDir } from './render';
import { QuotaRefusalCount, showQuotaBanner } from './quota-banner';

/** The console's route plugins, registered in this order inside one scope (form parsing, error page). */
export const CONSOLE_ROUTES: ReadonlyArray<FastifyPluginAsync<ConsoleDeps>> = [assetRoutes, loginRoutes, homeRoutes, auditRoutes, threadRoutes, measuresRoutes, broadcastRoutes, eventRoutes, salonRoutes, volunteerRoutes, volunteerRequestRoutes, donationRoutes, allocationRoutes, reportRoutes];

/**
 * The most bytes one character of a form field takes once posted: UTF-8 needs up to 3 bytes for a character
 * JavaScript counts as one (a Japanese character; a surrogate pair is 4 bytes for two), and the form encoding
 * writes each byte as `%XX`.
 */
const POSTED_BYTES_PER_CHAR = 9;

/**
 * The console's limit on a posted form: the longest form (the broadcast's three texts) filled to its own
 * maximums in Japanese, plus room for field names, the CSRF token, checkboxes and whitespace the form trims.
 */
export const FORM_BODY_LIMIT = Math.max(BROADCAST_FORM_MAX_CHARS, EVENT_FORM_MAX_CHARS) * POSTED_BYTES_PER_CHAR + 32 * 1024;

/** What staff read when a post is over {@link FORM_BODY_LIMIT}: what was too long, and how to get the text back. */
const TOO_LARGE_MESSAGE =
  `送った内容が長すぎるため、受け取れませんでした(1回に送れるのは、本文などを合わせて日本語でおよそ${Math.floor(FORM_BODY_LIMIT / POSTED_BYTES_PER_CHAR).toLocaleString('ja-JP')}文字までです)。` +
  'ブラウザの「戻る」で入力画面に戻ると、書いた内容が残っています。本文などの長い欄を短くしてから、もう一度送ってください。';

export interface ConsoleOptions {
  staff: StaffStore;
  sessions: SessionStore;
  audit: AuditLog;
  hasher: PasswordHasher;
  clock: Clock;
  projectRoot: string;
  threadConsole: ThreadConsole;
  broadcastConsole: BroadcastConsole;
  eventConsole: EventConsole;
  salonConsole: SalonConsole;
  volunteerConsole: VolunteerConsole;
  volunteerRequestConsole: VolunteerRequestConsole;
  donationConsole: DonationConsole;
  deliveryConsole: DeliveryConsole;
}

const plugin: FastifyPluginAsync<ConsoleOptions> = async (app, opts) => {
  const deps: ConsoleDeps = {
    staff: opts.staff,
    sessions: new ConsoleSessions(opts.sessions, opts.staff, opts.clock),
    audit: opts.audit,
    hasher: opts.hasher,
    throttle: new LoginThrottle(),
    clock: opts.clock,
    projectRoot: opts.projectRoot,
    threadConsole: opts.threadConsole,
    broadcastConsole: opts.broadcastConsole,
    eventConsole: opts.eventConsole,
    salonConsole: opts.salonConsole,
    volunteerConsole: opts.volunteerConsole,
    volunteerRequestConsole: opts.volunteerRequestConsole,
    donationConsole: opts.donationConsole,
    deliveryConsole: opts.deliveryConsole,
  };
  await app.register(consoleGuard, { sessions: deps.sessions, renderer: new ConsoleRenderer(viewsDir(opts.projectRoot)) });

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
    showQuotaBanner(scope, new QuotaRefusalCount(deps.deliveryConsole.quotaRefusals, deps.clock));
    scope.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error, url: request.url }, 'console request failed');
      else request.log.warn({ status, url: request.url, code: error.code }, 'console request refused');
      if (wantsJson(request)) return reply.code(status).send({ error: status === 500 ? 'internal' : status === 413 ? 'too large' : 'bad request' });
      // No link away: the browser's Back button is what brings the typed text back.
      if (status === 413) return sendPage(request, reply, 'error', '送った内容が長すぎます', { heading: '送った内容が長すぎます', message: TOO_LARGE_MESSAGE, action: null }, 413);
      const message =
        status === 500
          ? '処理中に問題が発生しました。時間をおいてもう一度お試しください。続く場合は管理者にご連絡ください。'
          : '送信された内容を処理できませんでした。画面を開き直して、もう一度お試しください。';
      return sendPage(request, reply, 'error', 'エラー', { heading: 'エラーが発生しました', message, action: { href: '/console', label: 'ホームに戻る' } }, status);
    });
    for (const routes of CONSOLE_ROUTES) await scope.register(routes, deps);
  });
};

/** The console: guard, cookies, and its pages. */
export const consolePlugin = fp(plugin, { name: 'tsunagu-console', fastify: '5.x' });
