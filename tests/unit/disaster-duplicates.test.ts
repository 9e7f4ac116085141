// Under test: distances and bounding boxes of map pins (src/domain/disaster/geo.ts) and the search for needs that
// look like the same household's (src/domain/disaster/duplicates.ts). Pure; nothing is faked.
import { describe, expect, test } from 'vitest';
import { fingerprintKeys, findLikelyDuplicates, type NeedFingerprint, type StoredFingerprint } from '../../src/domain/disaster/duplicates';
import { boundingBox, distanceMetres, EARTH_RADIUS_METRES, inBoundingBox, type GeoPoint } from '../../src/domain/disaster/geo';

const RAD = Math.PI / 180;

/** The pin `metres` from `from` along `bearing` degrees, on the same sphere (the direct formula, not haversine). */
function destination(from: GeoPoint, bearing: number, metres: number): GeoPoint {
  const d = metres / EARTH_RADIUS_METRES;
  const lat = from.latitude * RAD;
  const b = bearing * RAD;
  const lat2 = Math.asin(Math.sin(lat) * Math.cos(d) + Math.cos(lat) * Math.sin(d) * Math.cos(b));
  const lng2 = from.longitude * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat), Math.cos(d) - Math.sin(lat) * Math.sin(lat2));
  return { latitude: lat2 / RAD, longitude: lng2 / RAD };
}

describe('distanceMetres', () => {
  test('Tokyo Station to Yokohama Station', () => {
    // 27,302.13 m: the angle between the two points as unit vectors, atan2(|a × b|, a · b), times the same radius.
    const d = distanceMetres({ latitude: 35.681236, longitude: 139.767125 }, { latitude: 35.465798, longitude: 139.622314 });
    expect(Math.abs(d - 27_302.13)).toBeLessThan(1);
  });

  test('one degree along a meridian is 2πR / 360; the same pin is 0', () => {
    expect(distanceMetres({ latitude: 35, longitude: 139 }, { latitude: 36, longitude: 139 })).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_METRES) / 360, 3);
    expect(distanceMetres({ latitude: 35, longitude: 139 }, { latitude: 35, longitude: 139 })).toBe(0);
  });
});

describe('boundingBox', () => {
  test.each([
    [35.3, 139.6, 50],
    [35.3, 139.6, 100_000],
    [60, 10, 300_000],
    [80, -40, 1_000_000],
    [-45, 170, 20_000],
  ])('at %f, %f holds every pin within %i m, in every direction', (latitude, longitude, metres) => {
    const centre = { latitude, longitude };
    const box = boundingBox(centre, metres);
    const outside = [];
    for (let bearing = 0; bearing < 360; bearing += 0.25) {
      for (const share of [1 - 1e-9, 0.7, 0.1]) {
        const p = destination(centre, bearing, metres * share);
        if (!inBoundingBox(box, p)) outside.push({ bearing, share, p });
      }
    }
    expect(outside).toEqual([]);
    expect(inBoundingBox(box, centre)).toBe(true);
  });

  test('is no wider than the circle north and south', () => {
    const box = boundingBox({ latitude: 35, longitude: 139 }, 50);
    expect(distanceMetres({ latitude: 35, longitude: 139 }, { latitude: box.maxLat, longitude: 139 })).toBeCloseTo(50, 6);
    expect(distanceMetres({ latitude: 35, longitude: 139 }, { latitude: box.minLat, longitude: 139 })).toBeCloseTo(50, 6);
  });

  test('near a pole or across the 180° meridian it spans every longitude', () => {
    expect(boundingBox({ latitude: 89.9, longitude: 0 }, 20_000)).toMatchObject({ minLng: -180, maxLng: 180, maxLat: 90 });
    expect(boundingBox({ latitude: 0, longitude: 179.9999 }, 50_000)).toMatchObject({ minLng: -180, maxLng: 180 });
  });
});

describe('findLikelyDuplicates', () => {
  const home = { latitude: 35.3370, longitude: 139.6240 };
  const north = (metres: number): GeoPoint => ({ latitude: home.latitude + metres / EARTH_RADIUS_METRES / RAD, longitude: home.longitude });
  const stored = (needId: string, raw: Omit<NeedFingerprint, 'needId' | 'phone' | 'address'> & { phone?: string; address?: string } = {}): StoredFingerprint => ({
    needId,
    referenceNo: `N-260901-${needId}`,
    lineUserId: raw.lineUserId ?? null,
    residentId: raw.residentId ?? null,
    location: raw.location ?? null,
    ...fingerprintKeys(raw),
  });
  const o = { radiusMetres: 50 };
  const ids = (report: NeedFingerprint, candidates: StoredFingerprint[]) => findLikelyDuplicates(report, candidates, o).map((m) => [m.needId, m.reasons]);

  test('each reason on its own', () => {
    expect(ids({ lineUserId: 'U1' }, [stored('A', { lineUserId: 'U1' }), stored('B', { lineUserId: 'U2' })])).toEqual([['A', ['sameResident']]]);
    expect(ids({ residentId: 'r1' }, [stored('A', { residentId: 'r1' }), stored('B', { residentId: 'r2' })])).toEqual([['A', ['sameResident']]]);
    expect(ids({ phone: '+81 90-1234-5678' }, [stored('A', { phone: '09012345678' }), stored('B', { phone: '090-1234-5679' })])).toEqual([['A', ['samePhone']]]);
    expect(ids({ address: '泥亀一丁目2番3号' }, [stored('A', { address: '泥亀1-2-3' }), stored('B', { address: '泥亀1-2-4' })])).toEqual([['A', ['sameAddress']]]);
    expect(ids({ location: home }, [stored('A', { location: north(10) })])).toEqual([['A', ['nearby']]]);
  });

  test('a pin just inside the radius is nearby, one just outside is not', () => {
    const matches = findLikelyDuplicates({ location: home }, [stored('in', { location: north(49.9) }), stored('out', { location: north(50.1) })], o);
    expect(matches.map((m) => m.needId)).toEqual(['in']);
    expect(matches[0]!.distanceMetres).toBeCloseTo(49.9, 6);
  });

  test('more reasons rank first, then the nearest; every reason is named, strongest first', () => {
    const report = { lineUserId: 'U1', phone: '090-1234-5678', address: '泥亀1-2-3', location: home };
    const matches = findLikelyDuplicates(
      report,
      [
        stored('nearFar', { location: north(40) }),
        stored('nearClose', { location: north(5) }),
        stored('phoneAddress', { phone: '09012345678', address: '泥亀1丁目2番3号', location: north(3_000) }),
        stored('all', { lineUserId: 'U1', phone: '09012345678', address: '泥亀1-2-3', location: north(1) }),
        stored('phoneOnly', { phone: '09012345678' }),
      ],
      o,
    );
    expect(matches.map((m) => [m.needId, m.reasons])).toEqual([
      ['all', ['sameResident', 'samePhone', 'sameAddress', 'nearby']],
      ['phoneAddress', ['samePhone', 'sameAddress']],
      ['nearClose', ['nearby']],
      ['nearFar', ['nearby']],
      ['phoneOnly', ['samePhone']],
    ]);
    // A match found by phone and address far away still says how far, so staff see it is another place.
    expect(matches[1]!.distanceMetres).toBeCloseTo(3_000, 3);
    expect(matches[4]).not.toHaveProperty('distanceMetres');
  });

  test('the order does not depend on the candidates\' order', () => {
    const candidates = [stored('B', { phone: '09012345678' }), stored('A', { phone: '09012345678' })];
    expect(ids({ phone: '090-1234-5678' }, candidates)).toEqual(ids({ phone: '090-1234-5678' }, [...candidates].reverse()));
    expect(ids({ phone: '090-1234-5678' }, candidates).map(([id]) => id)).toEqual(['A', 'B']);
  });

  test('a need is never its own duplicate', () => {
    const self = stored('A', { lineUserId: 'U1', phone: '09012345678', location: home });
    expect(ids({ needId: 'A', lineUserId: 'U1', phone: '09012345678', location: home }, [self])).toEqual([]);
  });

  test('missing and empty fields never match each other', () => {
    const blank = stored('A', { lineUserId: '', residentId: '', phone: '', address: '' });
    expect(ids({}, [stored('B'), blank])).toEqual([]);
    expect(ids({ lineUserId: '', residentId: '', phone: '', address: '' }, [stored('B'), blank])).toEqual([]);
    expect(ids({ phone: '123', address: '横浜市金沢区' }, [stored('C', { phone: '123', address: '横浜市金沢区' })])).toEqual([]);
  });

  test('fingerprintKeys keeps only a usable phone and an address with a number', () => {
    expect(fingerprintKeys({ phone: '０９０-１２３４-５６７８', address: '〒236-0021 泥亀１丁目２番３号' })).toEqual({ phoneKey: '09012345678', addressKey: '泥亀1-2-3' });
    expect(fingerprintKeys({ phone: '内線12', address: '金沢区の川沿い' })).toEqual({ phoneKey: null, addressKey: null });
    expect(fingerprintKeys({})).toEqual({ phoneKey: null, addressKey: null });
  });
});
