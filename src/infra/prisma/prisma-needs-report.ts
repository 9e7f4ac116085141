/**
 * The needs of a fiscal year for the annual report, on Prisma: statistics columns only (no household name, phone or
 * address is read), the first report's channel and the last move into 完了 from the need's history.
 */
import type { NeedYearRow, NeedsYearSource } from '../../domain/disaster/needs-report';
import type { DamageKind, NeedChannel, NeedFlag, NeedPriority, NeedStatus, WorkKind } from '../../domain/disaster/needs';
import type { Db } from './database';
import { stringArray } from './json-columns';

export class PrismaNeedsYear implements NeedsYearSource {
  constructor(private readonly db: Db) {}

  async needsCreatedBetween(from: Date, until: Date, drill: boolean): Promise<NeedYearRow[]> {
    const rows = await this.db.need.findMany({
      where: { mergedIntoId: null, createdAt: { gte: from, lt: until }, centre: { drill } },
      select: {
        referenceNo: true,
        createdAt: true,
        districtCode: true,
        damage: true,
        work: true,
        status: true,
        statusSince: true,
        priority: true,
        flags: true,
        scheduledOn: true,
        centre: { select: { name: true, drill: true } },
        reports: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1, select: { channel: true } },
        events: { where: { kind: 'status', to: 'done' }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 1, select: { at: true } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((r) => ({
      referenceNo: r.referenceNo,
      centreName: r.centre.name,
      drill: r.centre.drill,
      createdAt: r.createdAt,
      firstChannel: (r.reports[0]?.channel ?? null) as NeedChannel | null,
      districtCode: r.districtCode,
      damage: stringArray(r.damage) as DamageKind[],
      work: stringArray(r.work) as WorkKind[],
      status: r.status as NeedStatus,
      priority: r.priority as NeedPriority,
      flags: stringArray(r.flags) as NeedFlag[],
      scheduledOn: r.scheduledOn,
      // A need recorded as 完了 without its move in the history (an import) reached it when its status began.
      doneAt: r.status === 'done' ? (r.events[0]?.at ?? r.statusSince) : null,
    }));
  }
}
