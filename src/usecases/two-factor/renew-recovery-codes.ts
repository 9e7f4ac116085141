/** A member gets ten new recovery codes (after proving it is them); the old ones stop working. Audited, one transaction. */
import type { Authenticator, TwoFactorRepositories } from '../../domain/two-factor';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

export function renewRecoveryCodes(work: UnitOfWork<TwoFactorRepositories>, auth: Authenticator, by: StaffAct): Promise<string[] | null> {
  return work.run(async ({ twoFactor, audit }) => {
    if (!(await twoFactor.find(by.staffId))?.enabledAt) return null;
    const codes = auth.newRecoveryCodes();
    await twoFactor.replaceRecoveryCodes(by.staffId, codes.map((c) => auth.hashRecoveryCode(c.replaceAll('-', ''))), by.at);
    await audit.record(auditOf(by, { action: 'staff.twoFactor.recoveryCodes', subjectType: 'staff', subjectId: by.staffId }));
    return codes;
  });
}
