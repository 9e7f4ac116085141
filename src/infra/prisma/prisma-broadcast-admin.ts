import { BROADCAST_KINDS, PERSONAL_NOTICE_KINDS, type BroadcastAdmin, type BroadcastContent, type BroadcastRepositories, type BroadcastRepository, type BroadcastSummary, type NewBroadcast } from '../../domain/broadcast';
import type { Page, Paged } from '../../domain/paging';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { readBroadcastContent } from './prisma-broadcast-store';
import { SqlParams } from './sql-batch';
import { unindexed } from './sql-dialect';

type Row = Awaited<ReturnType<Db['broadcast']['findFirstOrThrow']>>;

const summary = (r: Row): BroadcastSummary => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  urgent: r.urgent,
  scheduledAt: r.scheduledAt,
  status: r.status as BroadcastSummary['status'],
  error: r.error,
  targeted: r.targeted,
  sent: r.sent,
  failed: r.failed,
  skipped: r.skipped,
  createdBy: r.createdBy,
});

/** Broadcasts for the console, on Prisma: the pages' reads, and a unit of work's changes on its transaction. */
export class PrismaBroadcastAdmin implements BroadcastAdmin, BroadcastRepository {
  constructor(private readonly db: Db | Tx) {}

  /**
   * For these sends, their `sent` deliveries (each carries its batch's language) counted per language in one grouped
   * read, beside each send's content as the engine reads it (null when it cannot). A send sent to nobody is absent.
   */
  async sentByLanguage(ids: readonly string[]): Promise<Map<string, { counts: Map<string, number>; texts: BroadcastContent | null }>> {
    const [counts, contents] = await Promise.all([
      this.db.broadcastDelivery.groupBy({ by: ['broadcastId', 'language'], where: { broadcastId: { in: [...ids] }, status: 'sent' }, _count: { _all: true } }),
      this.db.broadcast.findMany({ where: { id: { in: [...ids] } }, select: { id: true, content: true } }),
    ]);
    const texts = new Map(contents.map((c) => [c.id, readBroadcastContent(c.content)]));
    const byId = new Map<string, Map<string, number>>();
    for (const c of counts) byId.set(c.broadcastId, (byId.get(c.broadcastId) ?? new Map<string, number>()).set(c.language, c._count._all));
    return new Map([...byId].map(([id, perLanguage]) => [id, { counts: perLanguage, texts: texts.get(id) ?? null }]));
  }

  async list(which: 'composed' | 'personal', page: Page): Promise<Paged<BroadcastSummary>> {
    const kinds: string[] = which === 'personal' ? [...PERSONAL_NOTICE_KINDS] : [...BROADCAST_KINDS];
    const [rows, total] = await Promise.all([
      // Composed sends are few: their kinds' range of `[kind, scheduledAt]`, sorted. Personal notices are most of the
      // table: `[scheduledAt]` walked from the latest (`+"kind"` keeps SQLite off the kind index), to the page's end.
      which === 'composed' ? this.db.broadcast.findMany({ where: { kind: { in: kinds } }, orderBy: [{ scheduledAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }) : this.latestFirst(kinds, page),
      this.db.broadcast.count({ where: { kind: { in: kinds } } }),
    ]);
    return { rows: rows.map(summary), total };
  }

  private async latestFirst(kinds: string[], page: Page) {
    const p = new SqlParams();
    // SQLite's unary `+` keeps its planner off the kind index; PostgreSQL has no unary plus for text and plans by its statistics.
    const kind = unindexed(this.db, '"kind"');
    const ids = await this.db.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT "id" FROM "Broadcast" WHERE ${kind} IN (${p.list(kinds)}) ORDER BY "scheduledAt" DESC, "id" DESC LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`,
      ...p.values,
    );
    const rows = new Map((await this.db.broadcast.findMany({ where: { id: { in: ids.map((r) => r.id) } } })).map((r) => [r.id, r]));
    return ids.flatMap((r) => rows.get(r.id) ?? []);
  }

  async create(b: NewBroadcast & { estimated: number }, at: Date): Promise<string> {
    const row = await this.db.broadcast.create({
      data: {
        kind: b.kind,
        title: b.title,
        content: JSON.stringify(b.content),
        targeting: JSON.stringify(b.targeting),
        urgent: b.urgent,
        scheduledAt: b.scheduledAt,
        createdBy: b.createdBy,
        createdAt: at,
        // The estimate until the send starts and fixes the real recipient count (it counts against the budget).
        targeted: b.estimated,
      },
      select: { id: true },
    });
    return row.id;
  }

  async kindOf(id: string): Promise<string | null> {
    return (await this.db.broadcast.findUnique({ where: { id }, select: { kind: true } }))?.kind ?? null;
  }

  async cancelScheduled(id: string, kind: string): Promise<boolean> {
    // The kind is in the condition too: the row is never cancelled as anything but what was checked.
    const { count } = await this.db.broadcast.updateMany({ where: { id, status: 'scheduled', kind }, data: { status: 'cancelled' } });
    return count === 1;
  }

  async usage(monthStart: Date, monthEnd: Date): Promise<{ used: number; scheduled: number }> {
    // One range of `[status, method, sentAt]`, counted from the index alone: the month's pushes, never every sent row.
    const [row] = await this.db.$queryRawUnsafe<Array<{ n: number | bigint }>>(
      `SELECT COUNT(*) AS "n" FROM "OutboundMessage" WHERE "status" = 'sent' AND "method" = 'push' AND "sentAt" >= $1 AND "sentAt" < $2`,
      monthStart,
      monthEnd,
    );
    const pushes = Number(row?.n ?? 0);
    const sent = await this.db.broadcast.aggregate({ where: { startedAt: { gte: monthStart, lt: monthEnd } }, _sum: { sent: true } });
    const scheduled = await this.db.broadcast.aggregate({ where: { status: 'scheduled', scheduledAt: { gte: monthStart, lt: monthEnd } }, _sum: { targeted: true } });
    return { used: pushes + (sent._sum.sent ?? 0), scheduled: scheduled._sum.targeted ?? 0 };
  }
}

/** The broadcast use cases' repositories on one transaction. */
export function broadcastRepositories(tx: Tx): BroadcastRepositories {
  return { broadcasts: new PrismaBroadcastAdmin(tx), audit: new PrismaAuditLog(tx) };
}
