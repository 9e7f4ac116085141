// Under test: EventDispatcher — batching, per-user order, the bounded memory window over the stored events, and
// nothing taken before `open`. Faked: the batch runner (records batches, marks events done in the "database" when
// a batch commits, releases users when the test says so) and the database (an array of pending events).
import { describe, expect, test } from 'vitest';
import { DEFER_MS, EventDispatcher, type DispatcherOptions } from '../../../src/bot/pipeline/webhook-event-dispatcher';
import type { PendingEvent } from '../../../src/domain/stores';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ev = (id: string, userKey: string, timestamp: number): PendingEvent => ({ id, userKey, lineType: 'message', timestamp, payload: '{}', receivedAt: new Date(timestamp) });

/** Pending events as the database holds them: stored first, done when their batch commits. */
function store() {
  const rows: PendingEvent[] = [];
  let reads = 0;
  return {
    rows,
    get reads() {
      return reads;
    },
    /** What the webhook does: store, then hand over. */
    save(...events: PendingEvent[]) {
      for (const e of events) if (!rows.some((r) => r.id === e.id)) rows.push(e);
      return events;
    },
    async pending(limit: number) {
      reads++;
      return [...rows].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime()).slice(0, limit);
    },
    done(ids: string[]) {
      for (const id of ids) {
        const i = rows.findIndex((r) => r.id === id);
        if (i >= 0) rows.splice(i, 1);
      }
    },
  };
}

/** A runner that records batches, commits them at once and holds each user until `finish(user)`. */
function recordingRunner(db: ReturnType<typeof store>) {
  const batches: string[][] = [];
  const holds = new Map<string, () => void>();
  const run = async (batch: PendingEvent[], userDone: (u: string) => void) => {
    batches.push(batch.map((e) => e.id));
    db.done(batch.map((e) => e.id));
    for (const e of batch) holds.set(e.userKey, () => userDone(e.userKey));
  };
  const finish = (user: string) => {
    const h = holds.get(user);
    holds.delete(user);
    h?.();
  };
  const finishAll = () => [...holds.keys()].forEach(finish);
  return { run, batches, finish, finishAll, held: () => holds.size };
}

const tick = async (n = 1) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

function opened(options: DispatcherOptions = {}) {
  const db = store();
  const r = recordingRunner(db);
  const d = new EventDispatcher(r.run, db, silent, options);
  d.open();
  return { db, r, d };
}

describe('EventDispatcher', () => {
  test('a batch takes the oldest event of each user, never two of one user', async () => {
    const { db, r, d } = opened({ maxConcurrentBatches: 1 });
    await tick(3);
    d.enqueue(db.save(ev('a2', 'A', 2), ev('a1', 'A', 1), ev('b1', 'B', 1), ev('c1', 'C', 5)));
    await tick();
    expect(r.batches).toEqual([['a1', 'b1', 'c1']]);
    r.finishAll();
    await tick();
    expect(r.batches[1]).toEqual(['a2']);
  });

  test("a user's next event waits until their sends are over, while other users go ahead", async () => {
    const { db, r, d } = opened();
    await tick(3);
    d.enqueue(db.save(ev('a1', 'A', 1)));
    await tick();
    d.enqueue(db.save(ev('a2', 'A', 2), ev('b1', 'B', 1)));
    await tick();
    expect(r.batches).toEqual([['a1'], ['b1']]);
    r.finish('A');
    await tick();
    expect(r.batches.at(-1)).toEqual(['a2']);
  });

  test('an event arriving late with an earlier timestamp is processed before later ones of that user', async () => {
    const { db, r, d } = opened();
    await tick(3);
    d.enqueue(db.save(ev('x', 'X', 1)));
    await tick();
    d.enqueue(db.save(ev('late3', 'X', 3), ev('early2', 'X', 2)));
    r.finish('X');
    await tick();
    r.finish('X');
    await tick();
    expect(r.batches).toEqual([['x'], ['early2'], ['late3']]);
  });

  test('an event handed in twice is processed once', async () => {
    const { db, r, d } = opened({ maxConcurrentBatches: 1 });
    await tick(3);
    d.enqueue(db.save(ev('h', 'H', 1), ev('h2', 'H', 2)));
    d.enqueue([ev('h2', 'H', 2)]);
    await tick();
    r.finish('H');
    await tick();
    d.enqueue([ev('h2', 'H', 2)]);
    r.finish('H');
    await tick();
    expect(r.batches.flat()).toEqual(['h', 'h2']);
  });

  test('batches hold at most maxBatch users', async () => {
    const { db, r, d } = opened({ maxBatch: 2, maxConcurrentBatches: 1 });
    await tick(3);
    d.enqueue(db.save(...['1', '2', '3', '4', '5'].map((u) => ev(`e${u}`, u, 1))));
    await tick(6);
    expect(r.batches.map((b) => b.length)).toEqual([2, 2, 1]);
  });

  test('whenIdle waits for queued work and for sends still under way', async () => {
    const { db, r, d } = opened();
    let idle = false;
    d.enqueue(db.save(ev('i1', 'I', 1), ev('i2', 'I', 2)));
    void d.whenIdle().then(() => (idle = true));
    await tick(3);
    expect(idle).toBe(false);
    r.finish('I');
    await tick(3);
    expect(idle).toBe(false);
    r.finish('I');
    await tick(3);
    expect(idle).toBe(true);
  });

  test('a runner that throws frees its users so later events still run', async () => {
    const db = store();
    const batches: string[][] = [];
    const d = new EventDispatcher(
      async (batch) => {
        batches.push(batch.map((e) => e.id));
        db.done(batch.map((e) => e.id));
        throw new Error('bug');
      },
      db,
      silent,
    );
    d.open();
    d.enqueue(db.save(ev('t1', 'T', 1), ev('t2', 'T', 2)));
    await d.whenIdle();
    expect(batches).toEqual([['t1'], ['t2']]);
  });
});

describe('before open (recovery has not run)', () => {
  test('nothing is taken; on open, what is pending in the database is processed once, in order per user', async () => {
    const db = store();
    const r = recordingRunner(db);
    const d = new EventDispatcher(r.run, db, silent);
    // Left pending by a previous run, and arriving while the service starts (stored, then handed in).
    db.save(ev('a', 'U1', 1));
    d.enqueue(db.save(ev('b', 'U1', 2), ev('c', 'U2', 3)));
    await tick(3);
    await d.whenIdle();
    expect(r.batches).toEqual([]);
    expect(d.isOpen).toBe(false);
    d.open();
    for (let i = 0; i < 5; i++) {
      await tick(3);
      r.finishAll();
    }
    await d.whenIdle();
    const processed = r.batches.flat();
    expect([...processed].sort()).toEqual(['a', 'b', 'c']);
    expect(processed.indexOf('a')).toBeLessThan(processed.indexOf('b'));
  });
});

describe('backpressure: the database is the queue', () => {
  test('a burst far beyond the window is held in the database, memory stays within the window, and every event is processed once', async () => {
    const { db, r, d } = opened({ maxInMemory: 50, maxBatch: 10, maxConcurrentBatches: 2 });
    await tick(3);
    let most = 0;
    // 2,000 events from 500 users, handed in 100 at a time while processing goes on.
    for (let k = 0; k < 20; k++) {
      d.enqueue(db.save(...Array.from({ length: 100 }, (_, i) => ev(`e${k}-${i}`, `U${(k * 100 + i) % 500}`, k * 100 + i))));
      most = Math.max(most, d.inMemory);
      await tick();
      r.finishAll();
    }
    for (let i = 0; i < 2000 && (db.rows.length || r.held()); i++) {
      await tick(2);
      most = Math.max(most, d.inMemory);
      r.finishAll();
    }
    await d.whenIdle();
    const processed = r.batches.flat();
    expect(processed).toHaveLength(2000);
    expect(new Set(processed).size).toBe(2000);
    expect(db.rows).toEqual([]);
    expect(most).toBeLessThanOrEqual(50);
    expect(db.reads).toBeGreaterThan(1);
  });

  test('an event stored while a refill is reading is not stranded in the database', async () => {
    const db = store();
    const r = recordingRunner(db);
    let releaseRead!: () => void;
    const slow = {
      pending: async (limit: number) => {
        const snapshot = await db.pending(limit);
        await new Promise<void>((resolve) => (releaseRead = resolve));
        return snapshot;
      },
    };
    const d = new EventDispatcher(r.run, slow, silent, { maxInMemory: 10 });
    d.open();
    await tick(3);
    // The read has taken its snapshot (empty); an event arrives now and is left to the database.
    d.enqueue(db.save(ev('late', 'L', 1)));
    releaseRead();
    for (let i = 0; i < 10 && !r.batches.length; i++) {
      await tick(3);
      releaseRead();
    }
    expect(r.batches.flat()).toEqual(['late']);
  });

  test('an event committed while a refill was reading is not taken again', async () => {
    const db = store();
    // Here a batch commits only when its user is finished, so a refill can read it as still pending.
    const batches: string[][] = [];
    const holds = new Map<string, () => void>();
    const run = async (batch: PendingEvent[], userDone: (u: string) => void) => {
      batches.push(batch.map((e) => e.id));
      for (const e of batch) holds.set(e.userKey, () => (db.done([e.id]), userDone(e.userKey)));
    };
    const finish = (u: string) => {
      const h = holds.get(u);
      holds.delete(u);
      h?.();
    };
    let releaseRead: (() => void) | undefined;
    const slow = {
      pending: async (limit: number) => {
        const snapshot = await db.pending(limit);
        if (snapshot.some((e) => e.id === 'y1')) await new Promise<void>((resolve) => (releaseRead = resolve));
        return snapshot;
      },
    };
    const d = new EventDispatcher(run, slow, silent, { maxInMemory: 2 });
    d.open();
    await tick(3);
    // Three events, room for two: z1 waits in the database.
    d.enqueue(db.save(ev('x1', 'X', 1), ev('y1', 'Y', 2), ev('z1', 'Z', 3)));
    await tick(3);
    expect(batches.flat()).toEqual(['x1', 'y1']);
    // x1 is done: room frees, a refill reads y1 (in flight, not yet committed) and z1.
    finish('X');
    await tick(3);
    expect(releaseRead).toBeDefined();
    // y1 commits and is released while the read is out; then the read returns its stale snapshot.
    finish('Y');
    releaseRead!();
    for (let i = 0; i < 10; i++) {
      await tick(3);
      [...holds.keys()].forEach(finish);
    }
    await d.whenIdle();
    expect(batches.flat()).toEqual(['x1', 'y1', 'z1']);
  });

  test('deferred events are read again from the database, not before DEFER_MS', async () => {
    const db = store();
    const batches: string[][] = [];
    let refuse = true;
    // A runner that, the first time, hands its events back (their user busy elsewhere) without processing them.
    const d: EventDispatcher = new EventDispatcher(
      async (batch, userDone) => {
        for (const e of batch) userDone(e.userKey);
        if (refuse) return void ((refuse = false), d.defer(batch));
        batches.push(batch.map((e) => e.id));
        db.done(batch.map((e) => e.id));
      },
      db,
      silent,
    );
    d.open();
    await d.whenIdle();
    const readsBefore = db.reads;
    const deferredAt = Date.now();
    d.enqueue(db.save(ev('d1', 'D', 1)));
    await d.whenIdle();
    expect(batches).toEqual([['d1']]);
    expect(db.reads).toBe(readsBefore + 1);
    expect(Date.now() - deferredAt).toBeGreaterThanOrEqual(DEFER_MS - 5);
    expect(db.rows).toEqual([]);
  });

  test('with a sweep, events stored but never handed in (an instance died) are found; without one they wait', async () => {
    const swept = opened({ sweepEveryMs: 20 });
    const plain = opened();
    for (const w of [swept, plain]) await w.d.whenIdle();
    for (const w of [swept, plain]) w.db.save(ev('o1', 'O', 1));
    await new Promise((r) => setTimeout(r, 120));
    expect(swept.r.batches).toEqual([['o1']]);
    expect(plain.r.batches).toEqual([]);
    swept.d.close();
    const reads = swept.db.reads;
    await new Promise((r) => setTimeout(r, 80));
    expect(swept.db.reads).toBe(reads);
  });
});
