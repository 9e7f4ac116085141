// Helpers for tests of what happens when the audit log cannot be written: a trigger on the test database makes every
// insert into "AuditLog" fail, as a full disk or a broken audit table would.
import type { Db } from '../../src/infra/prisma/database';
import { failWrites, stopFailingWrites } from './failing-writes';

/** From now on every insert into `AuditLog` fails with "audit unavailable" (for every connection to the database). */
export async function breakAuditLog(db: Db): Promise<void> {
  await failWrites(db, 'audit_down', 'AuditLog', 'INSERT', 'audit unavailable');
}

/** Undoes {@link breakAuditLog}. */
export async function repairAuditLog(db: Db): Promise<void> {
  await stopFailingWrites(db, 'audit_down', 'AuditLog');
}
