/** A member switches two-factor sign-in off (after proving it is them): record and recovery codes go, audited, one transaction. */
import type { TwoFactorRepositories } from '../../domain/two-factor';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

export function disableTwoFactor(work: UnitOfWork<TwoFactorRepositories>, by: StaffAct): Promise<void> {
  return work.run(async ({ twoFactor, audit }) => {
    await twoFactor.remove(by.staffId);
    await audit.record(auditOf(by, { action: 'staff.twoFactor.disable', subjectType: 'staff', subjectId: by.staffId }));
  });
}
