/**
 * The daily housekeeping's retention: each rule of the council's policy in turn, in small batches with a pause
 * between them (so webhook writes wait milliseconds, never the whole run), then the file's free pages given back
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
  /** Free pages given back per step (default 1,000: 4 MB with SQLite's 4 KB pages). */
  reclaimStep?: number;
  /** Lets other work in between batches (default: the next turn of the event loop). */
  pause?: () => Promise<void>;
}

const BATCH_SIZE = 500;
const RECLAIM_STEP = 1000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Applies the policy once; returns the run as recorded. */
export async function applyRetention(d: RetentionDeps): Promise<HousekeepingRunRecord> {
  const limit = d.batchSize ?? BATCH_SIZE;
  const pause = d.pause ?? nextTurn;
  const startedAt = d.clock.now();
  const began = performance.now();
  const removed: Partial<Record<RetentionRule, number>> = {};
  const errors: string[] = [];
  for (const rule of RETENTION_RULES) {
    const cutoff = retentionCutoff(startedAt, d.policy[rule]);
    let total = 0;
    try {
      for (;;) {
        const batch = await d.store.removeBatch(rule, cutoff, limit);
        total += batch.touched;
        if (!batch.more) break;
        await pause();
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
      const freed = await d.store.reclaimPages(d.reclaimStep ?? RECLAIM_STEP);
      pagesFreed += freed;
      if (freed === 0) break;
      await pause();
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
