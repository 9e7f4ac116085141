import type { Db, Tx } from './database';
import { dialectOf } from './sql-dialect';

/**
 * The disaster stores' SQL where SQLite and PostgreSQL differ, kept side by side: the index hint, and the lock that
 * makes a check-then-write statement wait for another transaction's.
 */

/**
 * A column SQLite's planner should not drive the query from: the unary `+` there (see the statements that use it for
 * why); PostgreSQL has no unary `+` on text and plans these statements well without the hint.
 */
export function unindexed(db: Db | Tx, column: string): string {
  return dialectOf(db) === 'sqlite' ? `+${column}` : column;
}

/**
 * Holds `key` until the caller's transaction ends, so a statement that checks other rows before writing (no second
 * centre running; free places on a date) sees what a concurrent transaction wrote once it commits. SQLite has one
 * writer at a time, so there it is nothing; PostgreSQL's READ COMMITTED statements would otherwise both see the state
 * before either wrote. The statement after it takes a fresh snapshot, so it reads the other's rows.
 */
export async function serialiseOn(db: Db | Tx, key: string): Promise<void> {
  if (dialectOf(db) === 'sqlite') return;
  await db.$queryRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1)) IS NULL AS "locked"', key);
}

/**
 * A parameter PostgreSQL cannot type from where it stands (a `CASE … THEN $n ELSE NULL END` written to a timestamp
 * column resolves to text there): cast on PostgreSQL, as is on SQLite, which has no such type to cast to.
 */
export function timestampParam(db: Db | Tx, n: number): string {
  return dialectOf(db) === 'sqlite' ? `$${n}` : `$${n}::timestamp`;
}
