// Under test: openDatabase on a real temporary SQLite file (or a PostgreSQL database: the tests of SQLite's own
// settings, its single connection and its WAL run on SQLite only) — WAL mode, the one connection (with its settings)
// kept across Prisma transactions, statements serialised against open transactions, and no memory growth per
// statement. Nothing is faked.
import { statSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTestDb, testDatabaseKind, type TestDb } from '../helpers/test-db';
import { leaveCheckpointsToWorker } from '../../src/infra/prisma/database';

let t: TestDb;
beforeEach(async () => { t = await createTestDb(); });
afterEach(async () => { await t.cleanup(); });

const now = new Date('2026-11-24T01:00:00Z');
const onSqlite = testDatabaseKind() === 'sqlite';

test.runIf(onSqlite)('the database is in WAL mode with synchronous=NORMAL (SQLite)', async () => {
  expect(await t.db.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  expect(await t.db.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 1n }]);
});

// A driver that reopened its connection after transactions (libsql's client before 0.18 did) would lose
// per-connection settings and prepared statements.
test.runIf(onSqlite)('the connection and its settings survive batch and interactive transactions (SQLite: one connection)', async () => {
  await t.db.$executeRawUnsafe('CREATE TEMP TABLE connection_marker (x INTEGER)');
  await t.db.resident.create({ data: { lineUserId: 'Ukeep', followedAt: now, createdAt: now, updatedAt: now } });
  await t.db.$transaction([t.db.resident.update({ where: { lineUserId: 'Ukeep' }, data: { language: 'en' } }), t.db.flowState.deleteMany({ where: { residentId: 'none' } })]);
  await t.db.$transaction(async (tx) => {
    await tx.resident.update({ where: { lineUserId: 'Ukeep' }, data: { language: 'ja' } });
  });
  expect(await t.db.$queryRawUnsafe("SELECT count(*) AS n FROM sqlite_temp_master WHERE name = 'connection_marker'")).toEqual([{ n: 1n }]);
  expect(await t.db.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 1n }]);
  expect((await t.db.resident.findUniqueOrThrow({ where: { lineUserId: 'Ukeep' } })).language).toBe('ja');
});

test("a write made while another caller's transaction is open does not join it (and survives its rollback)", async () => {
  let inside!: () => void;
  const entered = new Promise<void>((r) => (inside = r));
  const tx = t.db.$transaction(async (trx) => {
    await trx.resident.create({ data: { lineUserId: 'Urolled', followedAt: now, createdAt: now, updatedAt: now } });
    inside();
    await new Promise((r) => setTimeout(r, 30));
    throw new Error('roll back');
  });
  await entered;
  const outside = t.db.resident.create({ data: { lineUserId: 'Ukept', followedAt: now, createdAt: now, updatedAt: now } });
  await expect(tx).rejects.toThrow('roll back');
  await outside;
  expect((await t.db.resident.findMany({ select: { lineUserId: true } })).map((r) => r.lineUserId)).toEqual(['Ukept']);
});

test('memory does not grow with the number of statements run', { timeout: 60_000 }, async () => {
  // A collectable-garbage-free reading: force a full GC before each measurement.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const rssAfterGc = () => {
    gc();
    return process.memoryUsage().rss;
  };
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) await t.db.$queryRawUnsafe(`SELECT ${i % 50} AS x FROM "Resident" WHERE "lineUserId" IN ($1, $2)`, 'a', 'b');
  };
  await run(6000); // warm-up: caches and compiled code reach their size
  // RSS moves in steps (the allocator takes 16–64 MB at a time, every few tens of thousands of statements, with
  // or without bound values, raw or ORM), so one window can catch a step. A leak grows every window: the leaking
  // driver grew by 2–10 KB per statement, 12–60 MB per 6,000. So at least one of four windows must stay flat.
  const growth: number[] = [];
  for (let w = 0; w < 4; w++) {
    const before = rssAfterGc();
    await run(6000);
    growth.push(rssAfterGc() - before);
  }
  expect(Math.min(...growth)).toBeLessThan(4 * 1024 * 1024);
});

// The processing worker writes through its own connection. A transaction that reads before it writes must not
// fail because the worker committed in between (SQLite's "database is locked" on a stale snapshot): the
// transaction takes the write lock when it begins, so the other writer waits for it instead.
test.runIf(onSqlite)('a transaction that reads, then writes, survives another connection writing in between (SQLite: node:sqlite second connection)', async () => {
  const { DatabaseSync } = await import('node:sqlite');
  const other = new DatabaseSync(t.url.slice('file:'.length));
  other.exec('PRAGMA busy_timeout = 0');
  await t.db.resident.create({ data: { lineUserId: 'Ucount', followedAt: now, createdAt: now, updatedAt: now } });
  let otherWrote = true;
  await t.db.$transaction(async (tx) => {
    const r = await tx.resident.findUniqueOrThrow({ where: { lineUserId: 'Ucount' } });
    // The other connection tries to write now: it must be told to wait (here: refused at once, no busy timeout).
    try {
      other.exec(`INSERT INTO "Resident" ("id","lineUserId","language","followed","followedAt","createdAt","updatedAt") VALUES ('x', 'Uother', 'ja', 1, 0, 0, 0)`);
    } catch (e) {
      expect(String(e)).toContain('database is locked');
      otherWrote = false;
    }
    await tx.resident.update({ where: { id: r.id }, data: { language: 'en' } });
  });
  other.close();
  expect(otherWrote).toBe(false);
  expect((await t.db.resident.findUniqueOrThrow({ where: { lineUserId: 'Ucount' } })).language).toBe('en');
});

// Worker mode: the main thread's commits (webhook acknowledgements wait for them) leave SQLite's automatic WAL
// checkpoint to the worker's connection, so a commit never copies a thousand pages back into a large file.
test.runIf(onSqlite)("after leaveCheckpointsToWorker a commit past 1,000 WAL pages does not checkpoint; the default connection does (SQLite: WAL)", async () => {
  const walBytes = () => statSync(`${t.url.slice('file:'.length)}-wal`).size;
  const page = 'x'.repeat(4000);
  // 1,500 rows of one page each, one commit apiece: past the default threshold of 1,000 pages.
  const write = async (prefix: string) => {
    for (let i = 0; i < 1500; i++) {
      await t.db.webhookEvent.create({ data: { id: `${prefix}${i}`, lineType: 'message', sourceType: 'user', userKey: 'U1', mode: 'active', timestamp: BigInt(i), isRedelivery: false, payload: page, receivedAt: now } });
    }
  };
  await write('default-');
  // The default checkpointed as it passed 1,000 pages and writing went on from the WAL's start.
  expect(walBytes()).toBeLessThan(1100 * 4096);
  await t.db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');

  await leaveCheckpointsToWorker(t.db);
  expect(await t.db.$queryRawUnsafe('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 10000n }]);
  await write('main-');
  expect(walBytes()).toBeGreaterThan(1500 * 4096);
  expect(await t.db.webhookEvent.count()).toBe(3000);
});
