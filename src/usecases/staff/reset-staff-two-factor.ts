/**
 * An admin resets another member's two-factor sign-in (a lost phone): the authenticator record and recovery codes
 * go and every session of the member ends, audited, in one transaction. The member signs in with the password
 * and sets it up again (an admin is taken straight to that). One's own is changed from one's account page.
 */
import type { StaffAccountRepositories } from '../../domain/staff';
import type { TwoFactorStore } from '../../domain/two-factor';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';
import { done, refused, type StaffAccountResult } from './staff-account-result';

export function resetStaffTwoFactor(work: UnitOfWork<StaffAccountRepositories & { twoFactor: TwoFactorStore }>, id: string, by: StaffAct): Promise<StaffAccountResult> {
  return work.run(async ({ accounts, sessions, audit, twoFactor }) => {
    const before = await accounts.find(id);
    if (!before) return refused('notFound');
    if (id === by.staffId) return refused('self');
    await twoFactor.remove(id);
    const sessionsEnded = await sessions.deleteForStaff(id);
    await audit.record(auditOf(by, { action: 'staff.twoFactor.reset', subjectType: 'staff', subjectId: id, detail: { loginId: before.loginId, wasOn: before.twoFactor, sessionsEnded } }));
    return done(undefined);
  });
}
