import type { VolunteerStatus } from '../../domain/volunteer';
import type { VolunteerAdmin, VolunteerRecord } from '../../domain/volunteer-admin';
import type { Db } from './database';
import { toVolunteer } from './prisma-volunteers';

type Row = Awaited<ReturnType<Db['volunteer']['findFirstOrThrow']>>;

function toRecord(r: Row): VolunteerRecord {
  return { ...toVolunteer(r), residentId: r.residentId, registeredAt: r.registeredAt, updatedAt: r.updatedAt, leftAt: r.leftAt, erasedAt: r.erasedAt };
}

/** Volunteer registrations for the console, on Prisma. */
export class PrismaVolunteerAdmin implements VolunteerAdmin {
  constructor(private readonly db: Db) {}

  async list(statuses: readonly VolunteerStatus[]): Promise<VolunteerRecord[]> {
    if (statuses.length === 0) return [];
    const rows = await this.db.volunteer.findMany({ where: { status: { in: [...statuses] } }, orderBy: [{ registeredAt: 'desc' }, { id: 'asc' }] });
    return rows.map(toRecord);
  }

  async get(id: string): Promise<VolunteerRecord | null> {
    const row = await this.db.volunteer.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }
}
