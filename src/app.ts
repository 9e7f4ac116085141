import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config';
import { isSimulatorMode } from './config';
import type { CouncilProfile } from './domain/council-profile';
import type { Clock, IdGenerator, Logger, Messenger } from './domain/ports';
import type { OutboundOutcome } from './domain/stores';
import { councilView } from './bot/council-view';
import { pushRow } from './bot/deliver';
import { createTranslator } from './bot/i18n';
import { EventDispatcher } from './bot/event-dispatcher';
import { GroupCommit } from './bot/group-commit';
import { EventIngest } from './bot/ingest-events';
import { processBatch } from './bot/process-batch';
import { RenderCache } from './bot/render-cache';
import type { ProcessorDeps } from './bot/process-event';
import { webhookRoute } from './bot/webhook-route';
import { handleIdle } from './flows/menu/idle';
import { FLOWS } from './flows/registry';
import { isDatabaseReady, openDatabase, type Db } from './infra/database';
import { LineMessenger } from './infra/line-messenger';
import { loadCouncilProfile } from './infra/load-council-profile';
import { applyMigrations, MIGRATIONS_DIR, PROJECT_ROOT } from './infra/migrations';
import { PrismaConversationStore } from './infra/prisma-conversation-store';
import { PrismaEventStore } from './infra/prisma-event-store';
import { PrismaOutboxStore } from './infra/prisma-outbox-store';
import { mountSimulatorLine, type SimulatorLine } from './infra/simulator-line';
import { simulatorRoutes } from './simulator/simulator-routes';
import { randomIds, systemClock } from './infra/system';

/** Version of the privacy notice residents consent to; bump it when the notice changes. */
export const CONSENT_VERSION = '2026-11';

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
}

export interface App {
  server: FastifyInstance;
  db: Db;
  /** Processing of stored events; `whenIdle` resolves when all are answered. */
  queue: EventDispatcher;
  deps: ProcessorDeps;
  profile: CouncilProfile;
  /** The secret webhooks are signed with (generated when no LINE channel is configured). */
  channelSecret: string;
  /** The in-process fake LINE channel, in simulator mode only. */
  simulator?: SimulatorLine;
  /** Resumes work a previous run left behind: unsent outbound rows and unprocessed events. */
  recover(): Promise<void>;
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
    logger:
      opts.logger === false || config.LOG_LEVEL === 'silent'
        ? false
        : { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers["x-line-signature"]', 'req.headers.cookie'] },
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

  const events = new PrismaEventStore(db);
  const outbox = new PrismaOutboxStore(db);
  const deps: ProcessorDeps = {
    events,
    outbox,
    conversations: new PrismaConversationStore(db),
    messenger,
    translator,
    clock,
    ids,
    logger,
    flows: FLOWS,
    idle: handleIdle,
    council: councilView(profile),
    profile,
    flowTtlMs: config.FLOW_TTL_MINUTES * 60_000,
    consentVersion: CONSENT_VERSION,
    renderCache: new RenderCache(),
  };

  const outcomes = new GroupCommit<OutboundOutcome, void>((o) => outbox.recordOutcomes(o));
  const queue = new EventDispatcher((batch, userDone) => processBatch(deps, batch, { userDone, recordOutcomes: (o) => outcomes.submit(o) }), logger, { maxConcurrentBatches: 4, maxBatch: 32 });
  const ingest = new EventIngest(events, clock);

  server.get('/healthz', async () => ({ status: 'ok' }));
  server.get('/readyz', async (_req, reply) => {
    const ready = await isDatabaseReady(db, expectedMigrations);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'database not ready' });
  });
  await server.register(webhookRoute, {
    channelSecret,
    store: (raw) => ingest.ingest(raw),
    afterAck: (fresh) => queue.enqueue(fresh),
  });
  if (simulator) await server.register(simulatorRoutes, { state: simulator.state, channelSecret, botName: profile.council.name });

  if (simulator) server.log.info('No LINE channel configured: simulator mode (fake LINE API served in-process)');

  return {
    server,
    db,
    queue,
    deps,
    profile,
    channelSecret,
    ...(simulator ? { simulator } : {}),
    async recover() {
      // Outbound rows committed but never confirmed are pushed with their stored retry keys, so LINE drops
      // any that did go out; keys older than LINE's 24 h memory are not retried (that could duplicate).
      const cutoff = clock.now().getTime() - 23 * 3600_000;
      for (const row of await outbox.pending(1000)) {
        if (row.createdAt.getTime() < cutoff) await outbox.markFailed(row.id, 'not confirmed within 24 h; not retried');
        else await pushRow(deps, row);
      }
      queue.enqueue(await events.pending(100_000));
    },
    async close() {
      await server.close();
      await queue.whenIdle();
      await db.$disconnect();
    },
  };
}
