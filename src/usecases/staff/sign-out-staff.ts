/** An admin signs a staff member out everywhere: every session of the account ends, audited in the same transaction. */
import type { StaffAccountRepositories } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';
import { done, refused, type StaffAccountResult } from './staff-account-result';

/** Returns how many sessions ended, or `notFound`. */
export function signOutStaff(work: UnitOfWork<StaffAccountRepositories>, id: string, by: StaffAct): Promise<StaffAccountResult<number>> {
  return work.run(async ({ accounts, sessions, audit }) => {
    const before = await accounts.find(id);
    if (!before) return refused('notFound');
    const sessionsEnded = await sessions.deleteForStaff(id);
    await audit.record(auditOf(by, { action: 'staff.signout', subjectType: 'staff', subjectId: id, detail: { loginId: before.loginId, sessionsEnded } }));
    return done(sessionsEnded);
  });
}
