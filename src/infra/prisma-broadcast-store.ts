import { randomUUID } from 'node:crypto';
import { chunk, type Audience, type BroadcastContent, type BroadcastRecord, type BroadcastStore, type PendingBatch, type Targeting } from '../domain/broadcast';
import { DEFAULT_LANGUAGE, isLanguage } from '../domain/language';
import type { Db } from './database';
import { stringArray } from './json-columns';
import { SqlParams } from './sql-batch';

// Rows per multi-row INSERT. `$n` parameters are bound by name, and SQLite looks each name up by scanning the
// statement's list, so binding cost grows with the square of the parameters: 2,000 rows of 6 columns made a
// 30,000-recipient send spend 5 s writing; 100 rows, 0.6 s (measured; the rest is Prisma's per-value cost).
const ROWS_PER_INSERT = 100;

type Row = Awaited<ReturnType<Db['broadcast']['findFirstOrThrow']>>;

function toRecord(r: Row): BroadcastRecord {
  return {
    id: r.id,
    title: r.title,
    content: JSON.parse(r.content) as BroadcastContent,
    targeting: JSON.parse(r.targeting) as Targeting,
    urgent: r.urgent,
    scheduledAt: r.scheduledAt,
    status: r.status as BroadcastRecord['status'],
  };
}


/** Broadcasts on Prisma; recipients and batches are written in bulk with multi-row statements. */
export class PrismaBroadcastStore implements BroadcastStore {
  constructor(private readonly db: Db) {}

  async due(now: Date): Promise<BroadcastRecord[]> {
    const rows = await this.db.broadcast.findMany({
      where: { OR: [{ status: 'scheduled', scheduledAt: { lte: now } }, { status: 'sending' }] },
      orderBy: { scheduledAt: 'asc' },
    });
    return rows.map(toRecord);
  }

  async markMissed(id: string, now: Date): Promise<void> {
    await this.db.broadcast.updateMany({ where: { id, status: 'scheduled' }, data: { status: 'missed', finishedAt: now } });
  }

  async audience(): Promise<Audience[]> {
    const rows = await this.db.resident.findMany({
      where: { followed: true },
      select: { id: true, lineUserId: true, language: true, followed: true, consent: true, districtCode: true, topics: true },
    });
    return rows.map((r) => ({
      residentId: r.id,
      lineUserId: r.lineUserId,
      language: isLanguage(r.language) ? r.language : DEFAULT_LANGUAGE,
      followed: r.followed,
      consented: r.consent === 'granted',
      districtCode: r.districtCode,
      topics: stringArray(r.topics),
    }));
  }

  async start(id: string, recipients: Audience[], batchSize: number, newKey: () => string, now: Date): Promise<void> {
    const byLanguage = new Map<string, Audience[]>();
    for (const r of recipients) {
      const list = byLanguage.get(r.language);
      if (list) list.push(r);
      else byLanguage.set(r.language, [r]);
    }
    const batches: Array<{ id: string; language: string; retryKey: string; members: Audience[] }> = [];
    for (const [language, members] of byLanguage) {
      for (const part of chunk(members, batchSize)) batches.push({ id: randomUUID(), language, retryKey: newKey(), members: part });
    }
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.broadcast.updateMany({ where: { id, status: 'scheduled' }, data: { status: 'sending', startedAt: now, targeted: recipients.length } });
      if (count === 0) return;
      for (const part of chunk(batches, ROWS_PER_INSERT)) {
        const p = new SqlParams();
        const values = part.map((b) => p.row([b.id, id, b.language, b.retryKey, 'pending', now]));
        await tx.$executeRawUnsafe(`INSERT INTO "BroadcastBatch" ("id","broadcastId","language","retryKey","status","createdAt") VALUES ${values.join(', ')}`, ...p.values);
      }
      const rows = batches.flatMap((b) => b.members.map((m) => [randomUUID(), id, m.lineUserId, m.language, b.id, 'pending']));
      for (const part of chunk(rows, ROWS_PER_INSERT)) {
        const p = new SqlParams();
        const values = part.map((r) => p.row(r));
        await tx.$executeRawUnsafe(`INSERT INTO "BroadcastDelivery" ("id","broadcastId","lineUserId","language","batchId","status") VALUES ${values.join(', ')}`, ...p.values);
      }
    });
  }

  async pendingBatches(broadcastId: string): Promise<PendingBatch[]> {
    const batches = await this.db.broadcastBatch.findMany({ where: { broadcastId, status: 'pending' }, orderBy: { createdAt: 'asc' }, select: { id: true, language: true, retryKey: true } });
    if (!batches.length) return [];
    // Residents who unfollowed since the send started are skipped, never sent to.
    await this.db.$executeRawUnsafe(
      `UPDATE "BroadcastDelivery" SET "status" = 'skipped' WHERE "broadcastId" = $1 AND "status" = 'pending' AND "lineUserId" NOT IN (SELECT "lineUserId" FROM "Resident" WHERE "followed" = $2)`,
      broadcastId,
      true,
    );
    const deliveries = await this.db.broadcastDelivery.findMany({ where: { broadcastId, status: 'pending' }, select: { batchId: true, lineUserId: true } });
    const members = new Map<string, string[]>();
    for (const d of deliveries) {
      if (!d.batchId) continue;
      const list = members.get(d.batchId);
      if (list) list.push(d.lineUserId);
      else members.set(d.batchId, [d.lineUserId]);
    }
    const out: PendingBatch[] = [];
    for (const b of batches) {
      const ids = members.get(b.id) ?? [];
      if (ids.length === 0) {
        await this.db.broadcastBatch.update({ where: { id: b.id }, data: { status: 'sent', error: 'no recipients left' } });
        continue;
      }
      out.push({ id: b.id, broadcastId, language: isLanguage(b.language) ? b.language : DEFAULT_LANGUAGE, retryKey: b.retryKey, lineUserIds: ids });
    }
    return out;
  }

  async batchDone(batchId: string, outcome: { status: 'sent'; requestId: string | undefined } | { status: 'failed'; error: string } | { status: 'retry'; error: string }, now: Date): Promise<void> {
    if (outcome.status === 'retry') {
      await this.db.broadcastBatch.update({ where: { id: batchId }, data: { attempts: { increment: 1 }, error: outcome.error.slice(0, 500) } });
      return;
    }
    await this.db.$transaction([
      this.db.broadcastBatch.update({
        where: { id: batchId },
        data: { status: outcome.status, attempts: { increment: 1 }, ...(outcome.status === 'sent' ? { requestId: outcome.requestId ?? null, sentAt: now, error: null } : { error: outcome.error.slice(0, 500) }) },
      }),
      this.db.broadcastDelivery.updateMany({ where: { batchId, status: 'pending' }, data: { status: outcome.status } }),
    ]);
  }

  async finish(broadcastId: string, now: Date): Promise<{ targeted: number; sent: number; failed: number; skipped: number } | null> {
    if ((await this.db.broadcastBatch.count({ where: { broadcastId, status: 'pending' } })) > 0) return null;
    const groups = await this.db.broadcastDelivery.groupBy({ by: ['status'], where: { broadcastId }, _count: { _all: true } });
    const n = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
    const counts = { targeted: groups.reduce((a, g) => a + g._count._all, 0), sent: n('sent'), failed: n('failed'), skipped: n('skipped') };
    await this.db.broadcast.updateMany({ where: { id: broadcastId, status: 'sending' }, data: { status: 'sent', finishedAt: now, ...counts } });
    return counts;
  }
}
