import { isPersonalNotice, PERSONAL_NOTICE_KINDS, type BroadcastAdmin, type BroadcastCancelOutcome, type BroadcastSummary, type NewBroadcast } from '../domain/broadcast';
import type { AuditEntry, AuditOf } from '../domain/staff';
import type { Db } from './database';
import { writeAudit } from './prisma-audit-log';

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
      error: r.error,
      targeted: r.targeted,
      sent: r.sent,
      failed: r.failed,
      skipped: r.skipped,
      createdBy: r.createdBy,
    }));
  }

  async create(b: NewBroadcast & { estimated: number }, now: Date, audit: AuditOf<string>): Promise<string> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.broadcast.create({
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
        select: { id: true },
      });
      await writeAudit(tx, audit(row.id));
      return row.id;
    });
  }

  async cancel(id: string, audit: AuditEntry): Promise<BroadcastCancelOutcome> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.broadcast.findUnique({ where: { id }, select: { kind: true } });
      if (!row) return 'not_found';
      if (isPersonalNotice(row.kind)) return 'personal_notice';
      // The kind is in the condition too: the row is never cancelled as anything but what was checked.
      const { count } = await tx.broadcast.updateMany({ where: { id, status: 'scheduled', kind: row.kind }, data: { status: 'cancelled' } });
      if (count !== 1) return 'not_scheduled';
      await writeAudit(tx, audit);
      return 'cancelled';
    });
  }

  async usage(monthStart: Date, monthEnd: Date): Promise<{ used: number; scheduled: number }> {
    const pushes = await this.db.outboundMessage.count({ where: { method: 'push', status: 'sent', sentAt: { gte: monthStart, lt: monthEnd } } });
    const sent = await this.db.broadcast.aggregate({ where: { startedAt: { gte: monthStart, lt: monthEnd } }, _sum: { sent: true } });
    const scheduled = await this.db.broadcast.aggregate({ where: { status: 'scheduled', scheduledAt: { gte: monthStart, lt: monthEnd } }, _sum: { targeted: true } });
    return { used: pushes + (sent._sum.sent ?? 0), scheduled: scheduled._sum.targeted ?? 0 };
  }
}
