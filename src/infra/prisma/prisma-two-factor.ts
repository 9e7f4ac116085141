import type { TwoFactorRecord, TwoFactorRepositories, TwoFactorStore } from '../../domain/two-factor';
import type { SecretBox } from '../secret-box';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaSessionStore } from './prisma-session-store';

/** Authenticator records (`StaffTwoFactor`, secret sealed by the box) and recovery codes (`StaffRecoveryCode`, hashes). */
export class PrismaTwoFactorStore implements TwoFactorStore {
  constructor(
    private readonly db: Db | Tx,
    private readonly box: SecretBox,
  ) {}

  async find(staffId: string): Promise<TwoFactorRecord | null> {
    const row = await this.db.staffTwoFactor.findUnique({ where: { staffId } });
    return row ? { staffId, secret: this.box.open(row.secret, staffId), enabledAt: row.enabledAt, lastStep: row.lastStep } : null;
  }

  async begin(staffId: string, secret: string, now: Date): Promise<void> {
    const sealed = this.box.seal(secret, staffId);
    // Only a record not yet switched on is replaced: a second tab cannot swap the secret of an enrolled member.
    await this.db.staffTwoFactor.deleteMany({ where: { staffId, enabledAt: null } });
    await this.db.staffTwoFactor.create({ data: { staffId, secret: sealed, createdAt: now } });
  }

  async enable(staffId: string, step: number, now: Date): Promise<void> {
    await this.db.staffTwoFactor.update({ where: { staffId }, data: { enabledAt: now, lastStep: step } });
  }

  async useStep(staffId: string, step: number): Promise<boolean> {
    return (await this.db.staffTwoFactor.updateMany({ where: { staffId, lastStep: { lt: step } }, data: { lastStep: step } })).count === 1;
  }

  async remove(staffId: string): Promise<void> {
    await this.db.staffRecoveryCode.deleteMany({ where: { staffId } });
    await this.db.staffTwoFactor.deleteMany({ where: { staffId } });
  }

  async replaceRecoveryCodes(staffId: string, hashes: readonly string[], now: Date): Promise<void> {
    await this.db.staffRecoveryCode.deleteMany({ where: { staffId } });
    await this.db.staffRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ staffId, codeHash, createdAt: now })) });
  }

  async useRecoveryCode(staffId: string, hash: string, now: Date): Promise<boolean> {
    return (await this.db.staffRecoveryCode.updateMany({ where: { staffId, codeHash: hash, usedAt: null }, data: { usedAt: now } })).count > 0;
  }

  async recoveryCodesLeft(staffId: string): Promise<number> {
    return this.db.staffRecoveryCode.count({ where: { staffId, usedAt: null } });
  }
}

/** The two-factor use cases' repositories, bound to one transaction. */
export function twoFactorRepositories(box: SecretBox) {
  return (tx: Tx): TwoFactorRepositories => ({ twoFactor: new PrismaTwoFactorStore(tx, box), sessions: new PrismaSessionStore(tx), audit: new PrismaAuditLog(tx) });
}
