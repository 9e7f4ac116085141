// Under test: PrismaOutboxStore.claimDue with two instances on one database (each on its own client, run on SQLite and
// on PostgreSQL): every due row — abandoned `attempting`, `retry` whose time has come, `pending` never claimed — is
// claimed by exactly one of two concurrent claims. Faked: nothing; times are passed in.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../src/infra/prisma/database';
import { PrismaOutboxStore } from '../../src/infra/prisma/prisma-outbox-store';
import { createTestDb, type TestDb } from '../helpers/test-db';

const now = new Date('2026-11-24T01:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const claim = { abandonedBefore: minutes(-2), unclaimedBefore: minutes(-1), leaseUntil: minutes(2), limit: 1000 };

let testDb: TestDb;
const clients: Db[] = [];

beforeEach(async () => {
  testDb = await createTestDb();
});
afterEach(async () => {
  for (const db of clients.splice(0)) await db.$disconnect();
  await testDb.cleanup();
});

async function instance(): Promise<PrismaOutboxStore> {
  const db = await openDatabase(testDb.url);
  clients.push(db);
  return new PrismaOutboxStore(db);
}

/** `n` rows of each due kind, and as many that are not due (a live lease, a later retry, a fresh pending row). */
async function rows(round: number, n: number): Promise<Set<string>> {
  const base = { lineUserId: 'U0123456789abcdef0123456789abcdef', method: 'push', messages: '[{"type":"text","text":"お知らせ"}]' };
  const kinds = [
    ['abandoned', { status: 'attempting', attempts: 1, leaseUntil: minutes(-10), createdAt: minutes(-20) }, true],
    ['retry', { status: 'retry', attempts: 1, nextAttemptAt: minutes(-1), createdAt: minutes(-20) }, true],
    ['unclaimed', { status: 'pending', createdAt: minutes(-5) }, true],
    ['live', { status: 'attempting', attempts: 1, leaseUntil: minutes(1), createdAt: minutes(-20) }, false],
    ['later', { status: 'retry', attempts: 1, nextAttemptAt: minutes(5), createdAt: minutes(-20) }, false],
    ['fresh', { status: 'pending', createdAt: now }, false],
  ] as const;
  const due = new Set<string>();
  const data = kinds.flatMap(([kind, fields, isDue]) =>
    Array.from({ length: n }, (_, i) => {
      const id = `${round}-${kind}-${i}`;
      if (isDue) due.add(id);
      return { ...base, ...fields, id, retryKey: `key-${id}` };
    }),
  );
  await testDb.db.outboundMessage.createMany({ data });
  return due;
}

test('two instances claiming at once: each due row goes to exactly one of them, rows not due to neither', { timeout: 60_000 }, async () => {
  const [one, two] = [await instance(), await instance()];
  // A few rounds, each with fresh rows: the claims' reads and updates overlap differently each time.
  for (let round = 0; round < 5; round++) {
    const due = await rows(round, 40);
    const [a, b] = await Promise.all([one.claimDue(now, claim), two.claimDue(now, claim)]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(ids.filter((id) => !id.startsWith(`${round}-`))).toEqual([]);
    expect(ids).toHaveLength(due.size);
    expect(new Set(ids)).toEqual(due);
    // Each claimed row was claimed once: one attempt more, and the new lease.
    const stored = await testDb.db.outboundMessage.findMany({ where: { id: { in: [...due] } }, select: { id: true, status: true, attempts: true, leaseUntil: true, ambiguous: true } });
    for (const r of stored) {
      expect(r).toMatchObject({ status: 'attempting', leaseUntil: claim.leaseUntil, attempts: r.id.includes('unclaimed') ? 1 : 2, ambiguous: r.id.includes('abandoned') });
    }
    // Settle this round's rows so the next round's claims see only its own.
    await testDb.db.outboundMessage.updateMany({ where: { id: { startsWith: `${round}-` } }, data: { status: 'sent', leaseUntil: null, nextAttemptAt: null } });
  }
});
