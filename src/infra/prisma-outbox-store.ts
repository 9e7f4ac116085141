import type { LineMessage } from '../domain/line-message';
import type { NewOutbound, OutboundOutcome, OutboxStore, PendingOutbound } from '../domain/stores';
import { SqlParams } from './sql-batch';
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

  async recordOutcomes(outcomes: OutboundOutcome[]): Promise<void> {
    const sent = outcomes.filter((o): o is Extract<OutboundOutcome, { status: 'sent' }> => o.status === 'sent');
    const ops: Array<Promise<unknown>> = [];
    if (sent.length) {
      const p = new SqlParams();
      const methods = p.caseOf('id', sent.map((o) => [o.id, o.method]));
      const requestIds = p.caseOf('id', sent.map((o) => [o.id, o.requestId ?? null]));
      const at = p.add(sent.reduce((max, o) => (o.at > max ? o.at : max), sent[0]!.at));
      const ids = p.list(sent.map((o) => o.id));
      ops.push(
        this.db.$executeRawUnsafe(
          `UPDATE "OutboundMessage" SET "status" = 'sent', "method" = ${methods}, "requestId" = ${requestIds}, "sentAt" = ${at}, "attempts" = "attempts" + 1, "error" = NULL WHERE "id" IN (${ids})`,
          ...p.values,
        ),
      );
    }
    for (const o of outcomes) {
      if (o.status === 'sent') continue;
      ops.push(this.db.outboundMessage.update({ where: { id: o.id }, data: { status: o.status, error: o.error.slice(0, 1000), ...(o.status === 'failed' ? { attempts: { increment: 1 } } : {}) } }));
    }
    if (ops.length) await this.db.$transaction(ops as never);
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
