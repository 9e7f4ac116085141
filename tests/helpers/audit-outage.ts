// Helpers for tests of what happens when the audit log cannot be written: a SQLite trigger on the test database
// makes every insert into "AuditLog" fail, as a full disk or a broken audit table would.
import type { Db } from '../../src/infra/prisma/database';

/** From now on every insert into `AuditLog` fails with "audit unavailable" (for every connection to the file). */
export async function breakAuditLog(db: Db): Promise<void> {
  await db.$executeRawUnsafe(`CREATE TRIGGER audit_down BEFORE INSERT ON "AuditLog" BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END`);
}

/** Undoes {@link breakAuditLog}. */
export async function repairAuditLog(db: Db): Promise<void> {
  await db.$executeRawUnsafe('DROP TRIGGER IF EXISTS audit_down');
}
