import { isPersonalNotice, PERSONAL_NOTICE_KINDS, type BroadcastAdmin, type BroadcastCancelOutcome, type BroadcastSummary, type NewBroadcast } from '../domain/broadcast';
import type { Db } from './database';

/** Broadcasts for the console, on Prisma. */
export class PrismaBroadcastAdmin implements BroadcastAdmin {
  constructor(private readonly db: Db) {}

  async list(limit: number, which: 'composed' | 'personal'): Promise<BroadcastSummary[]> {
    const kinds = [...PERSONAL_NOTICE_KINDS];
    const rows = await this.db.broadcast.findMany({
      where: { kind: which === 'personal' ? { in: kinds } : { notIn: kinds } },
      orderBy: [{ scheduledAt: 'desc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      urgent: r.urgent,
      scheduledAt: r.scheduledAt,
      status: r.status as BroadcastSummary['status'],
      targeted: r.targeted,
      sent: r.sent,
      failed: r.failed,
      skipped: r.skipped,
      createdBy: r.createdBy,
    }));
  }

  async create(b: NewBroadcast & { estimated: number }, now: Date): Promise<string> {
    const row = await this.db.broadcast.create({
      data: {
        kind: b.kind,
        title: b.title,
        content: JSON.stringify(b.content),
        targeting: JSON.stringify(b.targeting),
        urgent: b.urgent,
        scheduledAt: b.scheduledAt,
        createdBy: b.createdBy,
        createdAt: now,
        // The estimate until the send starts and fixes the real recipient count (it counts against the budget).
        targeted: b.estimated,
      },
    });
    return row.id;
  }

  async cancel(id: string): Promise<BroadcastCancelOutcome> {
    const row = await this.db.broadcast.findUnique({ where: { id }, select: { kind: true } });
    if (!row) return 'not_found';
    if (isPersonalNotice(row.kind)) return 'personal_notice';
    // The kind is in the condition too: the row is never cancelled as anything but what was checked.
    const { count } = await this.db.broadcast.updateMany({ where: { id, status: 'scheduled', kind: row.kind }, data: { status: 'cancelled' } });
    return count === 1 ? 'cancelled' : 'not_scheduled';
  }

  async usage(monthStart: Date, monthEnd: Date): Promise<{ used: number; scheduled: number }> {
    const pushes = await this.db.outboundMessage.count({ where: { method: 'push', status: 'sent', sentAt: { gte: monthStart, lt: monthEnd } } });
    const sent = await this.db.broadcast.aggregate({ where: { startedAt: { gte: monthStart, lt: monthEnd } }, _sum: { sent: true } });
    const scheduled = await this.db.broadcast.aggregate({ where: { status: 'scheduled', scheduledAt: { gte: monthStart, lt: monthEnd } }, _sum: { targeted: true } });
    return { used: pushes + (sent._sum.sent ?? 0), scheduled: scheduled._sum.targeted ?? 0 };
  }
}
