// Under test: delivery of replies and pushes under LINE faults (src/bot/deliver.ts, src/domain/delivery.ts), through
// the real app, its LINE adapter and SQLite. Faked: LINE only (the project's fake Messaging API over HTTP, with
// injected 5xx, 429, Retry-After, lost answers, hung and reset connections, and the monthly quota).
import { describe, expect, test } from 'vitest';
import type { FakeLineFaults, FaultRule } from '../../src/simulator/fake-line/fake-line-api';
import { deliverNew } from '../../src/bot/pipeline/deliver';
import { CLIENT_TIMEOUT_MS, ledgers, startFaultWorld, type FaultWorld, type ResidentLedger } from '../helpers/fault-world';

/** Runs `fn` in a world of its own, closed afterwards (the cases run concurrently). */
async function inWorld(opts: Parameters<typeof startFaultWorld>[0], fn: (w: FaultWorld) => Promise<void>): Promise<void> {
  const w = await startFaultWorld(opts);
  try {
    await fn(w);
  } finally {
    await w.close();
  }
}

const SENDS: FaultRule['endpoints'] = ['reply', 'push', 'multicast'];
const HANG = CLIENT_TIMEOUT_MS * 3;
const rule = (r: Omit<FaultRule, 'endpoints'>): FaultRule => ({ ...r, endpoints: SENDS });

/** The cases of the council's worst day; `after` marks those where LINE may accept without answering. */
const CASES: Array<{ name: string; faults: () => FakeLineFaults; after: boolean }> = [
  { name: 'normal', faults: () => ({}), after: false },
  { name: '500 before accepting, 30% of calls', faults: () => ({ rules: [rule({ kind: 'status', status: 500, phase: 'before', rate: 0.3 })] }), after: false },
  { name: '429 with Retry-After: 1, 50% of calls', faults: () => ({ rules: [rule({ kind: 'status', status: 429, retryAfterSeconds: 1, phase: 'before', rate: 0.5 })] }), after: false },
  { name: '429 for six seconds', faults: () => ({ rules: [rule({ kind: 'status', status: 429, retryAfterSeconds: 1, phase: 'before', rate: 1, until: Date.now() + 6000 })] }), after: false },
  { name: '500 after accepting, 30%', faults: () => ({ rules: [rule({ kind: 'status', status: 500, phase: 'after', rate: 0.3 })] }), after: true },
  { name: 'no answer after accepting, 20%', faults: () => ({ rules: [rule({ kind: 'noAnswer', phase: 'after', rate: 0.2, hangMs: HANG })] }), after: true },
  { name: 'no answer before accepting, 30%', faults: () => ({ rules: [rule({ kind: 'noAnswer', phase: 'before', rate: 0.3, hangMs: HANG })] }), after: false },
  { name: 'connection reset before accepting 20%, after accepting 10%', faults: () => ({ rules: [rule({ kind: 'reset', phase: 'before', rate: 0.2 }), rule({ kind: 'reset', phase: 'after', rate: 0.1 })] }), after: true },
];

function expectExactlyOnce(all: ResidentLedger[], mayBeUnknown: boolean): void {
  for (const l of all) {
    expect(l.wrong, `resident ${l.userId}: rows not delivered exactly once`).toEqual([]);
    expect(Object.keys(l.statuses).filter((s) => s !== 'sent' && s !== 'unknown'), `resident ${l.userId}: ${JSON.stringify(l.statuses)}`).toEqual([]);
    if (!mayBeUnknown) expect(l.unknown).toBe(0);
    expect(l.safetyDelivered).toBe(l.safetyRows);
  }
}

describe.concurrent('replies to 60 resident messages (20 residents: follow, then two messages; five in danger)', { timeout: 90_000 }, () => {
  for (const c of CASES) {
    test(c.name, async () => {
      await inWorld({ residents: 20, seed: c.name.length }, async (w) => {
      w.line.state.setFaults(c.faults());
      await w.post(w.residents.map((r) => w.follow(r)));
      await w.drain();
      w.line.state.setFaults(c.faults());
      await w.post(w.residents.flatMap((r, i) => [w.text(r, 'こんにちは'), w.text(r, i % 4 === 0 ? 'もう死にたい' : 'メニュー')]));
      await w.drain();

      const all = await ledgers(w);
      expectExactlyOnce(all, c.after);
      expect(all.reduce((n, l) => n + l.safetyRows, 0)).toBeGreaterThanOrEqual(5);
      // Replies are free: in the cases where nothing is lost to a token's life, nothing should have been pushed.
      const pushed = await w.testDb.db.outboundMessage.count({ where: { method: 'push', lineUserId: { in: w.residents } } });
      if (c.name === 'normal') expect(pushed).toBe(0);
      expect(await w.testDb.db.webhookEvent.count({ where: { status: { not: 'done' } } })).toBe(0);
      });
    });
  }
});

describe.concurrent('pushes (60 rows with stored retry keys, 20 residents)', { timeout: 90_000 }, () => {
  for (const c of CASES) {
    test(c.name, async () => {
      await inWorld({ residents: 20, seed: c.name.length + 7 }, async (w) => {
      await w.post(w.residents.map((r) => w.follow(r)));
      await w.drain();
      const before = w.line.state.deliveries.length;
      w.line.state.setFaults(c.faults());
      const now = new Date();
      await Promise.all(
        w.residents.map(async (userId, i) => {
          const rows = [1, 2, 3].map((n) => ({ id: crypto.randomUUID(), lineUserId: userId, method: 'push' as const, retryKey: crypto.randomUUID(), messages: [{ type: 'text' as const, text: `お知らせ ${i}-${n}` }] }));
          await w.app.deps.outbox.insert(rows, now);
          await deliverNew(w.app.deps, rows, now);
        }),
      );
      await w.drain();
      expect(w.line.state.deliveries.length - before).toBe(60);
      // A push carries its retry key, so it is never left unknown while LINE remembers the key.
      expectExactlyOnce(await ledgers(w), false);
      });
    });
  }
});

describe('the monthly quota', () => {
  test('a push refused for the quota fails at once with reason quota, is not retried, and staff see it', async () => {
    await inWorld({ residents: 3, monthlyQuota: 0 }, async (w) => {
    await w.post(w.residents.map((r) => w.follow(r)));
    await w.drain();
    const now = new Date();
    const rows = w.residents.map((userId) => ({ id: crypto.randomUUID(), lineUserId: userId, method: 'push' as const, retryKey: crypto.randomUUID(), messages: [{ type: 'text' as const, text: 'お知らせ' }] }));
    await w.app.deps.outbox.insert(rows, now);
    for (const r of rows) await deliverNew(w.app.deps, [r], now);
    const stored = await w.testDb.db.outboundMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    expect(stored.map((s) => s.status)).toEqual(['failed', 'failed', 'failed']);
    expect(stored.every((s) => s.error?.startsWith('quota'))).toBe(true);
    const pushCalls = w.line.state.requests.filter((r) => r.endpoint === 'push').length;
    expect(await w.app.runOutbox()).toBe(0);
    expect(w.line.state.requests.filter((r) => r.endpoint === 'push').length).toBe(pushCalls);
    // Replies are free and still work.
    await w.post([w.text(w.residents[0]!, 'メニュー')]);
    await w.drain();
    expect(w.line.state.deliveries.filter((d) => d.via === 'reply' && d.to === w.residents[0]).length).toBeGreaterThanOrEqual(2);
    });
  });
});

describe.concurrent('multicasts (20 urgent announcements to 30 followers, one call each)', { timeout: 90_000 }, () => {
  for (const c of CASES) {
    test(c.name, async () => {
      await inWorld({ residents: 30, seed: c.name.length + 13 }, async (w) => {
        await w.post(w.residents.map((r) => w.follow(r)));
        await w.drain();
        const now = new Date();
        const ids: string[] = [];
        for (let n = 0; n < 20; n++) {
          const b = await w.testDb.db.broadcast.create({
            data: { kind: 'announcement', title: `お知らせ ${n}`, content: JSON.stringify({ ja: `お知らせ ${n}` }), targeting: JSON.stringify({ everyone: true }), urgent: true, scheduledAt: now, createdAt: now },
          });
          ids.push(b.id);
        }
        w.line.state.setFaults(c.faults());
        const until = Date.now() + 60_000;
        // The schedule runs the engine every minute; here, again as soon as the last run is over.
        while ((await w.testDb.db.broadcast.count({ where: { id: { in: ids }, status: { not: 'sent' } } })) > 0) {
          if (Date.now() > until) throw new Error('broadcasts did not finish');
          await w.app.runBroadcasts();
          await new Promise((r) => setTimeout(r, 200));
        }
        for (const userId of w.residents) {
          const got = w.line.state.deliveries.filter((d) => d.to === userId && d.via === 'multicast').map((d) => JSON.stringify(d.messages));
          expect(got).toHaveLength(20);
          expect(new Set(got).size).toBe(20);
        }
        const counts = await w.testDb.db.broadcast.findMany({ where: { id: { in: ids } }, select: { sent: true, failed: true } });
        expect(counts.every((b) => b.sent === 30 && b.failed === 0)).toBe(true);
      });
    });
  }
});
