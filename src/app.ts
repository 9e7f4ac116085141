import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config';
import { isSimulatorMode } from './config';
import type { CouncilProfile } from './domain/council-profile';
import type { Clock, IdGenerator, Logger, Messenger } from './domain/ports';
import { createTranslator } from './bot/i18n';
import { EventIngest } from './bot/ingest-events';
import type { ProcessorDeps } from './bot/process-event';
import { webhookRoute } from './bot/webhook-route';
import { consolePlugin } from './console/console-plugin';
import type { ThreadActionDeps } from './console/threads/thread-actions';
import { consoleLabels } from './console/threads/thread-views';
import { threadActionDeps } from './staff-actions';
import { PrismaStaffThreadStore } from './infra/prisma-staff-threads';
import { prismaMeasuresSource } from './infra/prisma-measures-source';
import { prismaSafetyReplies } from './infra/prisma-safety-replies';
import { prismaDeliveryCounts } from './infra/prisma-delivery-counts';
import { prismaQuotaRefusals } from './infra/prisma-quota-refusals';
import { PrismaBroadcastAdmin } from './infra/prisma-broadcast-admin';
import { PrismaBroadcastStore } from './infra/prisma-broadcast-store';
import { PrismaEventAdmin } from './infra/prisma-event-admin';
import { PrismaSalonChanges } from './infra/prisma-salon-changes';
import { PrismaVolunteerAdmin } from './infra/prisma-volunteer-admin';
import { PrismaVolunteerRequests } from './infra/prisma-volunteer-requests';
import { PrismaAllocationBook, PrismaDonationAdmin, PrismaWantedItems } from './infra/prisma-donation-admin';
import { PrismaAnnualReport } from './infra/prisma-annual-report';
import { donationNotice } from './bot/donation-notices';
import { eventNotice } from './bot/event-notices';
import { councilView } from './bot/council-view';
import { invitationNotice, reportNotice, volunteerNotice } from './bot/volunteer-notices';
import { recipientsFor } from './bot/run-broadcasts';
import { Argon2PasswordHasher } from './infra/argon2-password-hasher';
import { isDatabaseReady, openDatabase, type Db } from './infra/database';
import { LineMessenger } from './infra/line-messenger';
import { lineSignatureCheck } from './infra/line-signature';
import { loadCouncilProfile } from './infra/load-council-profile';
import type { LogOutput } from './infra/log-output';
import { applyMigrations, MIGRATIONS_DIR, PROJECT_ROOT } from './infra/migrations';
import { PrismaAuditLog } from './infra/prisma-audit-log';
import { PrismaEventStore } from './infra/prisma-event-store';
import { PrismaSessionStore } from './infra/prisma-session-store';
import { PrismaStaffStore } from './infra/prisma-staff-store';
import { ProcessingWorkerHost } from './infra/processing-worker-host';
import { mountSimulatorLine, SIMULATOR_ACCESS_TOKEN, type SimulatorLine } from './infra/simulator-line';
import { buildProcessing, type ProcessingQueue } from './processing';
import { simulatorRoutes } from './simulator/simulator-routes';
import { scheduleBroadcasts } from './scheduler/broadcast-schedule';
import { scheduleHousekeeping } from './scheduler/housekeeping-schedule';
import { scheduleOutbox } from './scheduler/outbox-schedule';
import { randomIds, systemClock } from './infra/system';

export { CONSENT_VERSION } from './processing';

export interface AppOptions {
  config: Config;
  clock?: Clock;
  ids?: IdGenerator;
  /** Replaces the LINE adapter (tests). */
  messenger?: Messenger;
  /** Skip applying migrations (the caller migrated already). */
  skipMigrations?: boolean;
  /** Fastify logger setting; defaults from LOG_LEVEL. */
  logger?: boolean;
  /** Where the logger writes (`openLogOutput`: JSON lines, or readable ones at a terminal); pino's stdout by default. */
  logStream?: LogOutput['stream'];
  /** Waits between delivery attempts (tests pass one that moves their fake clock). */
  sleep?: (ms: number) => Promise<void>;
}

export interface App {
  server: FastifyInstance;
  db: Db;
  /** Processing of stored events (inline or in the worker); `whenIdle` resolves when all are answered. */
  readonly queue: ProcessingQueue;
  deps: ProcessorDeps;
  profile: CouncilProfile;
  /** The secret webhooks are signed with (generated when no LINE channel is configured). */
  channelSecret: string;
  /** The in-process fake LINE channel, in simulator mode only. */
  simulator?: SimulatorLine;
  /** Moves event processing to a worker thread (production); `lineBaseUrl` overrides LINE's hosts (simulator). */
  useWorker(lineBaseUrl?: string): Promise<void>;
  /** Runs the broadcast engine once in this thread (what the schedule triggers every minute). */
  runBroadcasts(): Promise<void>;
  /** The daily housekeeping, once (tests; the schedules run it in production). */
  runHousekeeping(): Promise<void>;
  /** Tries again the outbound messages that are due (what the outbox schedule does every 5 s); returns how many. */
  runOutbox(): Promise<number>;
  /** Starts the broadcast and daily housekeeping schedules in this thread (inline mode; the worker runs its own). */
  startBroadcastSchedule(): void;
  /** Resumes work a previous run left behind: unsent outbound rows and unprocessed events. */
  recover(): Promise<void>;
  /** Drill: ends the processing worker abruptly, as a crash would; it restarts and recovers. No-op inline. */
  crashWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The composition root: the only place that wires infrastructure (Prisma, LINE, clock) to the bot.
 * Plugins are registered in a fixed order: health, then the webhook.
 */
export async function buildApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? randomIds;
  const profile = loadCouncilProfile(path.resolve(PROJECT_ROOT, config.COUNCIL_PROFILE));
  const translator = await createTranslator(path.join(PROJECT_ROOT, 'locales'));

  const server = Fastify({
    ...(config.TRUST_PROXY ? { trustProxy: config.TRUST_PROXY.split(',').map((p) => p.trim()) } : {}),
    logger:
      opts.logger === false || config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers["x-line-signature"]', 'req.headers.cookie'],
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
  });
  const logger: Logger = server.log;

  const expectedMigrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  let db = await openDatabase(config.DATABASE_URL);
  // The schema engine (WebAssembly, slow to load) runs only when a migration is pending.
  if (!opts.skipMigrations && !(await isDatabaseReady(db, expectedMigrations))) {
    await db.$disconnect();
    const applied = await applyMigrations(config.DATABASE_URL);
    logger.info({ applied }, 'database migrated');
    db = await openDatabase(config.DATABASE_URL);
  }

  // Staff actions need the bot's renderer and messenger, built below; the console reaches them once running.
  let actions: ThreadActionDeps | undefined;
  const threads = new PrismaStaffThreadStore(db);
  const broadcastStore = new PrismaBroadcastStore(db, config.DATABASE_URL);
  const eventAdmin = new PrismaEventAdmin(db);
  const volunteerAdmin = new PrismaVolunteerAdmin(db);
  const annualReport = new PrismaAnnualReport(db);
  const council = councilView(profile);
  // The staff console first: its guard must see every /console route registered after it.
  await server.register(consolePlugin, {
    threadConsole: {
      threads,
      labels: consoleLabels(profile),
      actions: () => {
        if (!actions) throw new Error('staff actions are not wired yet');
        return actions;
      },
      measures: prismaMeasuresSource(db, profile.businessHours),
      safetyReplies: prismaSafetyReplies(db),
    },
    deliveryConsole: { counts: prismaDeliveryCounts(db), quotaRefusals: prismaQuotaRefusals(db) },
    broadcastConsole: {
      admin: new PrismaBroadcastAdmin(db),
      estimate: async (targeting) => (await recipientsFor(broadcastStore, targeting)).length,
      monthlyPushBudget: profile.messaging.monthlyPushBudget,
      quietHours: profile.messaging.quietHours,
      districts: profile.districts.map((d) => ({ code: d.code, name: d.name })),
      salons: profile.salons.map((s) => ({ code: s.code, name: s.name, district: s.district })),
      readMore: (language) => translator.t(language, 'common:readMore'),
      events: async (now) =>
        (await eventAdmin.list())
          .filter((e) => e.status === 'open' && e.startsAt.getTime() > now.getTime())
          .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
          .map((e) => ({ id: e.id, title: e.title.ja, startsAt: e.startsAt })),
    },
    eventConsole: {
      admin: eventAdmin,
      notice: (kind, e) => eventNotice(translator, kind, e),
    },
    salonConsole: {
      changes: new PrismaSalonChanges(db),
      salons: profile.salons,
      districts: profile.districts.map((d) => ({ code: d.code, name: d.name })),
    },
    volunteerConsole: {
      admin: volunteerAdmin,
      activity: annualReport,
      skills: profile.volunteer.skills.map((s) => ({ code: s.code, name: s.name })),
      districts: profile.districts.map((d) => ({ code: d.code, name: d.name })),
    },
    volunteerRequestConsole: {
      // When a request is done, each volunteer who took part is asked for their hours.
      admin: new PrismaVolunteerRequests(db, (r, invitationId) => reportNotice(translator, council, r, invitationId)),
      volunteers: volunteerAdmin,
      skills: profile.volunteer.skills.map((s) => ({ code: s.code, name: s.name })),
      districts: profile.districts.map((d) => ({ code: d.code, name: d.name })),
      invitation: (r, invitationId, insured) => invitationNotice(translator, council, r, invitationId, insured),
      notice: (kind, r) => volunteerNotice(translator, council, kind, r),
    },
    donationConsole: {
      admin: new PrismaDonationAdmin(db),
      allocations: new PrismaAllocationBook(db),
      wanted: new PrismaWantedItems(db),
      volunteerHours: annualReport,
      plans: (profile.donations?.allocationPlans ?? []).map((plan) => ({ fiscalYear: plan.fiscalYear, purposes: plan.purposes.map((p) => ({ code: p.code, name: p.name, budgetYen: p.budgetYen })) })),
      slots: (profile.donations?.slots ?? []).map((s) => ({ code: s.code, name: s.name })),
      foodCategories: profile.donations ? [...profile.donations.foodRules.accepted, ...profile.donations.foodRules.refused].map((c) => ({ code: c.code, name: c.name })) : [],
      notice: (move, s) => donationNotice(translator, move, s),
    },
    staff: new PrismaStaffStore(db),
    sessions: new PrismaSessionStore(db),
    audit: new PrismaAuditLog(db),
    hasher: new Argon2PasswordHasher(),
    clock,
    projectRoot: PROJECT_ROOT,
  });

  const channelSecret = config.LINE_CHANNEL_SECRET ?? randomBytes(32).toString('hex');
  const simulator = !opts.messenger && isSimulatorMode(config) ? await mountSimulatorLine(server, logger, config.LINE_TIMEOUT_MS) : undefined;
  const messenger =
    opts.messenger ??
    simulator?.messenger ??
    new LineMessenger({
      channelAccessToken: config.LINE_CHANNEL_ACCESS_TOKEN ?? 'simulator',
      apiBaseUrl: config.LINE_API_BASE_URL,
      dataApiBaseUrl: config.LINE_DATA_API_BASE_URL,
      timeoutMs: config.LINE_TIMEOUT_MS,
      logger,
    });

  const inline = buildProcessing({ config, db, messenger, translator, profile, clock, ids, logger, ...(opts.sleep ? { sleep: opts.sleep } : {}) });
  actions = threadActionDeps(inline.deps, threads);
  let worker: ProcessingWorkerHost | undefined;
  let schedule: Array<{ stop(): void }> | undefined;
  const queue = (): ProcessingQueue => worker ?? inline.queue;
  const ingest = new EventIngest(new PrismaEventStore(db), clock);

  server.get('/healthz', async () => ({ status: 'ok' }));
  server.get('/readyz', async (_req, reply) => {
    const ready = await isDatabaseReady(db, expectedMigrations);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'database not ready' });
  });
  await server.register(webhookRoute, {
    verifySignature: lineSignatureCheck(channelSecret),
    store: (raw, invalid) => ingest.ingest(raw, invalid),
    afterAck: (fresh) => queue().enqueue(fresh),
  });
  if (simulator) {
    await server.register(simulatorRoutes, { state: simulator.state, channelSecret, botName: profile.council.name, host: config.HOST });
    server.log.info('No LINE channel configured: simulator mode (fake LINE API served in-process)');
  }

  return {
    server,
    db,
    get queue() {
      return queue();
    },
    deps: inline.deps,
    profile,
    channelSecret,
    ...(simulator ? { simulator } : {}),
    async useWorker(lineBaseUrl) {
      worker = await ProcessingWorkerHost.start(
        { config, ...(lineBaseUrl ? { lineBaseUrl } : {}), accessToken: simulator ? SIMULATOR_ACCESS_TOKEN : (config.LINE_CHANNEL_ACCESS_TOKEN ?? '') },
        logger,
      );
    },
    runBroadcasts: () => inline.runBroadcasts(),
    runHousekeeping: () => inline.runHousekeeping(),
    runOutbox: () => inline.runOutbox(),
    startBroadcastSchedule() {
      schedule ??= [scheduleBroadcasts(() => inline.runBroadcasts(), logger), scheduleHousekeeping(() => inline.runHousekeeping(), logger), scheduleOutbox(() => inline.runOutbox(), logger)];
    },
    recover() {
      return worker ? worker.recover() : inline.recover();
    },
    async crashWorker() {
      await worker?.crash();
    },
    async close() {
      for (const s of schedule ?? []) s.stop();
      await server.close();
      await queue().whenIdle();
      await worker?.close();
      await db.$disconnect();
    },
  };
}
