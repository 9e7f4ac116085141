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
