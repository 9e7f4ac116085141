/**
 * Suspected duplicate needs: the same household's need phoned in by the person, their family and the neighbours
 * is the most common record accident at a centre, so intake shows the likely duplicates before saving. It only
 * suspects; staff decide and set the duplicate flag (重複). Pure.
 */
import { normaliseAddress, normalisePhone } from './address';
import { boundingBox, distanceMetres, inBoundingBox, type GeoPoint } from './geo';

/** A need's contact details as typed at intake. */
export interface NeedFingerprint {
  /** The need itself, when checking one already saved: it is never its own duplicate. */
  needId?: string;
  /** The LINE user who asked. */
  lineUserId?: string | null;
  /** The resident record of who asked, where staff linked one (a phone call from a known resident). */
  residentId?: string | null;
  /** As typed; compared by `normalisePhone`. */
  phone?: string | null;
  /** As typed; compared by `normaliseAddress`. */
  address?: string | null;
  /** The household's map pin. */
  location?: GeoPoint | null;
}

/** The comparison keys of a need's phone and address, worked out once when it is saved and stored beside it. */
export interface FingerprintKeys {
  /** `normalisePhone` of the phone; null without a usable number. */
  phoneKey: string | null;
  /** `normaliseAddress` of the address; null unless it holds a number, since without one it names an area, not a house. */
  addressKey: string | null;
}

/** A saved need as the duplicate search reads it: the repository's stored keys, never the raw text. */
export interface StoredFingerprint extends FingerprintKeys {
  needId: string;
  referenceNo: string;
  lineUserId?: string | null;
  residentId?: string | null;
  location?: GeoPoint | null;
}

/**
 * Why a saved need looks like the same household, strongest first: asked by the same LINE user or resident (who
 * may ask for more than one household, as a 民生委員 does), the same phone, the same address, a pin nearby.
 */
export const DUPLICATE_REASONS = ['sameResident', 'samePhone', 'sameAddress', 'nearby'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** A saved need that may be the same household's, with every reason it looks so. */
export interface DuplicateMatch {
  needId: string;
  referenceNo: string;
  /** In the order of `DUPLICATE_REASONS`; never empty. */
  reasons: DuplicateReason[];
  /** Between the two pins, whenever both needs have one. */
  distanceMetres?: number;
}

/** Pure: the keys to store with a need (see `FingerprintKeys`). */
export function fingerprintKeys(raw: { phone?: string | null; address?: string | null }): FingerprintKeys {
  const address = raw.address ? normaliseAddress(raw.address) : '';
  return { phoneKey: raw.phone ? normalisePhone(raw.phone) : null, addressKey: /\d/.test(address) ? address : null };
}

/**
 * Pure: the saved needs that look like `report`'s household — the same LINE user or resident, the same phone key,
 * the same address key, or a pin within `radiusMetres` — strongest first: more reasons first, then the nearest,
 * then by reference number, so the order does not depend on the candidates' order. Missing or empty fields
 * never match each other.
 */
export function findLikelyDuplicates(report: NeedFingerprint, candidates: readonly StoredFingerprint[], o: { radiusMetres: number }): DuplicateMatch[] {
  const { phoneKey, addressKey } = fingerprintKeys(report);
  const pin = report.location ?? null;
  const box = pin ? boundingBox(pin, o.radiusMetres) : null;
  const matches: DuplicateMatch[] = [];
  for (const c of candidates) {
    if (c.needId === report.needId) continue;
    const reasons: DuplicateReason[] = [];
    if (same(report.lineUserId, c.lineUserId) || same(report.residentId, c.residentId)) reasons.push('sameResident');
    if (same(phoneKey, c.phoneKey)) reasons.push('samePhone');
    if (same(addressKey, c.addressKey)) reasons.push('sameAddress');
    const there = c.location;
    // The box spares the trigonometry for the many pins far away; a pin already matched is measured anyway.
    const distance = pin && box && there && (reasons.length > 0 || inBoundingBox(box, there)) ? distanceMetres(pin, there) : undefined;
    if (distance !== undefined && distance <= o.radiusMetres) reasons.push('nearby');
    if (reasons.length === 0) continue;
    matches.push({ needId: c.needId, referenceNo: c.referenceNo, reasons, ...(distance === undefined ? {} : { distanceMetres: distance }) });
  }
  return matches.sort(
    (x, y) =>
      y.reasons.length - x.reasons.length ||
      (x.distanceMetres ?? Infinity) - (y.distanceMetres ?? Infinity) ||
      (x.referenceNo < y.referenceNo ? -1 : x.referenceNo > y.referenceNo ? 1 : 0),
  );
}

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && a === b;
}

