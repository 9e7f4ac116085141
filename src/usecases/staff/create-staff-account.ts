/** An admin creates a staff account in the console; the account and its audit row are written in one transaction. */
import type { NewStaffMember, StaffAccountRepositories } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';
import { done, refused, type StaffAccountResult } from './staff-account-result';

/**
 * Returns the new account's id, or `loginTaken`. `member.passwordHash` is already hashed (the caller checks the
 * password against the rules and hashes it outside the transaction); the audit row never holds it.
 */
export function createStaffAccount(work: UnitOfWork<StaffAccountRepositories>, member: NewStaffMember, by: StaffAct): Promise<StaffAccountResult<string>> {
  return work.run(async ({ accounts, audit }) => {
    if (await accounts.loginTaken(member.loginId)) return refused('loginTaken');
    const created = await accounts.create(member, by.at);
    await audit.record(auditOf(by, { action: 'staff.create', subjectType: 'staff', subjectId: created.id, detail: { loginId: created.loginId, role: created.role, teams: created.teams, via: 'console' } }));
    return done(created.id);
  });
}
