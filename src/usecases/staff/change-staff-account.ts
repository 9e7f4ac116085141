/** An admin changes a staff account's role and teams, with its audit row in one transaction. */
import type { StaffAccountChange, StaffAccountRepositories } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';
import { done, refused, type StaffAccountResult } from './staff-account-result';

/**
 * `notFound`, or `lastAdmin` when this would take the admin role from the last active admin (the console would
 * have nobody left to manage accounts). The change takes effect on the member's next request.
 */
export function changeStaffAccount(work: UnitOfWork<StaffAccountRepositories>, id: string, change: StaffAccountChange, by: StaffAct): Promise<StaffAccountResult> {
  return work.run(async ({ accounts, audit }) => {
    const before = await accounts.find(id);
    if (!before) return refused('notFound');
    if (before.active && before.role === 'admin' && change.role !== 'admin' && (await accounts.countActiveAdmins()) <= 1) return refused('lastAdmin');
    await accounts.change(id, change, by.at);
    await audit.record(
      auditOf(by, {
        action: 'staff.update',
        subjectType: 'staff',
        subjectId: id,
        detail: { loginId: before.loginId, role: { from: before.role, to: change.role }, teams: { from: before.teams, to: change.teams } },
      }),
    );
    return done(undefined);
  });
}
