import type { LineMessage } from '../domain/line-message';
import type { NewOutbound, OutboxStore, PendingOutbound } from '../domain/stores';
import type { Db } from './database';

/** Outbound LINE calls and their delivery status, on Prisma. */
export class PrismaOutboxStore implements OutboxStore {
  constructor(private readonly db: Db) {}

  async insert(rows: NewOutbound[], now: Date): Promise<void> {
    if (!rows.length) return;
    await this.db.outboundMessage.createMany({
      data: rows.map((o) => ({ id: o.id, lineUserId: o.lineUserId, method: o.method, retryKey: o.retryKey, messages: JSON.stringify(o.messages), createdAt: now })),
    });
  }

  async markSent(id: string, method: 'reply' | 'push', requestId: string | undefined, now: Date): Promise<void> {
    await this.db.outboundMessage.update({ where: { id }, data: { status: 'sent', method, requestId: requestId ?? null, sentAt: now, attempts: { increment: 1 }, error: null } });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.outboundMessage.update({ where: { id }, data: { status: 'failed', error: error.slice(0, 1000), attempts: { increment: 1 } } });
  }

  async markSkipped(id: string, reason: string): Promise<void> {
    await this.db.outboundMessage.update({ where: { id }, data: { status: 'skipped', error: reason } });
  }

  async pending(limit: number): Promise<PendingOutbound[]> {
    const rows = await this.db.outboundMessage.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, take: limit });
    return rows.flatMap((r) =>
      r.retryKey ? [{ id: r.id, lineUserId: r.lineUserId, retryKey: r.retryKey, messages: JSON.parse(r.messages) as LineMessage[], createdAt: r.createdAt }] : [],
    );
  }

  async isFollowed(lineUserId: string): Promise<boolean> {
    const r = await this.db.resident.findUnique({ where: { lineUserId }, select: { followed: true } });
    return r?.followed ?? false;
  }
}
