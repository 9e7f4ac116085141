import cron from 'node-cron';
import { cronSlot } from '../domain/cron-slot';
import type { Clock, Logger } from '../domain/ports';
import type { ScheduledRuns } from '../domain/scheduled-runs';

/** A job on a cron schedule: `name` keys its claims, so it must stay the same across versions and instances. */
export interface ScheduledJob {
  name: string;
  /** Cron, Japan time: five fields, or six with seconds first. */
  expression: string;
  run: () => Promise<void>;
  /** The log message when a run fails. */
  failed: string;
}

/** What every instance's jobs share to run once per slot: the claims, who this instance is, and the clock. */
export interface SlotClaims {
  runs: ScheduledRuns;
  /** This instance (a random id per process): the owner written on its claims. */
  owner: string;
  clock: Clock;
  /** How long a claim holds without renewal (default a minute); renewed every third of it while the job runs. */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 60_000;

/**
 * One tick of `job`: computes its slot (the latest due time at or before now — so a tick at start belongs to the
 * current slot), claims it, and runs the job only when this instance won; the claim is renewed while it runs and
 * marked finished after, failed or not (the next slot tries again). A tick while this process's previous run is still
 * going does nothing. Resolves when the tick is over; failures are logged, never thrown.
 */
export function slotTicker(job: ScheduledJob, claims: SlotClaims, logger: Logger): () => Promise<void> {
  const leaseMs = claims.leaseMs ?? DEFAULT_LEASE_MS;
  const { runs, owner, clock } = claims;
  const leaseFrom = (at: Date) => new Date(at.getTime() + leaseMs);
  let running: Promise<void> | null = null;
  const once = async () => {
    const now = clock.now();
    const slot = cronSlot(job.expression, now);
    if (!(await runs.claim(job.name, slot, owner, now, leaseFrom(now)))) return;
    const renewal = setInterval(() => {
      runs.renew(job.name, slot, owner, leaseFrom(clock.now())).catch((e: unknown) => logger.warn({ job: job.name, err: message(e) }, 'scheduled job lease not renewed'));
    }, leaseMs / 3);
    renewal.unref();
    try {
      await job.run().catch((e: unknown) => logger.error({ job: job.name, err: message(e) }, job.failed));
    } finally {
      clearInterval(renewal);
      await runs.finish(job.name, slot, owner, clock.now());
    }
  };
  return () => {
    running ??= once()
      .catch((e: unknown) => logger.error({ job: job.name, err: message(e) }, 'scheduled job not claimed'))
      .finally(() => (running = null));
    return running;
  };
}

/**
 * Runs `job` on its cron expression in Japan time, and once at once, so work due while the service was down is done
 * at start — once per slot across the instances sharing `claims` (see `slotTicker`).
 */
export function scheduleJob(job: ScheduledJob, claims: SlotClaims, logger: Logger): { stop(): void } {
  const tick = slotTicker(job, claims, logger);
  const task = cron.schedule(job.expression, () => void tick(), { timezone: 'Asia/Tokyo' });
  void tick();
  return { stop: () => void task.stop() };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
