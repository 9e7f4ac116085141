import { hostname } from 'node:os';
import type { Config } from '../config';
import { UNCLAIMED_AFTER_SHARED_MS } from '../domain/delivery';
import type { CouncilProfile } from '../domain/council-profile';
import type { Clock, IdGenerator, Logger, Messenger } from '../domain/ports';
import type { OutboundOutcome, PendingEvent } from '../domain/stores';
import { councilView } from '../bot/render/council-view';
import { leaseFrom, resumeDue } from '../bot/pipeline/deliver';
import { EventDispatcher, type BatchRunner } from '../bot/pipeline/webhook-event-dispatcher';
import { leasedBatches } from '../bot/pipeline/leased-batches';
import { PrismaProcessingLeases } from '../infra/prisma/prisma-processing-leases';
import { dialectOf } from '../infra/prisma/sql-dialect';
import { GroupCommit } from '../bot/pipeline/group-commit';
import type { Translator } from '../bot/render/i18n';
import { processBatch } from '../bot/pipeline/process-webhook-events';
import { render, type ProcessorDeps } from '../bot/pipeline/plan-webhook-event';
import { runDueBroadcasts, type BroadcastDeps } from '../bot/broadcasts/run-broadcasts';
import { PrismaBroadcastStore } from '../infra/prisma/prisma-broadcast-store';
import { RenderCache } from '../bot/render/render-cache';
import { composeEngine } from '../flows/core';
import { MODULES, type AppModule, type ModuleJob } from './modules';
import type { Db } from '../infra/prisma/database';
import { PrismaConversationStore } from '../infra/prisma/prisma-conversation-store';
import { PrismaEventStore } from '../infra/prisma/prisma-event-store';
import { PrismaOutboxStore } from '../infra/prisma/prisma-outbox-store';
import { PrismaAttachmentStore } from '../infra/prisma/prisma-attachment-store';
import { copyAttachments } from '../bot/pipeline/copy-attachments';
import { loadSafetyDetector, SAFETY_PHRASES_PATH } from '../infra/load-safety-phrases';
import { applyRetention } from '../usecases/retention/apply-retention';
import { PrismaHousekeepingRuns, PrismaRetentionStore } from '../infra/prisma/prisma-retention';
import { PrismaSettings } from '../infra/prisma/prisma-settings';
import { LiveProfile } from '../usecases/settings/live-profile';

/** Version of the privacy notice residents consent to; bump it when the notice changes. */
export const CONSENT_VERSION = '2026-12-06';

/** Where stored events go to be processed: in this thread, or in the processing worker. */
export interface ProcessingQueue {
  enqueue(events: PendingEvent[]): void;
  /** Resolves when nothing is queued, committing or sending. */
  whenIdle(): Promise<void>;
}

export interface Processing {
  deps: ProcessorDeps;
  /** The broadcast engine's parts (for tests and the bench). */
  broadcasting: BroadcastDeps;
  /** Sends every broadcast that is due and resumes unfinished ones. */
  runBroadcasts(): Promise<void>;
  /** Tries again the outbound rows that are due (waiting to retry, or abandoned); returns how many were tried. */
  runOutbox(): Promise<number>;
  /**
   * Daily: the council's retention policy (src/usecases/retention/apply-retention.ts), then the modules' daily jobs
   * (erasing personal data past its keeping period, e.g. past events' registrants).
   */
  runHousekeeping(): Promise<void>;
  /** Takes nothing until `recover` has run; then the stored events, a bounded window at a time. */
  queue: EventDispatcher;
  /**
   * Resumes what a previous run left: unsent outbound rows and unprocessed events, then opens the queue.
   * Nothing is processed before it, so nothing it resumes can be in flight.
   */
  recover(): Promise<void>;
}

export interface ProcessingOptions {
  config: Config;
  db: Db;
  messenger: Messenger;
  translator: Translator;
  /** The profile file as loaded at start; the settings saved in the console are laid over it (see `live`). */
  profile: CouncilProfile;
  /**
   * The council's settings as this side holds them, read again before each batch, job run and housekeeping (default:
   * one over `profile` and this database). The main thread shares one with the console.
   */
  live?: LiveProfile;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Waits between delivery attempts; a port so tests need not wait in real time. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** The feature modules to run (default: `MODULES`, src/modules/index.ts). */
  modules?: readonly AppModule[];
  /** This instance's name among several, named by the leases and broadcast batches it holds (default: `instanceName(config)`). */
  instanceId?: string;
}

/** This instance's name among several: `INSTANCE_NAME`, or the host's name and port (stable across restarts). */
export function instanceName(config: Pick<Config, 'INSTANCE_NAME' | 'PORT'>): string {
  return config.INSTANCE_NAME ?? `${hostname()}:${config.PORT}`;
}

/** Several instances: how often each reads the database for events an instance that died had stored. */
export const SWEEP_EVERY_MS = 5_000;

/**
 * Wires event processing: stores on the given database, the flows, the batch processor and its dispatcher.
 * Used in the main thread (inline mode, tests) and by the processing worker.
 */
export function buildProcessing(o: ProcessingOptions): Processing {
  /** This instance, holding processing leases and the broadcast batches it claims. */
  const instance = o.instanceId ?? instanceName(o.config);
  // PostgreSQL may be shared by several instances: users are leased, and orphaned events are swept up. SQLite has one.
  const shared = dialectOf(o.db) === 'postgresql';
  const events = new PrismaEventStore(o.db, shared ? { owner: instance, clock: o.clock } : undefined);
  const safety = loadSafetyDetector(SAFETY_PHRASES_PATH);
  const outbox = new PrismaOutboxStore(o.db, instance);
  const modules = o.modules ?? MODULES;
  const live = o.live ?? new LiveProfile(o.profile, new PrismaSettings(o.db), () => o.clock.now(), o.logger);
  // What the settings are built into; built again when they change (the flows themselves do not depend on them).
  const built = (profile: CouncilProfile) => {
    const council = councilView(profile);
    const moduleDeps = { db: o.db, translator: o.translator, council, profile, clock: o.clock, logger: o.logger };
    return { council, profile, pipelines: modules.map((m) => m.pipeline(moduleDeps)), jobs: modules.flatMap((m) => m.jobs?.(moduleDeps) ?? []) };
  };
  let current = built(live.profile);
  const deps: ProcessorDeps = {
    events,
    outbox,
    conversations: new PrismaConversationStore(o.db, modules.flatMap((m) => (m.writer ? [m.writer] : []))),
    messenger: o.messenger,
    translator: o.translator,
    clock: o.clock,
    ids: o.ids,
    logger: o.logger,
    engine: composeEngine(current.pipelines.map((p) => p.flow)),
    modules: current.pipelines,
    council: current.council,
    profile: current.profile,
    flowTtlMs: o.config.FLOW_TTL_MINUTES * 60_000,
    consentVersion: CONSENT_VERSION,
    renderCache: new RenderCache(),
    detectDanger: (text) => safety.detect(text)?.category ?? null,
    attachments: new PrismaAttachmentStore(o.db),
    ...(o.sleep ? { sleep: o.sleep } : {}),
  };
  const outcomes = new GroupCommit<OutboundOutcome, void>((rows) => outbox.recordOutcomes(rows));
  const claims = new GroupCommit<string, Set<string>>(async (ids) => new Set(await outbox.claim(ids, leaseFrom(o.clock.now()))));
  /** Reads the settings again if they were saved since (one query when not); a failed read keeps the ones in hand. */
  const refresh = () => live.tryRefresh();
  const runBatch: BatchRunner = async (batch, userDone) => {
    await refresh();
    return processBatch(deps, batch, { userDone, claim: (ids) => claims.submit(ids), recordOutcomes: (rows) => outcomes.submit(rows) });
  };
  const queue: EventDispatcher = new EventDispatcher(
    shared ? leasedBatches(runBatch, { leases: new PrismaProcessingLeases(o.db, instance), events, clock: o.clock, logger: o.logger, defer: (e) => queue.defer(e) }) : runBatch,
    events,
    o.logger,
    { maxConcurrentBatches: 3, maxBatch: 64, maxInMemory: o.config.PROCESSING_MAX_EVENTS_IN_MEMORY, ...(shared ? { sweepEveryMs: SWEEP_EVERY_MS } : {}) },
  );
  /**
   * When `recover` ran: rows left unsettled before it belong to a process that is gone — with several instances, only
   * the rows this instance claimed (another live instance may hold the others: they wait for their leases to pass).
   */
  let bootedAt: Date | undefined;
  const sharing = shared ? { shared, unclaimedAfterMs: UNCLAIMED_AFTER_SHARED_MS } : {};
  const broadcasting: BroadcastDeps = {
    broadcasts: new PrismaBroadcastStore(o.db, o.config.DATABASE_URL),
    messenger: o.messenger,
    clock: o.clock,
    ids: o.ids,
    logger: o.logger,
    quietHours: current.profile.messaging.quietHours,
    staleAfterMs: o.config.BROADCAST_STALE_MINUTES * 60_000,
    render: (messages, language) => render(deps, messages, language),
    callsPerSecond: 200,
    concurrency: 32,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    owner: instance,
  };
  live.onChange((profile) => {
    current = built(profile);
    Object.assign(deps, { council: current.council, profile: current.profile, modules: current.pipelines });
    broadcasting.quietHours = profile.messaging.quietHours;
  });
  return {
    deps,
    broadcasting,
    async runBroadcasts() {
      // The modules' scheduled work first (it may queue notices), then what is due.
      await refresh();
      await runJobs(current.jobs, 'minute', o.logger);
      await runDueBroadcasts(broadcasting);
    },
    runOutbox: () => resumeDue(deps, { ...(bootedAt ? { bootedAt } : {}), ...sharing }),
    async runHousekeeping() {
      await refresh();
      await applyRetention({ store: new PrismaRetentionStore(o.db, o.config.DATABASE_URL), runs: new PrismaHousekeepingRuns(o.db), policy: current.profile.retention, clock: o.clock, logger: o.logger }).catch((e: unknown) =>
        o.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'retention failed'),
      );
      await runJobs(current.jobs, 'daily', o.logger);
    },
    queue,
    async recover() {
      // Outbound rows a previous run left unsettled: never tried ones are sent; ones that were in LINE's hands
      // are repeated only where that cannot deliver twice (see src/domain/delivery.ts).
      bootedAt = o.clock.now();
      await refresh();
      await resumeDue(deps, { bootedAt, ...sharing, limit: 1000 });
      // Broadcast batches this instance held when it stopped go again at once (another instance's wait for their lease).
      const released = await broadcasting.broadcasts.releaseLeasesOf(instance, bootedAt);
      if (released) o.logger.info({ batches: released }, 'broadcast batches left by the previous run released');
      // Content a crash kept from being copied is fetched now, while LINE still has it.
      await copyAttachments(deps, await deps.attachments.pending(1000));
      queue.open();
    },
  };
}

/** Runs the modules' jobs of one schedule in turn; one failing is logged and does not stop the others. */
async function runJobs(jobs: readonly ModuleJob[], every: ModuleJob['every'], logger: Logger): Promise<void> {
  for (const job of jobs) {
    if (job.every !== every) continue;
    await job.run().catch((e: unknown) => logger.error({ job: job.name, err: e instanceof Error ? e.message : String(e) }, 'module job failed'));
  }
}
