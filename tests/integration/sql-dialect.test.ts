// Under test: dialectOf on the run's real database (SQLite by default, PostgreSQL when TEST_DATABASE_URL names
// one): the client and a transaction's client both name it, so raw SQL picks the right form inside transactions too.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { dialectOf, formFor } from '../../src/infra/prisma/sql-dialect';
import { createTestDb, testDatabaseKind, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeEach(async () => { t = await createTestDb(); });
afterEach(async () => { await t.cleanup(); });

test('the client and an interactive transaction name the database the run uses', async () => {
  const kind = testDatabaseKind();
  expect(dialectOf(t.db)).toBe(kind);
  expect(await t.db.$transaction(async (tx) => dialectOf(tx))).toBe(kind);
});

test('formFor runs the form written for this database', async () => {
  const sql = formFor(t.db, { sqlite: "SELECT sqlite_version() AS v", postgresql: "SELECT version() AS v" });
  const [row] = await t.db.$queryRawUnsafe<Array<{ v: string }>>(sql);
  expect(row?.v).toMatch(testDatabaseKind() === 'postgresql' ? /^PostgreSQL 1\d/ : /^3\.\d+\.\d+$/);
});
