import { isStaffRole, type NewStaffMember, type StaffMember, type StaffStore } from '../../domain/staff';
import type { Db } from './database';
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
}
