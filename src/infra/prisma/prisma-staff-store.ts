import { isStaffRole, type NewStaffMember, type StaffAccount, type StaffAccountChange, type StaffAccountRepositories, type StaffAccountRepository, type StaffMember, type StaffStore } from '../../domain/staff';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaSessionStore } from './prisma-session-store';
import { stringArray } from './json-columns';

type StaffRow = Awaited<ReturnType<Db['staffUser']['findFirstOrThrow']>>;


function toMember(r: StaffRow): StaffMember {
  // A role this build does not know grants nothing: the account is treated as inactive, not as some role.
  const role = isStaffRole(r.role) ? r.role : null;
  return { id: r.id, loginId: r.loginId, displayName: r.displayName, role: role ?? 'counsellor', teams: stringArray(r.teams), active: r.active && role !== null };
}

/** Staff accounts in the `StaffUser` table; teams are stored as a JSON array. */
export class PrismaStaffStore implements StaffStore {
  constructor(private readonly db: Db) {}

  async findByLogin(loginId: string): Promise<{ member: StaffMember; passwordHash: string } | null> {
    const row = await this.db.staffUser.findUnique({ where: { loginId } });
    return row ? { member: toMember(row), passwordHash: row.passwordHash } : null;
  }

  async findById(id: string): Promise<StaffMember | null> {
    const row = await this.db.staffUser.findUnique({ where: { id } });
    return row ? toMember(row) : null;
  }

  async create(member: NewStaffMember, now: Date): Promise<StaffMember> {
    const row = await this.db.staffUser.create({
      data: { ...member, teams: JSON.stringify(member.teams), active: true, createdAt: now, updatedAt: now },
    });
    return toMember(row);
  }

  async list(): Promise<StaffMember[]> {
    const rows = await this.db.staffUser.findMany({ orderBy: { loginId: 'asc' } });
    return rows.map(toMember);
  }

  async setPasswordHash(id: string, passwordHash: string, now: Date): Promise<void> {
    await this.db.staffUser.update({ where: { id }, data: { passwordHash, updatedAt: now } });
  }

  async recordSignIn(id: string, at: Date): Promise<void> {
    // updateMany: an account deleted meanwhile is not an error for the sign-in that noted it.
    await this.db.staffUser.updateMany({ where: { id }, data: { lastSignInAt: at } });
  }
}

/** Reads whether two-factor sign-in is on with each account. */
const WITH_TWO_FACTOR = { twoFactor: { select: { enabledAt: true } } } as const;

function toAccount(r: StaffRow & { twoFactor: { enabledAt: Date | null } | null }): StaffAccount {
  return { ...toMember(r), lastSignInAt: r.lastSignInAt, createdAt: r.createdAt, twoFactor: Boolean(r.twoFactor?.enabledAt) };
}

/** Staff accounts as admins manage them, on the `StaffUser` table (the client or a transaction's). */
export class PrismaStaffAccounts implements StaffAccountRepository {
  constructor(private readonly db: Db | Tx) {}

  async list(): Promise<StaffAccount[]> {
    return (await this.db.staffUser.findMany({ orderBy: { loginId: 'asc' }, include: WITH_TWO_FACTOR })).map(toAccount);
  }

  async find(id: string): Promise<StaffAccount | null> {
    const row = await this.db.staffUser.findUnique({ where: { id }, include: WITH_TWO_FACTOR });
    return row ? toAccount(row) : null;
  }

  async loginTaken(loginId: string): Promise<boolean> {
    return (await this.db.staffUser.count({ where: { loginId } })) > 0;
  }

  async create(member: NewStaffMember, now: Date): Promise<StaffMember> {
    const row = await this.db.staffUser.create({ data: { ...member, teams: JSON.stringify(member.teams), active: true, createdAt: now, updatedAt: now } });
    return toMember(row);
  }

  async change(id: string, change: StaffAccountChange, now: Date): Promise<void> {
    await this.db.staffUser.update({ where: { id }, data: { role: change.role, teams: JSON.stringify(change.teams), updatedAt: now } });
  }

  async setActive(id: string, active: boolean, now: Date): Promise<void> {
    await this.db.staffUser.update({ where: { id }, data: { active, updatedAt: now } });
  }

  async setPasswordHash(id: string, passwordHash: string, now: Date): Promise<void> {
    await this.db.staffUser.update({ where: { id }, data: { passwordHash, updatedAt: now } });
  }

  async countActiveAdmins(): Promise<number> {
    return this.db.staffUser.count({ where: { role: 'admin', active: true } });
  }
}

/** The staff account use cases' repositories, bound to one transaction. */
export function staffAccountRepositories(tx: Tx): StaffAccountRepositories {
  return { accounts: new PrismaStaffAccounts(tx), sessions: new PrismaSessionStore(tx), audit: new PrismaAuditLog(tx) };
}
