/**
 * The daily housekeeping's retention: each rule of the council's policy in turn, in small batches with a pause
 * between them as long as the batch (so webhook writes wait milliseconds, never the whole run), then the file's free pages given back
 * in steps, and the run recorded for the console. A rule that fails is logged and the others still run.
 */
import { RETENTION_RULES, retentionCutoff, type HousekeepingRunRecord, type HousekeepingRuns, type RetentionPolicy, type RetentionRule, type RetentionStore } from '../../domain/retention-policy';
import type { Clock, Logger } from '../../domain/ports';

export interface RetentionDeps {
  store: RetentionStore;
  runs: HousekeepingRuns;
  policy: RetentionPolicy;
  clock: Clock;
  logger: Logger;
  /** Rows per statement (default 500). */
  batchSize?: number;
  /** Free pages given back per step (default 250: 1 MB with SQLite's 4 KB pages; 1,000 held the lock up to 0.1 s). */
  reclaimStep?: number;
  /**
   * Waits between batches, given how long the last one took (default: as long again, at least 10 ms). SQLite's busy
   * handler sleeps in steps up to 100 ms: a writer waiting for the lock (a webhook's insert) gets in only if the
   * lock is free long enough, often enough; back-to-back batches starved it for seconds in the bench.
   */
  pause?: (lastBatchMs: number) => Promise<void>;
}

const BATCH_SIZE = 500;
const RECLAIM_STEP = 250;
const MIN_PAUSE_MS = 10;
const yieldLock = (lastBatchMs: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(MIN_PAUSE_MS, lastBatchMs)));

/** Applies the policy once; returns the run as recorded. */
export async function applyRetention(d: RetentionDeps): Promise<HousekeepingRunRecord> {
  const limit = d.batchSize ?? BATCH_SIZE;
  const pause = d.pause ?? yieldLock;
  const startedAt = d.clock.now();
  const began = performance.now();
  const removed: Partial<Record<RetentionRule, number>> = {};
  const errors: string[] = [];
  for (const rule of RETENTION_RULES) {
    const cutoff = retentionCutoff(startedAt, d.policy[rule]);
    let total = 0;
    try {
      for (;;) {
        const t0 = performance.now();
        const batch = await d.store.removeBatch(rule, cutoff, limit);
        total += batch.touched;
        if (!batch.more) break;
        await pause(performance.now() - t0);
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      errors.push(`${rule}: ${message}`);
      d.logger.error({ rule, err: message }, 'retention rule failed');
    }
    removed[rule] = total;
  }
  let pagesFreed = 0;
  try {
    for (;;) {
      const t0 = performance.now();
      const freed = await d.store.reclaimPages(d.reclaimStep ?? RECLAIM_STEP);
      pagesFreed += freed;
      if (freed === 0) break;
      await pause(performance.now() - t0);
    }
  } catch (e) {
    errors.push(`reclaim: ${e instanceof Error ? e.message : String(e)}`);
  }
  const run: HousekeepingRunRecord = {
    startedAt,
    finishedAt: d.clock.now(),
    durationMs: Math.round(performance.now() - began),
    removed,
    pagesFreed,
    pageSize: await d.store.pageSize(),
    error: errors.length ? errors.join('; ') : null,
  };
  await d.runs.record(run);
  d.logger.info({ removed, pagesFreed, durationMs: run.durationMs }, 'retention applied');
  return run;
}
