import type { LineMessage } from '../../domain/line-message';
import type { NewOutbound, OutboundOutcome, OutboundRow, OutboxStore } from '../../domain/stores';
import { SqlParams } from './sql-batch';
import type { Db } from './database';

/** The columns `OutboundRow` is read from. */
interface RowColumns {
  id: string;
  lineUserId: string;
  method: string;
  retryKey: string | null;
  messages: string;
  replyToken: string | null;
  replyBy: Date | string | null;
  safety: boolean | number;
  ambiguous: boolean | number;
  attempts: number | bigint;
  createdAt: Date | string;
}

/** Outbound LINE calls and their delivery status, on Prisma. See `src/domain/delivery.ts` for the states. */
export class PrismaOutboxStore implements OutboxStore {
  constructor(
    private readonly db: Db,
    /** The instance claiming rows, written beside each lease (several instances; null with one). */
    private readonly owner: string | null = null,
  ) {}

  async insert(rows: NewOutbound[], now: Date): Promise<void> {
    if (!rows.length) return;
    await this.db.outboundMessage.createMany({ data: rows.map((o) => outboundData(o, now)) });
  }

  async claim(ids: string[], leaseUntil: Date): Promise<string[]> {
    if (!ids.length) return [];
    const p = new SqlParams();
    const lease = p.add(leaseUntil);
    const list = p.list(ids);
    const rows = await this.db.$queryRawUnsafe<Array<{ id: string }>>(
      `UPDATE "OutboundMessage" SET "status" = 'attempting', "attempts" = "attempts" + 1, "leaseUntil" = ${lease}, "leaseOwner" = ${p.add(this.owner)} ` +
        `WHERE "id" IN (${list}) AND "status" = 'pending' RETURNING "id"`,
      ...p.values,
    );
    return rows.map((r) => r.id);
  }

  async claimDue(now: Date, o: { abandonedBefore: Date; ownAbandonedBefore?: Date; unclaimedBefore: Date; leaseUntil: Date; limit: number }): Promise<OutboundRow[]> {
    // What makes a row due; the claim re-checks all of it, not only the status read: an abandoned row stays
    // `attempting` when claimed, so on PostgreSQL (READ COMMITTED) a second instance's update, re-evaluated once the
    // first commits, would otherwise claim it again. Re-checked, it finds the new lease and leaves the row.
    // `ownAbandonedBefore`: this instance's own rows (and unnamed ones, claimed before instances were named) that its
    // previous run left are abandoned sooner than other instances' rows.
    const own = (p: SqlParams) =>
      o.ownAbandonedBefore
        ? ` OR ("status" = 'attempting' AND "leaseUntil" < ${p.add(o.ownAbandonedBefore)} AND ("leaseOwner" IS NULL OR "leaseOwner" = ${p.add(this.owner ?? '')}))`
        : '';
    const due = (p: SqlParams) =>
      `(("status" = 'retry' AND "nextAttemptAt" <= ${p.add(now)}) OR ("status" = 'attempting' AND "leaseUntil" < ${p.add(o.abandonedBefore)})${own(p)} ` +
      `OR ("status" = 'pending' AND "createdAt" < ${p.add(o.unclaimedBefore)}))`;
    // Read first (no write lock when nothing is due, the common case), then claim what is still due.
    const read = new SqlParams();
    const where = due(read);
    const found = await this.db.$queryRawUnsafe<Array<{ id: string }>>(`SELECT "id" FROM "OutboundMessage" WHERE ${where} ORDER BY "safety" DESC, "createdAt" ASC LIMIT ${read.add(o.limit)}`, ...read.values);
    if (!found.length) return [];
    const p = new SqlParams();
    const lease = p.add(o.leaseUntil);
    const list = p.list(found.map((d) => d.id));
    const stillDue = due(p);
    const rows = await this.db.$queryRawUnsafe<RowColumns[]>(
      // A row found `attempting` was in LINE's hands when its process died: whatever happens next, it is ambiguous.
      `UPDATE "OutboundMessage" SET "ambiguous" = CASE WHEN "status" = 'attempting' THEN TRUE ELSE "ambiguous" END, "status" = 'attempting', ` +
        `"attempts" = "attempts" + 1, "leaseUntil" = ${lease}, "leaseOwner" = ${p.add(this.owner)} WHERE "id" IN (${list}) AND ${stillDue} ` +
        'RETURNING "id", "lineUserId", "method", "retryKey", "messages", "replyToken", "replyBy", "safety", "ambiguous", "attempts", "createdAt"',
      ...p.values,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    // RETURNING gives no order; keep the read's (safety first, oldest first).
    return found.flatMap((d) => {
      const r = byId.get(d.id);
      return r ? [toRow(r)] : [];
    });
  }

  async switchToPush(id: string, ambiguous: boolean): Promise<void> {
    // An ambiguous reply made a push is the one case where the resident may get the message twice (staff are told).
    await this.db.outboundMessage.update({ where: { id }, data: { method: 'push', ambiguous, replyToken: null, ...(ambiguous ? { pushedAfterUnknownReply: true } : {}) } });
  }

  async recordOutcomes(outcomes: OutboundOutcome[]): Promise<void> {
    if (!outcomes.length) return;
    const ops: Array<Promise<unknown>> = [];
    const sent = outcomes.filter((o): o is Extract<OutboundOutcome, { status: 'sent' }> => o.status === 'sent');
    if (sent.length) {
      const p = new SqlParams();
      const methods = p.caseOf('id', sent.map((o) => [o.id, o.method]));
      const requestIds = p.caseOf('id', sent.map((o) => [o.id, o.requestId ?? null]));
      const at = p.add(sent.reduce((max, o) => (o.at > max ? o.at : max), sent[0]!.at));
      const ids = p.list(sent.map((o) => o.id));
      ops.push(
        this.db.$executeRawUnsafe(
          `UPDATE "OutboundMessage" SET "status" = 'sent', "method" = ${methods}, "requestId" = ${requestIds}, "sentAt" = ${at}, "error" = NULL, ` +
            `"replyToken" = NULL, "leaseUntil" = NULL, "nextAttemptAt" = NULL WHERE "id" IN (${ids})`,
          ...p.values,
        ),
      );
      const maybeTwice = sent.filter((o) => o.ambiguous).map((o) => o.id);
      if (maybeTwice.length) ops.push(this.db.outboundMessage.updateMany({ where: { id: { in: maybeTwice } }, data: { ambiguous: true } }));
    }
    for (const o of outcomes) {
      if (o.status === 'sent') continue;
      const error = o.error.slice(0, 1000);
      const settled = { replyToken: null, leaseUntil: null, nextAttemptAt: null };
      const data =
        o.status === 'retry'
          ? { status: 'retry', error, nextAttemptAt: o.nextAttemptAt, method: 'push', replyToken: null, leaseUntil: null, ...(o.ambiguous ? { ambiguous: true } : {}) }
          : o.status === 'unknown'
            ? { status: 'unknown', error, ambiguous: true, ...settled }
            : { status: o.status, error, ...settled };
      ops.push(this.db.outboundMessage.update({ where: { id: o.id }, data }));
    }
    await this.db.$transaction(ops as never);
  }

  async isFollowed(lineUserId: string): Promise<boolean> {
    const r = await this.db.resident.findUnique({ where: { lineUserId }, select: { followed: true } });
    return r?.followed ?? false;
  }
}

/** The row to create for a new outbound call (used by every writer of outbound rows). */
export function outboundData(o: NewOutbound, now: Date, eventId?: string) {
  return {
    id: o.id,
    lineUserId: o.lineUserId,
    ...(eventId ? { eventId } : {}),
    method: o.method,
    retryKey: o.retryKey,
    messages: JSON.stringify(o.messages),
    createdAt: now,
    ...(o.replyToken ? { replyToken: o.replyToken, replyBy: o.replyBy ?? null } : {}),
    ...(o.safety ? { safety: true } : {}),
  };
}

function toRow(r: RowColumns): OutboundRow {
  return {
    id: r.id,
    lineUserId: r.lineUserId,
    method: r.method === 'reply' ? 'reply' : 'push',
    // Every writer stores a key; an old row without one gets its id, itself a UUID.
    retryKey: r.retryKey ?? r.id,
    messages: JSON.parse(r.messages) as LineMessage[],
    ...(r.replyToken ? { replyToken: r.replyToken } : {}),
    ...(r.replyBy ? { replyBy: new Date(r.replyBy) } : {}),
    safety: Boolean(r.safety),
    ambiguous: Boolean(r.ambiguous),
    attempts: Number(r.attempts),
    createdAt: new Date(r.createdAt),
  };
}
