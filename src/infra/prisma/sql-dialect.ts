import type { DatabaseKind, Db, Tx } from './database';

/**
 * Which database a Prisma client (or a transaction's client) talks to, for the raw SQL that differs between SQLite and
 * PostgreSQL. Read from the client itself so that every store and statement builder, handed only a `Db` or `Tx`,
 * picks its form without a parameter threaded through the composition. Prisma keeps the provider on the client as
 * `_activeProvider`; `tests/integration/sql-dialect.test.ts` checks it on both clients and inside transactions, so a
 * Prisma upgrade that renames it fails there first.
 */
export function dialectOf(db: Db | Tx): DatabaseKind {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite') return 'sqlite';
  if (provider === 'postgresql' || provider === 'postgres') return 'postgresql';
  throw new Error(`unknown Prisma provider: ${String(provider)}`);
}

/** A statement written for each database, where they differ: kept side by side, chosen by the client. */
export interface BothForms<T = string> {
  sqlite: T;
  postgresql: T;
}

/** The form of `forms` for the database `db` talks to. */
export function formFor<T>(db: Db | Tx, forms: BothForms<T>): T {
  return forms[dialectOf(db)];
}

/**
 * A column SQLite's planner should not drive the query from: the unary `+` there (see the statements that use it for
 * why); PostgreSQL has no unary `+` on text and plans these statements well without the hint.
 */
export function unindexed(db: Db | Tx, column: string): string {
  return dialectOf(db) === 'sqlite' ? `+${column}` : column;
}

/**
 * Holds `key` until the caller's transaction ends, so a statement that checks other rows before writing (no second
 * centre running; free places on a date; an allocation's form key) sees what a concurrent transaction wrote once it commits. SQLite has one
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
