import { randomUUID } from 'node:crypto';
import type { Page, Paged } from '../../domain/paging';
import type {
  Applicant,
  ApplicationEntry,
  BudgetOverrun,
  CentreInput,
  CentreSummary,
  DayCounts,
  DaySummary,
  DisasterAdmin,
  DisasterNoticeRow,
  DisasterRepositories,
  DisasterRepository,
  DrawResult,
  PoolEntry,
} from '../../domain/disaster/admin';
import type { ActivityDay, ApplicationStatus, CentreStatus, DayPriorities, DisasterCentre, MemberKind, MemberOrigin } from '../../domain/disaster/centre';
import type { DayInput } from '../../domain/disaster/days';
import { jstDate } from '../../domain/japan-time';
import type { StoredBroadcastKind } from '../../domain/broadcast';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaBroadcastAdmin } from './prisma-broadcast-admin';
import { formFor, serialiseOn, timestampParam, unindexed } from './sql-dialect';

type CentreRow = Awaited<ReturnType<Db['disasterCentre']['findFirstOrThrow']>>;
type MemberRow = Awaited<ReturnType<Db['poolMember']['findFirstOrThrow']>>;
type DayRow = Awaited<ReturnType<Db['activityDay']['findFirstOrThrow']>>;

const RUNNING: CentreStatus[] = ['open', 'paused'];

function strings(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function centreOf(r: CentreRow): DisasterCentre & { createdAt: Date; updatedAt: Date } {
  return { id: r.id, name: r.name, districts: strings(r.districts), openedOn: r.openedOn, drill: r.drill, status: r.status as CentreStatus, sameDayCover: r.sameDayCover, walkIns: r.walkIns, createdAt: r.createdAt, updatedAt: r.updatedAt };
}

function memberOf(r: MemberRow): PoolEntry {
  return {
    id: r.id,
    centreId: r.centreId,
    residentId: r.residentId,
    kind: r.kind as MemberKind,
    name: r.name,
    groupName: r.groupName,
    size: r.size,
    origin: r.origin as MemberOrigin,
    skills: strings(r.skills),
    availableDates: strings(r.availableDates),
    phone: r.phone,
    emergencyContact: r.emergencyContact,
    cover: { plan: r.coverPlan, enrolledOn: r.coverEnrolledOn },
    losses: r.losses,
    joinedAt: r.joinedAt,
  };
}

function prioritiesOf(json: string): DayPriorities {
  const v = JSON.parse(json) as Partial<DayPriorities>;
  return { localsFirst: v.localsFirst === true, skillPlaces: Array.isArray(v.skillPlaces) ? v.skillPlaces.filter((s) => typeof s?.skill === 'string' && Number.isInteger(s.places)) : [] };
}

function dayOf(r: DayRow): ActivityDay {
  return {
    id: r.id,
    centreId: r.centreId,
    date: r.date,
    capacity: r.capacity,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    reconfirmBy: r.reconfirmBy,
    priorities: prioritiesOf(r.priorities),
    backfillHours: r.backfillHours,
    checkInCode: r.checkInCode,
    drawSeed: r.drawSeed,
    drawnAt: r.drawnAt,
  };
}

const NO_COUNTS: DayCounts = { applied: 0, chosen: 0, reconfirmed: 0, waitlisted: 0, released: 0, walkIns: 0, checkedIn: 0, pending: 0 };

/** Each date's counts, from two grouped reads. */
async function dayCounts(db: Db, dayIds: string[]): Promise<(dayId: string) => DayCounts> {
  if (!dayIds.length) return () => NO_COUNTS;
  const byStatus = await db.dayApplication.groupBy({ by: ['dayId', 'status'], where: { dayId: { in: dayIds } }, _count: { _all: true } });
  const arrived = await db.dayApplication.groupBy({ by: ['dayId'], where: { dayId: { in: dayIds }, checkedInAt: { not: null } }, _count: { _all: true } });
  return (dayId) => {
    const n = (status: ApplicationStatus) => byStatus.find((g) => g.dayId === dayId && g.status === status)?._count._all ?? 0;
    const counts = { chosen: n('chosen'), reconfirmed: n('reconfirmed'), waitlisted: n('waitlisted'), released: n('released'), walkIns: n('walkIn'), pending: n('applied') };
    return { ...counts, applied: counts.chosen + counts.reconfirmed + counts.waitlisted + counts.released + counts.pending, checkedIn: arrived.find((g) => g.dayId === dayId)?._count._all ?? 0 };
  };
}

/** The disaster centre as the console's pages read it, on Prisma. */
export class PrismaDisasterAdmin implements DisasterAdmin {
  constructor(private readonly db: Db) {}

  private async summaries(rows: CentreRow[]): Promise<CentreSummary[]> {
    const ids = rows.map((r) => r.id);
    const members = ids.length ? await this.db.poolMember.groupBy({ by: ['centreId'], where: { centreId: { in: ids } }, _count: { _all: true }, _sum: { size: true } }) : [];
    const days = ids.length ? await this.db.activityDay.groupBy({ by: ['centreId'], where: { centreId: { in: ids } }, _count: { _all: true } }) : [];
    return rows.map((r) => {
      const m = members.find((g) => g.centreId === r.id);
      return { ...centreOf(r), members: m?._count._all ?? 0, people: m?._sum.size ?? 0, days: days.find((g) => g.centreId === r.id)?._count._all ?? 0 };
    });
  }

  async centres(drill: boolean, page: Page): Promise<Paged<CentreSummary>> {
    const [rows, total] = await Promise.all([
      this.db.disasterCentre.findMany({ where: { drill }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }),
      this.db.disasterCentre.count({ where: { drill } }),
    ]);
    return { rows: await this.summaries(rows), total };
  }

  async centreTotals(drill: boolean): Promise<{ members: number; people: number; days: number }> {
    const [members, days] = await Promise.all([
      this.db.poolMember.aggregate({ where: { centre: { drill } }, _count: { _all: true }, _sum: { size: true } }),
      this.db.activityDay.count({ where: { centre: { drill } } }),
    ]);
    return { members: members._count._all, people: members._sum.size ?? 0, days };
  }

  async running(): Promise<CentreSummary | null> {
    const row = await this.db.disasterCentre.findFirst({ where: { status: { in: RUNNING } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    return row ? ((await this.summaries([row]))[0] ?? null) : null;
  }

  async centre(id: string): Promise<CentreSummary | null> {
    const row = await this.db.disasterCentre.findUnique({ where: { id } });
    return row ? ((await this.summaries([row]))[0] ?? null) : null;
  }

  async members(centreId: string): Promise<PoolEntry[]> {
    return (await this.db.poolMember.findMany({ where: { centreId }, orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }] })).map(memberOf);
  }

  async days(centreId: string): Promise<DaySummary[]> {
    const rows = await this.db.activityDay.findMany({ where: { centreId }, orderBy: [{ date: 'asc' }] });
    const count = await dayCounts(this.db, rows.map((r) => r.id));
    return rows.map((r) => ({ ...dayOf(r), counts: count(r.id) }));
  }

  async day(dayId: string): Promise<(DaySummary & { centre: DisasterCentre }) | null> {
    const row = await this.db.activityDay.findUnique({ where: { id: dayId }, include: { centre: true } });
    if (!row) return null;
    const count = await dayCounts(this.db, [row.id]);
    return { ...dayOf(row), counts: count(row.id), centre: centreOf(row.centre) };
  }

  async applications(dayId: string): Promise<ApplicationEntry[]> {
    const rows = await this.db.dayApplication.findMany({ where: { dayId }, include: { member: true }, orderBy: [{ appliedAt: 'asc' }, { id: 'asc' }] });
    return rows
      .map((r) => ({
        id: r.id,
        status: r.status as ApplicationStatus,
        position: r.position,
        offeredAt: r.offeredAt,
        replyBy: r.replyBy,
        appliedAt: r.appliedAt,
        checkedInAt: r.checkedInAt,
        checkedInBy: r.checkedInBy,
        member: memberOf(r.member),
      }))
      .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
  }

  async findMembers(centreId: string, dayId: string, q: string): Promise<PoolEntry[]> {
    const rows = await this.db.poolMember.findMany({
      where: {
        centreId,
        OR: [{ name: { contains: q } }, { groupName: { contains: q } }],
        // Those who hold a place or came already are on the reception list itself.
        applications: { none: { dayId, OR: [{ status: { in: ['chosen', 'reconfirmed', 'walkIn'] } }, { checkedInAt: { not: null } }] } },
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      take: 20,
    });
    return rows.map(memberOf);
  }

  async overruns(centreId: string): Promise<BudgetOverrun[]> {
    const days = await this.db.activityDay.findMany({ where: { centreId }, select: { id: true } });
    if (!days.length) return [];
    const rows = await this.db.auditLog.findMany({ where: { action: 'disaster.notices.overBudget', subjectId: { in: days.map((d) => d.id) } }, orderBy: [{ at: 'desc' }] });
    return rows.map((r) => {
      const d = JSON.parse(r.detail ?? '{}') as { cost?: number; remaining?: number; reason?: string };
      return { dayId: r.subjectId ?? '', at: r.at, cost: d.cost ?? 0, remaining: d.remaining ?? 0, reason: d.reason === 'backfill' ? 'backfill' : 'draw' };
    });
  }

  usage(monthStart: Date, monthEnd: Date): Promise<{ used: number; scheduled: number }> {
    return new PrismaBroadcastAdmin(this.db).usage(monthStart, monthEnd);
  }
}

function dayColumns(d: DayInput) {
  return { capacity: d.capacity, opensAt: d.opensAt, closesAt: d.closesAt, reconfirmBy: d.reconfirmBy, backfillHours: d.backfillHours, priorities: JSON.stringify(d.priorities) };
}

/** The disaster centre as its use cases and jobs change it, on a unit of work's transaction. */
export class PrismaDisasterRepository implements DisasterRepository {
  constructor(private readonly db: Db | Tx) {}

  async createCentre(c: CentreInput, at: Date): Promise<string> {
    const id = randomUUID();
    await this.db.disasterCentre.create({ data: { id, name: c.name, districts: JSON.stringify(c.districts), openedOn: c.openedOn, drill: c.drill, status: 'preparing', createdAt: at, updatedAt: at } });
    return id;
  }

  async centreState(id: string) {
    const r = await this.db.disasterCentre.findUnique({ where: { id }, select: { status: true, drill: true, name: true } });
    return r ? { status: r.status as CentreStatus, drill: r.drill, name: r.name } : null;
  }

  async moveCentre(id: string, from: CentreStatus, to: CentreStatus, at: Date): Promise<boolean> {
    // One statement: the status it moves from, and — for a move into running — that no other centre runs.
    const alone = RUNNING.includes(to) ? ` AND NOT EXISTS (SELECT 1 FROM "DisasterCentre" o WHERE o."status" IN ('open', 'paused') AND o."id" != $1)` : '';
    if (alone) await serialiseOn(this.db, 'DisasterCentre.running');
    const count = await this.db.$executeRawUnsafe(`UPDATE "DisasterCentre" SET "status" = $3, "updatedAt" = $4 WHERE "id" = $1 AND "status" = $2${alone}`, id, from, to, at);
    return count === 1;
  }

  async runningCentre(except?: string) {
    return this.db.disasterCentre.findFirst({ where: { status: { in: RUNNING }, ...(except ? { id: { not: except } } : {}) }, select: { id: true, name: true } });
  }

  async setOptions(id: string, o: { sameDayCover: boolean; walkIns: boolean }, at: Date): Promise<boolean> {
    const { count } = await this.db.disasterCentre.updateMany({ where: { id, status: { not: 'closed' } }, data: { sameDayCover: o.sameDayCover, walkIns: o.walkIns, updatedAt: at } });
    return count === 1;
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.db.activityDay.count({ where: { checkInCode: code } })) > 0;
  }

  async createDay(centreId: string, d: DayInput, checkInCode: string, at: Date): Promise<string | null> {
    if (await this.db.activityDay.findUnique({ where: { centreId_date: { centreId, date: d.date } }, select: { id: true } })) return null;
    const id = randomUUID();
    await this.db.activityDay.create({ data: { id, centreId, date: d.date, ...dayColumns(d), checkInCode, createdAt: at } });
    return id;
  }

  async updateDay(dayId: string, d: DayInput, drawn: boolean): Promise<boolean> {
    const { count } = drawn
      ? await this.db.activityDay.updateMany({ where: { id: dayId, drawnAt: { not: null } }, data: { capacity: d.capacity, backfillHours: d.backfillHours } })
      : await this.db.activityDay.updateMany({ where: { id: dayId, drawnAt: null }, data: dayColumns(d) });
    return count === 1;
  }

  async dueDraws(now: Date) {
    const rows = await this.db.activityDay.findMany({ where: { drawnAt: null, closesAt: { lte: now }, centre: { status: { in: RUNNING } } }, include: { centre: { select: { name: true, drill: true } } }, orderBy: [{ closesAt: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => ({ ...dayOf(r), centre: r.centre }));
  }

  async claimDraw(dayId: string, seed: string, now: Date): Promise<boolean> {
    const { count } = await this.db.activityDay.updateMany({ where: { id: dayId, drawnAt: null, closesAt: { lte: now } }, data: { drawnAt: now, drawSeed: seed } });
    return count === 1;
  }

  async applicants(dayId: string): Promise<Applicant[]> {
    const rows = await this.db.dayApplication.findMany({ where: { dayId, status: 'applied' }, include: { member: true }, orderBy: [{ appliedAt: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => ({ applicationId: r.id, memberId: r.memberId, residentId: r.member.residentId, local: r.member.origin === 'local', skills: strings(r.member.skills), losses: r.member.losses }));
  }

  async storeDraw(dayId: string, result: DrawResult, now: Date, replyBy: Date): Promise<void> {
    // One statement for any number of applicants: positions from the order's index, chosen first. The unary `+`
    // keeps SQLite from driving the join from the (dayId, status) index — a scan of the JSON array per application,
    // 10,000 × 10,000 — so each array element looks its row up by primary key instead (4.7 s → 15 ms at 10,000).
    await this.db.$executeRawUnsafe(
      `UPDATE "DayApplication" SET "status" = CASE WHEN o."key" < $2 THEN 'chosen' ELSE 'waitlisted' END, "position" = o."key" + 1, ` +
        `"offeredAt" = CASE WHEN o."key" < $2 THEN ${timestampParam(this.db, 3)} ELSE NULL END, "replyBy" = CASE WHEN o."key" < $2 THEN ${timestampParam(this.db, 4)} ELSE NULL END ` +
        `FROM ${formFor(this.db, { sqlite: 'json_each($1)', postgresql: '(SELECT "value", "ordinality" - 1 AS "key" FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY)' })} AS o ` +
        `WHERE "DayApplication"."id" = o."value" AND ${unindexed(this.db, '"DayApplication"."dayId"')} = $5 AND ${unindexed(this.db, '"DayApplication"."status"')} = 'applied'`,
      JSON.stringify([...result.chosen, ...result.waitlist]),
      result.chosen.length,
      now,
      replyBy,
      dayId,
    );
    await this.db.$executeRawUnsafe(
      `UPDATE "PoolMember" SET "losses" = "losses" + 1 WHERE "id" IN (SELECT "memberId" FROM "DayApplication" WHERE "dayId" = $1 AND "status" = 'waitlisted')`,
      dayId,
    );
  }

  async openDraws(now: Date) {
    const rows = await this.db.activityDay.findMany({ where: { drawnAt: { not: null }, date: { gte: jstDate(now) }, centre: { status: { in: RUNNING } } }, include: { centre: { select: { name: true, drill: true } } }, orderBy: [{ date: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => ({ ...dayOf(r), centre: r.centre }));
  }

  async releaseExpired(dayId: string, now: Date) {
    // The reconfirmation (LINE) writes only where replyBy > now: one of the two statements wins each place.
    const released = await this.db.$queryRawUnsafe<Array<{ id: string; memberId: string }>>(
      `UPDATE "DayApplication" SET "status" = 'released' WHERE "dayId" = $1 AND "status" = 'chosen' AND "replyBy" <= $2 RETURNING "id", "memberId"`,
      dayId,
      now,
    );
    return this.withResidents(released);
  }

  async backfill(dayId: string, now: Date, replyBy: Date) {
    // max(0, …): a negative LIMIT means "no limit" in SQLite, and a date over capacity (lowered after the draw) has no free place.
    // Two backfills of one date at once (job runs on two instances) would count the same free places on PostgreSQL.
    await serialiseOn(this.db, `ActivityDay.places:${dayId}`);
    const free = `${formFor(this.db, { sqlite: 'max', postgresql: 'GREATEST' })}(0, (SELECT "capacity" FROM "ActivityDay" WHERE "id" = $1) - (SELECT COUNT(*) FROM "DayApplication" WHERE "dayId" = $1 AND "status" IN ('chosen', 'reconfirmed')))`;
    const moved = await this.db.$queryRawUnsafe<Array<{ id: string; memberId: string; position: number | bigint | null }>>(
      `UPDATE "DayApplication" SET "status" = 'chosen', "offeredAt" = $2, "replyBy" = $3 WHERE "id" IN ` +
        `(SELECT "id" FROM "DayApplication" WHERE "dayId" = $1 AND "status" = 'waitlisted' ORDER BY "position", "id" LIMIT ${free}) ` +
        'RETURNING "id", "memberId", "position"',
      dayId,
      now,
      replyBy,
    );
    const offered = await this.withResidents(moved);
    return offered.map((o, i) => ({ ...o, position: Number(moved[i]!.position ?? 0) })).sort((a, b) => a.position - b.position);
  }

  /** Application rows a statement returned, with their pool members' resident ids, in the same order. */
  private async withResidents(rows: ReadonlyArray<{ id: string; memberId: string }>): Promise<Array<{ applicationId: string; residentId: string }>> {
    if (!rows.length) return [];
    const residents = await this.db.poolMember.findMany({ where: { id: { in: rows.map((m) => m.memberId) } }, select: { id: true, residentId: true } });
    const residentOf = new Map(residents.map((r) => [r.id, r.residentId]));
    return rows.map((m) => ({ applicationId: m.id, residentId: residentOf.get(m.memberId) ?? '' }));
  }

  async queueNotices(rows: readonly DisasterNoticeRow[], at: Date): Promise<void> {
    if (!rows.length) return;
    // One statement from a JSON array: a draw queues a notice per applicant (10,000 rows through createMany took
    // about 1 s). Each is counted against the month's budget while scheduled (targeted 1), as a composed send's
    // estimate is.
    const kind: StoredBroadcastKind = 'disaster_notice';
    const notices = rows.map((r) => ({ id: randomUUID(), title: r.notice.title, content: JSON.stringify(r.notice.content), targeting: JSON.stringify({ residentIds: [r.residentId] }), urgent: r.urgent === true }));
    await this.db.$executeRawUnsafe(
      `INSERT INTO "Broadcast" ("id", "kind", "title", "content", "targeting", "urgent", "scheduledAt", "status", "createdAt", "targeted") ` +
        formFor(this.db, {
          sqlite:
            `SELECT json_extract(n."value", '$.id'), $2, json_extract(n."value", '$.title'), json_extract(n."value", '$.content'), json_extract(n."value", '$.targeting'), json_extract(n."value", '$.urgent'), $3, 'scheduled', $3, 1 ` +
            'FROM json_each($1) AS n',
          postgresql:
            `SELECT n."id", $2, n."title", n."content", n."targeting", n."urgent", $3, 'scheduled', $3, 1 ` +
            'FROM jsonb_to_recordset($1::jsonb) AS n("id" text, "title" text, "content" text, "targeting" text, "urgent" boolean)',
        }),
      JSON.stringify(notices),
      kind,
      at,
    );
  }

  usage(monthStart: Date, monthEnd: Date): Promise<{ used: number; scheduled: number }> {
    return new PrismaBroadcastAdmin(this.db).usage(monthStart, monthEnd);
  }

  async deskCheckIn(applicationId: string, dayId: string, walkIn: boolean, now: Date): Promise<ApplicationStatus | null> {
    const { count } = await this.db.dayApplication.updateMany({
      where: { id: applicationId, dayId, checkedInAt: null, status: { in: walkIn ? ['applied', 'waitlisted', 'released'] : ['chosen', 'reconfirmed'] } },
      data: { checkedInAt: now, checkedInBy: 'desk', ...(walkIn ? { status: 'walkIn', replyBy: null } : {}) },
    });
    if (count !== 1) return null;
    const row = await this.db.dayApplication.findUniqueOrThrow({ where: { id: applicationId }, select: { status: true } });
    return row.status as ApplicationStatus;
  }

  async deskWalkIn(dayId: string, memberId: string, now: Date): Promise<string | null> {
    const day = await this.db.activityDay.findUnique({ where: { id: dayId }, select: { centreId: true } });
    const member = await this.db.poolMember.findUnique({ where: { id: memberId }, select: { centreId: true } });
    if (!day || !member || member.centreId !== day.centreId) return null;
    if (await this.db.dayApplication.findUnique({ where: { dayId_memberId: { dayId, memberId } }, select: { id: true } })) return null;
    const id = randomUUID();
    await this.db.dayApplication.create({ data: { id, dayId, memberId, status: 'walkIn', appliedAt: now, checkedInAt: now, checkedInBy: 'desk' } });
    return id;
  }
}

/** The disaster use cases' repositories on one transaction. */
export function disasterRepositories(tx: Tx): DisasterRepositories {
  return { disaster: new PrismaDisasterRepository(tx), audit: new PrismaAuditLog(tx) };
}
