/**
 * The daily figures' rows on Prisma: raw indexed reads of one centre, only the columns `dailyFigures` reads —
 * check-ins are the DayApplication rows of the centre's days with `checkedInAt` (through ActivityDay's
 * (centreId, date) index and DayApplication's (dayId, …) index), teams by (centreId, dispatchedAt), needs by
 * (centreId, status, statusSince) with the first team's dispatch as the first visit, and reports through their team.
 */
import type { ApplicationStatus } from '../../domain/disaster/centre';
import type { DailyFiguresSource, FigureRows } from '../../domain/disaster/daily-figures-source';
import type { NeedStatus } from '../../domain/disaster/needs';
import type { Db } from './database';

/** A DateTime column as the SQLite adapter returns it (ISO text or epoch milliseconds). */
const at = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string | number));

export class PrismaDailyFigures implements DailyFiguresSource {
  constructor(private readonly db: Db) {}

  async rows(centreId: string, drill: boolean, end: Date, dates: readonly string[]): Promise<FigureRows> {
    const checkIns = await this.db.$queryRawUnsafe<Array<{ m: string; t: unknown }>>(
      'SELECT a."memberId" AS m, a."checkedInAt" AS t FROM "ActivityDay" d JOIN "DayApplication" a ON a."dayId" = d."id" ' +
        'WHERE d."centreId" = $1 AND a."checkedInAt" IS NOT NULL AND a."checkedInAt" < $2',
      centreId,
      end,
    );
    const teams = await this.db.$queryRawUnsafe<Array<{ t: unknown }>>('SELECT "dispatchedAt" AS t FROM "Team" WHERE "centreId" = $1 AND "dispatchedAt" < $2', centreId, end);
    const needs = await this.db.$queryRawUnsafe<Array<{ id: string; s: string; ss: unknown; c: unknown; v: unknown }>>(
      'SELECT n."id" AS id, n."status" AS s, n."statusSince" AS ss, n."createdAt" AS c, (SELECT MIN(t."dispatchedAt") FROM "Team" t WHERE t."needId" = n."id") AS v ' +
        'FROM "Need" n WHERE n."centreId" = $1 AND n."mergedIntoId" IS NULL',
      centreId,
    );
    const reports = await this.db.$queryRawUnsafe<Array<{ t: unknown; i: string | null; n: string | null }>>(
      'SELECT r."at" AS t, r."injuries" AS i, r."nearMiss" AS n FROM "Team" t JOIN "FieldReport" r ON r."teamId" = t."id" WHERE t."centreId" = $1 AND t."dispatchedAt" < $2 AND r."at" < $2',
      centreId,
      end,
    );
    const applications = dates.length
      ? await this.db.$queryRawUnsafe<Array<{ m: string; d: string; s: string }>>(
          `SELECT a."memberId" AS m, d."date" AS d, a."status" AS s FROM "ActivityDay" d JOIN "DayApplication" a ON a."dayId" = d."id" ` +
            `WHERE d."centreId" = $1 AND d."date" IN (${dates.map((_, i) => `$${i + 2}`).join(', ')}) AND a."status" IN ('chosen', 'reconfirmed')`,
          centreId,
          ...dates,
        )
      : [];
    return {
      checkIns: checkIns.map((r) => ({ volunteerId: r.m, at: at(r.t), drill })),
      teams: teams.map((r) => ({ dispatchedAt: at(r.t), drill })),
      needs: needs.map((r) => ({ id: r.id, householdId: null, status: r.s as NeedStatus, statusSince: at(r.ss), createdAt: at(r.c), firstVisitAt: r.v === null ? null : at(r.v), drill })),
      reports: reports.map((r) => ({ at: at(r.t), injuries: r.i, nearMiss: r.n, drill })),
      applications: applications.map((r) => ({ volunteerId: r.m, date: r.d, status: r.s as ApplicationStatus, drill })),
    };
  }

  async nextDay(centreId: string, date: string): Promise<{ date: string; capacity: number } | null> {
    return this.db.activityDay.findFirst({ where: { centreId, date: { gt: date } }, orderBy: { date: 'asc' }, select: { date: true, capacity: true } });
  }
}
