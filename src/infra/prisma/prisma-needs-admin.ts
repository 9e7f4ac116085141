/**
 * Needs (ニーズ) on Prisma: the console's intake, triage board, a need's page and the follow-up job read and write
 * through `PrismaNeedsRepository`, built on the client or a transaction. JSON columns are parsed here, so the rest
 * sees plain domain values.
 */
import type { Page } from '../../domain/paging';
import { PrismaAlertThreads } from './prisma-alert-threads';
import { randomUUID } from 'node:crypto';
import { fingerprintKeys, type DuplicateMatch, type NeedFingerprint } from '../../domain/disaster/duplicates';
import type { Prisma } from '../../generated/prisma/client';
import type { FollowUpCandidate, NeedBoardColumn, NeedBoardCounts, NeedBoardFilter, NeedDetail, NeedEventEntry, NeedFields, NeedMovePatch, NeedsRepositories, NeedsRepository, NeedSummary, StaffReportInput } from '../../domain/disaster/needs-admin';
import { isOpenNeed, NEED_STATUSES, type NeedChannel, type NeedFlag, type NeedPriority, type NeedStatus, type RequesterRelation, type SurveyDecision } from '../../domain/disaster/needs';
import type { Db, Tx } from './database';
import { stringArray } from './json-columns';
import { likelyDuplicates } from './need-candidates';
import { disasterRepositories } from './prisma-disaster-admin';

type NeedRow = Awaited<ReturnType<Db['need']['findFirstOrThrow']>>;

function suspectsOf(json: string): DuplicateMatch[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object' && typeof (x as DuplicateMatch).needId === 'string') as DuplicateMatch[]) : [];
}

function objectOf(json: string): Record<string, unknown> {
  const v: unknown = JSON.parse(json);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** `pending`: the need's reports not yet reviewed (their suspects wait for a look when there are any). */
function summaryOf(r: NeedRow, pending: ReadonlyArray<{ suspects: string; reviewedAt: Date | null }>, reports: number): NeedSummary {
  return {
    id: r.id,
    referenceNo: r.referenceNo,
    centreId: r.centreId,
    status: r.status as NeedStatus,
    statusSince: r.statusSince,
    priority: r.priority as NeedPriority,
    flags: stringArray(r.flags) as NeedFlag[],
    householdName: r.householdName,
    address: r.address,
    districtCode: r.districtCode,
    work: stringArray(r.work) as NeedSummary['work'],
    scheduledOn: r.scheduledOn,
    screening: stringArray(r.screening),
    closedReason: r.closedReason,
    referral: r.referral,
    unreviewed: pending.filter((x) => x.reviewedAt === null && suspectsOf(x.suspects).length > 0).length,
    reports,
    createdAt: r.createdAt,
  };
}

// Only the reports still waiting for a look are read with a need (a board of thousands reads a handful).
const SUMMARY_INCLUDE = { reports: { where: { reviewedAt: null }, select: { suspects: true, reviewedAt: true } }, _count: { select: { reports: true } } } as const;

/**
 * A code inside a JSON-array text column (`work`, `flags`), quoted as JSON writes it: `"mud"` matches ["mud"] and
 * never another code, since the codes are a closed set of plain words (no LIKE wildcards, none inside another).
 */
const quoted = (code: string) => `"${code}"`;

/** A report whose likely duplicates nobody has looked at yet (JSON.stringify writes no suspects as []). */
const SUSPECT = { reports: { some: { reviewedAt: null, suspects: { not: '[]' } } } } satisfies Prisma.NeedWhereInput;
const STALE = (staleBefore: Date) => ({ status: 'coordinating', statusSince: { lt: staleBefore } }) satisfies Prisma.NeedWhereInput;

/** The board's filter as a Prisma condition (the CSV). `boardSql` says the same in SQL: keep the two alike. */
function boardWhere(centreId: string, f: NeedBoardFilter): Prisma.NeedWhereInput {
  const and: Prisma.NeedWhereInput[] = [{ centreId, mergedIntoId: null }];
  if (f.districtCode) and.push({ districtCode: f.districtCode });
  if (f.status) and.push({ status: f.status });
  if (f.work) and.push({ work: { contains: quoted(f.work) } });
  if (f.flag === 'suspect') and.push(SUSPECT);
  else if (f.flag === 'stale') and.push(STALE(f.staleBefore));
  else if (f.flag) and.push({ flags: { contains: quoted(f.flag) } });
  return { AND: and };
}

/** The board's filter as an SQL condition on "Need", its values added through `param` ($1, $2 …). */
function boardSql(centreId: string, f: NeedBoardFilter, param: (v: unknown) => string): string {
  const and = [`"centreId" = ${param(centreId)}`, '"mergedIntoId" IS NULL'];
  if (f.districtCode) and.push(`"districtCode" = ${param(f.districtCode)}`);
  if (f.status) and.push(`"status" = ${param(f.status)}`);
  if (f.work) and.push(`"work" LIKE ${param(`%${quoted(f.work)}%`)}`);
  if (f.flag === 'suspect') and.push(`EXISTS (SELECT 1 FROM "NeedReport" AS "r" WHERE "r"."needId" = "Need"."id" AND "r"."reviewedAt" IS NULL AND "r"."suspects" <> '[]')`);
  else if (f.flag === 'stale') and.push(`"status" = 'coordinating' AND "statusSince" < ${param(f.staleBefore)}`);
  else if (f.flag) and.push(`"flags" LIKE ${param(`%${quoted(f.flag)}%`)}`);
  return and.join(' AND ');
}

/** `boardOrder` (src/domain/disaster/needs.ts) in SQL. */
const BOARD_ORDER_SQL = `CASE WHEN "flags" LIKE '%"crisis"%' THEN 0 ELSE 1 END, CASE "priority" WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, "statusSince", "createdAt", "id"`;

function fieldsData(f: NeedFields) {
  const keys = fingerprintKeys(f);
  return {
    householdName: f.householdName,
    address: f.address,
    addressKey: keys.addressKey,
    latitude: f.latitude,
    longitude: f.longitude,
    districtCode: f.districtCode,
    damage: JSON.stringify(f.damage),
    work: JSON.stringify(f.work),
    workOther: f.workOther,
    households: JSON.stringify(f.households),
    preferredDates: JSON.stringify(f.preferredDates),
    contactMethod: f.contactMethod,
    phone: f.phone,
    phoneKey: keys.phoneKey,
    notes: f.notes,
  };
}

function reportData(r: StaffReportInput & { content: Record<string, unknown>; suspects: DuplicateMatch[] }) {
  return {
    channel: r.channel,
    relation: r.relation,
    reporterName: r.reporterName,
    reporterPhone: r.reporterPhone,
    staffId: r.staffId,
    content: JSON.stringify(r.content),
    suspects: JSON.stringify(r.suspects),
  };
}

/** `NeedsRepository` on the Prisma client (the pages) or a transaction (the use cases). */
export class PrismaNeedsRepository implements NeedsRepository {
  constructor(private readonly db: Db | Tx) {}

  async centre(centreId: string) {
    return this.db.disasterCentre.findUnique({ where: { id: centreId }, select: { id: true, name: true, drill: true, status: true } });
  }

  async runningCentreId(): Promise<string | null> {
    const c = await this.db.disasterCentre.findFirst({ where: { status: { in: ['open', 'paused'] } }, select: { id: true }, orderBy: { openedOn: 'desc' } });
    return c?.id ?? null;
  }

  likelyDuplicates(centreId: string, report: NeedFingerprint, radiusMetres: number): Promise<DuplicateMatch[]> {
    return likelyDuplicates(this.db, centreId, report, radiusMetres);
  }

  async createNeed(o: Parameters<NeedsRepository['createNeed']>[0]): Promise<boolean> {
    if (await this.db.need.findUnique({ where: { referenceNo: o.referenceNo }, select: { id: true } })) return false;
    await this.db.need.create({
      data: {
        id: o.id,
        referenceNo: o.referenceNo,
        centreId: o.centreId,
        status: 'received',
        statusSince: o.at,
        flags: JSON.stringify(o.flags),
        screening: JSON.stringify(o.screening),
        surveyDecision: o.surveyDecision,
        ...fieldsData(o.fields),
        createdAt: o.at,
        updatedAt: o.at,
        reports: { create: { ...reportData(o.report), reviewedAt: o.report.reviewedAt, createdAt: o.at } },
      },
    });
    return true;
  }

  async addReport(needId: string, report: StaffReportInput & { content: Record<string, unknown>; suspects: DuplicateMatch[] }, at: Date): Promise<string> {
    const id = randomUUID();
    await this.db.needReport.create({ data: { id, needId, ...reportData(report), reviewedAt: at, createdAt: at } });
    await this.db.need.update({ where: { id: needId }, data: { updatedAt: at } });
    return id;
  }

  async need(needId: string): Promise<NeedDetail | null> {
    const r = await this.db.need.findUnique({ where: { id: needId }, include: { reports: { orderBy: { createdAt: 'asc' } }, events: { orderBy: { at: 'asc' } } } });
    if (!r) return null;
    return {
      ...summaryOf(r, r.reports, r.reports.length),
      latitude: r.latitude,
      longitude: r.longitude,
      damage: stringArray(r.damage) as NeedDetail['damage'],
      workOther: r.workOther,
      households: stringArray(r.households) as NeedDetail['households'],
      preferredDates: stringArray(r.preferredDates),
      contactMethod: r.contactMethod as NeedDetail['contactMethod'],
      phone: r.phone,
      notes: r.notes,
      surveyDecision: r.surveyDecision as SurveyDecision | null,
      followedUpAt: r.followedUpAt,
      mergedIntoId: r.mergedIntoId,
      reportList: r.reports.map((x) => ({
        id: x.id,
        channel: x.channel as NeedChannel,
        relation: x.relation as RequesterRelation,
        residentId: x.residentId,
        reporterName: x.reporterName,
        reporterPhone: x.reporterPhone,
        staffId: x.staffId,
        content: objectOf(x.content),
        photoIds: stringArray(x.photoIds),
        suspects: suspectsOf(x.suspects),
        reviewedAt: x.reviewedAt,
        createdAt: x.createdAt,
      })),
      events: r.events.map((e) => ({ kind: e.kind as NeedEventEntry['kind'], from: e.from, to: e.to, note: e.note, staffId: e.staffId, at: e.at })),
    };
  }

  async board(centreId: string, filter: NeedBoardFilter, perStatus: number): Promise<NeedBoardColumn[]> {
    // Ranked in SQL: the board's order needs CASE expressions (crisis flag, priority rank) Prisma's orderBy cannot
    // express. Each status keeps its first `perStatus` rows and the count of all that match (window functions, as
    // in SQLite 3.25+ and PostgreSQL).
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where = boardSql(centreId, filter, param);
    const ranked = await this.db.$queryRawUnsafe<Array<{ id: string; status: string; total: number | bigint }>>(
      `SELECT "id", "status", "total" FROM (SELECT "id", "status", ` +
        `ROW_NUMBER() OVER (PARTITION BY "status" ORDER BY ${BOARD_ORDER_SQL}) AS "rank", COUNT(*) OVER (PARTITION BY "status") AS "total" ` +
        `FROM "Need" WHERE ${where}) AS "ranked" WHERE "rank" <= ${param(perStatus)} ORDER BY "status", "rank"`,
      ...params,
    );
    const byId = new Map((await this.summaries(ranked.map((r) => r.id))).map((n) => [n.id, n]));
    return NEED_STATUSES.map((status) => {
      const rows = ranked.filter((r) => r.status === status);
      return { status, total: Number(rows[0]?.total ?? 0), needs: rows.flatMap((r) => byId.get(r.id) ?? []) };
    });
  }

  async boardCounts(centreId: string, staleBefore: Date): Promise<NeedBoardCounts> {
    const centre = { centreId, mergedIntoId: null };
    const [groups, stale, crisis, suspects] = await Promise.all([
      this.db.need.groupBy({ by: ['status'], where: centre, _count: { _all: true } }),
      this.db.need.count({ where: { ...centre, ...STALE(staleBefore) } }),
      this.db.need.count({ where: { ...centre, status: { in: NEED_STATUSES.filter(isOpenNeed) }, flags: { contains: quoted('crisis') } } }),
      this.db.need.count({ where: { ...centre, ...SUSPECT } }),
    ]);
    const byStatus = Object.fromEntries(NEED_STATUSES.map((s) => [s, 0])) as Record<NeedStatus, number>;
    for (const g of groups) if (g.status in byStatus) byStatus[g.status as NeedStatus] = g._count._all;
    return { total: groups.reduce((sum, g) => sum + g._count._all, 0), byStatus, stale, crisis, suspects };
  }

  async matchingNeeds(centreId: string, filter: NeedBoardFilter): Promise<NeedSummary[]> {
    const rows = await this.db.need.findMany({ where: boardWhere(centreId, filter), include: SUMMARY_INCLUDE, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => summaryOf(r, r.reports, r._count.reports));
  }

  /** The needs with these ids, as the board shows them (in no particular order). */
  private async summaries(ids: string[]): Promise<NeedSummary[]> {
    if (!ids.length) return [];
    const rows = await this.db.need.findMany({ where: { id: { in: ids } }, include: SUMMARY_INCLUDE });
    return rows.map((r) => summaryOf(r, r.reports, r._count.reports));
  }

  async moveNeed(needId: string, from: NeedStatus, to: NeedStatus, patch: NeedMovePatch, at: Date): Promise<boolean> {
    const { count } = await this.db.need.updateMany({ where: { id: needId, status: from, mergedIntoId: null }, data: { status: to, statusSince: at, updatedAt: at, ...patch } });
    return count === 1;
  }

  async update(needId: string, change: { priority?: NeedPriority; flags?: NeedFlag[]; surveyDecision?: SurveyDecision | null }, at: Date): Promise<void> {
    await this.db.need.update({
      where: { id: needId },
      data: {
        ...(change.priority ? { priority: change.priority } : {}),
        ...(change.flags ? { flags: JSON.stringify(change.flags) } : {}),
        ...(change.surveyDecision !== undefined ? { surveyDecision: change.surveyDecision } : {}),
        updatedAt: at,
      },
    });
  }

  async recordEvent(needId: string, e: NeedEventEntry): Promise<void> {
    await this.db.needEvent.create({ data: { needId, kind: e.kind, from: e.from, to: e.to, note: e.note, staffId: e.staffId, at: e.at } });
  }

  async reviewReport(reportId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.needReport.updateMany({ where: { id: reportId, reviewedAt: null }, data: { reviewedAt: at } });
    return count === 1;
  }

  async moveReport(reportId: string, toNeedId: string): Promise<void> {
    await this.db.needReport.update({ where: { id: reportId }, data: { needId: toNeedId } });
  }

  async mergeIfEmpty(needId: string, intoId: string, at: Date): Promise<boolean> {
    if (await this.db.needReport.count({ where: { needId } })) return false;
    const { count } = await this.db.need.updateMany({ where: { id: needId, mergedIntoId: null }, data: { mergedIntoId: intoId, updatedAt: at } });
    return count === 1;
  }

  async auditRows(needId: string, page: Page) {
    const where = { subjectType: 'need', subjectId: needId };
    const [rows, total] = await Promise.all([this.db.auditLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }), this.db.auditLog.count({ where })]);
    return { rows: rows.map((r) => ({ action: r.action, staffId: r.staffId, at: r.at, detail: r.detail ? objectOf(r.detail) : null })), total };
  }

  async latestThreads(residentIds: readonly string[]): Promise<Map<string, string>> {
    if (!residentIds.length) return new Map();
    const rows = await this.db.conversation.findMany({ where: { residentId: { in: [...residentIds] } }, select: { id: true, residentId: true }, orderBy: { openedAt: 'asc' } });
    return new Map(rows.map((r) => [r.residentId, r.id]));
  }

  async reporters(needId: string): Promise<string[]> {
    const rows = await this.db.needReport.findMany({ where: { needId, residentId: { not: null } }, select: { residentId: true }, orderBy: { createdAt: 'asc' } });
    return [...new Set(rows.map((r) => r.residentId as string))];
  }

  async doneNeeds(statusSinceBefore: Date): Promise<FollowUpCandidate[]> {
    const rows = await this.db.need.findMany({
      // Not yet followed up since it was done: asked once per completion, so the minute's job reads only those.
      where: { status: 'done', mergedIntoId: null, statusSince: { lte: statusSinceBefore }, OR: [{ followedUpAt: null }, { followedUpAt: { lt: this.db.need.fields.statusSince } }] },
      select: { id: true, referenceNo: true, statusSince: true, followedUpAt: true, centre: { select: { name: true, drill: true } } },
      orderBy: { statusSince: 'asc' },
    });
    return rows.map((r) => ({ id: r.id, referenceNo: r.referenceNo, statusSince: r.statusSince, followedUpAt: r.followedUpAt, centreName: r.centre.name, drill: r.centre.drill }));
  }

  async markFollowedUp(needId: string, statusSince: Date, at: Date): Promise<boolean> {
    const { count } = await this.db.need.updateMany({
      where: { id: needId, status: 'done', statusSince, OR: [{ followedUpAt: null }, { followedUpAt: { lt: statusSince } }] },
      data: { followedUpAt: at },
    });
    return count === 1;
  }
}

/** The needs use cases' repositories on one transaction: needs, the centre's notices and budget, the audit log. */
export function needsRepositories(tx: Tx): NeedsRepositories {
  return { ...disasterRepositories(tx), needs: new PrismaNeedsRepository(tx), alertThreads: new PrismaAlertThreads(tx) };
}
