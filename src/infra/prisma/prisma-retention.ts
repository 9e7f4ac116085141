/**
 * The retention's statements on SQLite (`RetentionStore`): each call touches at most `limit` rows in one short
 * statement (or one short transaction for a thread's messages with their photos), so the write lock is held for
 * milliseconds and a webhook's insert waits at most that long. Open cases are excluded in SQL (see
 * src/domain/retention-policy.ts); subqueries on open cases are `IN (…)` lists, which SQLite builds once per
 * statement, never per row. On PostgreSQL, which has no rowid, a batch is chosen by primary key; rows emptied of
 * their bodies are updated in place and space is given back by autovacuum (nothing for `reclaimPages` to do).
 */
import type { HousekeepingRunRecord, HousekeepingRuns, RetentionBatch, RetentionRule, RetentionStore } from '../../domain/retention-policy';
import type { Db } from './database';
import { dialectOf, formFor } from './sql-dialect';
import { bulkRead } from '../sqlite/sqlite-bulk';

/** Outbound statuses whose body is no longer sent: final ones. A failed or unknown one may still be resent from its thread. */
const SETTLED_OUTBOUND = ['sent', 'skipped', 'failed', 'unknown'] as const;
const RESENDABLE_OUTBOUND = new Set<string>(['failed', 'unknown']);
/** Outbound rows rewritten per statement (see `emptyOutbound`). */
const OUTBOUND_REWRITE_LIMIT = 200;
/** Broadcasts the engine will not touch again. */
const FINISHED_BROADCAST = `"status" IN ('sent', 'cancelled', 'missed', 'failed') AND COALESCE("finishedAt", "scheduledAt") < $1`;
/** Threads whose contents may go: closed before the cut-off, no consultation still open, no alert still unacknowledged. */
const EXPIRED_THREAD =
  `c."owner" = 'closed' AND c."closedAt" < $1 ` +
  `AND c."id" NOT IN (SELECT "conversationId" FROM "Consultation" WHERE "status" <> 'closed' AND "conversationId" IS NOT NULL) ` +
  `AND c."id" NOT IN (SELECT "conversationId" FROM "SafetyAlert" WHERE "acknowledgedAt" IS NULL)`;
/** A staff reply: its row (and time) stays for the annual report's first-reply times, its text goes. */
const STAFF_REPLY = `m."direction" = 'out' AND m."staffId" IS NOT NULL`;
/**
 * Audit rows an open case's history still shows (a need, complaint, consultation or thread not yet finished). NULL
 * for a row without a subject (a sign-in): callers wrap it in COALESCE so such rows are not kept by accident.
 */
const OPEN_CASE_AUDIT =
  `("subjectType" = 'need' AND "subjectId" IN (SELECT "id" FROM "Need" WHERE "status" NOT IN ('done', 'cancelled', 'impossible'))) ` +
  `OR ("subjectType" = 'complaint' AND "subjectId" IN (SELECT "id" FROM "Complaint" WHERE "status" IN ('new', 'in_progress'))) ` +
  `OR ("subjectType" = 'consultation' AND "subjectId" IN (SELECT "id" FROM "Consultation" WHERE "status" <> 'closed')) ` +
  `OR ("subjectType" = 'conversation' AND "subjectId" IN (SELECT "id" FROM "Conversation" WHERE "owner" <> 'closed'))`;

/** Where an outbound walk stands: the status being walked and the last row seen in its `[status, createdAt]` range. */
interface OutboundCursor {
  status: number;
  /** SQLite: the stored text and the rowid; PostgreSQL: the time and the id. */
  after: { createdAt: string | Date; key: number | string } | null;
}

export class PrismaRetentionStore implements RetentionStore {
  /** The outbound walk of the current run (emptied rows stay in the index range, so each batch starts after the last). */
  private outbound: OutboundCursor = { status: 0, after: null };
  private outboundColumns: string[] | undefined;

  constructor(
    private readonly db: Db,
    /** The same database's URL: the vacuum runs on a second connection (see `reclaimPages`). */
    private readonly databaseUrl: string,
  ) {}

  /** The column a batch of rows is chosen by: SQLite's rowid, PostgreSQL's primary key. */
  private get key(): string {
    return formFor(this.db, { sqlite: '"rowid"', postgresql: '"id"' });
  }

  async removeBatch(rule: RetentionRule, cutoff: Date, limit: number, from?: Date): Promise<RetentionBatch> {
    if (rule === 'outboundBodies') return this.emptyOutbound(cutoff, limit, from);
    const touched = await this.removeRows(rule, cutoff, limit);
    return { touched, more: touched >= limit };
  }

  private async removeRows(rule: Exclude<RetentionRule, 'outboundBodies'>, cutoff: Date, limit: number): Promise<number> {
    const key = this.key;
    if (rule === 'outboundRows') {
      // Settled rows only; a staff reply's row (its thread shows whether it arrived) and a safety reply's row (its
      // alert shows the same) stay while those records do.
      return this.db.$executeRawUnsafe(
        `DELETE FROM "OutboundMessage" WHERE ${key} IN (SELECT o.${key} FROM "OutboundMessage" o WHERE o."status" IN (${SETTLED_OUTBOUND.map((st) => `'${st}'`).join(', ')}) ` +
          `AND o."createdAt" < $1 AND o."safety" = false AND NOT EXISTS (SELECT 1 FROM "ConversationMessage" m WHERE m."outboundId" = o."id") LIMIT $2)`,
        cutoff,
        limit,
      );
    }
    switch (rule) {
      case 'webhookPayloads':
        // Processed events only: a pending one is still to be processed. The row goes whole; LINE redelivers an
        // event only for a short time, well inside the rule's minimum, so the duplicate check by id still holds.
        return this.db.$executeRawUnsafe(
          `DELETE FROM "WebhookEvent" WHERE ${key} IN (SELECT ${key} FROM "WebhookEvent" WHERE "status" IN ('done', 'skipped', 'failed') AND "receivedAt" < $1 LIMIT $2)`,
          cutoff,
          limit,
        );
      case 'broadcastDeliveries': {
        const deleted = await this.db.$executeRawUnsafe(
          `DELETE FROM "BroadcastDelivery" WHERE ${key} IN (SELECT ${key} FROM "BroadcastDelivery" WHERE "broadcastId" IN (SELECT "id" FROM "Broadcast" WHERE ${FINISHED_BROADCAST}) LIMIT $2)`,
          cutoff,
          limit,
        );
        if (deleted >= limit) return deleted;
        // The batches' recipient lists are per-recipient too; the Broadcast row keeps targeted/sent/failed/skipped.
        return (
          deleted +
          (await this.db.$executeRawUnsafe(
            `UPDATE "BroadcastBatch" SET "recipients" = '[]' WHERE ${key} IN (SELECT ${key} FROM "BroadcastBatch" WHERE "broadcastId" IN (SELECT "id" FROM "Broadcast" WHERE ${FINISHED_BROADCAST}) AND "recipients" <> '[]' LIMIT $2)`,
            cutoff,
            limit - deleted,
          ))
        );
      }
      case 'closedThreads':
        return this.expireThreads(cutoff, limit);
      case 'staffSessions':
        return this.db.$executeRawUnsafe(`DELETE FROM "StaffSession" WHERE ${key} IN (SELECT ${key} FROM "StaffSession" WHERE "expiresAt" < $1 LIMIT $2)`, cutoff, limit);
      case 'auditLog':
        return this.db.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE ${key} IN (SELECT ${key} FROM "AuditLog" WHERE "at" < $1 AND NOT COALESCE(${OPEN_CASE_AUDIT}, false) LIMIT $2)`, cutoff, limit);
    }
  }

  /**
   * Empties the bodies of settled outbound rows older than the cut-off, walking each status's index range once per
   * run. A failed or unknown row that a staff reply points at keeps its body (the thread's resend needs it) until
   * that thread's own contents expire.
   */
  private async emptyOutbound(cutoff: Date, batchLimit: number, from?: Date): Promise<RetentionBatch> {
    // Rewriting a row costs an insert and a delete in five indexes: 500 at once held the lock up to 0.2 s in the bench.
    const limit = Math.min(batchLimit, OUTBOUND_REWRITE_LIMIT);
    while (this.outbound.status < SETTLED_OUTBOUND.length) {
      const status = SETTLED_OUTBOUND[this.outbound.status]!;
      const after = this.outbound.after;
      const postgres = dialectOf(this.db) === 'postgresql';
      const key = this.key;
      const rows = await this.db.$queryRawUnsafe<Array<{ key: number | bigint | string; createdAt: string | Date; id: string; full: number | bigint | boolean; held: number | bigint | boolean }>>(
        // SQLite: the time is read as the text stored (not as a date), so the cursor compares exactly with what is
        // stored; PostgreSQL stores a timestamp, read and compared as one.
        `SELECT o.${key} AS "key", o."createdAt"${postgres ? '' : " || ''"} AS "createdAt", o."id" AS "id", o."messages" <> '[]' AS "full", ` +
          (RESENDABLE_OUTBOUND.has(status) ? `EXISTS (SELECT 1 FROM "ConversationMessage" m WHERE m."outboundId" = o."id")` : 'false') +
          ` AS "held" FROM "OutboundMessage" o WHERE o."status" = $1 AND o."createdAt" < $2 ` +
          (after ? `AND (o."createdAt", o.${key}) > (${postgres ? 'CAST($4 AS TIMESTAMP(3))' : '$4'}, $5) ` : from ? `AND o."createdAt" >= $4 ` : '') +
          `ORDER BY o."createdAt", o.${key} LIMIT $3`,
        status,
        cutoff,
        limit,
        ...(after ? [after.createdAt, after.key] : from ? [from] : []),
      );
      const last = rows.at(-1);
      if (rows.length < limit) this.outbound = { status: this.outbound.status + 1, after: null };
      else if (last) this.outbound = { status: this.outbound.status, after: { createdAt: last.createdAt, key: typeof last.key === 'string' ? last.key : Number(last.key) } };
      const ids = rows.filter((r) => Number(r.full) && !Number(r.held)).map((r) => r.id);
      const touched = ids.length ? await this.rewriteWithoutBody(ids) : 0;
      if (touched || rows.length === limit) return { touched, more: true };
    }
    // The walk is over: a next run starts again from the oldest row.
    this.outbound = { status: 0, after: null };
    return { touched: 0, more: false };
  }

  /**
   * Empties these rows' bodies by writing each row again (REPLACE: same id and columns, a new rowid at the end of the
   * table). An UPDATE in place would leave the table's pages a tenth full (two 1.4 KB rows a page, then two ~260 B
   * ones), space the incremental vacuum cannot give back; rewritten rows pack densely and the old pages empty out.
   */
  private async rewriteWithoutBody(ids: string[]): Promise<number> {
    if (dialectOf(this.db) === 'postgresql') {
      // Updated in place: PostgreSQL writes a new row version anyway, and autovacuum reuses the old one's space.
      return this.db.$executeRawUnsafe(
        `UPDATE "OutboundMessage" SET "messages" = '[]', "replyToken" = NULL WHERE "id" IN (${ids.map((_, i) => `$${i + 1}`).join(', ')}) ` +
          `AND "status" IN (${SETTLED_OUTBOUND.map((st) => `'${st}'`).join(', ')})`,
        ...ids,
      );
    }
    this.outboundColumns ??= (await this.db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT "name" FROM pragma_table_info('OutboundMessage')`)).map((c) => c.name);
    const cols = this.outboundColumns;
    const values = cols.map((c) => (c === 'messages' ? `'[]'` : c === 'replyToken' ? 'NULL' : `"${c}"`));
    return this.db.$executeRawUnsafe(
      `REPLACE INTO "OutboundMessage" (${cols.map((c) => `"${c}"`).join(', ')}) SELECT ${values.join(', ')} FROM "OutboundMessage" WHERE "id" IN (${ids.map((_, i) => `$${i + 1}`).join(', ')}) ` +
        // Only rows still settled: one resent meanwhile keeps its body.
        `AND "status" IN (${SETTLED_OUTBOUND.map((st) => `'${st}'`).join(', ')})`,
      ...ids,
    );
  }

  /**
   * One batch of an expired thread's contents, in one transaction: messages other than staff replies are deleted
   * with their photos (unless an open consultation lists the photo), staff replies lose their text.
   */
  private async expireThreads(cutoff: Date, limit: number): Promise<number> {
    return this.db.$transaction(async (tx) => {
      const doomed = await tx.$queryRawUnsafe<Array<{ id: string; attachmentId: string | null }>>(
        `SELECT m."id" AS "id", m."attachmentId" AS "attachmentId" FROM "ConversationMessage" m JOIN "Conversation" c ON c."id" = m."conversationId" ` +
          `WHERE ${EXPIRED_THREAD} AND NOT (${STAFF_REPLY}) LIMIT $2`,
        cutoff,
        limit,
      );
      if (doomed.length) {
        const list = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
        const ids = doomed.map((d) => d.id);
        await tx.$executeRawUnsafe(`DELETE FROM "ConversationMessage" WHERE "id" IN (${list(ids.length)})`, ...ids);
        const photos = doomed.flatMap((d) => (d.attachmentId ? [d.attachmentId] : []));
        if (photos.length) {
          await tx.$executeRawUnsafe(
            `DELETE FROM "Attachment" WHERE "id" IN (${list(photos.length)}) AND NOT EXISTS ` +
              `(SELECT 1 FROM "Consultation" k WHERE k."status" <> 'closed' AND k."attachmentIds" <> '[]' AND ${formFor(tx, { sqlite: 'instr', postgresql: 'strpos' })}(k."attachmentIds", "Attachment"."id") > 0)`,
            ...photos,
          );
        }
        if (doomed.length >= limit) return doomed.length;
      }
      const blanked = await tx.$executeRawUnsafe(
        `UPDATE "ConversationMessage" SET "text" = NULL, "data" = NULL WHERE "id" IN (SELECT m."id" FROM "ConversationMessage" m JOIN "Conversation" c ON c."id" = m."conversationId" ` +
          `WHERE ${EXPIRED_THREAD} AND ${STAFF_REPLY} AND (m."text" IS NOT NULL OR m."data" IS NOT NULL) LIMIT $2)`,
        cutoff,
        limit - doomed.length,
      );
      return doomed.length + blanked;
    });
  }

  async reclaimPages(pages: number): Promise<number> {
    // PostgreSQL: autovacuum makes dead rows' space reusable on its own; there is no free list to give back.
    if (dialectOf(this.db) === 'postgresql') return 0;
    const before = await this.freePages();
    if (before === 0) return 0;
    // SQLite frees one page per step of this pragma, and Prisma's driver steps a statement without columns once: so
    // it runs on the bulk connection, whose read steps it to the end (at most `pages` pages, a few ms).
    bulkRead(this.databaseUrl, `PRAGMA incremental_vacuum(${Math.max(1, Math.floor(pages))})`);
    return before - (await this.freePages());
  }

  async pageSize(): Promise<number> {
    if (dialectOf(this.db) === 'postgresql') {
      const [row] = await this.db.$queryRawUnsafe<Array<{ size: string }>>(`SELECT current_setting('block_size') AS "size"`);
      return Number(row?.size ?? 0);
    }
    const [row] = await this.db.$queryRawUnsafe<Array<{ page_size: number | bigint }>>('PRAGMA page_size');
    return Number(row?.page_size ?? 0);
  }

  private async freePages(): Promise<number> {
    const [row] = await this.db.$queryRawUnsafe<Array<{ freelist_count: number | bigint }>>('PRAGMA freelist_count');
    return Number(row?.freelist_count ?? 0);
  }
}

/** The retention's runs on Prisma (table HousekeepingRun). */
export class PrismaHousekeepingRuns implements HousekeepingRuns {
  constructor(private readonly db: Pick<Db, 'housekeepingRun'>) {}

  async record(run: HousekeepingRunRecord): Promise<void> {
    await this.db.housekeepingRun.create({ data: { ...run, removed: JSON.stringify(run.removed) } });
  }

  async latest(limit: number): Promise<HousekeepingRunRecord[]> {
    const rows = await this.db.housekeepingRun.findMany({ orderBy: { startedAt: 'desc' }, take: limit });
    return rows.map((r) => ({
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      durationMs: r.durationMs,
      removed: parsedCounts(r.removed),
      pagesFreed: r.pagesFreed,
      pageSize: r.pageSize,
      error: r.error,
    }));
  }
}

function parsedCounts(json: string): HousekeepingRunRecord['removed'] {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as HousekeepingRunRecord['removed']) : {};
  } catch {
    return {};
  }
}
