import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { isSimulatorMode } from '../config';
import type { CouncilProfile } from '../domain/council-profile';
import type { Clock, IdGenerator, Logger, Messenger, RichMenuAdmin } from '../domain/ports';
import { createTranslator } from '../bot/render/i18n';
import { EventIngest } from '../bot/edge/ingest-events';
import type { ProcessorDeps } from '../bot/pipeline/plan-webhook-event';
import { webhookRoute } from '../bot/edge/webhook-route';
import { consolePlugin } from '../console/console-plugin';
import { composeConsole } from './console-composition';
import { databaseKind, ensureIncrementalVacuum, isDatabaseReady, leaveCheckpointsToWorker, openDatabase, type Db } from '../infra/prisma/database';
import { LineMessenger } from '../infra/line/line-messenger';
import { lineSignatureCheck } from '../infra/line/line-signature';
import { loadCouncilProfile } from '../infra/load-council-profile';
import { PrismaSettings } from '../infra/prisma/prisma-settings';
import { LiveProfile } from '../usecases/settings/live-profile';
import { consoleParts } from './console-parts';
import type { LogOutput } from '../infra/log-output';
import { expectedMigrationsOf, openMigrated, PROJECT_ROOT } from '../infra/prisma/migrations';
import { PrismaEventStore } from '../infra/prisma/prisma-event-store';
import { ProcessingWorkerHost } from '../infra/processing-worker-host';
import { mountSimulatorLine, SIMULATOR_ACCESS_TOKEN, type SimulatorLine } from '../simulator/simulator-line';
import { buildProcessing, type ProcessingQueue } from './processing';
import { simulatorRoutes } from '../simulator/simulator-routes';
import { startSchedules } from './schedules';
import { randomIds, systemClock } from '../infra/system';
import { SecretBox } from '../infra/secret-box';
import { MODULES, type AppModule } from './modules';

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
  /** The feature modules processed in this thread (default: `MODULES`; the processing worker always runs those). */
  modules?: readonly AppModule[];
}

export interface App {
  server: FastifyInstance;
  db: Db;
  /** Processing of stored events (inline or in the worker); `whenIdle` resolves when all are answered. */
  readonly queue: ProcessingQueue;
  deps: ProcessorDeps;
  /** The council's settings in effect (the profile file with the saved settings laid over it). */
  readonly profile: CouncilProfile;
  /** The settings as the main thread holds them. */
  settings: LiveProfile;
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
  /** Resumes work a previous run left behind: unsent outbound rows and unprocessed events; `/readyz` is 503 until it has. */
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

  const kind = databaseKind(config.DATABASE_URL);
  const expectedMigrations = expectedMigrationsOf(kind);
  let db: Db;
  if (opts.skipMigrations) db = await openDatabase(config.DATABASE_URL);
  else {
    const opened = await openMigrated(config.DATABASE_URL);
    db = opened.db;
    if (opened.applied.length) logger.info({ applied: opened.applied }, 'database migrated');
  }
  // Once per file, before any webhook: the housekeeping's incremental vacuum needs it (see ensureIncrementalVacuum).
  if (kind === 'sqlite' && (await ensureIncrementalVacuum(db))) logger.info({ autoVacuum: 'incremental' }, 'database file rewritten for incremental vacuum');

  // The staff console first: its guard must see every /console route registered after it. Staff actions reach
  // the bot's renderer and messenger, built below, once running.
  // The council's settings as this thread holds them: the profile file with what staff saved in the settings pages
  // laid over it, read again before each console request (and by the inline processing before each batch).
  const settings = new LiveProfile(profile, new PrismaSettings(db), () => clock.now(), logger);
  await settings.tryRefresh();
  server.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/console')) await settings.tryRefresh();
  });
  const parts = consoleParts({ db, databaseUrl: config.DATABASE_URL, settings, translator, clock, bot: () => inline.deps, richMenus: () => richMenuAdmin(messenger) });
  await server.register(consolePlugin, composeConsole(parts, opts.modules ?? MODULES, new SecretBox(config.CONSOLE_SECRET_KEY)));

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

  const inline = buildProcessing({ config, db, messenger, translator, profile, live: settings, clock, ids, logger, ...(opts.sleep ? { sleep: opts.sleep } : {}), ...(opts.modules ? { modules: opts.modules } : {}) });
  let worker: ProcessingWorkerHost | undefined;
  let schedule: { stop(): void } | undefined;
  const queue = (): ProcessingQueue => worker ?? inline.queue;
  const ingest = new EventIngest(new PrismaEventStore(db), clock);

  server.get('/healthz', async () => ({ status: 'ok' }));
  // For a load balancer: ready only once recovery has run (events left by a previous run are being resumed until
  // then), not once closing (so a load balancer stops sending here while the work in flight drains), and not while
  // the database is unreachable or behind its migrations. While migrations run at start the server is not listening.
  let phase: 'recovering' | 'serving' | 'closing' = 'recovering';
  server.get('/readyz', async (_req, reply) => {
    if (phase !== 'serving') return reply.code(503).send({ status: phase === 'recovering' ? 'recovering' : 'shutting down' });
    const ready = await isDatabaseReady(db, expectedMigrations, kind);
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
    get profile() {
      return settings.profile;
    },
    settings,
    channelSecret,
    ...(simulator ? { simulator } : {}),
    async useWorker(lineBaseUrl) {
      if (kind === 'sqlite') await leaveCheckpointsToWorker(db);
      worker = await ProcessingWorkerHost.start(
        { config, ...(lineBaseUrl ? { lineBaseUrl } : {}), accessToken: simulator ? SIMULATOR_ACCESS_TOKEN : (config.LINE_CHANNEL_ACCESS_TOKEN ?? '') },
        logger,
      );
    },
    runBroadcasts: () => inline.runBroadcasts(),
    runHousekeeping: () => inline.runHousekeeping(),
    runOutbox: () => inline.runOutbox(),
    startBroadcastSchedule() {
      schedule ??= startSchedules(inline, db, clock, logger);
    },
    async recover() {
      await (worker ? worker.recover() : inline.recover());
      if (phase === 'recovering') phase = 'serving';
    },
    async crashWorker() {
      await worker?.crash();
    },
    async close() {
      // Not ready from here on; the server answers the requests in flight, then the queue and the worker drain.
      phase = 'closing';
      schedule?.stop();
      await server.close();
      inline.queue.close();
      await queue().whenIdle();
      await worker?.close();
      await db.$disconnect();
    },
  };
}

/** The LINE adapter as rich-menu administration; a messenger without it (a test's recording fake) cannot switch menus. */
function richMenuAdmin(messenger: Messenger): RichMenuAdmin {
  if ('setDefaultRichMenu' in messenger && 'richMenuOfAlias' in messenger) return messenger as Messenger & RichMenuAdmin;
  throw new Error('this LINE adapter cannot switch rich menus');
}
