// Under test: the field through LINE end to end — signed webhooks through the real app with the default modules,
// Prisma on a temp SQLite file: the leader's return report from the dispatch notice's button (every question, a
// typed 3.5 hours, 継続 with what remains, a missing shovel, the summary, 送信), filed once through the use case (the
// need continuing, the household told, hours credited); a member who is not the leader told the leader reports; a
// team already back told so; 「緊急」 tapped three times making one alert with an immediate answer (119, the phone),
// and refused for someone not in the team. Faked: the clock (Tue 24 Nov 2026 15:00 JST) and LINE
// (RecordingMessenger); the centre, need and team are written straight into the database.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { seedCentre } from '../helpers/disaster-centre';
import { lineResident, needNoticesQueued, seedNeed } from '../helpers/disaster-needs';
import { seedTeam } from '../helpers/disaster-field';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T15:00:00+09:00');
  talk = new ResidentTalk(t);
});
afterEach(async () => {
  await t.close();
});

async function onboarded(): Promise<{ user: string; residentId: string }> {
  const user = await talk.follows();
  await talk.say(user, 'c=yes', 'lang=ja', 'd=kaigan', 't=done');
  return { user, residentId: (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id };
}
const sends = (user: string) => t.messenger.sent.filter((s) => s.to === user);
const lastText = (user: string) => JSON.stringify(sends(user).at(-1)?.messages ?? []);

async function pool(centreId: string, residentId: string, name: string) {
  const at = new Date('2026-11-24T08:00:00+09:00');
  const m = await db().poolMember.create({ data: { centreId, residentId, kind: 'individual', name, size: 1, origin: 'local', skills: '[]', availableDates: '[]', phone: '09011112222', joinedAt: at, updatedAt: at } });
  return m.id;
}

/** A running centre, a need (活動中) a LINE resident asked for, and a team of two LINE members out there with 2 shovels. */
async function scene() {
  const { centreId } = await seedCentre(db());
  await db().equipmentKind.create({ data: { centreId, code: 'shovel', name: 'スコップ', count: 10 } });
  const requester = await lineResident(db());
  const need = await seedNeed(db(), centreId, { status: 'active', reporters: [requester] });
  const leader = await onboarded();
  const member = await onboarded();
  const leaderId = await pool(centreId, leader.residentId, '班長 一郎');
  const memberId = await pool(centreId, member.residentId, '班員 二郎');
  const { teamId, number } = await seedTeam(db(), { centreId, needId: need.id, memberIds: [leaderId, memberId], equipment: [{ code: 'shovel', count: 2 }] });
  return { centreId, need, requester, leader, member, teamId, number };
}

describe('the return report in LINE', () => {
  test('the leader reports 継続 with a missing shovel: filed once, the need continues, the household told, hours credited', async () => {
    const s = await scene();
    await talk.say(s.leader.user, `dt=report&t=${s.teamId}`);
    expect(lastText(s.leader.user)).toContain(`第${s.number}班`);
    expect(lastText(s.leader.user)).toContain('センターに戻った');
    await talk.say(s.leader.user, 'dfb=centre', 'dfp=2');
    expect(lastText(s.leader.user)).toContain('3.5');
    await talk.say(s.leader.user, '13');
    expect(lastText(s.leader.user)).toContain('0.5から12までの数字');
    await talk.say(s.leader.user, '3.5', '床下の泥出し', '押し入れの奥がまだ濡れている', 'dfi=nearMiss', '釘を踏みそうになった', 'dfs=photos', 'dfo=continuing', '奥の部屋の泥', 'dfe=missing', 'dfm=shovel', 'dfm=:done');
    const summary = lastText(s.leader.user);
    for (const text of ['この内容で送りますか', '3.5時間', '床下の泥出し', 'ヒヤリハット:釘を踏みそうになった', '継続(残り:奥の部屋の泥)', 'スコップ 1', '送信', '修正']) expect(summary).toContain(text);
    const before = sends(s.leader.user).length;
    await talk.say(s.leader.user, 'dfk=send');
    expect(sends(s.leader.user).length).toBe(before + 1);
    expect(lastText(s.leader.user)).toContain('活動報告を受け付けました');

    const report = await db().fieldReport.findUniqueOrThrow({ where: { teamId: s.teamId } });
    expect(report).toMatchObject({ channel: 'line', residentId: s.leader.residentId, people: 2, hours: 3.5, outcome: 'continuing', remaining: '奥の部屋の泥', nearMiss: '釘を踏みそうになった', remarks: '押し入れの奥がまだ濡れている', injuries: null });
    expect(JSON.parse(report.missing)).toEqual([{ code: 'shovel', count: 1 }]);
    expect(await db().need.findUniqueOrThrow({ where: { id: s.need.id } })).toMatchObject({ status: 'continuing' });
    expect(await db().teamMember.count({ where: { teamId: s.teamId, hours: 3.5 } })).toBe(2);
    const notices = await needNoticesQueued(db());
    expect(notices.map((n) => n.to)).toEqual([[s.requester]]);

    // The button again: a clear answer, nothing filed twice.
    await talk.say(s.leader.user, `dt=report&t=${s.teamId}`);
    expect(lastText(s.leader.user)).toContain('もう受け付けています');
    expect(await db().fieldReport.count()).toBe(1);
    expect(await needNoticesQueued(db())).toHaveLength(1);
  });

  test('a member who is not the leader is told the leader reports, with the menu; no flow starts', async () => {
    const s = await scene();
    await talk.say(s.member.user, `dt=report&t=${s.teamId}`);
    expect(lastText(s.member.user)).toContain('活動報告はリーダーがします');
    expect(lastText(s.member.user)).toContain('手伝いたい');
    expect(await db().flowState.count({ where: { residentId: s.member.residentId } })).toBe(0);
  });
});

describe('緊急 from the field', () => {
  test('three taps within minutes make one alert, each answered at once with 119 and the phone, on-duty staff pushed once; someone not in the team raises none', async () => {
    const s = await scene();
    const onDuty = `U${'f'.repeat(32)}`;
    t.app.deps.profile.consultation.onDutyLineUserIds.push(onDuty);
    await talk.say(s.member.user, `dt=sos&t=${s.teamId}`);
    expect(lastText(s.member.user)).toContain('センターに知らせました');
    expect(lastText(s.member.user)).toContain('119');
    t.clock.advance(60_000);
    await talk.say(s.member.user, `dt=sos&t=${s.teamId}`);
    await talk.say(s.leader.user, `dt=sos&t=${s.teamId}`);
    const alerts = await db().fieldAlert.findMany();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ teamId: s.teamId, centreId: s.centreId, residentId: s.member.residentId, acknowledgedAt: null });
    expect(await db().auditLog.count({ where: { action: 'disaster.alert.raise' } })).toBe(1);
    const pushes = await db().outboundMessage.findMany({ where: { lineUserId: onDuty } });
    expect(pushes.map((p) => [p.method, p.safety])).toEqual([['push', true]]);
    expect(pushes[0]!.messages).toContain(`第${s.number}班`);
    t.app.deps.profile.consultation.onDutyLineUserIds.length = 0;

    const stranger = await onboarded();
    await talk.say(stranger.user, `dt=sos&t=${s.teamId}`);
    expect(lastText(stranger.user)).toContain('119');
    expect(lastText(stranger.user)).not.toContain('センターに知らせました');
    expect(await db().fieldAlert.count()).toBe(1);
  });
});
