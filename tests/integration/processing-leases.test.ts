/**
 * Several instances on one PostgreSQL database: a resident's events are processed by one instance at a time, in
 * LINE's order, and each exactly once (src/bot/pipeline/leased-batches.ts, src/infra/prisma/prisma-processing-leases.ts).
 * PostgreSQL only: SQLite is one instance by design and takes no leases.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { buildApp, type App } from '../../src/composition/app';
import { loadConfig } from '../../src/config';
import { PROCESSING_LEASE_MS } from '../../src/domain/stores';
import { PrismaProcessingLeases } from '../../src/infra/prisma/prisma-processing-leases';
import { PrismaEventStore } from '../../src/infra/prisma/prisma-event-store';
import { FakeClock } from '../fakes/fake-clock';
import { RecordingMessenger } from '../fakes/recording-messenger';
import { callbackBody, sign } from '../fixtures/webhook-fixtures';
import { eventFrom, newUserId, textFrom } from '../helpers/line-events';
import { createTestDb, testDatabaseKind, type TestDb } from '../helpers/test-db';
import { TEST_SECRET } from '../helpers/test-app';

const onPostgres = testDatabaseKind() === 'postgresql';
const SLOW = 120_000;

/** Records the reply tokens in the order the replies were made (one messenger shared by every instance). */
class TokenOrderMessenger extends RecordingMessenger {
  readonly tokens: string[] = [];
  override async reply(...args: Parameters<RecordingMessenger['reply']>) {
    this.tokens.push(args[0]);
    // A little latency, so the instances' batches overlap as they would against LINE.
    await new Promise((r) => setTimeout(r, 2));
    return super.reply(...args);
  }
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function instances(n: number, testDb: TestDb, clock: FakeClock, messenger: RecordingMessenger): Promise<App[]> {
  const apps: App[] = [];
  for (let i = 0; i < n; i++) {
    // Instances in one test process: each is named, as instances on different machines are by host name.
    const config = loadConfig({ DATABASE_URL: testDb.url, LINE_CHANNEL_SECRET: TEST_SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'test-token', LOG_LEVEL: 'silent', NODE_ENV: 'test', INSTANCE_NAME: `instance-${i}` });
    const app = await buildApp({ config, clock, messenger, skipMigrations: true, logger: false });
    await app.recover();
    apps.push(app);
    cleanup.push(() => app.close());
  }
  return apps;
}

/** A fresh database with `n` instances on it, sharing one clock and one messenger. */
async function world(n: number) {
  const testDb = await createTestDb();
  cleanup.push(() => testDb.cleanup());
  const clock = new FakeClock();
  const messenger = new TokenOrderMessenger();
  return { testDb, clock, messenger, apps: await instances(n, testDb, clock, messenger) };
}

async function post(app: App, events: object[]): Promise<number> {
  const body = callbackBody(events);
  const res = await app.server.inject({ method: 'POST', url: '/webhook', headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, TEST_SECRET) }, payload: body });
  return res.statusCode;
}

describe.runIf(onPostgres)('processing leases (PostgreSQL)', () => {
  test('a lease is won by one instance, renewed by its holder, taken over only once it has passed, and given back by its holder only', { timeout: SLOW }, async () => {
    const testDb = await createTestDb();
    cleanup.push(() => testDb.cleanup());
    const a = new PrismaProcessingLeases(testDb.db, 'instance-a');
    const b = new PrismaProcessingLeases(testDb.db, 'instance-b');
    const now = new Date('2026-12-07T01:00:00Z');
    const [wonByA, wonByB] = await Promise.all([a.claim(['U1', 'U2'], now), b.claim(['U2', 'U3'], now)]);
    expect([...wonByA].filter((k) => wonByB.has(k))).toEqual([]);
    expect(new Set([...wonByA, ...wonByB])).toEqual(new Set(['U1', 'U2', 'U3']));
    const holderOfU2 = wonByA.has('U2') ? a : b;
    const other = holderOfU2 === a ? b : a;
    expect(await holderOfU2.claim(['U2'], new Date(now.getTime() + 1000))).toEqual(new Set(['U2']));
    expect(await other.claim(['U2'], new Date(now.getTime() + PROCESSING_LEASE_MS))).toEqual(new Set());
    expect(await other.claim(['U2'], new Date(now.getTime() + 1000 + PROCESSING_LEASE_MS + 1))).toEqual(new Set(['U2']));
    await holderOfU2.release(['U2']); // no longer its lease: nothing is given back
    expect(await testDb.db.processingLease.findUnique({ where: { userKey: 'U2' } })).toMatchObject({ owner: other === a ? 'instance-a' : 'instance-b' });
    await a.release(['U1', 'U2', 'U3']);
    await b.release(['U1', 'U2', 'U3']);
    expect(await testDb.db.processingLease.count()).toBe(0);
  });

  test('two instances sharing residents: every event processed once, each resident answered in order, no reply twice', { timeout: SLOW }, async () => {
    const { testDb, clock, messenger, apps } = await world(2);
    const base = clock.now().getTime() - 10_000;
    const residents = Array.from({ length: 12 }, () => newUserId());
    const byResident = residents.map((user) => [
      eventFrom(messenger, 'follow', user, { timestamp: base }),
      ...Array.from({ length: 5 }, (_, k) => textFrom(messenger, user, `こんにちは ${k}`, { timestamp: base + 1 + k })),
    ]);
    // Each resident's webhooks go to the instances in turn, one after the other (as LINE sends them); residents at once.
    await Promise.all(
      byResident.map(async (events, r) => {
        for (const [k, e] of events.entries()) expect(await post(apps[(r + k) % 2]!, [e])).toBe(200);
      }),
    );
    for (let round = 0; round < 3; round++) for (const app of apps) await app.queue.whenIdle();

    const all = byResident.flat();
    const rows = await testDb.db.webhookEvent.findMany({ select: { id: true, status: true } });
    expect(rows).toHaveLength(all.length);
    expect(rows.filter((r) => r.status !== 'done')).toEqual([]);
    // One reply per event, each token used once, and a resident's replies in the order of their events.
    expect(messenger.tokens).toHaveLength(all.length);
    expect(new Set(messenger.tokens).size).toBe(all.length);
    for (const events of byResident) {
      const mine = new Set(events.map((e) => e.replyToken as string));
      expect(messenger.tokens.filter((t) => mine.has(t))).toEqual(events.map((e) => e.replyToken));
    }
    expect(await testDb.db.outboundMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    expect(await testDb.db.processingLease.count()).toBe(0);
  });

  test('an event committed by another instance after this one claimed it is not committed again and gets no apology', { timeout: SLOW }, async () => {
    const { testDb, messenger, apps: [app] } = await world(1);
    const user = newUserId();
    const follow = eventFrom(messenger, 'follow', user);
    expect(await post(app!, [follow])).toBe(200);
    await app!.queue.whenIdle();
    const text = textFrom(messenger, user, 'こんにちは');
    // Stored and then marked done by "another instance" before this one's commit: the fence refuses the commit.
    await testDb.db.$executeRawUnsafe(
      `CREATE FUNCTION mark_done_first() RETURNS trigger AS $$ BEGIN UPDATE "WebhookEvent" SET "status" = 'done' WHERE "id" = NEW."id"; RETURN NULL; END $$ LANGUAGE plpgsql`,
    );
    await testDb.db.$executeRawUnsafe(`CREATE TRIGGER mark_done_first AFTER INSERT ON "WebhookEvent" FOR EACH ROW EXECUTE FUNCTION mark_done_first()`);
    const sentBefore = messenger.sent.length;
    expect(await post(app!, [text])).toBe(200);
    await app!.queue.whenIdle();
    expect(messenger.sent.length).toBe(sentBefore);
    expect(await testDb.db.webhookEvent.findUnique({ where: { id: text.webhookEventId as string } })).toMatchObject({ status: 'done' });
    expect(await testDb.db.outboundMessage.count({ where: { eventId: text.webhookEventId as string } })).toBe(0);
  });
});

test.runIf(!onPostgres)('SQLite takes no processing leases (one instance)', async () => {
  const { testDb, messenger, apps: [app] } = await world(1);
  const user = newUserId();
  expect(await post(app!, [eventFrom(messenger, 'follow', user), textFrom(messenger, user, 'こんにちは', { timestamp: Date.now() + 1 })])).toBe(200);
  await app!.queue.whenIdle();
  expect(messenger.tokens).toHaveLength(2);
  expect(await testDb.db.processingLease.count()).toBe(0);
});

test.runIf(onPostgres)("the pending window leaves out residents another instance holds a live lease on, and keeps them once it has passed", { timeout: SLOW }, async () => {
  const testDb = await createTestDb();
  cleanup.push(() => testDb.cleanup());
  const clock = new FakeClock();
  const now = clock.now();
  const mine = new PrismaEventStore(testDb.db, { owner: 'instance-a', clock });
  const stored = ['Ubusy', 'Ufree', 'Uown'].map((userKey, i) => ({ id: `ev-${i}`, lineType: 'message', sourceType: 'user', userKey, mode: 'active', timestamp: now.getTime() + i, isRedelivery: false, payload: '{}', status: 'pending' as const, receivedAt: new Date(now.getTime() + i) }));
  await mine.insertNew(stored);
  await new PrismaProcessingLeases(testDb.db, 'instance-b').claim(['Ubusy'], now);
  await new PrismaProcessingLeases(testDb.db, 'instance-a').claim(['Uown'], now);
  expect((await mine.pending(10)).map((e) => e.userKey)).toEqual(['Ufree', 'Uown']);
  expect((await new PrismaEventStore(testDb.db).pending(10)).map((e) => e.userKey)).toEqual(['Ubusy', 'Ufree', 'Uown']);
  clock.advance(PROCESSING_LEASE_MS + 1);
  const after = await mine.pending(10);
  expect(after.map((e) => e.userKey)).toEqual(['Ubusy', 'Ufree', 'Uown']);
  expect(after[0]).toMatchObject({ id: 'ev-0', timestamp: now.getTime(), receivedAt: now });
});
