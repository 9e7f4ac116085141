import type { VolunteerRequestNeed } from '../../domain/matching';
import type { VolunteerProfile } from '../../domain/volunteer';
import type { VolunteerAdmin, VolunteerCounts, VolunteerExportRow, VolunteerFilter, VolunteerRecord } from '../../domain/volunteer-admin';
import type { Db } from './database';
import { newParsedJsonCache, toVolunteer, toVolunteerWith, type ParsedJsonCache } from './prisma-volunteers';
import { SqlParams } from './sql-batch';
import { dialectOf } from './sql-dialect';
import { coversSql, rankingCandidatesSql, volunteerFilterSql } from './volunteer-filter-sql';
import { bulkIterate } from '../sqlite/sqlite-bulk';

type Row = Awaited<ReturnType<Db['volunteer']['findFirstOrThrow']>>;

function toRecord(r: Row, cache?: ParsedJsonCache): VolunteerRecord {
  return { ...toVolunteerWith(r, cache), residentId: r.residentId, registeredAt: r.registeredAt, updatedAt: r.updatedAt, leftAt: r.leftAt, erasedAt: r.erasedAt };
}

/** The CSV's columns as the bulk connection returns them: the registration date as the text stored. */
type BulkRow = Pick<Row, 'id' | 'name' | 'phone' | 'districtCode' | 'skills' | 'availability' | 'insuranceFiscalYear' | 'insurancePlan' | 'insuranceEnrolledOn' | 'status'> & { registeredAt: string };
const BULK_COLUMNS = '"id", "name", "phone", "districtCode", "skills", "availability", "insuranceFiscalYear", "insurancePlan", "insuranceEnrolledOn", "status", "registeredAt"';

function fromBulk(r: BulkRow, cache: ParsedJsonCache): VolunteerExportRow {
  return { ...toVolunteerWith(r, cache), registeredAt: new Date(r.registeredAt) };
}

/** The list's order: newest registration first (the `[status, registeredAt]` index), ties by id. */
const ORDER_SQL = `ORDER BY "registeredAt" DESC, "id" ASC`;

/** How many registrations the CSV reads at a time. */
const EXPORT_BATCH = 1000;

/** Volunteer registrations for the console, on Prisma. */
export class PrismaVolunteerAdmin implements VolunteerAdmin {
  constructor(
    private readonly db: Db,
    /** The SQLite file: the CSV's rows are read on the bulk connection (Prisma took 80–155 ms for 9,500 rows). */
    private readonly databaseUrl?: string,
  ) {}

  async page(filter: VolunteerFilter, page: { offset: number; limit: number }): Promise<{ rows: VolunteerRecord[]; total: number }> {
    const p = new SqlParams();
    const where = volunteerFilterSql(filter, p, dialectOf(this.db));
    const [count] = await this.db.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT COUNT(*) AS "n" FROM "Volunteer" WHERE ${where}`, ...p.values);
    const ids = await this.idsOf(filter, page.offset, page.limit);
    return { rows: await this.byIds(ids), total: Number(count?.n ?? 0) };
  }

  async *each(filter: VolunteerFilter): AsyncIterable<VolunteerExportRow[]> {
    if (this.databaseUrl?.startsWith('file:')) return yield* this.eachBulk(this.databaseUrl, filter);
    // The ids in the list's order first (one pass over the index), then the registrations a batch at a time by id.
    const ids = await this.idsOf(filter, 0, -1);
    for (let i = 0; i < ids.length; i += EXPORT_BATCH) yield await this.byIds(ids.slice(i, i + EXPORT_BATCH));
  }

  /**
   * As `each`, on the bulk connection: one statement in the list's order (sorting the matching rows once; batches
   * started after the previous batch's last row sorted them again for each batch and took longer than Prisma), then
   * handed out a batch at a time.
   */
  private async *eachBulk(databaseUrl: string, filter: VolunteerFilter): AsyncIterable<VolunteerExportRow[]> {
    const p = new SqlParams();
    const where = volunteerFilterSql(filter, p, dialectOf(this.db));
    // node:sqlite binds values by position: `?N`, not Prisma's `$N`.
    const sql = `SELECT ${BULK_COLUMNS} FROM "Volunteer" WHERE ${where} ${ORDER_SQL}`.replace(/\$(\d+)/g, '?$1');
    const cache = newParsedJsonCache();
    const records: VolunteerExportRow[] = [];
    for (const r of bulkIterate<BulkRow>(databaseUrl, sql, ...(p.values as Array<string | number | null>))) records.push(fromBulk(r, cache));
    for (let i = 0; i < records.length; i += EXPORT_BATCH) yield records.slice(i, i + EXPORT_BATCH);
  }

  async counts(date: string): Promise<VolunteerCounts> {
    const p = new SqlParams();
    const covers = coversSql(date, false, p);
    const [row] = await this.db.$queryRawUnsafe<Array<{ active: number | bigint | null; paused: number | bigint | null; insured: number | bigint | null }>>(
      `SELECT SUM(CASE WHEN "status" = 'active' THEN 1 ELSE 0 END) AS "active", SUM(CASE WHEN "status" = 'paused' THEN 1 ELSE 0 END) AS "paused", ` +
        `SUM(CASE WHEN ${covers} THEN 1 ELSE 0 END) AS "insured" FROM "Volunteer" WHERE "status" IN ('active', 'paused')`,
      ...p.values,
    );
    return { active: Number(row?.active ?? 0), paused: Number(row?.paused ?? 0), insured: Number(row?.insured ?? 0) };
  }

  async get(id: string): Promise<VolunteerRecord | null> {
    const row = await this.db.volunteer.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async rankingCandidates(need: VolunteerRequestNeed, limit: number): Promise<VolunteerProfile[]> {
    const p = new SqlParams();
    const ids = (await this.db.$queryRawUnsafe<Array<{ id: string }>>(rankingCandidatesSql(need, limit, p, dialectOf(this.db)), ...p.values)).map((r) => r.id);
    if (ids.length === 0) return [];
    // Only what the ranking and its rows read: no registration bookkeeping.
    const rows = await this.db.volunteer.findMany({
      where: { id: { in: ids }, status: 'active' },
      select: { id: true, name: true, phone: true, districtCode: true, skills: true, availability: true, insuranceFiscalYear: true, insurancePlan: true, insuranceEnrolledOn: true, status: true },
    });
    return rows.map(toVolunteer);
  }

  async activeByIds(ids: readonly string[]): Promise<VolunteerRecord[]> {
    if (ids.length === 0) return [];
    return (await this.db.volunteer.findMany({ where: { id: { in: [...ids] }, status: 'active' } })).map((r) => toRecord(r));
  }

  /** The ids of one stretch of the filtered list, in the list's order (`limit` -1: to the end). */
  private async idsOf(filter: VolunteerFilter, offset: number, limit: number): Promise<string[]> {
    const p = new SqlParams();
    const where = volunteerFilterSql(filter, p, dialectOf(this.db));
    // PostgreSQL refuses a negative LIMIT (SQLite reads it as none): "to the end" is the largest safe count on both.
    const count = limit < 0 ? Number.MAX_SAFE_INTEGER : limit;
    const rows = await this.db.$queryRawUnsafe<Array<{ id: string }>>(`SELECT "id" FROM "Volunteer" WHERE ${where} ${ORDER_SQL} LIMIT ${p.add(count)} OFFSET ${p.add(offset)}`, ...p.values);
    return rows.map((r) => r.id);
  }

  /** The registrations with these ids, in the order of `ids`. */
  private async byIds(ids: readonly string[]): Promise<VolunteerRecord[]> {
    if (ids.length === 0) return [];
    const rows = new Map((await this.db.volunteer.findMany({ where: { id: { in: [...ids] } } })).map((r) => [r.id, toRecord(r)]));
    return ids.flatMap((id) => rows.get(id) ?? []);
  }
}
