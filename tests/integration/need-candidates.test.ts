// Under test: likelyDuplicates (src/infra/prisma/need-candidates.ts) on a real, migrated SQLite file. Nothing faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fingerprintKeys } from '../../src/domain/disaster/duplicates';
import { likelyDuplicates } from '../../src/infra/prisma/need-candidates';
import { seedCentre } from '../helpers/disaster-centre';
import { createTestDb, type TestDb } from '../helpers/test-db';

const AT = new Date('2026-11-21T09:00:00+09:00');
const HOME = { latitude: 35.391, longitude: 139.591 };

describe('likely duplicates of a new report, read from the database', () => {
  let t: TestDb;
  let centreId = '';
  beforeEach(async () => {
    t = await createTestDb();
    ({ centreId } = await seedCentre(t.db));
  });
  afterEach(() => t.cleanup());

  async function need(id: string, o: { centre?: string; address?: string; phone?: string; at?: { latitude: number; longitude: number }; reporter?: string; mergedInto?: string }) {
    await t.db.need.create({
      data: {
        id,
        referenceNo: `N-261121-${id.toUpperCase()}`,
        centreId: o.centre ?? centreId,
        status: 'received',
        statusSince: AT,
        address: o.address ?? null,
        ...fingerprintKeys({ address: o.address ?? null, phone: o.phone ?? null }),
        phone: o.phone ?? null,
        latitude: o.at?.latitude ?? null,
        longitude: o.at?.longitude ?? null,
        contactMethod: 'line',
        mergedIntoId: o.mergedInto ?? null,
        createdAt: AT,
        updatedAt: AT,
        reports: { create: { channel: 'line', relation: 'self', residentId: o.reporter ?? null, content: '{}', createdAt: AT } },
      },
    });
  }

  test('finds each reason by its own key, strongest first, and nothing for a stranger', async () => {
    await need('addr', { address: '横浜市港南区港南3丁目2番1号' });
    await need('tel', { phone: '045-800-1234' });
    await need('pin', { at: { latitude: HOME.latitude + 0.0002, longitude: HOME.longitude } }); // about 22 m north
    await need('far', { at: { latitude: HOME.latitude + 0.002, longitude: HOME.longitude } }); // about 220 m north
    await need('mine', { reporter: 'resident-1', address: '横浜市港南区日野1-1-1' });
    await need('both', { address: '横浜市港南区港南３−２−１', phone: '045-800-1234' });

    const matches = await likelyDuplicates(t.db, centreId, { residentId: 'resident-1', address: '〒233-0003 横浜市港南区港南 3-2-1', phone: '+81 45 800 1234', location: HOME }, 50);
    expect(matches.map((m) => [m.needId, m.reasons])).toEqual([
      ['both', ['samePhone', 'sameAddress']],
      ['pin', ['nearby']],
      ['addr', ['sameAddress']],
      ['mine', ['sameResident']],
      ['tel', ['samePhone']],
    ]);
    expect(matches.find((m) => m.needId === 'pin')!.distanceMetres).toBeCloseTo(22.2, 0);

    expect(await likelyDuplicates(t.db, centreId, { address: '横浜市港南区最戸9-9-9', phone: '090-0000-0000', location: { latitude: 35.5, longitude: 139.7 } }, 50)).toEqual([]);
    expect(await likelyDuplicates(t.db, centreId, {}, 50)).toEqual([]);
  });

  test("a need merged into another, another centre's need and the need itself are never suspects", async () => {
    const other = await seedCentre(t.db, { status: 'closed' });
    await need('kept', { address: '横浜市港南区港南3丁目2番1号' });
    await need('merged', { address: '横浜市港南区港南3-2-1', mergedInto: 'kept' });
    await need('elsewhere', { centre: other.centreId, address: '横浜市港南区港南3-2-1' });

    const matches = await likelyDuplicates(t.db, centreId, { address: '横浜市港南区港南3-2-1' }, 50);
    expect(matches.map((m) => m.needId)).toEqual(['kept']);
    expect(await likelyDuplicates(t.db, centreId, { needId: 'kept', address: '横浜市港南区港南3-2-1' }, 50)).toEqual([]);
  });
});
