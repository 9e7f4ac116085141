import { randomUUID } from 'node:crypto';
import type { ForwardedMessage, StepCommit } from '../../domain/stores';
import { transition } from '../../domain/thread';
import type { Db } from './database';

// The resident's open thread, as a scalar subquery: at most one row is not closed per resident.
export const OPEN_THREAD = `(SELECT "id" FROM "Conversation" WHERE "residentId" = $1 AND "owner" != 'closed' LIMIT 1)`;

/** Media kinds whose content LINE deletes after a while, so they are copied into an `Attachment`. */
const COPIED_KINDS = new Set(['image', 'video', 'audio', 'file']);

/**
 * The statements that write one commit's thread records — hand-off, messages for staff,
 * safety alert, out-of-hours notice, survey answer — in the order they depend on each other, for the
 * caller's transaction. Every statement names the resident first ($1) and finds the open thread itself.
 */
export function threadStatements(db: Db, c: StepCommit): Array<Promise<unknown>> {
  const ops: Array<Promise<unknown>> = [];
  const sql = (text: string, ...params: unknown[]) => ops.push(db.$executeRawUnsafe(text, c.residentId, ...params));

  if (c.handoff) {
    const urgent = c.handoff.urgent === true;
    // A new thread starts as `bot` and is handed off; an open one keeps its owner and only gains urgency.
    sql(
      'INSERT INTO "Conversation" ("id","residentId","owner","urgent","teamCode","fromFlow","openedAt","waitingSince","lastMessageAt","consentedAt") ' +
        `SELECT $2, $1, $3, $4, $5, $6, $7, $7, $7, $8 WHERE NOT EXISTS (SELECT 1 FROM "Conversation" WHERE "residentId" = $1 AND "owner" != 'closed')`,
      randomUUID(),
      transition('bot', 'handOff'),
      urgent,
      c.handoff.teamCode ?? null,
      c.handoff.fromFlow,
      c.now,
      c.handoff.consented ? c.now : null,
    );
    // Agreeing while a thread is already open (one opened by a danger message) covers that thread.
    if (c.handoff.consented) sql(`UPDATE "Conversation" SET "consentedAt" = COALESCE("consentedAt", $2) WHERE "id" = ${OPEN_THREAD}`, c.now);
    if (urgent || c.handoff.teamCode) {
      sql(
        // A thread nobody has claimed yet follows the newest consultation's team; a claimed one stays with its handler.
        `UPDATE "Conversation" SET "urgent" = CASE WHEN $2 THEN $2 ELSE "urgent" END, "teamCode" = CASE WHEN "owner" = 'waiting' AND CAST($3 AS TEXT) IS NOT NULL THEN CAST($3 AS TEXT) ELSE COALESCE("teamCode", CAST($3 AS TEXT)) END, "lastMessageAt" = $4 WHERE "id" = ${OPEN_THREAD}`,
        urgent,
        c.handoff.teamCode ?? null,
        c.now,
      );
    }
  }

  for (const m of c.forwarded ?? []) {
    const copied = m.lineMessageId && COPIED_KINDS.has(m.kind) ? m.lineMessageId : null;
    if (copied) attachment(sql, copied, c.now);
    forwardStatement(sql, m, c, copied);
  }

  if (c.withdrawn) withdrawStatements(sql, c.withdrawn);

  if (c.alert) {
    sql(
      'INSERT INTO "SafetyAlert" ("id","residentId","conversationId","category","eventId","createdAt") ' +
        `SELECT $2, $1, ${OPEN_THREAD}, $3, $4, $5 WHERE ${OPEN_THREAD} IS NOT NULL`,
      randomUUID(),
      c.alert.category,
      c.eventId,
      c.now,
    );
  }

  if (c.afterHoursNoticeOn) sql(`UPDATE "Conversation" SET "afterHoursNoticeOn" = $2 WHERE "id" = ${OPEN_THREAD}`, c.afterHoursNoticeOn);

  if (c.survey) {
    // The survey belongs to a closed thread of this resident; an answer for anyone else's is ignored.
    sql(
      'INSERT INTO "SurveyResponse" ("id","conversationId","score","comment","createdAt") ' +
        'SELECT $2, "id", $3, $4, $5 FROM "Conversation" WHERE "id" = $6 AND "residentId" = $1 ON CONFLICT ("conversationId") DO NOTHING',
      randomUUID(),
      c.survey.score,
      c.survey.comment,
      c.now,
      c.survey.conversationId,
    );
    sql(`UPDATE "Conversation" SET "survey" = 'answered' WHERE "id" = $2 AND "residentId" = $1`, c.survey.conversationId);
  }
  return ops;
}

export type Sql = (text: string, ...params: unknown[]) => void;

/** Records content to copy from LINE; returns the new attachment's id. */
export function attachment(sql: Sql, lineMessageId: string, now: Date): string {
  const id = randomUUID();
  sql(
    'INSERT INTO "Attachment" ("id","residentId","lineMessageId","status","createdAt") VALUES ($2, $1, $3, \'pending\', $4) ON CONFLICT ("lineMessageId") DO NOTHING',
    id,
    lineMessageId,
    now,
  );
  return id;
}

/** A resident's message in their open thread (if they have one), linked to its copied content. */
export function forwardStatement(sql: Sql, m: ForwardedMessage, c: StepCommit, copiedFrom: string | null): void {
  sql(
    'INSERT INTO "ConversationMessage" ("id","conversationId","direction","kind","text","data","attachmentId","eventId","lineMessageId","createdAt") ' +
      `SELECT $2, ${OPEN_THREAD}, 'in', $3, $4, $5, (SELECT "id" FROM "Attachment" WHERE "lineMessageId" = $6), $7, $8, $9 WHERE ${OPEN_THREAD} IS NOT NULL`,
    randomUUID(),
    m.kind,
    m.text ?? null,
    m.data ? JSON.stringify(m.data) : null,
    copiedFrom,
    c.eventId,
    m.lineMessageId ?? null,
    c.now,
  );
  sql(`UPDATE "Conversation" SET "lastMessageAt" = $2 WHERE "id" = ${OPEN_THREAD}`, c.now);
}

/**
 * Erases a message the resident unsent from what was kept of it, in every thread of theirs: the message keeps its
 * place in the history as `withdrawn`, with no text, location or link to content, and the copied content is
 * emptied (and, marked `withdrawn`, never copied again). The webhook event that carried the message already holds
 * none of its content: events are redacted when processed, and a resident's events are processed in LINE's order.
 */
function withdrawStatements(sql: Sql, lineMessageId: string): void {
  sql(
    `UPDATE "ConversationMessage" SET "kind" = 'withdrawn', "text" = NULL, "data" = NULL, "attachmentId" = NULL ` +
      `WHERE "lineMessageId" = $2 AND "direction" = 'in' AND "conversationId" IN (SELECT "id" FROM "Conversation" WHERE "residentId" = $1)`,
    lineMessageId,
  );
  sql(`UPDATE "Attachment" SET "bytes" = NULL, "contentType" = NULL, "status" = 'withdrawn' WHERE "lineMessageId" = $2 AND "residentId" = $1`, lineMessageId);
}
