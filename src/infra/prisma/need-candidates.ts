/**
 * The saved needs of a centre that may be the same household as a new report, read by the indexed columns only
 * (a reporter's resident id, the phone key, the address key, pins inside the radius's bounding box), then ranked
 * by the domain's `findLikelyDuplicates`. Used by LINE intake (inside the step's transaction) and console intake.
 */
import { findLikelyDuplicates, fingerprintKeys, type DuplicateMatch, type NeedFingerprint, type StoredFingerprint } from '../../domain/disaster/duplicates';
import { boundingBox } from '../../domain/disaster/geo';
import type { Db, Tx } from './database';

/** Likely duplicates of `report` among the centre's needs not merged into another, strongest first. */
export async function likelyDuplicates(db: Db | Tx, centreId: string, report: NeedFingerprint, radiusMetres: number): Promise<DuplicateMatch[]> {
  const { phoneKey, addressKey } = fingerprintKeys(report);
  const box = report.location ? boundingBox(report.location, radiusMetres) : null;
  const residentId = report.residentId ?? null;
  const or = [
    ...(residentId ? [{ reports: { some: { residentId } } }] : []),
    ...(phoneKey ? [{ phoneKey }] : []),
    ...(addressKey ? [{ addressKey }] : []),
    ...(box ? [{ latitude: { gte: box.minLat, lte: box.maxLat }, longitude: { gte: box.minLng, lte: box.maxLng } }] : []),
  ];
  if (!or.length) return [];
  const rows = await db.need.findMany({
    where: { centreId, mergedIntoId: null, OR: or, ...(report.needId ? { id: { not: report.needId } } : {}) },
    select: { id: true, referenceNo: true, phoneKey: true, addressKey: true, latitude: true, longitude: true, reports: { select: { residentId: true } } },
    take: 200,
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
