import type { Prisma } from '../../generated/prisma/client';
import { roundHours, type VolunteerActivity, type VolunteerActivitySource, type VolunteerActivitySummary, type VolunteerHoursRow, type VolunteerHoursSource } from '../../domain/annual-report';
import { fiscalYearSpan } from '../../domain/volunteer';
import type { Db } from './database';

/** Accepted invitations with reported hours: the activities the annual report counts. */
const REPORTED = { status: 'accepted', hours: { not: null } } satisfies Prisma.VolunteerInvitationWhereInput;

/** Reported activities whose request's date (Japan time) lies in the fiscal year. */
function inYear(fiscalYear: number): Prisma.VolunteerInvitationWhereInput {
  const { from, to } = fiscalYearSpan(fiscalYear);
  return { ...REPORTED, request: { date: { gte: from, lte: to } } };
}

function activityOf(request: { id: string; referenceNo: string; date: string; kind: string }): Omit<VolunteerActivity, 'hours' | 'note'> {
  return { requestId: request.id, referenceNo: request.referenceNo, date: request.date, kind: request.kind };
}

/** Annual-report figures, on Prisma. */
export class PrismaAnnualReport implements VolunteerHoursSource, VolunteerActivitySource {
  constructor(private readonly db: Db) {}

  async volunteerHours(fiscalYear: number): Promise<VolunteerHoursRow[]> {
    const rows = await this.db.volunteerInvitation.findMany({
      where: inYear(fiscalYear),
      select: { volunteerId: true, hours: true, volunteer: { select: { name: true } } },
    });
    const by = new Map<string, VolunteerHoursRow>();
    for (const r of rows) {
      const row = by.get(r.volunteerId) ?? { volunteerId: r.volunteerId, name: r.volunteer.name, activities: 0, hours: 0 };
      row.activities += 1;
      row.hours += r.hours ?? 0;
      by.set(r.volunteerId, row);
    }
    return [...by.values()].map((r) => ({ ...r, hours: roundHours(r.hours) })).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.volunteerId.localeCompare(b.volunteerId));
  }

  async volunteerActivity(volunteerId: string, fiscalYear: number, recentLimit: number): Promise<VolunteerActivitySummary> {
    const [year, recent, unreported] = await Promise.all([
      this.db.volunteerInvitation.aggregate({ where: { ...inYear(fiscalYear), volunteerId }, _count: { _all: true }, _sum: { hours: true } }),
      this.db.volunteerInvitation.findMany({
        where: { ...REPORTED, volunteerId },
        orderBy: [{ request: { date: 'desc' } }, { reportedAt: 'desc' }, { id: 'asc' }],
        take: recentLimit,
        select: { hours: true, report: true, request: { select: { id: true, referenceNo: true, date: true, kind: true } } },
      }),
      this.db.volunteerInvitation.findMany({
        where: { volunteerId, status: 'accepted', hours: null, request: { status: { not: 'declined' } } },
        orderBy: [{ request: { date: 'asc' } }, { id: 'asc' }],
        take: recentLimit,
        select: { request: { select: { id: true, referenceNo: true, date: true, kind: true, status: true } } },
      }),
    ]);
    return {
      fiscalYear,
      activities: year._count._all,
      hours: roundHours(year._sum.hours ?? 0),
      recent: recent.map((r) => ({ ...activityOf(r.request), hours: r.hours ?? 0, note: r.report })),
      unreported: unreported.map((r) => ({ ...activityOf(r.request), asked: r.request.status === 'done' })),
    };
  }
}
