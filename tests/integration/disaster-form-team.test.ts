// Under test: forming a team (班編成) and sending it out through the use case, on the real app's wiring and a temp
// SQLite file: the team and its members with the next 班番号, the equipment lent, the need moved to 活動中 with its
// history, one dispatch notice per member (the leader's with the members and the requester's phone, the others'
// without), the requester told, the audit row; refusals that write nothing (equipment short, a member sent out
// meanwhile by another tablet, a leader outside the team); drill marks. Faked: the clock (Tue 24 Nov 2026 10:00
// JST) and LINE (nothing is sent here: notices are queued rows); volunteers are written straight to the database.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formTeam } from '../../src/usecases/disaster/form-team';
import { setEquipment } from '../../src/usecases/disaster/set-equipment';
import { createDisasterApp, type DisasterTestApp } from '../helpers/disaster';
import { seedCentre } from '../helpers/disaster-centre';
import { lineResident, seedNeed } from '../helpers/disaster-needs';
import { checkedIn, equipment, noticesQueued, teamsDeps } from '../helpers/disaster-teams';

let t: DisasterTestApp;
const by = () => ({ staffId: 'staff-1', ip: '127.0.0.1', at: t.clock.now() });

beforeEach(async () => {
  t = await createDisasterApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

async function day(o: { drill?: boolean; safetyNote?: string; heatLevel?: string } = {}) {
  const { centreId, dayIds } = await seedCentre(t.db, { drill: o.drill, days: [{ date: '2026-11-24', code: 'ABCD', opensAt: '2026-11-20T09:00', closesAt: '2026-11-22T18:00' }] });
  const dayId = dayIds['2026-11-24']!;
  if (o.safetyNote !== undefined || o.heatLevel !== undefined) await t.db.activityDay.update({ where: { id: dayId }, data: { safetyNote: o.safetyNote ?? null, heatLevel: o.heatLevel ?? null } });
  await equipment(t.db, centreId, [{ code: 'shovel', name: 'スコップ', count: 10 }, { code: 'barrow', name: '一輪車', count: 2 }]);
  const four = [];
  for (const name of ['青木 一郎', '井上 二郎', '上田 三郎', '江藤 四郎']) four.push(await checkedIn(t.db, centreId, dayId, { name, phone: `0901000000${four.length}` }));
  return { centreId, dayId, four };
}

describe('forming a team', () => {
  test('a coordinating need: team 1 formed, equipment lent, need moved via 活動予定 to 活動中, one notice per member, the requester told', async () => {
    const { centreId, four } = await day({ heatLevel: 'warning' });
    const requester = await lineResident(t.db);
    const need = await seedNeed(t.db, centreId, { status: 'coordinating', reporters: [requester], householdName: '佐藤 花子', phone: '0311112222', address: 'つなぐ市海岸町1-2-3', work: ['mud', 'furniture'] });
    await t.db.need.update({ where: { id: need.id }, data: { latitude: 35.6, longitude: 139.7 } });
    const [leader, ...others] = four;

    const outcome = await formTeam(teamsDeps(t), { needId: need.id, memberIds: four.map((m) => m.memberId), leaderId: leader!.memberId, equipment: [{ code: 'shovel', count: 4 }, { code: 'barrow', count: 1 }] }, by());
    expect(outcome).toMatchObject({ ok: true, number: 1, notices: 4, told: 1 });
    if (!outcome.ok) return;

    const team = await t.db.team.findUniqueOrThrow({ where: { id: outcome.teamId }, include: { members: true } });
    expect(team).toMatchObject({ centreId, needId: need.id, date: '2026-11-24', number: 1, status: 'out', createdBy: 'staff-1' });
    expect(JSON.parse(team.equipment)).toEqual([{ code: 'shovel', count: 4 }, { code: 'barrow', count: 1 }]);
    expect(team.members.filter((m) => m.leader).map((m) => m.memberId)).toEqual([leader!.memberId]);
    expect(team.members).toHaveLength(4);

    const saved = await t.db.need.findUniqueOrThrow({ where: { id: need.id }, include: { events: { orderBy: { at: 'asc' } } } });
    expect(saved.status).toBe('active');
    expect(saved.scheduledOn).toBe('2026-11-24');
    expect(saved.events.map((e) => [e.from, e.to])).toEqual([['coordinating', 'scheduled'], ['scheduled', 'active']]);

    const notices = await noticesQueued(t.db);
    // Exactly one per member, and one for the requester.
    for (const m of four) expect(notices.filter((n) => n.to.includes(m.residentId))).toHaveLength(1);
    expect(notices.filter((n) => n.to.includes(requester))).toHaveLength(1);
    expect(notices).toHaveLength(5);
    const leaderNotice = notices.find((n) => n.to.includes(leader!.residentId))!;
    expect(leaderNotice.content.ja).toContain('あなたはこの班のリーダーです');
    expect(leaderNotice.content.ja).toContain('0311112222');
    expect(leaderNotice.content.ja).toContain('佐藤 花子');
    for (const line of ['井上 二郎(電話:09010000001)', '上田 三郎(電話:09010000002)', '江藤 四郎(電話:09010000003)']) expect(leaderNotice.content.ja).toContain(line);
    expect(leaderNotice.content.actions?.map((a) => a.data)).toEqual([`dt=report&t=${team.id}`, `dt=sos&t=${team.id}`]);
    for (const o of others) {
      const n = notices.find((x) => x.to.includes(o.residentId))!;
      for (const text of [n.content.ja, n.content.en ?? '', n.content['ja-x-easy'] ?? '']) {
        expect(text).not.toContain('0311112222');
        expect(text).not.toContain('佐藤 花子');
      }
      expect(n.content.ja).toContain(need.referenceNo);
      expect(n.content.ja).toContain('つなぐ市海岸町1-2-3');
      expect(n.content.ja).toContain('スコップ×4、一輪車×1');
      expect(n.content.ja).toContain('リーダー:青木 一郎さん');
      // The heat level's rules (警戒: every 20 minutes).
      expect(n.content.ja).toContain('20分作業したら10分休み');
      expect(n.content.location).toEqual({ title: `活動場所 ${need.referenceNo}`, address: 'つなぐ市海岸町1-2-3', latitude: 35.6, longitude: 139.7 });
      expect(n.content.actions?.map((a) => a.data)).toEqual([`dt=sos&t=${team.id}`]);
    }
    const told = notices.find((n) => n.to.includes(requester))!;
    expect(told.content.ja).toContain('向かっています');

    // The broadcast engine sends each once: the text with its buttons, then the site as a location message.
    await t.app.runBroadcasts();
    const lineId = async (residentId: string) => (await t.db.resident.findUniqueOrThrow({ where: { id: residentId } })).lineUserId;
    for (const m of four) {
      const to = await lineId(m.residentId);
      const got = t.messenger.sent.filter((x) => x.to === to);
      expect(got).toHaveLength(1);
      const types = (got[0]!.messages as Array<{ type: string }>).map((x) => x.type);
      expect(types.at(-1)).toBe('location');
    }
    expect((await t.db.broadcast.findMany({ where: { kind: 'disaster_notice' } })).map((b) => b.status)).toEqual(Array(5).fill('sent'));

    const audit = await t.db.auditLog.findMany({ where: { action: 'disaster.team.form' } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!)).toMatchObject({ needId: need.id, number: 1, members: 4, from: 'coordinating', notices: 4, told: 1, drill: false });
    // Personal data stays out of the audit row.
    expect(audit[0]!.detail).not.toContain('佐藤');

    // The members are out: a second team for another need cannot take them, and the numbers go on.
    const second = await seedNeed(t.db, centreId, { status: 'scheduled' });
    expect(await formTeam(teamsDeps(t), { needId: second.id, memberIds: [others[0]!.memberId], leaderId: others[0]!.memberId, equipment: [] }, by())).toEqual({ ok: false, refused: 'notAvailable', memberIds: [others[0]!.memberId] });
  });

  test('equipment short: every shortage refused at once, nothing written', async () => {
    const { centreId, four } = await day();
    const need = await seedNeed(t.db, centreId, { status: 'scheduled' });
    // Two of the wheelbarrows are already out with another team.
    const first = await formTeam(teamsDeps(t), { needId: need.id, memberIds: [four[0]!.memberId], leaderId: four[0]!.memberId, equipment: [{ code: 'barrow', count: 2 }] }, by());
    expect(first.ok).toBe(true);
    const before = { teams: await t.db.team.count(), notices: await t.db.broadcast.count(), events: await t.db.needEvent.count(), audit: await t.db.auditLog.count() };
    const other = await seedNeed(t.db, centreId, { status: 'scheduled' });
    const outcome = await formTeam(teamsDeps(t), { needId: other.id, memberIds: [four[1]!.memberId, four[2]!.memberId], leaderId: four[1]!.memberId, equipment: [{ code: 'shovel', count: 11 }, { code: 'barrow', count: 1 }] }, by());
    expect(outcome).toEqual({ ok: false, refused: 'equipment', problems: [{ code: 'short', kind: 'shovel', asked: 11, left: 10 }, { code: 'short', kind: 'barrow', asked: 1, left: 0 }] });
    expect({ teams: await t.db.team.count(), notices: await t.db.broadcast.count(), events: await t.db.needEvent.count(), audit: await t.db.auditLog.count() }).toEqual(before);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('scheduled');
  });

  test('two tablets: the member sent meanwhile is refused by name, nothing written; the leader must be in the team', async () => {
    const { centreId, four } = await day();
    const a = await seedNeed(t.db, centreId, { status: 'scheduled' });
    const b = await seedNeed(t.db, centreId, { status: 'received' });
    const [m1, m2, m3] = four;
    const tabletA = formTeam(teamsDeps(t), { needId: a.id, memberIds: [m1!.memberId, m2!.memberId], leaderId: m1!.memberId, equipment: [] }, by());
    const tabletB = formTeam(teamsDeps(t), { needId: b.id, memberIds: [m2!.memberId, m3!.memberId], leaderId: m3!.memberId, equipment: [] }, by());
    const [ra, rb] = await Promise.all([tabletA, tabletB]);
    expect(ra.ok).toBe(true);
    expect(rb).toEqual({ ok: false, refused: 'notAvailable', memberIds: [m2!.memberId] });
    expect(await t.db.team.count()).toBe(1);
    expect(await t.db.teamMember.count({ where: { memberId: m2!.memberId } })).toBe(1);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: b.id } })).status).toBe('received');
    expect(await formTeam(teamsDeps(t), { needId: b.id, memberIds: [m3!.memberId], leaderId: m2!.memberId, equipment: [] }, by())).toEqual({ ok: false, refused: 'leaderNotMember' });
    // A need already active gets a second team and keeps its status (no event, the requester not told again).
    const second = await formTeam(teamsDeps(t), { needId: a.id, memberIds: [m3!.memberId], leaderId: m3!.memberId, equipment: [] }, by());
    expect(second).toMatchObject({ ok: true, number: 2, told: 0 });
    expect(await t.db.needEvent.count({ where: { needId: a.id } })).toBe(1);
  });

  test('a drill: every notice marked 【訓練】; the coordinator\'s safety rules used as written', async () => {
    const { centreId, four } = await day({ drill: true, safetyNote: 'ヘルメットを必ずかぶること' });
    const requester = await lineResident(t.db);
    const need = await seedNeed(t.db, centreId, { status: 'received', reporters: [requester] });
    const outcome = await formTeam(teamsDeps(t), { needId: need.id, memberIds: [four[0]!.memberId, four[1]!.memberId], leaderId: four[1]!.memberId, equipment: [] }, by());
    expect(outcome).toMatchObject({ ok: true, notices: 2, told: 1 });
    const notices = await noticesQueued(t.db);
    expect(notices).toHaveLength(3);
    for (const n of notices) {
      expect(n.title.startsWith('【訓練】')).toBe(true);
      expect(n.content.ja.startsWith('【訓練】')).toBe(true);
      expect(n.content.en?.startsWith('【訓練】')).toBe(true);
    }
    const members = notices.filter((n) => !n.to.includes(requester));
    for (const n of members) expect(n.content.ja).toContain('ヘルメットを必ずかぶること');
    // No pin on the need: no location message.
    for (const n of members) expect(n.content.location).toBeUndefined();
  });

  test('the inventory: a kind added and changed, audited; a bad count refused', async () => {
    const { centreId } = await day();
    expect(await setEquipment(teamsDeps(t), centreId, { code: 'washer', name: '高圧洗浄機', count: 2 }, by())).toEqual({ ok: true });
    expect(await setEquipment(teamsDeps(t), centreId, { code: 'washer', name: '高圧洗浄機', count: 3 }, by())).toEqual({ ok: true });
    expect(await setEquipment(teamsDeps(t), centreId, { code: 'washer', name: '高圧洗浄機', count: -1 }, by())).toEqual({ ok: false, refused: 'badCount' });
    expect(await t.db.equipmentKind.findUniqueOrThrow({ where: { centreId_code: { centreId, code: 'washer' } } })).toMatchObject({ name: '高圧洗浄機', count: 3 });
    expect(await t.db.auditLog.count({ where: { action: 'disaster.equipment.set' } })).toBe(2);
  });
});
