// Under test: several instances of the broadcast engine on one database (runDueBroadcasts with PrismaBroadcastStore,
// each instance on its own client, run on SQLite and on PostgreSQL): one of them starts a send, each batch is claimed
// and sent by one instance, and batches held by an instance that died are taken over with the same retry keys once
// their lease has passed. Faked: the clock (FakeClock) and LINE (one recorder shared by the instances, which, like
// LINE, accepts a retry key once and answers a repeat as a duplicate).
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runDueBroadcasts, type BroadcastDeps } from '../../src/bot/broadcasts/run-broadcasts';
import { BATCH_LEASE_MS, MULTICAST_MAX_RECIPIENTS, type Audience } from '../../src/domain/broadcast';
import type { LineMessage } from '../../src/domain/line-message';
import { LineApiError, type Logger, type Messenger, type SendReceipt } from '../../src/domain/ports';
import { openDatabase, type Db } from '../../src/infra/prisma/database';
import { PrismaBroadcastStore } from '../../src/infra/prisma/prisma-broadcast-store';
import { FakeClock } from '../fakes/fake-clock';
import { createTestDb, type TestDb } from '../helpers/test-db';

const FOLLOWERS = 20_000;
const BATCHES = FOLLOWERS / MULTICAST_MAX_RECIPIENTS;

/** One multicast call as LINE saw it. */
interface Call {
  instance: string;
  retryKey: string;
  to: string[];
  /** LINE accepted it (the first call with this key); false for a repeat LINE dropped. */
  accepted: boolean;
}

/** LINE's multicast for every instance: a retry key is accepted once. */
class SharedLine {
  readonly calls: Call[] = [];
  private readonly keys = new Set<string>();
  multicast(instance: string, to: string[], retryKey: string): SendReceipt {
    const accepted = !this.keys.has(retryKey);
    this.keys.add(retryKey);
    this.calls.push({ instance, retryKey, to, accepted });
    return accepted ? { duplicate: false, requestId: `req-${this.calls.length}` } : { duplicate: true, requestId: 'accepted-before' };
  }
  /** How many accepted calls reached each recipient. */
  perRecipient(): Map<string, number> {
    const out = new Map<string, number>();
    for (const c of this.calls) if (c.accepted) for (const u of c.to) out.set(u, (out.get(u) ?? 0) + 1);
    return out;
  }
}

/**
 * An instance's LINE client. After `dieAfter` calls it stops: each further call never returns (the process is
 * gone; LINE never got it) until the test lets them through with `revive`, as a paused process that wakes up late.
 */
class InstanceMessenger implements Messenger {
  readonly stalled: Array<() => void> = [];
  constructor(
    private readonly line: SharedLine,
    private readonly instance: string,
    private dieAfter = Infinity,
    /** Calls that fail as LINE's 500 does (nothing accepted), counted from the first. */
    private failing = 0,
  ) {}
  private made = 0;
  readonly failedKeys: string[] = [];
  async multicast(to: string[], _messages: LineMessage[], retryKey: string): Promise<SendReceipt> {
    // Another instance's turn between calls, as with real network round trips.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failing > 0) {
      this.failing--;
      this.failedKeys.push(retryKey);
      throw new LineApiError('multicast', 'server', 500, 'LINE is down');
    }
    if (this.made++ >= this.dieAfter) await new Promise<void>((resolve) => this.stalled.push(resolve));
    return this.line.multicast(this.instance, to, retryKey);
  }
  revive(): void {
    this.dieAfter = Infinity;
    for (const go of this.stalled.splice(0)) go();
  }
  async reply(): Promise<SendReceipt> {
    throw new Error('not used by broadcasts');
  }
  async push(): Promise<SendReceipt> {
    throw new Error('not used by broadcasts');
  }
  async getProfile(): Promise<null> {
    return null;
  }
  async showLoading(): Promise<void> {}
  async getContent(): Promise<null> {
    return null;
  }
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

let testDb: TestDb;
let clock: FakeClock;
let line: SharedLine;
const clients: Db[] = [];
let broadcastId: string;

/** An instance: its own database client, store and LINE client, sharing the database, the clock and LINE. */
async function instance(owner: string, o: { dieAfter?: number; failing?: number; concurrency?: number } = {}): Promise<BroadcastDeps & { messenger: InstanceMessenger }> {
  const db = await openDatabase(testDb.url);
  clients.push(db);
  return {
    broadcasts: new PrismaBroadcastStore(db, testDb.url),
    messenger: new InstanceMessenger(line, owner, o.dieAfter, o.failing),
    clock,
    ids: { uuid: () => randomUUID() },
    logger: silent,
    quietHours: { start: '21:00', end: '08:00' },
    staleAfterMs: 6 * 3600_000,
    render: (_messages, language) => [{ type: 'text', text: `お知らせ (${language})` }],
    callsPerSecond: 200,
    concurrency: o.concurrency ?? 4,
    sleep: () => new Promise((resolve) => setImmediate(resolve)),
    owner,
  };
}

beforeEach(async () => {
  testDb = await createTestDb();
  clock = new FakeClock('2026-11-24T10:00:00+09:00');
  line = new SharedLine();
  const now = clock.now();
  const residents = Array.from({ length: FOLLOWERS }, (_, i) => ({ lineUserId: `U${String(i).padStart(32, '0')}`, language: 'ja', followed: true, followedAt: now, createdAt: now, updatedAt: now }));
  for (let i = 0; i < residents.length; i += 5000) await testDb.db.resident.createMany({ data: residents.slice(i, i + 5000) });
  const b = await testDb.db.broadcast.create({
    data: { kind: 'announcement', title: '避難所', content: JSON.stringify({ ja: '避難所を開設しました' }), targeting: JSON.stringify({ everyone: true }), urgent: true, scheduledAt: now, createdAt: now },
  });
  broadcastId = b.id;
}, 120_000);

afterEach(async () => {
  for (const db of clients.splice(0)) await db.$disconnect();
  await testDb.cleanup();
});

/** The followers as the engine targets them, for a send started directly on the store. */
function followers(): Audience[] {
  return Array.from({ length: FOLLOWERS }, (_, i) => ({ residentId: '', lineUserId: `U${String(i).padStart(32, '0')}`, language: 'ja', followed: true, consented: false, districtCode: null, topics: [], salons: [] }));
}

/** Every follower reached by exactly one accepted call, and the send recorded once, as sent to all. */
async function expectSentExactlyOnce(): Promise<void> {
  const reached = line.perRecipient();
  expect(reached.size).toBe(FOLLOWERS);
  expect([...reached.values()].filter((n) => n !== 1)).toEqual([]);
  expect(line.calls.filter((c) => c.accepted)).toHaveLength(BATCHES);
  expect(await testDb.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).toMatchObject({ status: 'sent', targeted: FOLLOWERS, sent: FOLLOWERS, failed: 0, skipped: 0 });
  expect(await testDb.db.broadcastDelivery.count({ where: { broadcastId, status: 'sent' } })).toBe(FOLLOWERS);
  const batches = await testDb.db.broadcastBatch.findMany({ where: { broadcastId } });
  expect(batches).toHaveLength(BATCHES);
  expect(batches.filter((b) => b.status !== 'sent' || b.leaseOwner !== null || b.leaseUntil !== null)).toEqual([]);
}

describe('three instances racing on one send to 20,000 followers', () => {
  test('one starts it; each batch goes out in one call, with its own retry key, from one of them', { timeout: 120_000 }, async () => {
    const instances = await Promise.all(['a', 'b', 'c'].map((o) => instance(o)));
    await Promise.all(instances.map((d) => runDueBroadcasts(d)));

    expect(line.calls).toHaveLength(BATCHES);
    const keys = line.calls.map((c) => c.retryKey);
    expect(new Set(keys).size).toBe(BATCHES);
    const stored = await testDb.db.broadcastBatch.findMany({ where: { broadcastId }, select: { retryKey: true, attempts: true } });
    expect(new Set(stored.map((b) => b.retryKey))).toEqual(new Set(keys));
    expect(stored.every((b) => b.attempts === 1)).toBe(true);
    await expectSentExactlyOnce();

    // Later runs find nothing left to send.
    await Promise.all(instances.map((d) => runDueBroadcasts(d)));
    expect(line.calls).toHaveLength(BATCHES);
  });

  test('a send already started (its starter gone before claiming anything) is shared by all three, each batch sent once', { timeout: 120_000 }, async () => {
    const instances = await Promise.all(['a', 'b', 'c'].map((o) => instance(o, { concurrency: 2 })));
    expect(await instances[0]!.broadcasts.start(broadcastId, followers(), MULTICAST_MAX_RECIPIENTS, () => randomUUID(), clock.now())).toBe(true);
    await Promise.all(instances.map((d) => runDueBroadcasts(d)));

    expect(line.calls).toHaveLength(BATCHES);
    // Claimed a few at a time, the batches are spread over the instances (each ran while the others waited on LINE).
    expect(new Set(line.calls.map((c) => c.instance)).size).toBeGreaterThan(1);
    expect(new Set(line.calls.map((c) => c.retryKey)).size).toBe(BATCHES);
    await expectSentExactlyOnce();
  });

  test('starting is won by one instance: the others write no batches and send nothing', async () => {
    const instances = await Promise.all(['a', 'b', 'c'].map((o) => instance(o)));
    const won = await Promise.all(instances.map((d) => d.broadcasts.start(broadcastId, followers(), MULTICAST_MAX_RECIPIENTS, () => randomUUID(), clock.now())));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await testDb.db.broadcastBatch.count({ where: { broadcastId } })).toBe(BATCHES);
    expect(line.calls).toHaveLength(0);
  });
});

describe('when LINE fails for one instance', () => {
  test('the batches it failed are released with their keys and sent once, by any instance, on this run or the next', { timeout: 120_000 }, async () => {
    const instances = await Promise.all([instance('a', { failing: 3 }), instance('b'), instance('c')]);
    const recipients = followers();
    expect(await instances[0]!.broadcasts.start(broadcastId, recipients, MULTICAST_MAX_RECIPIENTS, () => randomUUID(), clock.now())).toBe(true);
    await Promise.all(instances.map((d) => runDueBroadcasts(d)));
    const failed = instances[0]!.messenger.failedKeys;
    expect(failed).toHaveLength(3);
    // `a` does not try its failed batches again on the same run; another instance may have.
    expect(line.calls.filter((c) => c.instance === 'a' && failed.includes(c.retryKey))).toEqual([]);
    await Promise.all(instances.map((d) => runDueBroadcasts(d)));

    for (const key of failed) expect(line.calls.filter((c) => c.retryKey === key)).toHaveLength(1);
    expect(line.calls).toHaveLength(BATCHES);
    await expectSentExactlyOnce();
    const retried = await testDb.db.broadcastBatch.findMany({ where: { retryKey: { in: failed } }, select: { attempts: true } });
    expect(retried.map((b) => b.attempts)).toEqual([2, 2, 2]);
  });
});

describe('an instance that dies mid-send', () => {
  test('its batches wait out their lease, then another instance sends them with the same retry keys; nobody gets it twice', { timeout: 120_000 }, async () => {
    // `a` starts the send, has two calls accepted, then dies holding the batches it claimed (none recorded).
    const a = await instance('a', { dieAfter: 2 });
    const dying = runDueBroadcasts(a);
    while (a.messenger.stalled.length < 4) await new Promise((resolve) => setImmediate(resolve));
    const held = await testDb.db.broadcastBatch.findMany({ where: { broadcastId, leaseOwner: 'a' }, select: { id: true, retryKey: true, status: true } });
    expect(held.length).toBeGreaterThan(4);
    expect(held.every((b) => b.status === 'pending')).toBe(true);
    const heldKeys = new Set(held.map((b) => b.retryKey));
    const acceptedFromA = line.calls.filter((c) => c.instance === 'a' && c.accepted);
    expect(acceptedFromA).toHaveLength(2);

    // Before the lease passes, the others send everything else and leave a's batches alone.
    const others = await Promise.all(['b', 'c'].map((o) => instance(o)));
    await Promise.all(others.map((d) => runDueBroadcasts(d)));
    expect(line.calls.filter((c) => heldKeys.has(c.retryKey) && c.instance !== 'a')).toEqual([]);
    expect(line.calls.filter((c) => c.instance !== 'a')).toHaveLength(BATCHES - held.length);
    expect((await testDb.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId } })).status).toBe('sending');
    expect(await testDb.db.broadcastBatch.count({ where: { broadcastId, status: 'pending' } })).toBe(held.length);

    // Once it has passed they take them over, with the keys a used: LINE drops the two it had accepted.
    clock.advance(BATCH_LEASE_MS + 1000);
    await Promise.all(others.map((d) => runDueBroadcasts(d)));
    const takenOver = line.calls.filter((c) => heldKeys.has(c.retryKey) && c.instance !== 'a');
    expect(new Set(takenOver.map((c) => c.retryKey))).toEqual(heldKeys);
    expect(takenOver).toHaveLength(held.length);
    expect(takenOver.filter((c) => !c.accepted).map((c) => c.retryKey).sort()).toEqual(acceptedFromA.map((c) => c.retryKey).sort());
    await expectSentExactlyOnce();

    // `a` wakes up late (a paused process, not a dead one): its answers change nothing that was recorded.
    a.messenger.revive();
    await dying;
    await expectSentExactlyOnce();
  });
});
