import { randomUUID } from 'node:crypto';
import type { NewPoolMember } from '../../domain/disaster/centre';
import type { CheckInWrite, DisasterWrite } from '../../domain/disaster/store';
import type { StepCommit } from '../../domain/stores';
import { collector } from './event-registration-statements';
import type { ModuleWriter } from './module-writer';
import { eraseNeedReports, noteNeedStatement, saveNeedStatements } from './need-statements';

type Sql = (text: string, ...params: unknown[]) => void;

/** The resident's pool entries (any centre): `$n` is the resident's id. */
const mine = (n: number) => `"memberId" IN (SELECT "id" FROM "PoolMember" WHERE "residentId" = $${n})`;

/** Statuses whose place (or application) can be given back. */
const RETURNABLE = `('applied','chosen','reconfirmed','waitlisted')`;

/**
 * Joins the pool or changes the entry (one per LINE user and centre), only while the centre runs. The volunteer
 * registration it started from is kept when a change does not name one.
 */
function saveMember(sql: Sql, c: StepCommit, centreId: string, m: NewPoolMember): void {
  sql(
    'INSERT INTO "PoolMember" ("id","centreId","residentId","volunteerId","kind","name","groupName","size","origin","skills","availableDates","phone","emergencyContact","coverPlan","coverEnrolledOn","joinedAt","updatedAt") ' +
      `SELECT $1, "id", $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15 FROM "DisasterCentre" WHERE "id" = $16 AND "status" IN ('open','paused') ` +
      'ON CONFLICT ("centreId","residentId") DO UPDATE SET "volunteerId" = COALESCE(excluded."volunteerId", "PoolMember"."volunteerId"), "kind" = excluded."kind", "name" = excluded."name", ' +
      '"groupName" = excluded."groupName", "size" = excluded."size", "origin" = excluded."origin", "skills" = excluded."skills", "availableDates" = excluded."availableDates", ' +
      '"phone" = excluded."phone", "emergencyContact" = excluded."emergencyContact", "coverPlan" = excluded."coverPlan", "coverEnrolledOn" = excluded."coverEnrolledOn", "updatedAt" = excluded."updatedAt"',
    randomUUID(),
    c.residentId,
    m.volunteerId,
    m.kind,
    m.name,
    m.groupName,
    m.size,
    m.origin,
    JSON.stringify(m.skills),
    JSON.stringify(m.availableDates),
    m.phone,
    m.emergencyContact,
    m.cover.plan,
    m.cover.enrolledOn,
    c.now,
    centreId,
  );
}

/** One application per member and date, written only while the date's window is open and the centre open. */
function apply(sql: Sql, c: StepCommit, centreId: string, dayId: string): void {
  sql(
    'INSERT INTO "DayApplication" ("id","dayId","memberId","status","appliedAt") ' +
      `SELECT $1, d."id", m."id", 'applied', $2 FROM "ActivityDay" d JOIN "DisasterCentre" c ON c."id" = d."centreId" ` +
      `JOIN "PoolMember" m ON m."centreId" = c."id" AND m."residentId" = $3 ` +
      `WHERE d."id" = $4 AND c."id" = $5 AND c."status" = 'open' AND d."opensAt" <= $2 AND d."closesAt" > $2 ` +
      'ON CONFLICT ("dayId","memberId") DO NOTHING',
    randomUUID(),
    c.now,
    c.residentId,
    dayId,
    centreId,
  );
}

/**
 * Checks the member in for the day (once: a second code changes nothing), as a walk-in where that was decided, or
 * flags their row for the desk: `checkedInBy` 'line' with no `checkedInAt` (a walk-in row is added to flag where the
 * centre takes walk-ins and the member has none).
 */
function checkIn(sql: Sql, c: StepCommit, w: CheckInWrite): void {
  if (w.outcome === 'in') {
    sql(
      `UPDATE "DayApplication" SET "checkedInAt" = $1, "checkedInBy" = 'line' WHERE "dayId" = $2 AND "memberId" = $3 AND "status" IN ('chosen','reconfirmed','walkIn') AND "checkedInAt" IS NULL AND ${mine(4)}`,
      c.now,
      w.dayId,
      w.memberId,
      c.residentId,
    );
    return;
  }
  if (w.outcome === 'flag') {
    sql(`UPDATE "DayApplication" SET "checkedInBy" = 'line' WHERE "dayId" = $1 AND "memberId" = $2 AND "checkedInAt" IS NULL AND ${mine(3)}`, w.dayId, w.memberId, c.residentId);
    return;
  }
  // A walk-in: a row of its own, or the member's row that took no place (applied, waitlisted, given back) becomes one.
  const checkedIn = w.outcome === 'walkIn' ? c.now : null;
  sql(
    'INSERT INTO "DayApplication" ("id","dayId","memberId","status","appliedAt","checkedInAt","checkedInBy") ' +
      `SELECT $1, $2, "id", 'walkIn', $3, $4, 'line' FROM "PoolMember" WHERE "id" = $5 AND "residentId" = $6 ` +
      'ON CONFLICT ("dayId","memberId") DO UPDATE SET "status" = \'walkIn\', "checkedInAt" = excluded."checkedInAt", "checkedInBy" = \'line\' ' +
      `WHERE "DayApplication"."checkedInAt" IS NULL AND "DayApplication"."status" IN ('applied','waitlisted','released','walkIn')`,
    randomUUID(),
    w.dayId,
    c.now,
    checkedIn,
    w.memberId,
    c.residentId,
  );
}

/**
 * The disaster module's statements for the step's transaction. Every condition is checked again against the rows
 * as the transaction finds them: a place is taken only while still offered and before its deadline (else the member
 * gets the correction), given back only from a status that holds one, applied for once while the window is open —
 * so a place is never counted twice.
 */
export const disasterWriter: ModuleWriter = {
  module: 'disaster',
  each(db, data, c) {
    const w = data as DisasterWrite;
    const ops: Array<Promise<unknown>> = [];
    const sql = collector(db, ops);
    // The needs' statements name the resident first ($1), as the thread records do.
    const residentSql: Sql = (text, ...params) => sql(text, c.residentId, ...params);
    if (w.member) saveMember(sql, c, w.member.centreId, w.member.save);
    for (const dayId of w.apply?.dayIds ?? []) apply(sql, c, w.apply!.centreId, dayId);
    if (w.reconfirm) {
      const { applicationId, correction } = w.reconfirm;
      sql(`UPDATE "DayApplication" SET "status" = 'reconfirmed' WHERE "id" = $1 AND "status" = 'chosen' AND "replyBy" > $2 AND ${mine(3)}`, applicationId, c.now, c.residentId);
      // Told the place was theirs, but it was no longer offered when this was written: the member is told.
      sql(
        'INSERT INTO "Broadcast" ("id","kind","title","content","targeting","urgent","scheduledAt","status","createdAt") ' +
          `SELECT $1, 'volunteer_notice', $2, $3, $4, false, $5, 'scheduled', $5 ` +
          `WHERE EXISTS (SELECT 1 FROM "DayApplication" WHERE "id" = $6 AND "status" <> 'reconfirmed')`,
        randomUUID(),
        correction.title,
        JSON.stringify(correction.content),
        JSON.stringify({ residentIds: [c.residentId] }),
        c.now,
        applicationId,
      );
    }
    if (w.giveBack) sql(`UPDATE "DayApplication" SET "status" = 'released' WHERE "id" = $1 AND "status" IN ${RETURNABLE} AND ${mine(2)}`, w.giveBack.applicationId, c.residentId);
    if (w.checkIn) checkIn(sql, c, w.checkIn);
    if (w.need) saveNeedStatements(residentSql, c, w.need.centreId, w.need.save, w.need.suspects);
    if (w.needNote) noteNeedStatement(residentSql, c, w.needNote.needId, w.needNote.note);
    if (w.erase) {
      sql(`UPDATE "DayApplication" SET "status" = 'released' WHERE "status" IN ${RETURNABLE} AND ${mine(1)}`, c.residentId);
      sql(
        `UPDATE "PoolMember" SET "name" = '', "groupName" = NULL, "phone" = NULL, "emergencyContact" = NULL, "skills" = '[]', "availableDates" = '[]', ` +
          `"coverPlan" = NULL, "coverEnrolledOn" = NULL, "volunteerId" = NULL, "updatedAt" = $1 WHERE "residentId" = $2`,
        c.now,
        c.residentId,
      );
      eraseNeedReports(residentSql);
    }
    return ops;
  },
};
