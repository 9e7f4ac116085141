import { randomUUID } from 'node:crypto';
import type { EventsWrite } from '../../domain/event-registration';
import type { Notice } from '../../domain/notice';
import type { ModuleWriter } from './module-writer';
import type { Db, DatabaseKind, Tx } from './database';
import { dialectOf } from './sql-dialect';
import { oneResidentTargeting } from './targeting-sql';

/**
 * The statements that register for, and cancel from, council events — for the caller's transaction. Capacity
 * is decided here, in SQL, against the rows as they are when the transaction runs, so two residents taking the
 * last place at once never both get it. Anyone whose outcome differs from what they were told, and anyone who
 * moves up from the waitlist, gets a personal notice as a `Broadcast` row (durable, sent by the broadcast
 * engine within a minute, quiet hours respected).
 */

/** Takes one statement; `kind` is the database it will run on, for the statements written in each one's form. */
export interface Sql {
  (text: string, ...params: unknown[]): void;
  readonly kind: DatabaseKind;
}

function sqlOn(kind: DatabaseKind, take: (text: string, params: unknown[]) => void): Sql {
  return Object.assign((text: string, ...params: unknown[]) => take(text, params), { kind });
}

/** Collects statements into `ops`, each run on `db`. */
export function collector(db: Db, ops: Array<Promise<unknown>>): Sql {
  return sqlOn(dialectOf(db), (text, params) => void ops.push(db.$executeRawUnsafe(text, ...params)));
}

/**
 * Runs the statements `write` makes on `tx` (an interactive transaction's client), one after another, and returns
 * how many rows each changed, in the order they were written.
 */
export async function runStatements(tx: Db | Tx, write: (sql: Sql) => void): Promise<number[]> {
  const statements: Array<{ text: string; params: unknown[] }> = [];
  write(sqlOn(dialectOf(tx), (text, params) => void statements.push({ text, params })));
  const counts: number[] = [];
  for (const s of statements) counts.push(await tx.$executeRawUnsafe(s.text, ...s.params));
  return counts;
}

/** A notice to one resident, written only when `condition` (SQL over $1 = resident id) holds. */
function noticeWhen(sql: Sql, residentId: string, notice: Notice, now: Date, condition: string, ...params: unknown[]): void {
  sql(
    'INSERT INTO "Broadcast" ("id","kind","title","content","targeting","urgent","scheduledAt","status","createdAt") ' +
      `SELECT $2, 'event_notice', $3, $4, ${oneResidentTargeting(sql.kind, 'CAST($1 AS TEXT)')}, false, $5, 'scheduled', $5 WHERE ${condition}`,
    residentId,
    randomUUID(),
    notice.title,
    JSON.stringify(notice.content),
    now,
    ...params,
  );
}

let lastMs = 0;
let sequence = 0;

/**
 * A registration's id: a UUID laid out as version 7 (the millisecond, then a counter, then random bits), so ids
 * sort in the order they were made. The waitlist's order is time of joining, then id: residents who join at the
 * same instant keep the order they came in, on both databases (PostgreSQL has no `rowid` to order by).
 */
export function registrationId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) [lastMs, sequence] = [nowMs, 0];
  else if (++sequence > 0xfff) [lastMs, sequence] = [lastMs + 1, 0];
  const random = randomUUID().replace(/-/g, '');
  const hex = lastMs.toString(16).padStart(12, '0') + '7' + sequence.toString(16).padStart(3, '0') + ((parseInt(random[16]!, 16) & 0x3) | 0x8).toString(16) + random.slice(17, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * On PostgreSQL, the event's row locked to the transaction's end before its places are counted. SQLite runs one
 * writing transaction at a time; PostgreSQL runs them side by side, and each statement reads what was committed
 * when it began: without the lock two registrations could both take the last place, and one written while the event
 * is being called off could miss both the call-off's notice and the "closed" one. The statements after it read the
 * rows as the transaction holding the lock left them. Taken before any statement that counts or moves places
 * (promoting from the waitlist included: its callers lock first).
 */
export function lockEvent(sql: Sql, eventId: string): void {
  if (sql.kind === 'postgresql') sql('SELECT "id" FROM "CouncilEvent" WHERE "id" = $1 FOR UPDATE', eventId);
}

export interface RegisterStatement {
  residentId: string;
  eventId: string;
  /** What the resident was told: a place, or the waitlist. */
  expected: 'registered' | 'waitlisted';
  name: string;
  phone: string | null;
  now: Date;
  /** Sent when the outcome differs: a place after all, the waitlist after all, or registration closed. */
  notices: { registered: Notice; waitlisted: Notice; closed: Notice };
}

/**
 * Registers a resident (or puts them on the waitlist when the places are taken), unless registration has closed
 * or they already hold a place. A cancelled row is reused and goes to the back of the queue.
 */
export function registerStatements(sql: Sql, r: RegisterStatement): void {
  lockEvent(sql, r.eventId);
  sql(
    'INSERT INTO "EventRegistration" ("id","eventId","residentId","status","at","name","phone","updatedAt") ' +
      `SELECT $2, e."id", $1, CASE WHEN (SELECT COUNT(*) FROM "EventRegistration" x WHERE x."eventId" = e."id" AND x."status" = 'registered') < e."capacity" THEN 'registered' ELSE 'waitlisted' END, $4, $5, $6, $4 ` +
      `FROM "CouncilEvent" e WHERE e."id" = $3 AND e."status" = 'open' AND e."deadline" > $4 AND e."startsAt" > $4 ` +
      'ON CONFLICT ("eventId","residentId") DO UPDATE SET "status" = excluded."status", "at" = excluded."at", "name" = excluded."name", "phone" = excluded."phone", "promotedBy" = NULL, "updatedAt" = excluded."updatedAt" ' +
      `WHERE "EventRegistration"."status" = 'cancelled'`,
    r.residentId,
    registrationId(),
    r.eventId,
    r.now,
    r.name,
    r.phone,
  );
  const other = r.expected === 'registered' ? 'waitlisted' : 'registered';
  // Written by this very statement (updatedAt = now) with the other outcome: the resident was told wrong.
  noticeWhen(sql, r.residentId, r.notices[other], r.now, 'EXISTS (SELECT 1 FROM "EventRegistration" WHERE "eventId" = $6 AND "residentId" = $1 AND "status" = $7 AND "updatedAt" = $5)', r.eventId, other);
  noticeWhen(sql, r.residentId, r.notices.closed, r.now, `NOT EXISTS (SELECT 1 FROM "EventRegistration" WHERE "eventId" = $6 AND "residentId" = $1 AND "status" != 'cancelled')`, r.eventId);
}

/**
 * Moves the first on the waitlist up (by time of joining; by id among those who joined at the same instant) if a place is free and the event has not started, and writes their notice.
 * `opId` marks the promoted row so the notice finds its addressee.
 */
export function promoteStatements(sql: Sql, eventId: string, now: Date, notice: Notice, opId: string = randomUUID()): void {
  sql(
    `UPDATE "EventRegistration" SET "status" = 'registered', "promotedBy" = $1, "updatedAt" = $3 WHERE "id" = ` +
      `(SELECT "id" FROM "EventRegistration" WHERE "eventId" = $2 AND "status" = 'waitlisted' ORDER BY "at", "id" LIMIT 1) ` +
      `AND (SELECT COUNT(*) FROM "EventRegistration" WHERE "eventId" = $2 AND "status" = 'registered') < ` +
      `(SELECT "capacity" FROM "CouncilEvent" WHERE "id" = $2 AND "status" = 'open' AND "startsAt" > $3)`,
    opId,
    eventId,
    now,
  );
  sql(
    'INSERT INTO "Broadcast" ("id","kind","title","content","targeting","urgent","scheduledAt","status","createdAt") ' +
      `SELECT $1, 'event_notice', $2, $3, ${oneResidentTargeting(sql.kind, '"residentId"')}, false, $4, 'scheduled', $4 FROM "EventRegistration" WHERE "promotedBy" = $5 AND "eventId" = $6`,
    randomUUID(),
    notice.title,
    JSON.stringify(notice.content),
    now,
    opId,
    eventId,
  );
}

/** Cancels a resident's place or waitlist place; a freed place goes to the first on the waitlist, who is told. */
export function cancelStatements(sql: Sql, c: { residentId: string; eventId: string; now: Date; promoted: Notice }): void {
  lockEvent(sql, c.eventId);
  sql(
    `UPDATE "EventRegistration" SET "status" = 'cancelled', "promotedBy" = NULL, "updatedAt" = $3 WHERE "eventId" = $2 AND "residentId" = $1 AND "status" != 'cancelled'`,
    c.residentId,
    c.eventId,
    c.now,
  );
  promoteStatements(sql, c.eventId, c.now, c.promoted);
}

/** The events module's statements for the step's transaction: a registration or a cancellation. */
export const eventsWriter: ModuleWriter = {
  module: 'events',
  each(db, data, c) {
    const w = data as EventsWrite;
    const ops: Array<Promise<unknown>> = [];
    const r = w.registration;
    if (r) registerStatements(collector(db, ops), { residentId: c.residentId, eventId: r.eventId, expected: r.expected, name: r.name, phone: r.phone, now: c.now, notices: r.notices });
    if (w.cancellation) cancelStatements(collector(db, ops), { residentId: c.residentId, eventId: w.cancellation.eventId, now: c.now, promoted: w.cancellation.promoted });
    return ops;
  },
};
