/**
 * The daily housekeeping's retention: each rule of the council's policy in turn, in small batches with a pause
 * between them as long as the batch (so webhook writes wait milliseconds, never the whole run), then the file's free pages given back
 * in steps, and the run recorded for the console. A rule that fails is logged and the others still run.
 */
import { RETENTION_RULES, retentionCutoff, type HousekeepingRunRecord, type HousekeepingRuns, type RetentionPolicy, type RetentionRule, type RetentionStore } from '../../domain/retention-policy';
import type { Clock, Logger } from '../../domain/ports';
import { DAY_MS } from '../../domain/japan-time';

export interface RetentionDeps {
  store: RetentionStore;
  runs: HousekeepingRuns;
  policy: RetentionPolicy;
  clock: Clock;
  logger: Logger;
  /** Most rows per statement (default 500). */
  batchSize?: number;
  /**
   * How long one batch may hold SQLite's write lock, ms (default 20): a batch that took longer makes the next one
   * smaller (down to 20 rows), a quick one lets it grow back, so a webhook's insert never waits long for the lock
   * whatever the rows cost (a year of seeded rows took 30–80 ms per 500 on the growth bench's database).
   */
  batchTargetMs?: number;
  /** The clock batches and the run are timed by, ms (default `performance.now`). */
  timer?: () => number;
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
const BATCH_TARGET_MS = 20;
const MIN_BATCH = 20;
const yieldLock = (lastBatchMs: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(MIN_PAUSE_MS, lastBatchMs)));

/** The next batch's size after one of `size` rows took `ms`: towards `targetMs`, between MIN_BATCH and `most`. */
export function nextBatchSize(size: number, ms: number, targetMs: number, most: number): number {
  if (ms > targetMs) return Math.max(Math.min(MIN_BATCH, most), Math.floor((size * targetMs) / ms));
  if (ms < targetMs / 2) return Math.min(most, size * 2);
  return size;
}

/** Applies the policy once; returns the run as recorded. */
export async function applyRetention(d: RetentionDeps): Promise<HousekeepingRunRecord> {
  const most = d.batchSize ?? BATCH_SIZE;
  const targetMs = d.batchTargetMs ?? BATCH_TARGET_MS;
  const timer = d.timer ?? (() => performance.now());
  const pause = d.pause ?? yieldLock;
  const startedAt = d.clock.now();
  const began = timer();
  const removed: Partial<Record<RetentionRule, number>> = {};
  const errors: string[] = [];
  // After a complete run, the rows it passed were handled; a day's margin covers clock steps.
  const [last] = await d.runs.latest(1);
  const fromOf = (rule: RetentionRule) => (last && last.error === null ? new Date(retentionCutoff(last.startedAt, d.policy[rule]).getTime() - DAY_MS) : undefined);
  for (const rule of RETENTION_RULES) {
    const cutoff = retentionCutoff(startedAt, d.policy[rule]);
    const from = rule === 'outboundBodies' ? fromOf(rule) : undefined;
    let total = 0;
    let size = most;
    try {
      for (;;) {
        const t0 = timer();
        const batch = await d.store.removeBatch(rule, cutoff, size, from);
        const ms = timer() - t0;
        total += batch.touched;
        if (!batch.more) break;
        size = nextBatchSize(size, ms, targetMs, most);
        await pause(ms);
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
      const t0 = timer();
      const freed = await d.store.reclaimPages(d.reclaimStep ?? RECLAIM_STEP);
      pagesFreed += freed;
      if (freed === 0) break;
      await pause(timer() - t0);
    }
  } catch (e) {
    errors.push(`reclaim: ${e instanceof Error ? e.message : String(e)}`);
  }
  const run: HousekeepingRunRecord = {
    startedAt,
    finishedAt: d.clock.now(),
    durationMs: Math.round(timer() - began),
    removed,
    pagesFreed,
    pageSize: await d.store.pageSize(),
    error: errors.length ? errors.join('; ') : null,
  };
  await d.runs.record(run);
  d.logger.info({ removed, pagesFreed, durationMs: run.durationMs }, 'retention applied');
  return run;
}
