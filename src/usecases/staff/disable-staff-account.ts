/**
 * An admin disables a staff account: it can no longer sign in, and every session it has ends in the same
 * transaction as the change and its audit row.
 */
import type { StaffAccountRepositories } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';
import { done, refused, type StaffAccountResult } from './staff-account-result';

/** `notFound`, or `lastAdmin` for the last active admin. Disabling a disabled account changes nothing and is not audited again. */
export function disableStaffAccount(work: UnitOfWork<StaffAccountRepositories>, id: string, by: StaffAct): Promise<StaffAccountResult> {
  return work.run(async ({ accounts, sessions, audit }) => {
    const before = await accounts.find(id);
    if (!before) return refused('notFound');
    if (!before.active) return done(undefined);
    if (before.role === 'admin' && (await accounts.countActiveAdmins()) <= 1) return refused('lastAdmin');
    await accounts.setActive(id, false, by.at);
    const sessionsEnded = await sessions.deleteForStaff(id);
    await audit.record(auditOf(by, { action: 'staff.disable', subjectType: 'staff', subjectId: id, detail: { loginId: before.loginId, sessionsEnded } }));
    return done(undefined);
  });
}
