import type { EventStore, NewWebhookEvent, PendingEvent } from '../../domain/stores';
import type { Db } from './database';
import type { Clock } from '../../domain/ports';

/** Webhook events in the `WebhookEvent` table; the primary key on LINE's webhookEventId dedupes. */
export class PrismaEventStore implements EventStore {
  constructor(
    private readonly db: Db,
    /**
     * Several instances: this instance's name and clock. The pending window then leaves out the events of residents
     * another instance holds a live processing lease on: this one could not process them, and would read them again
     * and again while they wait.
     */
    private readonly sharing?: { owner: string; clock: Clock },
  ) {}

  async insertNew(events: NewWebhookEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    // One statement for the whole webhook: ON CONFLICT DO NOTHING … RETURNING names the ids that were
    // new (SQLite ≥ 3.35 and PostgreSQL both support it), so a redelivery inserts and returns nothing.
    const values: unknown[] = [];
    const rows = events.map((e) => {
      values.push(e.id, e.lineType, e.sourceType, e.userKey, e.mode, e.timestamp, e.isRedelivery, e.payload, e.status, e.receivedAt);
      const n = values.length;
      return `(${Array.from({ length: 10 }, (_, i) => `$${n - 9 + i}`).join(', ')})`;
    });
    const sql =
      'INSERT INTO "WebhookEvent" ("id","lineType","sourceType","userKey","mode","timestamp","isRedelivery","payload","status","receivedAt") ' +
      `VALUES ${rows.join(', ')} ON CONFLICT ("id") DO NOTHING RETURNING "id"`;
    const inserted = await this.db.$queryRawUnsafe<Array<{ id: string }>>(sql, ...values);
    return inserted.map((r) => r.id);
  }

  async pending(limit: number): Promise<PendingEvent[]> {
    if (this.sharing) {
      const rows = await this.db.$queryRawUnsafe<Array<Parameters<typeof toPending>[0]>>(
        'SELECT e."id", e."userKey", e."lineType", e."timestamp", e."payload", e."receivedAt" FROM "WebhookEvent" e ' +
          'WHERE e."status" = \'pending\' AND e."userKey" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "ProcessingLease" l ' +
          'WHERE l."userKey" = e."userKey" AND l."owner" <> $1 AND l."leaseUntil" > $2) ORDER BY e."receivedAt", e."timestamp", e."id" LIMIT $3',
        this.sharing.owner,
        this.sharing.clock.now(),
        limit,
      );
      return rows.map(toPending);
    }
    const rows = await this.db.webhookEvent.findMany({
      where: { status: 'pending', userKey: { not: null } },
      orderBy: [{ receivedAt: 'asc' }, { timestamp: 'asc' }, { id: 'asc' }],
      take: limit,
      select: { id: true, userKey: true, lineType: true, timestamp: true, payload: true, receivedAt: true },
    });
    return rows.map(toPending);
  }

  async oldestPending(userKeys: string[]): Promise<Map<string, PendingEvent>> {
    const oldest = new Map<string, PendingEvent>();
    if (!userKeys.length) return oldest;
    const rows = await this.db.webhookEvent.findMany({
      where: { status: 'pending', userKey: { in: userKeys } },
      orderBy: [{ timestamp: 'asc' }, { id: 'asc' }],
      select: { id: true, userKey: true, lineType: true, timestamp: true, payload: true, receivedAt: true },
    });
    for (const r of rows.map(toPending)) if (!oldest.has(r.userKey)) oldest.set(r.userKey, r);
    return oldest;
  }

  async markFailed(id: string, error: string, now: Date, redactedPayload: string): Promise<boolean> {
    const { count } = await this.db.webhookEvent.updateMany({ where: { id, status: 'pending' }, data: { status: 'failed', error: error.slice(0, 2000), processedAt: now, payload: redactedPayload } });
    return count === 1;
  }

  async markSkipped(id: string, now: Date, redactedPayload: string): Promise<void> {
    await this.db.webhookEvent.update({ where: { id }, data: { status: 'skipped', processedAt: now, payload: redactedPayload } });
  }
}

function toPending(r: { id: string; userKey: string | null; lineType: string; timestamp: bigint | number; payload: string; receivedAt: Date | string }): PendingEvent {
  return { id: r.id, userKey: r.userKey as string, lineType: r.lineType, timestamp: Number(r.timestamp), payload: r.payload, receivedAt: new Date(r.receivedAt) };
}
