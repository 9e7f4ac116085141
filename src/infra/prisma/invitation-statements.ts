import { randomUUID } from 'node:crypto';
import type { Notice } from '../../domain/notice';
import type { Language } from '../../domain/language';
import { namesMark, type NameListFormat } from '../../domain/volunteer';
import type { Sql } from './event-registration-statements';
import { oneResidentTargeting, residentsTargeting } from './targeting-sql';

/**
 * The statements that write a volunteer's answer to an invitation, for the caller's transaction. Whether an
 * acceptance takes a place is decided here, against the rows as they are when the transaction runs, so two
 * volunteers taking the last place at once never both get it. When the places fill, the request becomes
 * "matched", everyone still invited is told the places are filled, and the requester is told who is coming
 * (names shared, as the invitation said). Notices are `Broadcast` rows, sent by the broadcast engine.
 */


export interface AnswerStatement {
  residentId: string;
  invitationId: string;
  answer: 'accept' | 'decline';
  /** What the volunteer was told. */
  expected: 'accepted' | 'filled' | 'declined';
  now: Date;
  notices: {
    /** To this volunteer when the outcome differs from what they were told. */
    acceptedInstead: Notice;
    filledInstead: Notice;
    /** To everyone still invited when the places fill. */
    filledOthers: Notice;
    /** To the requester when the places fill; each language's `namesMark` becomes the volunteers' names. */
    matched: Notice;
  };
  /** How each language lists the names (each with its honorific). */
  names: Record<Language, NameListFormat>;
}

/** A notice row: `targeting` is SQL giving the targeting JSON; written only when `condition` holds. */
function notice(sql: Sql, n: Notice, now: Date, targeting: string, from: string, ...params: unknown[]): void {
  sql(
    'INSERT INTO "Broadcast" ("id","kind","title","content","targeting","urgent","scheduledAt","status","createdAt") ' +
      `SELECT $1, 'volunteer_notice', $2, $3, ${targeting}, false, $4, 'scheduled', $4 ${from}`,
    randomUUID(),
    n.title,
    JSON.stringify(n.content),
    now,
    ...params,
  );
}

export function answerStatements(sql: Sql, a: AnswerStatement): void {
  const mine = `"id" = $2 AND "status" = 'invited' AND "volunteerId" = (SELECT "id" FROM "Volunteer" WHERE "residentId" = $1)`;
  if (a.answer === 'decline') {
    sql(`UPDATE "VolunteerInvitation" SET "status" = 'declined', "answeredAt" = $3 WHERE ${mine}`, a.residentId, a.invitationId, a.now);
    return;
  }
  const request = `(SELECT "requestId" FROM "VolunteerInvitation" WHERE "id" = $2)`;
  const acceptedCount = `(SELECT COUNT(*) FROM "VolunteerInvitation" WHERE "requestId" = ${request} AND "status" = 'accepted')`;
  sql(
    `UPDATE "VolunteerInvitation" SET "answeredAt" = $3, "status" = CASE WHEN ${acceptedCount} < ` +
      `(SELECT "people" FROM "VolunteerRequest" WHERE "id" = ${request} AND "status" = 'received') THEN 'accepted' ELSE 'filled' END WHERE ${mine}`,
    a.residentId,
    a.invitationId,
    a.now,
  );
  // The volunteer was told one thing and the rows say the other: a correction, to them alone.
  const wrong = a.expected === 'accepted' ? 'filled' : 'accepted';
  notice(
    sql,
    wrong === 'filled' ? a.notices.filledInstead : a.notices.acceptedInstead,
    a.now,
    '$5',
    `WHERE EXISTS (SELECT 1 FROM "VolunteerInvitation" WHERE "id" = $6 AND "status" = $7 AND "answeredAt" = $4)`,
    JSON.stringify({ residentIds: [a.residentId] }),
    a.invitationId,
    wrong,
  );
  // The places are now filled: the request is matched, the requester told who is coming, the rest told.
  sql(
    `UPDATE "VolunteerRequest" SET "status" = 'matched', "updatedAt" = $2 WHERE "id" = (SELECT "requestId" FROM "VolunteerInvitation" WHERE "id" = $1) AND "status" = 'received' ` +
      `AND (SELECT COUNT(*) FROM "VolunteerInvitation" WHERE "requestId" = "VolunteerRequest"."id" AND "status" = 'accepted') >= "people"`,
    a.invitationId,
    a.now,
  );
}

/**
 * What follows when the places have just filled: the requester told who is coming, everyone still invited told
 * the places are filled (and marked so). Written after every answer of the transaction, so a volunteer who
 * answered in the same batch gets their own outcome rather than "filled"; the notices have ids derived from the
 * request, so writing them twice (two acceptances in one batch) keeps one of each.
 */
export function matchedStatements(sql: Sql, a: AnswerStatement): void {
  if (a.answer !== 'accept') return;
  // The request this answer is about, if it became matched in this transaction ($1 = invitation, $2 = now).
  const matchedNow = (inv: string, at: string) => `(SELECT "id" FROM "VolunteerRequest" WHERE "id" = (SELECT "requestId" FROM "VolunteerInvitation" WHERE "id" = ${inv}) AND "status" = 'matched' AND "updatedAt" = ${at})`;
  // Each language's mark becomes the names as that language lists them, every name with its honorific. The names
  // go in through the database's JSON functions, which escape whatever a name holds, so the notice's JSON stays valid
  // (a name once broke it when it was spliced into the JSON text). Per language: $p path (key), mark, before, after,
  // separator.
  const pg = sql.kind === 'postgresql';
  const names = (before: string, after: string, separator: string) =>
    pg
      ? `(SELECT string_agg(${before}::text || v."name" || ${after}::text, ${separator}::text) FROM "VolunteerInvitation" i JOIN "Volunteer" v ON v."id" = i."volunteerId" WHERE i."requestId" = ${matchedNow('$1', '$2')} AND i."status" = 'accepted')`
      : `(SELECT group_concat(${before} || v."name" || ${after}, ${separator}) FROM "VolunteerInvitation" i JOIN "Volunteer" v ON v."id" = i."volunteerId" WHERE i."requestId" = ${matchedNow('$1', '$2')} AND i."status" = 'accepted')`;
  const content = a.notices.matched.content as Record<string, unknown>;
  const formats = (Object.entries(a.names) as Array<[Language, NameListFormat]>).filter(([lang]) => typeof content[lang] === 'string' && (content[lang] as string).includes(namesMark(lang)));
  const filled = formats.reduce(
    (json, _f, i) => {
      const p = 5 + i * 5;
      const listed = names(`$${p + 2}`, `$${p + 3}`, `$${p + 4}`);
      return pg
        ? `jsonb_set(${json}, ARRAY[$${p}::text], to_jsonb(replace($4::jsonb ->> $${p}::text, $${p + 1}::text, ${listed})))`
        : `json_set(${json}, $${p}, replace(json_extract($4, $${p}), $${p + 1}, ${listed}))`;
    },
    pg ? '$4::jsonb' : 'json($4)',
  );
  sql(
    'INSERT INTO "Broadcast" ("id","kind","title","content","targeting","urgent","scheduledAt","status","createdAt") ' +
      `SELECT 'volunteer-matched-' || r."id", 'volunteer_notice', $3, ${pg ? `(${filled})::text` : filled}, ${oneResidentTargeting(sql.kind, 'r."residentId"')}, false, $2, 'scheduled', $2 ` +
      `FROM "VolunteerRequest" r WHERE r."id" = ${matchedNow('$1', '$2')} ON CONFLICT ("id") DO NOTHING`,
    a.invitationId,
    a.now,
    a.notices.matched.title,
    JSON.stringify(content),
    ...formats.flatMap(([lang, f]) => [pg ? lang : `$.${JSON.stringify(lang)}`, namesMark(lang), f.before, f.after, f.separator]),
  );
  notice(
    sql,
    a.notices.filledOthers,
    a.now,
    residentsTargeting(sql.kind, 'v."residentId"'),
    `FROM "VolunteerInvitation" i JOIN "Volunteer" v ON v."id" = i."volunteerId" WHERE i."requestId" = ${matchedNow('$5', '$4')} AND i."status" = 'invited' HAVING COUNT(*) > 0`,
    a.invitationId,
  );
  sql(`UPDATE "VolunteerInvitation" SET "status" = 'filled' WHERE "status" = 'invited' AND "requestId" = ${matchedNow('$1', '$2')}`, a.invitationId, a.now);
}
