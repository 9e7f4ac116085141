/**
 * Checks a second factor at sign-in (or before a change that needs proof): an authenticator code of the current
 * step ±1 not used before (a code already used in its step is refused: replay), or an unused recovery code, which
 * is used up and audited.
 */
import { normaliseRecoveryCode, totpCode, type Authenticator, type TwoFactorRepositories } from '../../domain/two-factor';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

export type SecondFactor = 'totp' | 'recovery';

export function verifySecondFactor(
  work: UnitOfWork<TwoFactorRepositories>,
  auth: Authenticator,
  input: string,
  by: StaffAct,
  opts: { recovery: boolean } = { recovery: true },
): Promise<SecondFactor | null> {
  return work.run(async ({ twoFactor, audit }) => {
    const record = await twoFactor.find(by.staffId);
    if (!record?.enabledAt) return null;
    const code = totpCode(input);
    if (code) {
      const step = auth.stepOf(record.secret, code, by.at);
      return step !== null && (await twoFactor.useStep(by.staffId, step)) ? 'totp' : null;
    }
    const recovery = opts.recovery ? normaliseRecoveryCode(input) : null;
    if (!recovery || !(await twoFactor.useRecoveryCode(by.staffId, auth.hashRecoveryCode(recovery), by.at))) return null;
    const left = await twoFactor.recoveryCodesLeft(by.staffId);
    await audit.record(auditOf(by, { action: 'staff.twoFactor.recoveryUsed', subjectType: 'staff', subjectId: by.staffId, detail: { left } }));
    return 'recovery';
  });
}
