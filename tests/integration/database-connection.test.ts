// Under test: openDatabase on a real temporary SQLite file — WAL mode, and that the driver keeps its one
// connection (with its settings) across Prisma transactions. Nothing is faked.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeEach(async () => { t = await createTestDb(); });
afterEach(async () => { await t.cleanup(); });

const now = new Date('2026-11-24T01:00:00Z');

test('the database is in WAL mode with synchronous=NORMAL', async () => {
  expect(await t.db.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  expect(await t.db.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
});

// libsql's client before 0.18 opened a fresh connection after every transaction, losing per-connection
// settings and prepared statements (package.json overrides the adapter's copy; this guards it).
test('the connection and its settings survive batch and interactive transactions', async () => {
  await t.db.$executeRawUnsafe('CREATE TEMP TABLE connection_marker (x INTEGER)');
  await t.db.resident.create({ data: { lineUserId: 'Ukeep', followedAt: now, createdAt: now, updatedAt: now } });
  await t.db.$transaction([t.db.resident.update({ where: { lineUserId: 'Ukeep' }, data: { language: 'en' } }), t.db.flowState.deleteMany({ where: { residentId: 'none' } })]);
  await t.db.$transaction(async (tx) => {
    await tx.resident.update({ where: { lineUserId: 'Ukeep' }, data: { language: 'ja' } });
  });
  expect(await t.db.$queryRawUnsafe("SELECT count(*) AS n FROM sqlite_temp_master WHERE name = 'connection_marker'")).toEqual([{ n: 1 }]);
  expect(await t.db.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
  expect((await t.db.resident.findUniqueOrThrow({ where: { lineUserId: 'Ukeep' } })).language).toBe('ja');
});
