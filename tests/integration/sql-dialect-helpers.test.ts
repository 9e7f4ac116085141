// Under test: the stores' SQL helpers for the two databases (src/infra/prisma/sql-dialect.ts) on the run's
// real database. The lock that makes PostgreSQL's concurrent transactions take turns (SQLite has one writer), the index
// hint only SQLite gets, and the timestamp cast only PostgreSQL needs.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { serialiseOn, timestampParam, unindexed } from '../../src/infra/prisma/sql-dialect';
import { createTestDb, testDatabaseKind, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('holding a key inside a transaction works on either database, and again once the transaction ended', async () => {
  expect(await t.db.$transaction(async (tx) => (await serialiseOn(tx, 'test.key'), 'held'))).toBe('held');
  expect(await t.db.$transaction(async (tx) => (await serialiseOn(tx, 'test.key'), 'held again'))).toBe('held again');
});

test.runIf(testDatabaseKind() === 'postgresql')('PostgreSQL only: a second transaction holding the same key waits until the first commits; another key does not wait', async () => {
  const order: string[] = [];
  const first = t.db.$transaction(async (tx) => {
    await serialiseOn(tx, 'test.same');
    order.push('first holds');
    await pause(300);
    order.push('first commits');
  });
  await pause(100);
  const other = t.db.$transaction(async (tx) => {
    await serialiseOn(tx, 'test.other');
    order.push('other key holds');
  });
  const second = t.db.$transaction(async (tx) => {
    await serialiseOn(tx, 'test.same');
    order.push('second holds');
  });
  await Promise.all([first, other, second]);
  expect(order).toEqual(['first holds', 'other key holds', 'first commits', 'second holds']);
});

test('the index hint and the timestamp cast are written for this database and run', async () => {
  const at = new Date('2026-11-24T09:00:00.000Z');
  await t.db.disasterCentre.create({ data: { id: 'c1', name: 'センター', districts: '[]', openedOn: '2026-11-24', drill: false, status: 'open', createdAt: at, updatedAt: at } });
  const pg = testDatabaseKind() === 'postgresql';
  expect(unindexed(t.db, '"status"')).toBe(pg ? '"status"' : '+"status"');
  expect(timestampParam(t.db, 2)).toBe(pg ? '$2::timestamp' : '$2');
  const later = new Date('2026-11-25T09:00:00.000Z');
  const changed = await t.db.$executeRawUnsafe(
    `UPDATE "DisasterCentre" SET "updatedAt" = CASE WHEN "id" = $1 THEN ${timestampParam(t.db, 2)} ELSE NULL END WHERE ${unindexed(t.db, '"status"')} = 'open'`,
    'c1',
    later,
  );
  expect(changed).toBe(1);
  expect((await t.db.disasterCentre.findUniqueOrThrow({ where: { id: 'c1' } })).updatedAt).toEqual(later);
});
