import type { Prisma } from '../../generated/prisma/client';
import { DISASTER_ACTIVITY, roundHours, type VolunteerActivity, type VolunteerActivitySource, type VolunteerActivitySummary, type VolunteerHoursRow, type VolunteerHoursSource } from '../../domain/annual-report';
import { fiscalYearSpan } from '../../domain/volunteer';
import type { Db } from './database';

/** Accepted invitations with reported hours: the activities the annual report counts. */
const REPORTED = { status: 'accepted', hours: { not: null } } satisfies Prisma.VolunteerInvitationWhereInput;

/** Reported activities whose request's date (Japan time) lies in the fiscal year. */
function inYear(fiscalYear: number): Prisma.VolunteerInvitationWhereInput {
  const { from, to } = fiscalYearSpan(fiscalYear);
  return { ...REPORTED, request: { date: { gte: from, lte: to } } };
}

/** Team entries with credited hours of pool members linked to a volunteer, whose team's date lies in the fiscal year. */
function teamsInYear(fiscalYear: number): Prisma.TeamMemberWhereInput {
  const { from, to } = fiscalYearSpan(fiscalYear);
  return { hours: { not: null }, member: { volunteerId: { not: null } }, team: { date: { gte: from, lte: to } } };
}

function activityOf(request: { id: string; referenceNo: string; date: string; kind: string }): Omit<VolunteerActivity, 'hours' | 'note'> {
  return { requestId: request.id, referenceNo: request.referenceNo, date: request.date, kind: request.kind };
}

/** Annual-report figures, on Prisma. */
export class PrismaAnnualReport implements VolunteerHoursSource, VolunteerActivitySource {
  constructor(private readonly db: Db) {}

  async volunteerHours(fiscalYear: number): Promise<VolunteerHoursRow[]> {
    const [invited, teamed] = await Promise.all([
      this.reportedInYear(fiscalYear),
      // A disaster activity (one team) counts like an invitation, for the volunteer the pool entry was started from.
      this.db.teamMember.findMany({ where: teamsInYear(fiscalYear), select: { hours: true, member: { select: { volunteerId: true } } } }),
    ]);
    const ids = [...new Set(teamed.flatMap((t) => (t.member.volunteerId ? [t.member.volunteerId] : [])))];
    const names = new Map((ids.length ? await this.db.volunteer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : []).map((v) => [v.id, v.name]));
    const rows = [...invited, ...teamed.flatMap((t) => (t.member.volunteerId && names.has(t.member.volunteerId) ? [{ volunteerId: t.member.volunteerId, hours: t.hours, volunteer: { name: names.get(t.member.volunteerId)! } }] : []))];
    const by = new Map<string, VolunteerHoursRow>();
    for (const r of rows) {
      const row = by.get(r.volunteerId) ?? { volunteerId: r.volunteerId, name: r.volunteer.name, activities: 0, hours: 0 };
      row.activities += 1;
      row.hours += r.hours ?? 0;
      by.set(r.volunteerId, row);
    }
    return [...by.values()].map((r) => ({ ...r, hours: roundHours(r.hours) })).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.volunteerId.localeCompare(b.volunteerId));
  }

  /**
   * `inYear`'s invitations with their volunteer's name, read from the year's requests (the `[date]` index of
   * VolunteerRequest, then each request's invitations by `[requestId, volunteerId]`), never every invitation.
   */
  private async reportedInYear(fiscalYear: number): Promise<Array<{ volunteerId: string; hours: number | null; volunteer: { name: string } }>> {
    const { from, to } = fiscalYearSpan(fiscalYear);
    const rows = await this.db.$queryRawUnsafe<Array<{ volunteerId: string; hours: number | null; name: string }>>(
      `SELECT "i"."volunteerId" AS "volunteerId", "i"."hours" AS "hours", "v"."name" AS "name" FROM "VolunteerRequest" AS "r" ` +
        `JOIN "VolunteerInvitation" AS "i" ON "i"."requestId" = "r"."id" JOIN "Volunteer" AS "v" ON "v"."id" = "i"."volunteerId" ` +
        `WHERE "r"."date" >= $1 AND "r"."date" <= $2 AND "i"."status" = 'accepted' AND "i"."hours" IS NOT NULL`,
      from,
      to,
    );
    return rows.map((r) => ({ volunteerId: r.volunteerId, hours: r.hours === null ? null : Number(r.hours), volunteer: { name: r.name } }));
  }

  async volunteerActivity(volunteerId: string, fiscalYear: number, recentLimit: number): Promise<VolunteerActivitySummary> {
    const [year, recent, unreported, teamYear, teams] = await Promise.all([
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
      this.db.teamMember.aggregate({ where: { ...teamsInYear(fiscalYear), member: { volunteerId } }, _count: { _all: true }, _sum: { hours: true } }),
      this.db.teamMember.findMany({
        where: { hours: { not: null }, member: { volunteerId } },
        orderBy: [{ team: { date: 'desc' } }, { id: 'asc' }],
        take: recentLimit,
        select: { hours: true, team: { select: { date: true, need: { select: { id: true, referenceNo: true } } } } },
      }),
    ]);
    const disaster: VolunteerActivity[] = teams.map((t) => ({ requestId: t.team.need.id, referenceNo: t.team.need.referenceNo, date: t.team.date, kind: DISASTER_ACTIVITY, hours: t.hours ?? 0, note: null }));
    const latest = [...recent.map((r) => ({ ...activityOf(r.request), hours: r.hours ?? 0, note: r.report })), ...disaster]
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
      .slice(0, recentLimit);
    return {
      fiscalYear,
      activities: year._count._all + teamYear._count._all,
      hours: roundHours((year._sum.hours ?? 0) + (teamYear._sum.hours ?? 0)),
      recent: latest,
      unreported: unreported.map((r) => ({ ...activityOf(r.request), asked: r.request.status === 'done' })),
    };
  }
}
