import { describe, expect, test } from 'vitest';
import { DEFAULT_RETENTION_POLICY, type HousekeepingRunRecord, type RetentionRule, type RetentionStore } from '../../src/domain/retention-policy';
import { applyRetention, nextBatchSize } from '../../src/usecases/retention/apply-retention';
import { FakeClock } from '../fakes/fake-clock';

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

/**
 * A store whose batches cost `msPerRow` on a fake timer: the rows of `rule` (only it has any) are removed `limit` at a
 * time; every batch's size and cost is kept.
 */
function costlyStore(rows: number, msPerRow: number, rule: RetentionRule = 'webhookPayloads') {
  let now = 0;
  let left = rows;
  const batches: Array<{ limit: number; touched: number; ms: number }> = [];
  const store: RetentionStore = {
    async removeBatch(r, _cutoff, limit) {
      if (r !== rule) return { touched: 0, more: false };
      const touched = Math.min(limit, left);
      left -= touched;
      now += touched * msPerRow;
      batches.push({ limit, touched, ms: touched * msPerRow });
      return { touched, more: touched >= limit };
    },
    reclaimPages: async () => 0,
    pageSize: async () => 4096,
  };
  return { store, batches, timer: () => now, left: () => left };
}

async function run(store: RetentionStore, timer: () => number, batchTargetMs?: number) {
  const recorded: HousekeepingRunRecord[] = [];
  const result = await applyRetention({
    store,
    runs: { record: async (r) => void recorded.push(r), latest: async () => recorded },
    policy: DEFAULT_RETENTION_POLICY,
    clock: new FakeClock(new Date('2026-12-06T03:30:00+09:00')),
    logger: quiet,
    timer,
    pause: async () => {},
    ...(batchTargetMs ? { batchTargetMs } : {}),
  });
  return { result, recorded };
}

describe('retention batches are sized to hold the write lock briefly', () => {
  test('expensive rows: after the first batch every batch stays within the target, and every row is still removed', async () => {
    const s = costlyStore(10_000, 0.25); // 500 rows would hold the lock 125 ms
    const { result, recorded } = await run(s.store, s.timer);
    expect(result.removed.webhookPayloads).toBe(10_000);
    expect(s.left()).toBe(0);
    expect(recorded).toHaveLength(1);
    expect(s.batches[0]!.limit).toBe(500);
    const later = s.batches.slice(1);
    expect(later.length).toBeGreaterThan(100);
    expect(later.every((b) => b.ms <= 20)).toBe(true);
    expect(later.every((b) => b.limit === 80)).toBe(true); // 20 ms ÷ 0.25 ms per row
  });

  test('cheap rows keep the full batch of 500', async () => {
    const s = costlyStore(5_000, 0.01); // 500 rows: 5 ms
    await run(s.store, s.timer);
    expect(s.batches.map((b) => b.limit)).toEqual(Array(11).fill(500));
    expect(s.left()).toBe(0);
  });

  test('the size grows back when batches get cheap again, never past the most', () => {
    expect(nextBatchSize(500, 100, 20, 500)).toBe(100);
    expect(nextBatchSize(100, 4, 20, 500)).toBe(200);
    expect(nextBatchSize(400, 4, 20, 500)).toBe(500);
    expect(nextBatchSize(100, 15, 20, 500)).toBe(100);
    expect(nextBatchSize(30, 1_000, 20, 500)).toBe(20); // never below 20 rows
    expect(nextBatchSize(5, 1_000, 20, 5)).toBe(5); // nor above a smaller most
  });

  test('a lower target makes smaller batches', async () => {
    const s = costlyStore(2_000, 0.1);
    await run(s.store, s.timer, 5);
    expect(s.batches.slice(1).every((b) => b.limit === 50 && b.ms <= 5)).toBe(true);
  });
});

describe('the body-emptying walk starts where the last complete run left off', () => {
  async function twoRuns(firstError: string | null) {
    const froms: Array<{ rule: RetentionRule; from: Date | undefined }> = [];
    const store: RetentionStore = {
      async removeBatch(rule, _cutoff, _limit, from) {
        froms.push({ rule, from });
        return { touched: 0, more: false };
      },
      reclaimPages: async () => 0,
      pageSize: async () => 4096,
    };
    const recorded: HousekeepingRunRecord[] = [];
    const clock = new FakeClock(new Date('2026-12-06T03:30:00+09:00'));
    const deps = { store, runs: { record: async (r: HousekeepingRunRecord) => void recorded.unshift(r), latest: async (n: number) => recorded.slice(0, n) }, policy: DEFAULT_RETENTION_POLICY, clock, logger: quiet, pause: async () => {} };
    await applyRetention(deps);
    if (firstError) recorded[0] = { ...recorded[0]!, error: firstError };
    clock.advance(86_400_000);
    await applyRetention(deps);
    return froms;
  }

  test('the first run walks everything; the next starts a day before the first run’s cut-off, for that rule only', async () => {
    const froms = await twoRuns(null);
    const bodies = froms.filter((f) => f.rule === 'outboundBodies');
    expect(bodies[0]!.from).toBeUndefined();
    expect(bodies[1]!.from?.toISOString()).toBe(new Date(Date.parse('2026-12-06T03:30:00+09:00') - 31 * 86_400_000).toISOString());
    expect(froms.filter((f) => f.rule !== 'outboundBodies').every((f) => f.from === undefined)).toBe(true);
  });

  test('after a run that failed somewhere, the next walks everything again', async () => {
    const froms = await twoRuns('outboundBodies: database is locked');
    expect(froms.filter((f) => f.rule === 'outboundBodies').map((f) => f.from)).toEqual([undefined, undefined]);
  });
});
