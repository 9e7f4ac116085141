import { randomUUID } from 'node:crypto';
import { fingerprintKeys, type DuplicateMatch } from '../../domain/disaster/duplicates';
import type { NewNeed } from '../../domain/disaster/store';
import type { StepCommit } from '../../domain/stores';
import { attachment } from './prisma-thread-records';

type Sql = (text: string, ...params: unknown[]) => void;

/**
 * A need from the LINE intake, written only while its centre runs: the Need (received, flagged 場所不明 without an
 * address or a pin and 要配慮 when who lives there was told), its first NeedReport (what was said, the photos copied
 * like a consultation's, the likely duplicates found before saving) and the history's first event.
 */
export function saveNeedStatements(sql: Sql, c: StepCommit, centreId: string, n: NewNeed, suspects: DuplicateMatch[]): void {
  const id = randomUUID();
  const proxy = n.relation !== 'self';
  const phone = n.householdPhone ?? n.phone;
  const { phoneKey, addressKey } = fingerprintKeys({ phone, address: n.address });
  const flags = [...(n.households.length ? ['vulnerable'] : []), ...(!n.address && !n.location ? ['locationUnknown'] : [])];
  sql(
    'INSERT INTO "Need" ("id","referenceNo","centreId","status","statusSince","priority","flags","householdName","address","addressKey","latitude","longitude","districtCode",' +
      '"damage","work","workOther","households","preferredDates","contactMethod","phone","phoneKey","notes","screening","createdAt","updatedAt") ' +
      `SELECT $2, $3, "id", 'received', $4, 'medium', $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN NULL ELSE (SELECT "districtCode" FROM "Resident" WHERE "id" = $1) END, ` +
      `$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $4, $4 FROM "DisasterCentre" WHERE "id" = $22 AND "status" IN ('open','paused')`,
    id,
    n.referenceNo,
    c.now,
    JSON.stringify(flags),
    n.householdName,
    n.address,
    addressKey,
    n.location?.latitude ?? null,
    n.location?.longitude ?? null,
    proxy,
    JSON.stringify(n.damage),
    JSON.stringify(n.work),
    n.workOther,
    JSON.stringify(n.households),
    JSON.stringify(n.preferredDates),
    n.contactMethod,
    phone,
    phoneKey,
    n.notes,
    JSON.stringify(n.screening),
    centreId,
  );
  const photoIds = n.photoMessageIds.map((m) => attachment(sql, m, c.now));
  const content = { ...n, photoMessageIds: undefined };
  sql(
    'INSERT INTO "NeedReport" ("id","needId","channel","relation","residentId","reporterName","reporterPhone","content","photoIds","suspects","createdAt") ' +
      `SELECT $2, "id", 'line', $3, $1, $4, $5, $6, $7, $8, $9 FROM "Need" WHERE "id" = $10`,
    randomUUID(),
    n.relation,
    proxy ? n.reporterName : null,
    proxy && n.contactMethod === 'phone' ? n.phone : null,
    JSON.stringify(content),
    JSON.stringify(photoIds),
    JSON.stringify(suspects),
    c.now,
    id,
  );
  sql(
    `INSERT INTO "NeedEvent" ("id","needId","kind","from","to","note","staffId","at") SELECT $2, "needId", 'status', NULL, 'received', NULL, NULL, $3 FROM "NeedReport" WHERE "needId" = $4 AND "residentId" = $1`,
    randomUUID(),
    c.now,
    id,
  );
}

/** A note in a need's history (the follow-up's answer), only on a need the resident reported (or one theirs joined). */
export function noteNeedStatement(sql: Sql, c: StepCommit, needId: string, note: string): void {
  sql(
    `INSERT INTO "NeedEvent" ("id","needId","kind","from","to","note","staffId","at") SELECT $2, n."id", 'note', NULL, NULL, $3, NULL, $4 FROM "Need" n WHERE n."id" = $5 ` +
      `AND EXISTS (SELECT 1 FROM "NeedReport" r JOIN "Need" m ON m."id" = r."needId" WHERE r."residentId" = $1 AND (m."id" = n."id" OR m."mergedIntoId" = n."id"))`,
    randomUUID(),
    note,
    c.now,
    needId,
  );
}

/** Consent withdrawn: the resident's need reports lose the reporter's fields and what they said; the needs stay for the households. */
export function eraseNeedReports(sql: Sql): void {
  sql(`UPDATE "NeedReport" SET "residentId" = NULL, "reporterName" = NULL, "reporterPhone" = NULL, "content" = '{"erased":true}' WHERE "residentId" = $1`);
}
