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
 * going does nothing. Failures are logged, never thrown.
 *
 * Resolves with when to tick again, or null: lost to another instance's run whose lease ends before the job is due
 * again (a daily job), the slot would be left undone if that instance died — so the caller ticks once more just after
 * the lease, and takes the slot over if the run is still unfinished. Jobs due again sooner than a lease need no retry.
 */
export function slotTicker(job: ScheduledJob, claims: SlotClaims, logger: Logger): () => Promise<Date | null> {
  const leaseMs = claims.leaseMs ?? DEFAULT_LEASE_MS;
  const { runs, owner, clock } = claims;
  const leaseFrom = (at: Date) => new Date(at.getTime() + leaseMs);
  let running: Promise<Date | null> | null = null;
  const once = async (): Promise<Date | null> => {
    const now = clock.now();
    const slot = cronSlot(job.expression, now);
    const claim = await runs.claim(job.name, slot, owner, now, leaseFrom(now));
    if (!claim.won) {
      const retryAt = claim.heldUntil && new Date(claim.heldUntil.getTime() + 1000);
      return retryAt && cronSlot(job.expression, retryAt).getTime() === slot.getTime() ? retryAt : null;
    }
    const renewal = setInterval(() => {
      runs.renew(job.name, slot, owner, leaseFrom(clock.now())).catch((e: unknown) => logger.warn({ job: job.name, err: message(e) }, 'scheduled job lease not renewed'));
    }, leaseMs / 3);
    renewal.unref();
    try {
      await job.run().catch((e: unknown) => logger.error({ job: job.name, err: message(e) }, job.failed));
    } finally {
      clearInterval(renewal);
      // Unmarked, the claim is taken over once its lease passes: the job may run once more in this slot.
      await runs.finish(job.name, slot, owner, clock.now()).catch((e: unknown) => logger.warn({ job: job.name, err: message(e) }, 'scheduled run not marked finished'));
    }
    return null;
  };
  return () => {
    running ??= once()
      .catch((e: unknown) => {
        logger.error({ job: job.name, err: message(e) }, 'scheduled job not claimed');
        return null;
      })
      .finally(() => (running = null));
    return running;
  };
}

/**
 * Runs `job` on its cron expression in Japan time, and once at once, so work due while the service was down is done
 * at start — once per slot across the instances sharing `claims` (see `slotTicker`, whose retry it times).
 */
export function scheduleJob(job: ScheduledJob, claims: SlotClaims, logger: Logger): { stop(): void } {
  const tick = slotTicker(job, claims, logger);
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = () => {
    void tick().then((again) => {
      if (!again || stopped) return;
      clearTimeout(retry);
      retry = setTimeout(run, Math.max(0, again.getTime() - claims.clock.now().getTime()));
      retry.unref();
    });
  };
  const task = cron.schedule(job.expression, run, { timezone: 'Asia/Tokyo' });
  run();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(retry);
      void task.stop();
    },
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
