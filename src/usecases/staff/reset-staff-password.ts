/**
 * An admin sets a new password for a staff account: the hash is replaced and every session of the account ends,
 * with the audit row, in one transaction.
 */
import type { StaffAccountRepositories } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';
import { done, refused, type StaffAccountResult } from './staff-account-result';

/** `passwordHash` is already hashed (the password met the rules); the audit row never holds either. */
export function resetStaffPassword(work: UnitOfWork<StaffAccountRepositories>, id: string, passwordHash: string, by: StaffAct): Promise<StaffAccountResult> {
  return work.run(async ({ accounts, sessions, audit }) => {
    const before = await accounts.find(id);
    if (!before) return refused('notFound');
    await accounts.setPasswordHash(id, passwordHash, by.at);
    const sessionsEnded = await sessions.deleteForStaff(id);
    await audit.record(auditOf(by, { action: 'staff.passwordReset', subjectType: 'staff', subjectId: id, detail: { loginId: before.loginId, via: 'console', sessionsEnded } }));
    return done(undefined);
  });
}
