/**
 * The annual report's raw rows on Prisma: one read per area over the fiscal year, only the columns counted (no names,
 * no message text). The disaster centres' figures reuse the daily figures' reads (`PrismaDailyFigures`).
 */
import type { AnnualReportRows, FiscalYearBounds } from '../../domain/annual-report-sections';
import { DISASTER_ACTIVITY } from '../../domain/annual-report';
import type { Db } from './database';
import { formFor } from './sql-dialect';
import { PrismaDailyFigures } from './prisma-daily-figures';

const range = (b: FiscalYearBounds) => ({ gte: b.start, lt: b.end });
const dates = (b: FiscalYearBounds) => ({ gte: b.fromDate, lte: b.toDate });

export function prismaAnnualReportRows(db: Db): AnnualReportRows {
  return {
    async consultations(b) {
      const rows = await db.consultation.findMany({
        where: { createdAt: range(b) },
        select: { id: true, createdAt: true, categoryCode: true, districtCode: true, contactMethod: true, status: true, referralTarget: true, replyDueAt: true },
      });
      // Each consultation's first staff reply in its thread at or after it was made: one seek of the thread's
      // `[conversationId, createdAt]` range per consultation, in SQL (reading every staff reply of the year's threads
      // took 130 ms on the growth bench's large database).
      const firsts = await db.$queryRawUnsafe<Array<{ id: string; first: string | Date | null }>>(
        `SELECT c."id" AS "id", (SELECT MIN(m."createdAt") FROM "ConversationMessage" m WHERE m."conversationId" = c."conversationId" ` +
          `AND m."createdAt" >= c."createdAt" AND m."direction" = 'out' AND m."staffId" IS NOT NULL) AS "first" ` +
          `FROM "Consultation" c WHERE c."createdAt" >= $1 AND c."createdAt" < $2 AND c."conversationId" IS NOT NULL`,
        b.start,
        b.end,
      );
      const firstOf = new Map(firsts.flatMap((f) => (f.first === null ? [] : [[f.id, new Date(f.first)] as const])));
      return rows.map(({ id, ...r }) => ({ ...r, firstReplyAt: firstOf.get(id) ?? null }));
    },
    async alerts(b) {
      return db.safetyAlert.findMany({ where: { createdAt: range(b) }, select: { createdAt: true, category: true, acknowledgedAt: true } });
    },
    async follows(b) {
      // Counted by Japan-time month in SQL over the covering `[followedAt]` / `[unfollowedAt]` indexes: a large
      // council gains tens of thousands of friends a year, and only the monthly counts are reported.
      const byMonth = (column: 'followedAt' | 'unfollowedAt') =>
        db.$queryRawUnsafe<Array<{ month: string; n: number | bigint }>>(
          `SELECT ${formFor(db, { sqlite: `strftime('%Y-%m', "${column}", '+9 hours')`, postgresql: `to_char(("${column}" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')` })} AS "month", ` +
            `COUNT(*) AS "n" FROM "Resident" WHERE "${column}" >= $1 AND "${column}" < $2 GROUP BY 1`,
          b.start,
          b.end,
        );
      const [followed, unfollowed] = await Promise.all([byMonth('followedAt'), byMonth('unfollowedAt')]);
      const counts = (rows: Array<{ month: string; n: number | bigint }>) => rows.map((r) => ({ month: r.month, count: Number(r.n) }));
      return { followed: counts(followed), unfollowed: counts(unfollowed) };
    },
    async volunteers(b) {
      return db.volunteer.findMany({ where: { registeredAt: { lt: b.end }, erasedAt: null }, select: { id: true, registeredAt: true, leftAt: true, districtCode: true } });
    },
    async activities(b) {
      const [invited, teamed] = await Promise.all([
        db.volunteerInvitation.findMany({
          where: { status: 'accepted', hours: { not: null }, request: { date: dates(b) } },
          select: { volunteerId: true, hours: true, request: { select: { date: true, kind: true, districtCode: true } } },
        }),
        db.teamMember.findMany({
          where: { hours: { not: null }, member: { volunteerId: { not: null } }, team: { date: dates(b) } },
          select: { hours: true, member: { select: { volunteerId: true } }, team: { select: { date: true } } },
        }),
      ]);
      return [
        ...invited.map((i) => ({ volunteerId: i.volunteerId, date: i.request.date, kind: i.request.kind, districtCode: i.request.districtCode, hours: i.hours ?? 0 })),
        ...teamed.map((t) => ({ volunteerId: t.member.volunteerId!, date: t.team.date, kind: DISASTER_ACTIVITY, districtCode: null, hours: t.hours ?? 0 })),
      ];
    },
    async volunteerRequests(b) {
      return db.volunteerRequest.findMany({ where: { date: dates(b) }, select: { kind: true, status: true } });
    },
    async donationOffers(b) {
      return db.donationOffer.findMany({ where: { createdAt: range(b) }, select: { kind: true, status: true, createdAt: true } });
    },
    async moneyReceived(b) {
      const rows = await db.donationOffer.findMany({ where: { receivedAt: range(b), status: 'received_goods' }, select: { kind: true, amountYen: true, receivedAt: true } });
      return rows.map((r) => ({ kind: r.kind, amountYen: r.amountYen, receivedAt: r.receivedAt! }));
    },
    async allocations(b) {
      return db.allocation.findMany({ where: { allocatedOn: dates(b) }, select: { purposeCode: true, amountYen: true } });
    },
    async events(b) {
      const events = await db.councilEvent.findMany({ where: { startsAt: range(b) }, select: { id: true, startsAt: true, status: true } });
      const counts = events.length
        ? await db.eventRegistration.groupBy({ by: ['eventId', 'status'], where: { eventId: { in: events.map((e) => e.id) } }, _count: { _all: true } })
        : [];
      const of = (id: string, status: string) => counts.find((c) => c.eventId === id && c.status === status)?._count._all ?? 0;
      return events.map((e) => ({ startsAt: e.startsAt, status: e.status, registered: of(e.id, 'registered'), waitlisted: of(e.id, 'waitlisted'), cancelled: of(e.id, 'cancelled') }));
    },
    async salonChanges(b) {
      const rows = await db.salonChange.findMany({ where: { date: dates(b) }, select: { salonCode: true, date: true, kind: true, start: true, end: true } });
      return rows.map((r) => ({ salon: r.salonCode, date: r.date, kind: r.kind as 'cancelled' | 'extra' | 'note', start: r.start, end: r.end }));
    },
    async disasterCentres(b) {
      const centres = await db.disasterCentre.findMany({
        where: { drill: false, openedOn: { lte: b.toDate }, OR: [{ status: { not: 'closed' } }, { updatedAt: { gte: b.start } }] },
        select: { id: true, name: true, openedOn: true, status: true },
        orderBy: { openedOn: 'asc' },
      });
      const figures = new PrismaDailyFigures(db);
      return Promise.all(
        centres.map(async (c) => {
          const rows = await figures.rows(c.id, false, b.end, []);
          return {
            name: c.name,
            openedOn: c.openedOn,
            status: c.status,
            checkIns: rows.checkIns.length,
            volunteers: new Set(rows.checkIns.map((x) => x.volunteerId)).size,
            teams: rows.teams.length,
            needs: rows.needs.length,
            needsDone: rows.needs.filter((n) => n.status === 'done').length,
          };
        }),
      );
    },
  };
}
