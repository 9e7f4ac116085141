/**
 * Distances between map pins on a spherical Earth: close enough (within about 0.5%) for "is this the house next
 * door?", never for surveying.
 */

/** A map pin in degrees (WGS 84, as phones and maps give it). */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A latitude/longitude rectangle in degrees, as a database range query on two indexed columns reads it. */
export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** The mean Earth radius (IUGG), in metres. */
export const EARTH_RADIUS_METRES = 6_371_008.8;

const RAD = Math.PI / 180;

/** Pure: the great-circle distance between two pins in metres (haversine formula). */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLng = (b.longitude - a.longitude) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Pure: a box holding every pin within `metres` of `centre`, to narrow candidates in a query before
 * `distanceMetres` decides. Longitude widens by asin(sin δ / cos φ), not δ / cos φ, which would cut off the far
 * side of the circle. A box that would reach a pole or cross the 180° meridian spans every longitude instead:
 * wider, never missing a pin.
 */
export function boundingBox(centre: GeoPoint, metres: number): BoundingBox {
  const angle = metres / EARTH_RADIUS_METRES;
  const lat = centre.latitude * RAD;
  const minLat = lat - angle;
  const maxLat = lat + angle;
  const ratio = Math.sin(angle) / Math.cos(lat);
  if (minLat <= -Math.PI / 2 || maxLat >= Math.PI / 2 || ratio >= 1) {
    return { minLat: Math.max(minLat / RAD, -90), maxLat: Math.min(maxLat / RAD, 90), minLng: -180, maxLng: 180 };
  }
  const dLng = Math.asin(ratio) / RAD;
  const minLng = centre.longitude - dLng;
  const maxLng = centre.longitude + dLng;
  if (minLng < -180 || maxLng > 180) return { minLat: minLat / RAD, maxLat: maxLat / RAD, minLng: -180, maxLng: 180 };
  return { minLat: minLat / RAD, maxLat: maxLat / RAD, minLng, maxLng };
}

/** Pure: whether a pin lies in the box (edges included). */
export function inBoundingBox(box: BoundingBox, p: GeoPoint): boolean {
  return p.latitude >= box.minLat && p.latitude <= box.maxLat && p.longitude >= box.minLng && p.longitude <= box.maxLng;
}
