// Under test: EventDispatcher batching, per-user order and idleness. Faked: the batch runner (records batches,
// releases users when the test says so); no database or LINE.
import { describe, expect, test } from 'vitest';
import { EventDispatcher } from '../../../src/bot/event-dispatcher';
import type { PendingEvent } from '../../../src/domain/stores';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const ev = (id: string, userKey: string, timestamp: number): PendingEvent => ({ id, userKey, lineType: 'message', timestamp, payload: '{}', receivedAt: new Date(timestamp) });

/** A runner that records batches and holds each user until `finish(user)`. */
function recordingRunner() {
  const batches: string[][] = [];
  const holds = new Map<string, () => void>();
  const run = async (batch: PendingEvent[], userDone: (u: string) => void) => {
    batches.push(batch.map((e) => e.id));
    for (const e of batch) holds.set(e.userKey, () => userDone(e.userKey));
  };
  const finish = (user: string) => {
    const h = holds.get(user);
    holds.delete(user);
    h?.();
  };
  const finishAll = () => [...holds.keys()].forEach(finish);
  return { run, batches, finish, finishAll };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('EventDispatcher', () => {
  test('a batch takes the oldest event of each user, never two of one user', async () => {
    const r = recordingRunner();
    const d = new EventDispatcher(r.run, silent, { maxConcurrentBatches: 1 });
    d.enqueue([ev('a2', 'A', 2), ev('a1', 'A', 1), ev('b1', 'B', 1), ev('c1', 'C', 5)]);
    await tick();
    expect(r.batches).toEqual([['a1', 'b1', 'c1']]);
    r.finishAll();
    await tick();
    expect(r.batches[1]).toEqual(['a2']);
  });

  test("a user's next event waits until their sends are over, while other users go ahead", async () => {
    const r = recordingRunner();
    const d = new EventDispatcher(r.run, silent);
    d.enqueue([ev('a1', 'A', 1)]);
    await tick();
    d.enqueue([ev('a2', 'A', 2), ev('b1', 'B', 1)]);
    await tick();
    expect(r.batches).toEqual([['a1'], ['b1']]);
    r.finish('A');
    await tick();
    expect(r.batches.at(-1)).toEqual(['a2']);
  });

  test('an event arriving late with an earlier timestamp is processed before later ones of that user', async () => {
    const r = recordingRunner();
    const d = new EventDispatcher(r.run, silent);
    d.enqueue([ev('x', 'X', 1)]);
    await tick();
    d.enqueue([ev('late3', 'X', 3), ev('early2', 'X', 2)]);
    r.finish('X');
    await tick();
    r.finish('X');
    await tick();
    expect(r.batches).toEqual([['x'], ['early2'], ['late3']]);
  });

  test('an event already queued is not queued twice (recovery overlapping a webhook)', async () => {
    const r = recordingRunner();
    const d = new EventDispatcher(r.run, silent, { maxConcurrentBatches: 1 });
    d.enqueue([ev('h', 'H', 1), ev('h2', 'H', 2)]);
    d.enqueue([ev('h2', 'H', 2)]);
    await tick();
    r.finish('H');
    await tick();
    r.finish('H');
    await tick();
    expect(r.batches.flat()).toEqual(['h', 'h2']);
  });

  test('batches hold at most maxBatch users', async () => {
    const r = recordingRunner();
    const d = new EventDispatcher(r.run, silent, { maxBatch: 2, maxConcurrentBatches: 1 });
    d.enqueue(['1', '2', '3', '4', '5'].map((u) => ev(`e${u}`, u, 1)));
    for (let i = 0; i < 6; i++) await tick();
    expect(r.batches.map((b) => b.length)).toEqual([2, 2, 1]);
  });

  test('whenIdle waits for queued work and for sends still under way', async () => {
    const r = recordingRunner();
    const d = new EventDispatcher(r.run, silent);
    let idle = false;
    d.enqueue([ev('i1', 'I', 1), ev('i2', 'I', 2)]);
    void d.whenIdle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    r.finish('I');
    await tick();
    expect(idle).toBe(false);
    r.finish('I');
    await tick();
    expect(idle).toBe(true);
  });

  test('a runner that throws frees its users so later events still run', async () => {
    const batches: string[][] = [];
    const d = new EventDispatcher(async (batch) => {
      batches.push(batch.map((e) => e.id));
      throw new Error('bug');
    }, silent);
    d.enqueue([ev('t1', 'T', 1), ev('t2', 'T', 2)]);
    await d.whenIdle();
    expect(batches).toEqual([['t1'], ['t2']]);
  });
});
