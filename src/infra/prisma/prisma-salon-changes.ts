import type { SalonChange, SalonChangeInput, SalonChangeRecord, SalonChangeRepository, SalonChangeStore, SalonRepositories } from '../../domain/salon-schedule';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { stringArray } from './json-columns';

type SalonChangeRow = Awaited<ReturnType<Db['salonChange']['findFirstOrThrow']>>;

const KINDS: ReadonlySet<string> = new Set<SalonChange['kind']>(['cancelled', 'extra', 'note']);

/** A stored change as the domain reads it. */
export function salonChangeFrom(r: SalonChangeRow): SalonChangeRecord {
  return {
    id: r.id,
    salon: r.salonCode,
    date: r.date,
    kind: (KINDS.has(r.kind) ? r.kind : 'note') as SalonChange['kind'],
    start: r.start,
    end: r.end,
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}

/** Staff changes to salons' schedules (the `SalonChange` table) and salon followers, on Prisma. */
export class PrismaSalonChanges implements SalonChangeStore, SalonChangeRepository {
  constructor(private readonly db: Db | Tx) {}

  async list(fromDate: string): Promise<SalonChangeRecord[]> {
    const rows = await this.db.salonChange.findMany({ where: { date: { gte: fromDate } }, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(salonChangeFrom);
  }

  async add(change: SalonChangeInput, createdBy: string, at: Date): Promise<string> {
    const row = await this.db.salonChange.create({
      data: { salonCode: change.salon, date: change.date, kind: change.kind, start: change.start, end: change.end, note: change.note, createdBy, createdAt: at },
      select: { id: true },
    });
    return row.id;
  }

  async remove(id: string): Promise<boolean> {
    const { count } = await this.db.salonChange.deleteMany({ where: { id } });
    return count > 0;
  }

  async followerCounts(): Promise<Map<string, number>> {
    // A follow is stored only with consent; only friends now (and still consenting) are reached by a notice.
    const rows = await this.db.resident.findMany({ where: { followed: true, consent: 'granted', NOT: { salons: '[]' } }, select: { salons: true } });
    const counts = new Map<string, number>();
    for (const r of rows) for (const code of new Set(stringArray(r.salons))) counts.set(code, (counts.get(code) ?? 0) + 1);
    return counts;
  }
}

/** The salon use cases' repositories on one transaction. */
export function salonRepositories(tx: Tx): SalonRepositories {
  return { changes: new PrismaSalonChanges(tx), audit: new PrismaAuditLog(tx) };
}
