/** An admin enables a disabled staff account again, with its audit row in one transaction. */
import type { StaffAccountRepositories } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';
import { done, refused, type StaffAccountResult } from './staff-account-result';

/** `notFound`; enabling an active account changes nothing and is not audited again. */
export function enableStaffAccount(work: UnitOfWork<StaffAccountRepositories>, id: string, by: StaffAct): Promise<StaffAccountResult> {
  return work.run(async ({ accounts, audit }) => {
    const before = await accounts.find(id);
    if (!before) return refused('notFound');
    if (before.active) return done(undefined);
    await accounts.setActive(id, true, by.at);
    await audit.record(auditOf(by, { action: 'staff.enable', subjectType: 'staff', subjectId: id, detail: { loginId: before.loginId } }));
    return done(undefined);
  });
}
