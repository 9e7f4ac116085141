import type { VolunteerHoursRow, VolunteerHoursSource } from '../domain/annual-report';
import { fiscalYearSpan } from '../domain/volunteer';
import type { Db } from './database';

/** Annual-report figures, on Prisma. */
export class PrismaAnnualReport implements VolunteerHoursSource {
  constructor(private readonly db: Db) {}

  async volunteerHours(fiscalYear: number): Promise<VolunteerHoursRow[]> {
    const { from, to } = fiscalYearSpan(fiscalYear);
    const rows = await this.db.volunteerInvitation.findMany({
      where: { status: 'accepted', hours: { not: null }, request: { date: { gte: from, lte: to } } },
      select: { volunteerId: true, hours: true, volunteer: { select: { name: true } } },
    });
    const by = new Map<string, VolunteerHoursRow>();
    for (const r of rows) {
      const row = by.get(r.volunteerId) ?? { volunteerId: r.volunteerId, name: r.volunteer.name, activities: 0, hours: 0 };
      row.activities += 1;
      row.hours += r.hours ?? 0;
      by.set(r.volunteerId, row);
    }
    // Hours are reported in halves at most; rounding keeps float sums (0.1 + 0.2) out of the report.
    return [...by.values()].map((r) => ({ ...r, hours: Math.round(r.hours * 100) / 100 })).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.volunteerId.localeCompare(b.volunteerId));
  }
}
