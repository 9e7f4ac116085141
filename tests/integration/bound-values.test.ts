// Under test: reads whose IN lists grow with the council's data stay under SQLite's bound-value limit through Prisma
// (P2029 at 1,001 values: the ranking page answered 500 on the growth bench's database). Real SQLite, 1,100 rows.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db';
import { PrismaVolunteerRequests } from '../../src/infra/prisma/prisma-volunteer-requests';

const N = 1_100;
const T = new Date('2026-11-01T10:00:00+09:00');
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

async function volunteers(): Promise<string[]> {
  const ids = Array.from({ length: N }, (_, i) => `vol-${i}`);
  await t.db.resident.createMany({ data: ids.map((id, i) => ({ id: `res-${i}`, lineUserId: `U${String(i).padStart(32, '0')}`, followedAt: T, createdAt: T, updatedAt: T })) });
  await t.db.volunteer.createMany({ data: ids.map((id, i) => ({ id, residentId: `res-${i}`, name: `ボランティア ${i}`, status: i % 10 === 0 ? 'paused' : 'active', registeredAt: T, updatedAt: T })) });
  return ids;
}

describe('IN lists longer than one statement may bind', () => {
  test('a shortlist of 1,100 candidates: their recent asks and active registrations are all read', async () => {
    const ids = await volunteers();
    for (const n of [1, 2]) {
      await t.db.volunteerRequest.create({
        data: { id: `req-${n}`, referenceNo: `V-261101-000${n}`, residentId: 'res-0', requesterType: 'person', kind: 'shopping', date: '2026-11-10', part: 'am', people: 1, createdAt: T, updatedAt: T },
      });
    }
    // Every third volunteer was asked once since the cut-off, the first one twice (by two requests).
    const asked = ids.filter((_, i) => i % 3 === 0);
    await t.db.volunteerInvitation.createMany({ data: asked.map((volunteerId, k) => ({ id: `inv-${k}`, requestId: 'req-1', volunteerId, invitedAt: T })) });
    await t.db.volunteerInvitation.create({ data: { id: 'inv-again', requestId: 'req-2', volunteerId: ids[0]!, invitedAt: T } });
    const store = new PrismaVolunteerRequests(t.db);

    const asks = await store.recentAsks(new Date(T.getTime() - 86_400_000), ids);
    expect(ids.filter((id) => asks.has(id))).toEqual(asked);
    expect(asks.get(ids[0]!)).toBe(2);
    expect(asks.get(ids[3]!)).toBe(1);
    expect(asks.has(ids[1]!)).toBe(false);

    // A shortlist just under the old cut-over to a whole-table pass (1,000 ids plus the date bound 1,001 values).
    const shortlist = ids.slice(0, 1_000);
    const someAsks = await store.recentAsks(new Date(T.getTime() - 86_400_000), shortlist);
    expect(shortlist.filter((id) => someAsks.has(id))).toEqual(shortlist.filter((_, i) => i % 3 === 0));
    expect(someAsks.get(ids[0]!)).toBe(2);

    const active = await store.activeVolunteers(ids);
    expect(active).toHaveLength(N - N / 10);
    expect(new Set(active.map((v) => v.id)).size).toBe(N - N / 10);
  });
});
