/**
 * A member switches two-factor sign-in on: the first code from their app confirms the secret waiting since the
 * enrolment page was opened; ten recovery codes are made (only their hashes kept) and the act is audited — one
 * transaction. The codes are returned to be shown once.
 */
import type { Authenticator, TwoFactorRepositories } from '../../domain/two-factor';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

export type EnrolResult = { ok: true; recoveryCodes: string[] } | { ok: false; code: 'badCode' | 'notPending' };

export function enrolTwoFactor(work: UnitOfWork<TwoFactorRepositories>, auth: Authenticator, code: string, by: StaffAct): Promise<EnrolResult> {
  return work.run(async ({ twoFactor, audit }) => {
    const record = await twoFactor.find(by.staffId);
    if (!record || record.enabledAt) return { ok: false, code: 'notPending' };
    const step = auth.stepOf(record.secret, code, by.at);
    if (step === null) return { ok: false, code: 'badCode' };
    await twoFactor.enable(by.staffId, step, by.at);
    const recoveryCodes = auth.newRecoveryCodes();
    await twoFactor.replaceRecoveryCodes(by.staffId, recoveryCodes.map((c) => auth.hashRecoveryCode(c.replaceAll('-', ''))), by.at);
    await audit.record(auditOf(by, { action: 'staff.twoFactor.enrol', subjectType: 'staff', subjectId: by.staffId }));
    return { ok: true, recoveryCodes };
  });
}
