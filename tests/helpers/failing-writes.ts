// Faults injected into the test database: a trigger that makes writes to one table fail, as a full disk or a broken
// table would. Written for SQLite (a trigger raising ABORT) and for PostgreSQL (a trigger function raising an
// exception), side by side; both refuse the write with `message` and roll back the statement.
import type { Db } from '../../src/infra/prisma/database';
import { dialectOf } from '../../src/infra/prisma/sql-dialect';

/**
 * From now on `event` (INSERT or UPDATE) on `table` fails with `message`, for every connection, when `when` (a SQL
 * condition on the new row, written `NEW."column" = '…'`, the same on both databases) holds (always by default).
 */
export async function failWrites(db: Db, name: string, table: string, event: 'INSERT' | 'UPDATE', message: string, when?: string): Promise<void> {
  const quoted = message.replaceAll("'", "''");
  if (dialectOf(db) === 'sqlite') {
    await db.$executeRawUnsafe(`CREATE TRIGGER "${name}" BEFORE ${event} ON "${table}" ${when ? `WHEN ${when} ` : ''}BEGIN SELECT RAISE(ABORT, '${quoted}'); END`);
    return;
  }
  await db.$executeRawUnsafe(`CREATE FUNCTION "${name}_fn"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${quoted}'; END $$`);
  await db.$executeRawUnsafe(`CREATE TRIGGER "${name}" BEFORE ${event} ON "${table}" FOR EACH ROW ${when ? `WHEN (${when}) ` : ''}EXECUTE FUNCTION "${name}_fn"()`);
}

/** Undoes {@link failWrites}. */
export async function stopFailingWrites(db: Db, name: string, table: string): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}"`);
    return;
  }
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${name}_fn"()`);
}

/** The application's tables (not the database's own, nor the migrations' record). */
export async function tableNames(db: Db): Promise<string[]> {
  const rows =
    dialectOf(db) === 'sqlite'
      ? await db.$queryRawUnsafe<Array<{ name: string }>>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      : await db.$queryRawUnsafe<Array<{ name: string }>>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  return rows.map((r) => r.name).sort();
}
