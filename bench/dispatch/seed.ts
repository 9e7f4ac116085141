/**
 * The dispatch bench's centre: a running (real) centre with today's activity day, `volunteers` pool members all
 * checked in (individuals, some locals, a few with a 軽トラック, every one insured and with a phone), the centre's
 * equipment, and `needs` needs waiting for a team (調整中, a pin each), each reported through LINE by its own
 * resident — written straight to the database as reception and the LINE side write them.
 */
import type { Db } from '../../src/infra/prisma/database';
import { seedCentre } from '../../tests/helpers/disaster-centre';

const LANGUAGES = ['ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'en', 'ja-x-easy'] as const;
const CHUNK = 2000;

export interface DispatchSeed {
  centreId: string;
  volunteers: Array<{ memberId: string; lineUserId: string }>;
  needs: Array<{ id: string; requester: string }>;
  /** Needs for the peer (a status move without a notice): never given a team. */
  peerNeeds: string[];
}

/** Seeds the centre for today (`today`, YYYY-MM-DD in Japan time). */
export async function seedDispatch(db: Db, o: { today: string; volunteers: number; needs: number }): Promise<DispatchSeed> {
  const at = new Date();
  const { centreId, dayIds } = await seedCentre(db, { days: [{ date: o.today, code: 'DISPATCH', opensAt: `${o.today}T00:00`, closesAt: `${o.today}T00:01` }], districts: ['kaigan', 'yamate'] });
  const dayId = dayIds[o.today]!;
  const resident = (i: number, prefix: string) => ({ id: `${prefix}-${i}`, lineUserId: `U${prefix === 'v' ? '1' : '2'}${String(i).padStart(31, '0')}`, language: LANGUAGES[i % LANGUAGES.length]!, followed: true, consent: 'granted', districtCode: i % 2 ? 'kaigan' : 'yamate', followedAt: at, createdAt: at, updatedAt: at });
  const vols = Array.from({ length: o.volunteers }, (_, i) => resident(i, 'v'));
  const reqs = Array.from({ length: o.needs }, (_, i) => resident(i, 'r'));
  for (let i = 0; i < vols.length; i += CHUNK) await db.resident.createMany({ data: vols.slice(i, i + CHUNK) });
  await db.resident.createMany({ data: reqs });
  const members = vols.map((r, i) => ({
    id: `m-${String(i).padStart(5, '0')}`,
    centreId,
    residentId: r.id,
    kind: 'individual',
    name: `ボランティア ${i + 1}`,
    size: 1,
    origin: i % 3 === 0 ? 'outside' : 'local',
    skills: JSON.stringify(i % 25 === 0 ? ['truck'] : i % 40 === 1 ? ['chainsaw'] : []),
    availableDates: JSON.stringify([o.today]),
    phone: `090${String(10_000_000 + i).slice(-8)}`,
    coverPlan: 'disaster',
    coverEnrolledOn: '2026-01-01',
    joinedAt: at,
    updatedAt: at,
  }));
  for (let i = 0; i < members.length; i += CHUNK) await db.poolMember.createMany({ data: members.slice(i, i + CHUNK) });
  const checkedInAt = new Date(at.getTime() - 30 * 60_000);
  for (let i = 0; i < members.length; i += CHUNK) {
    await db.dayApplication.createMany({ data: members.slice(i, i + CHUNK).map((m) => ({ dayId, memberId: m.id, status: 'walkIn', appliedAt: checkedInAt, checkedInAt, checkedInBy: 'desk' })) });
  }
  await db.equipmentKind.createMany({ data: [{ centreId, code: 'shovel', name: 'スコップ', count: 400 }, { centreId, code: 'barrow', name: '一輪車', count: 100 }, { centreId, code: 'bags', name: '土のう袋(10枚)', count: 200 }] });

  const need = (i: number, prefix: string, status: string) => ({
    id: `${prefix}-${String(i).padStart(4, '0')}`,
    referenceNo: `N-DISP-${prefix}${String(i).padStart(4, '0')}`,
    centreId,
    status,
    statusSince: at,
    householdName: `依頼者 ${i + 1}`,
    address: `つなぐ市海岸町${(i % 9) + 1}丁目${(i % 30) + 1}番${(i % 12) + 1}号`,
    latitude: 35.6 + (i % 100) * 0.001,
    longitude: 139.7 + Math.floor(i / 100) * 0.001,
    districtCode: i % 2 ? 'kaigan' : 'yamate',
    damage: JSON.stringify(['floodBelow']),
    work: JSON.stringify(i % 10 === 0 ? ['transport', 'furniture'] : ['mud', 'cleaning']),
    contactMethod: 'line',
    phone: `0311${String(100_000 + i).slice(-6)}`,
    createdAt: at,
    updatedAt: at,
  });
  const needs = Array.from({ length: o.needs }, (_, i) => need(i, 'n', 'coordinating'));
  const peers = Array.from({ length: o.needs }, (_, i) => need(i, 'p', 'received'));
  await db.need.createMany({ data: [...needs, ...peers] });
  await db.needReport.createMany({ data: needs.map((n, i) => ({ needId: n.id, channel: 'line', relation: 'self', residentId: reqs[i]!.id, content: '{}', reviewedAt: at, createdAt: at })) });
  return {
    centreId,
    volunteers: members.map((m, i) => ({ memberId: m.id, lineUserId: vols[i]!.lineUserId })),
    needs: needs.map((n, i) => ({ id: n.id, requester: reqs[i]!.lineUserId })),
    peerNeeds: peers.map((p) => p.id),
  };
}
