import { randomUUID } from 'node:crypto';
import { BATCH_LEASE_MS, chunk, type Audience, type BatchClaim, type BatchOutcome, type BroadcastContent, type BroadcastRecord, type BroadcastStore, type PendingBatch, type Targeting, type UnreadableBroadcast, type UnreadableReason } from '../../domain/broadcast';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../domain/language';
import { databaseKind, type Db, type Tx } from './database';
import { stringArray } from './json-columns';
import { formFor } from './sql-dialect';
import { bulkRead, bulkReadArrays, bulkWrite, sqliteValue } from '../sqlite/sqlite-bulk';

// Shared by every resident without topics or salons (most of them): one array instead of one each. Never mutated.
const NO_TOPICS: string[] = Object.freeze([]) as unknown as string[];


type Row = Awaited<ReturnType<Db['broadcast']['findFirstOrThrow']>>;

/** A JSON text's value, or undefined when the text is not JSON. */
function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A button the engine can render: postback data and a Japanese label (other labels, when present, strings). */
function isAction(v: unknown): boolean {
  return isObject(v) && typeof v.data === 'string' && isObject(v.label) && typeof v.label.ja === 'string' && Object.values(v.label).every((l) => typeof l === 'string');
}

/** Content the engine can send: an object whose Japanese text is a string, whose other texts are strings, and whose buttons are buttons. */
function isContent(v: unknown): v is BroadcastContent {
  if (!isObject(v) || typeof v.ja !== 'string') return false;
  const { actions, location, ...texts } = v;
  return Object.values(texts).every((t) => typeof t === 'string') && (actions === undefined || (Array.isArray(actions) && actions.every(isAction))) && (location === undefined || isLocation(location));
}

/** A site sent as a LINE location message after the text (a dispatch notice's). */
function isLocation(v: unknown): boolean {
  return isObject(v) && typeof v.title === 'string' && typeof v.address === 'string' && Number.isFinite(v.latitude) && Number.isFinite(v.longitude);
}

/** A stored content column as the engine reads it; null when it is not content the engine could send. */
export function readBroadcastContent(json: string): BroadcastContent | null {
  const content = parsed(json);
  return isContent(content) ? content : null;
}

/** A stored row as the engine reads it, or why it cannot be read (never its content, which may be personal). */
function toRecord(r: Row): BroadcastRecord | UnreadableBroadcast {
  const content = readBroadcastContent(r.content);
  if (!content) return { id: r.id, status: 'unreadable', reason: 'unreadable_content' };
  const targeting = parsed(r.targeting);
  if (!isObject(targeting)) return { id: r.id, status: 'unreadable', reason: 'unreadable_targeting' };
  return {
    id: r.id,
    title: r.title,
    content,
    targeting: targeting as Targeting,
    urgent: r.urgent,
    scheduledAt: r.scheduledAt,
    status: r.status as BroadcastRecord['status'],
  };
}

/** The LINE ids of a batch's stored recipient list, or null when it is not a JSON array of strings. */
function recipientList(json: string): string[] | null {
  const v = parsed(json);
  return Array.isArray(v) && v.every((u) => typeof u === 'string') ? v : null;
}

/** A batch row as a claim reads it. */
interface ClaimedRow {
  id: string;
  language: string;
  retryKey: string;
  recipients: string;
}

/** Rows per multi-row statement on PostgreSQL: well under its 65,535 parameters at six columns a row. */
const ROWS_PER_STATEMENT = 1000;

/** A multi-row `INSERT … VALUES ($1, …), (…)` of `columns` for `rows`. */
function multiRowInsert(table: string, columns: string[], rows: unknown[][], tail: string): [string, unknown[]] {
  const params: unknown[] = [];
  const values = rows.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`);
  return [`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')} ${tail}`, params];
}

/** `batchesDone` on PostgreSQL, in one transaction: the delivery rows in multi-row statements, then each batch's outcome. */
async function batchesDoneOnPostgres(tx: Tx, done: ReadonlyArray<{ batch: PendingBatch; outcome: BatchOutcome; at: Date }>, owner: string): Promise<void> {
  const rows: unknown[][] = [];
  for (const { batch, outcome: o, at } of done) {
    if (o.status === 'retry') {
      // Released for a later run, unless its lease passed and another instance holds it now.
      await tx.broadcastBatch.updateMany({ where: { id: batch.id, status: 'pending', leaseOwner: owner }, data: { attempts: { increment: 1 }, error: o.error.slice(0, 500), leaseOwner: null, leaseUntil: null } });
      continue;
    }
    // Only while still pending: a batch another instance took over and recorded first is counted once.
    const recorded = await tx.broadcastBatch.updateMany({
      where: { id: batch.id, status: 'pending' },
      data: { status: o.status, attempts: { increment: 1 }, requestId: o.status === 'sent' ? (o.requestId ?? null) : null, sentAt: o.status === 'sent' ? at : null, error: o.status === 'failed' ? o.error.slice(0, 500) : null, leaseOwner: null, leaseUntil: null },
    });
    if (recorded.count === 0) continue;
    for (const u of batch.lineUserIds) rows.push([`${batch.id}:${u}`, batch.broadcastId, u, batch.language, batch.id, o.status]);
    for (const u of batch.skippedIds) rows.push([`${batch.id}:${u}`, batch.broadcastId, u, batch.language, batch.id, 'skipped']);
    if (batch.unreadable) await tx.broadcast.update({ where: { id: batch.broadcastId }, data: { error: batch.unreadable } });
    const n = batch.lineUserIds.length;
    await tx.broadcast.update({
      where: { id: batch.broadcastId },
      data: { sent: { increment: o.status === 'sent' ? n : 0 }, failed: { increment: o.status === 'failed' ? n : 0 }, skipped: { increment: batch.skippedIds.length } },
    });
  }
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    const [sql, params] = multiRowInsert('BroadcastDelivery', ['id', 'broadcastId', 'lineUserId', 'language', 'batchId', 'status'], part, 'ON CONFLICT ("id") DO UPDATE SET "status" = EXCLUDED."status"');
    await tx.$executeRawUnsafe(sql, ...params);
  }
}

/** Broadcasts on Prisma; recipients and batches are written in bulk with multi-row statements. */
export class PrismaBroadcastStore implements BroadcastStore {
  constructor(
    private readonly db: Db,
    /** The same database's URL, for bulk writes on a second connection. */
    private readonly databaseUrl: string,
  ) {
    this.onPostgres = databaseKind(databaseUrl) === 'postgresql';
  }

  /** PostgreSQL reads and writes through Prisma; SQLite's large ones on a second `node:sqlite` connection. */
  private readonly onPostgres: boolean;

  /** Rows of a read with `$1…` placeholders (SQLite's `?` is numbered the same). */
  private async read<T>(sql: string, ...params: string[]): Promise<T[]> {
    if (this.onPostgres) return this.db.$queryRawUnsafe<T[]>(sql, ...params);
    return bulkRead<T>(this.databaseUrl, sql.replace(/\$\d+/g, '?'), ...params);
  }

  /** Rows as arrays in the order of the selected columns. */
  private async readArrays(sql: string): Promise<unknown[][]> {
    if (!this.onPostgres) return bulkReadArrays(this.databaseUrl, sql);
    const rows = await this.db.$queryRawUnsafe<Array<Record<string, unknown>>>(sql);
    return rows.map((r) => Object.values(r));
  }

  async due(now: Date): Promise<Array<BroadcastRecord | UnreadableBroadcast>> {
    const rows = await this.db.broadcast.findMany({
      where: { OR: [{ status: 'scheduled', scheduledAt: { lte: now } }, { status: 'sending' }] },
      orderBy: { scheduledAt: 'asc' },
    });
    return rows.map(toRecord);
  }

  async markMissed(id: string, now: Date): Promise<void> {
    await this.db.broadcast.updateMany({ where: { id, status: 'scheduled' }, data: { status: 'missed', finishedAt: now } });
  }

  async markFailed(id: string, reason: UnreadableReason, now: Date): Promise<void> {
    await this.db.broadcast.updateMany({ where: { id, status: { in: ['scheduled', 'sending'] } }, data: { status: 'failed', error: reason, finishedAt: now } });
  }

  async audience(personal: boolean): Promise<Audience[]> {
    // Every follower, possibly 100,000: read as arrays, without Prisma's per-row mapping, and only the columns
    // the targeting reads (a send to everyone needs just the LINE id and the language).
    if (!personal) {
      const rows = await this.readArrays('SELECT "lineUserId", "language" FROM "Resident" WHERE "followed" = true');
      const out: Audience[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const [lineUserId, language] = rows[i] as [string, string];
        out[i] = { residentId: '', lineUserId, language: isLanguage(language) ? language : DEFAULT_LANGUAGE, followed: true, consented: false, districtCode: null, topics: NO_TOPICS, salons: NO_TOPICS };
      }
      return out;
    }
    const rows = await this.readArrays('SELECT "id", "lineUserId", "language", "consent", "districtCode", "topics", "salons" FROM "Resident" WHERE "followed" = true');
    const out: Audience[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [residentId, lineUserId, language, consent, districtCode, topics, salons] = rows[i] as [string, string, string, string, string | null, string, string];
      out[i] = {
        residentId,
        lineUserId,
        language: isLanguage(language) ? language : DEFAULT_LANGUAGE,
        followed: true,
        consented: consent === 'granted',
        districtCode,
        topics: topics === '[]' ? NO_TOPICS : stringArray(topics),
        salons: salons === '[]' ? NO_TOPICS : stringArray(salons),
      };
    }
    return out;
  }

  async registrants(eventIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.eventRegistration.findMany({ where: { eventId: { in: eventIds }, status: 'registered' }, select: { eventId: true, residentId: true } });
    const out = new Map<string, string[]>(eventIds.map((e) => [e, []]));
    for (const r of rows) out.get(r.eventId)?.push(r.residentId);
    return out;
  }

  async start(id: string, recipients: Audience[], batchSize: number, newKey: () => string, now: Date): Promise<boolean> {
    const byLanguage = new Map<Language, string[]>();
    for (const r of recipients) {
      const list = byLanguage.get(r.language);
      if (list) list.push(r.lineUserId);
      else byLanguage.set(r.language, [r.lineUserId]);
    }
    // The recipient list is fixed here, in one transaction, as a few hundred batch rows with their retry keys;
    // the per-recipient rows follow batch by batch (`batchesDone`), so sending starts at once.
    const batches = (): Array<{ id: string; language: Language; retryKey: string; lineUserIds: string[] }> => {
      const out: Array<{ id: string; language: Language; retryKey: string; lineUserIds: string[] }> = [];
      for (const [language, members] of byLanguage) {
        for (const part of chunk(members, batchSize)) out.push({ id: randomUUID(), language, retryKey: newKey(), lineUserIds: part });
      }
      return out;
    };
    if (this.onPostgres) {
      return this.db.$transaction(async (tx) => {
        // READ COMMITTED: a second instance's update waits for this one's row lock, then finds the row `sending` and
        // changes nothing, so it writes no batches.
        const started = await tx.broadcast.updateMany({ where: { id, status: 'scheduled' }, data: { status: 'sending', startedAt: now, targeted: recipients.length } });
        if (started.count === 0) return false;
        for (const part of chunk(batches(), ROWS_PER_STATEMENT)) {
          await tx.broadcastBatch.createMany({
            data: part.map((b) => ({ id: b.id, broadcastId: id, language: b.language, recipients: JSON.stringify(b.lineUserIds), retryKey: b.retryKey, status: 'pending', attempts: 0, createdAt: now })),
          });
        }
        return true;
      });
    }
    return bulkWrite(this.databaseUrl, (prepare) => {
      const started = prepare(`UPDATE "Broadcast" SET "status" = 'sending', "startedAt" = ?, "targeted" = ? WHERE "id" = ? AND "status" = 'scheduled'`);
      if (Number(started.run(sqliteValue(now), recipients.length, id).changes) === 0) return false;
      const insert = prepare(`INSERT INTO "BroadcastBatch" ("id","broadcastId","language","recipients","retryKey","status","attempts","createdAt") VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)`);
      for (const b of batches()) insert.run(b.id, id, b.language, JSON.stringify(b.lineUserIds), b.retryKey, sqliteValue(now));
      return true;
    });
  }

  async releaseLeasesOf(owner: string, claimedBefore: Date): Promise<number> {
    const { count } = await this.db.broadcastBatch.updateMany({
      where: { leaseOwner: owner, status: 'pending', leaseUntil: { lt: new Date(claimedBefore.getTime() + BATCH_LEASE_MS) } },
      data: { leaseOwner: null, leaseUntil: null },
    });
    return count;
  }

  async claimBatches(broadcastId: string, c: BatchClaim): Promise<PendingBatch[]> {
    const claimed = this.onPostgres ? await this.claimOnPostgres(broadcastId, c) : this.claimOnSqlite(broadcastId, c);
    if (!claimed.length) return [];
    // Residents who unfollowed since the send started are skipped, never sent to: looked up among these recipients only.
    const lists = claimed.map((b) => recipientList(b.recipients));
    const gone = new Set(
      (
        await this.read<{ lineUserId: string }>(
          `SELECT "lineUserId" FROM "Resident" WHERE "followed" = false AND "lineUserId" IN ${formFor(this.db, { sqlite: '(SELECT "value" FROM json_each($1))', postgresql: '(SELECT jsonb_array_elements_text(CAST($1 AS jsonb)))' })}`,
          JSON.stringify(lists.flatMap((l) => l ?? [])),
        )
      ).map((r) => r.lineUserId),
    );
    return claimed.map((b, i) => {
      const language = isLanguage(b.language) ? b.language : DEFAULT_LANGUAGE;
      const all = lists[i];
      if (!all) return { id: b.id, broadcastId, language, retryKey: b.retryKey, lineUserIds: [], skippedIds: [], unreadable: 'unreadable_recipients' };
      const lineUserIds = gone.size ? all.filter((u) => !gone.has(u)) : all;
      const skippedIds = gone.size ? all.filter((u) => gone.has(u)) : [];
      return { id: b.id, broadcastId, language, retryKey: b.retryKey, lineUserIds, skippedIds };
    });
  }

  /**
   * PostgreSQL: the rows are locked as they are read, and rows another instance is claiming right now are skipped
   * (`SKIP LOCKED`), so racing instances each get their own. In the order they were written: PostgreSQL has no rowid,
   * and a row's place (`ctid`, read within this one statement) keeps the order of one transaction's inserts.
   */
  private claimOnPostgres(broadcastId: string, c: BatchClaim): Promise<ClaimedRow[]> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRawUnsafe<ClaimedRow[]>(
        `SELECT "id", "language", "retryKey", "recipients" FROM "BroadcastBatch" WHERE "broadcastId" = $1 AND "status" = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" < $2) ` +
          `AND "id" NOT IN (SELECT jsonb_array_elements_text(CAST($3 AS jsonb))) ORDER BY "createdAt", "ctid" LIMIT $4 FOR UPDATE SKIP LOCKED`,
        broadcastId,
        c.now,
        JSON.stringify(c.except),
        c.limit,
      );
      if (rows.length) {
        await tx.$executeRawUnsafe(
          'UPDATE "BroadcastBatch" SET "leaseOwner" = $1, "leaseUntil" = $2 WHERE "id" IN (SELECT jsonb_array_elements_text(CAST($3 AS jsonb)))',
          c.owner,
          c.leaseUntil,
          JSON.stringify(rows.map((r) => r.id)),
        );
      }
      return rows;
    });
  }

  /** SQLite has one writer at a time: the read and the lease are one `BEGIN IMMEDIATE` transaction. */
  private claimOnSqlite(broadcastId: string, c: BatchClaim): ClaimedRow[] {
    return bulkWrite(this.databaseUrl, (prepare) => {
      const rows = prepare(
        `SELECT "id", "language", "retryKey", "recipients" FROM "BroadcastBatch" WHERE "broadcastId" = ? AND "status" = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" < ?) ` +
          `AND "id" NOT IN (SELECT "value" FROM json_each(?)) ORDER BY "createdAt", "rowid" LIMIT ?`,
      ).all(broadcastId, sqliteValue(c.now), JSON.stringify(c.except), c.limit) as unknown as ClaimedRow[];
      if (rows.length) {
        prepare('UPDATE "BroadcastBatch" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "id" IN (SELECT "value" FROM json_each(?))').run(c.owner, sqliteValue(c.leaseUntil), JSON.stringify(rows.map((r) => r.id)));
      }
      return rows;
    });
  }

  async batchesDone(done: ReadonlyArray<{ batch: PendingBatch; outcome: BatchOutcome; at: Date }>, owner: string): Promise<void> {
    if (!done.length) return;
    // Outcomes of several calls in one transaction: one commit per flush instead of one per call keeps the
    // sender's thread free to pace the next calls.
    if (this.onPostgres) {
      await this.db.$transaction((tx) => batchesDoneOnPostgres(tx, done, owner));
      return;
    }
    bulkWrite(this.databaseUrl, (prepare) => {
      const row = prepare(`INSERT OR REPLACE INTO "BroadcastDelivery" ("id","broadcastId","lineUserId","language","batchId","status") VALUES (?, ?, ?, ?, ?, ?)`);
      const retry = prepare(`UPDATE "BroadcastBatch" SET "attempts" = "attempts" + 1, "error" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ? AND "status" = 'pending' AND "leaseOwner" = ?`);
      const outcome = prepare(
        `UPDATE "BroadcastBatch" SET "status" = ?, "attempts" = "attempts" + 1, "requestId" = ?, "sentAt" = ?, "error" = ?, "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ? AND "status" = 'pending'`,
      );
      // The send's running counts move with its delivery rows, in the same transaction (read back by `finish`).
      const counts = prepare(`UPDATE "Broadcast" SET "sent" = "sent" + ?, "failed" = "failed" + ?, "skipped" = "skipped" + ? WHERE "id" = ?`);
      const unreadable = prepare(`UPDATE "Broadcast" SET "error" = ? WHERE "id" = ?`);
      for (const { batch, outcome: o, at } of done) {
        if (o.status === 'retry') {
          retry.run(o.error.slice(0, 500), batch.id, owner);
          continue;
        }
        // As on PostgreSQL: a batch already recorded (by an instance that took it over) is not counted again.
        if (Number(outcome.run(o.status, o.status === 'sent' ? (o.requestId ?? null) : null, o.status === 'sent' ? sqliteValue(at) : null, o.status === 'failed' ? o.error.slice(0, 500) : null, batch.id).changes) === 0) continue;
        for (const u of batch.lineUserIds) row.run(`${batch.id}:${u}`, batch.broadcastId, u, batch.language, batch.id, o.status);
        for (const u of batch.skippedIds) row.run(`${batch.id}:${u}`, batch.broadcastId, u, batch.language, batch.id, 'skipped');
        if (batch.unreadable) unreadable.run(batch.unreadable, batch.broadcastId);
        const n = batch.lineUserIds.length;
        counts.run(o.status === 'sent' ? n : 0, o.status === 'failed' ? n : 0, batch.skippedIds.length, batch.broadcastId);
      }
    });
  }

  async finish(broadcastId: string, now: Date): Promise<{ targeted: number; sent: number; failed: number; skipped: number } | null> {
    if ((await this.db.broadcastBatch.count({ where: { broadcastId, status: 'pending' } })) > 0) return null;
    // Counted as each batch was recorded; every recipient is in exactly one batch, so they add up to the targeted.
    const b = await this.db.broadcast.findUniqueOrThrow({ where: { id: broadcastId }, select: { sent: true, failed: true, skipped: true } });
    const counts = { targeted: b.sent + b.failed + b.skipped, ...b };
    // Several instances may finish the last batches at once: one of them marks it sent.
    const marked = await this.db.broadcast.updateMany({ where: { id: broadcastId, status: 'sending' }, data: { status: 'sent', finishedAt: now, ...counts } });
    return marked.count ? counts : null;
  }
}
