/**
 * The saved needs of a centre that may be the same household as a new report, read by the indexed columns only
 * (a reporter's resident id, the phone key, the address key, pins inside the radius's bounding box), then ranked
 * by the domain's `findLikelyDuplicates`. Used by LINE intake (inside the step's transaction) and console intake.
 */
import { findLikelyDuplicates, fingerprintKeys, type DuplicateMatch, type NeedFingerprint, type StoredFingerprint } from '../../domain/disaster/duplicates';
import { boundingBox } from '../../domain/disaster/geo';
import type { Db, Tx } from './database';
import { unindexed } from './sql-dialect';

/** Likely duplicates of `report` among the centre's needs not merged into another, strongest first. */
export async function likelyDuplicates(db: Db | Tx, centreId: string, report: NeedFingerprint, radiusMetres: number): Promise<DuplicateMatch[]> {
  const { phoneKey, addressKey } = fingerprintKeys(report);
  const box = report.location ? boundingBox(report.location, radiusMetres) : null;
  const residentId = report.residentId ?? null;
  // One indexed read per key, united: a single OR beside `centreId` lets SQLite walk the centre's index over
  // every need of the centre instead (15 ms at 20,000).
  const terms: string[] = [];
  const params: unknown[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  if (residentId) terms.push(`SELECT "needId" AS "id" FROM "NeedReport" WHERE "residentId" = ${param(residentId)}`);
  if (phoneKey) terms.push(`SELECT "id" FROM "Need" WHERE "phoneKey" = ${param(phoneKey)}`);
  if (addressKey) terms.push(`SELECT "id" FROM "Need" WHERE "addressKey" = ${param(addressKey)}`);
  if (box) terms.push(`SELECT "id" FROM "Need" WHERE "latitude" BETWEEN ${param(box.minLat)} AND ${param(box.maxLat)} AND "longitude" BETWEEN ${param(box.minLng)} AND ${param(box.maxLng)}`);
  if (!terms.length) return [];
  const found = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT "id" FROM "Need" WHERE "id" IN (${terms.join(' UNION ')}) AND ${unindexed(db, '"centreId"')} = ${param(centreId)} AND "mergedIntoId" IS NULL` +
      (report.needId ? ` AND "id" <> ${param(report.needId)}` : '') +
      ' LIMIT 200',
    ...params,
  );
  if (!found.length) return [];
  const rows = await db.need.findMany({
    where: { id: { in: found.map((f) => f.id) } },
    select: { id: true, referenceNo: true, phoneKey: true, addressKey: true, latitude: true, longitude: true, reports: { select: { residentId: true } } },
  });
  const stored: StoredFingerprint[] = rows.map((r) => ({
    needId: r.id,
    referenceNo: r.referenceNo,
    phoneKey: r.phoneKey,
    addressKey: r.addressKey,
    // The reporter that matters is the one the new report shares, if any: a need may have several reporters.
    residentId: residentId && r.reports.some((x) => x.residentId === residentId) ? residentId : (r.reports[0]?.residentId ?? null),
    location: r.latitude !== null && r.longitude !== null ? { latitude: r.latitude, longitude: r.longitude } : null,
  }));
  return findLikelyDuplicates({ ...report, lineUserId: null }, stored, { radiusMetres });
}
