// Under test: the field's console pages on the real app and a temp SQLite file — urgent alerts (open first, with the
// team, need, address, leader and phone, the member who pressed; the rows the page's script polls; 「確認しました」
// once, audited; the nav entry and its permission), and a team's report entered from paper through the same use case.
// Alerts and teams are written straight to the database (the LINE side and team forming are tested elsewhere).
// Faked: the clock (FakeClock), LINE (a recording messenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, postForm } from '../helpers/console';
import { createDisasterApp, poolMember, type DisasterTestApp } from '../helpers/disaster';
import { seedCentre } from '../helpers/disaster-centre';
import { lineResident, needNoticesQueued, seedNeed } from '../helpers/disaster-needs';
import { seedTeam } from '../helpers/disaster-field';

let t: DisasterTestApp;
beforeEach(async () => {
  t = await createDisasterApp();
});
afterEach(async () => {
  await t.close();
});

async function scene() {
  const { centreId } = await seedCentre(t.db);
  const requester = await lineResident(t.db);
  const need = await seedNeed(t.db, centreId, { status: 'active', reporters: [requester], address: 'つなぐ市海岸町3丁目5番2号' });
  const leader = await poolMember(t.db, centreId, { name: '班長 一郎', phone: '09011112222' });
  const member = await poolMember(t.db, centreId, { name: '班員 二郎' });
  const { teamId, number } = await seedTeam(t.db, { centreId, needId: need.id, memberIds: [leader.memberId, member.memberId], equipment: [{ code: 'shovel', count: 2 }] });
  return { centreId, need, requester, leader, member, teamId, number };
}

describe('urgent alerts', () => {
  test('open alerts first with what the coordinator needs; the polled rows agree; 「確認しました」 acknowledges once and is audited', async () => {
    const s = await scene();
    const older = await t.db.fieldAlert.create({ data: { centreId: s.centreId, teamId: s.teamId, memberId: s.leader.memberId, residentId: s.leader.residentId, raisedAt: new Date('2026-11-24T10:00:00+09:00'), acknowledgedAt: new Date('2026-11-24T10:05:00+09:00'), acknowledgedBy: 'x' } });
    const open = await t.db.fieldAlert.create({ data: { centreId: s.centreId, teamId: s.teamId, memberId: s.member.memberId, residentId: s.member.residentId, raisedAt: new Date('2026-11-24T11:00:00+09:00') } });
    const coordinator = await loginAs(t.app, 'coordinator');
    const page = await t.app.server.inject({ method: 'GET', url: '/console/disaster/alerts', headers: { cookie: coordinator.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('緊急アラート');
    for (const text of [`第${s.number}班`, s.need.referenceNo, 'つなぐ市海岸町3丁目5番2号', '班長 一郎', '09011112222', '班員 二郎', '確認しました', '確認していない緊急アラートが 1 件']) expect(page.body).toContain(text);
    expect(page.body.indexOf('班員 二郎')).toBeLessThan(page.body.lastIndexOf('確認済み'));
    const rows = await t.app.server.inject({ method: 'GET', url: '/console/disaster/alerts/rows', headers: { cookie: coordinator.cookie, accept: 'application/json', 'x-console-poll': '1' } });
    const data = rows.json() as { open: number; rows: Array<{ id: string; open: boolean; member: string }> };
    expect(data.open).toBe(1);
    expect(data.rows.map((r) => [r.id, r.open])).toEqual([[open.id, true], [older.id, false]]);

    const ack = await postForm(t.app.server, coordinator, `/console/disaster/alerts/${open.id}/ack`, {});
    expect(ack.statusCode).toBe(303);
    expect(String(ack.headers.location)).toContain('done=ack');
    expect(await t.db.fieldAlert.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ acknowledgedBy: coordinator.member.id });
    const again = await postForm(t.app.server, coordinator, `/console/disaster/alerts/${open.id}/ack`, {});
    expect(String(again.headers.location)).toContain('done=already');
    expect(await t.db.auditLog.count({ where: { action: 'disaster.alert.ack', subjectId: open.id } })).toBe(1);
    const after = await t.app.server.inject({ method: 'GET', url: '/console/disaster/alerts/rows', headers: { cookie: coordinator.cookie, 'x-console-poll': '1' } });
    expect((after.json() as { open: number }).open).toBe(0);
  });

  test('every open alert is listed, however many; acknowledged ones up to the latest 50', async () => {
    const s = await scene();
    const at = (min: number) => new Date(Date.parse('2026-11-24T10:00:00+09:00') + min * 60_000);
    for (let i = 0; i < 55; i++) await t.db.fieldAlert.create({ data: { centreId: s.centreId, teamId: s.teamId, memberId: s.member.memberId, residentId: s.member.residentId, raisedAt: at(i) } });
    for (let i = 0; i < 60; i++) await t.db.fieldAlert.create({ data: { centreId: s.centreId, teamId: s.teamId, memberId: s.leader.memberId, residentId: s.leader.residentId, raisedAt: at(i), acknowledgedAt: at(i + 1), acknowledgedBy: 'x' } });
    const coordinator = await loginAs(t.app, 'coordinator');
    const rows = await t.app.server.inject({ method: 'GET', url: '/console/disaster/alerts/rows', headers: { cookie: coordinator.cookie, 'x-console-poll': '1' } });
    const data = rows.json() as { open: number; rows: Array<{ open: boolean }> };
    expect(data.open).toBe(55);
    expect(data.rows.filter((r) => !r.open)).toHaveLength(50);
    const page = await t.app.server.inject({ method: 'GET', url: '/console/disaster/alerts', headers: { cookie: coordinator.cookie } });
    expect(page.body).toContain('確認していない緊急アラートが 55 件');
    expect(page.body).toContain('確認済みは新しい50件まで');
  });

  test('the nav entry shows for coordinators; a counsellor may not open the alerts', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const home = await t.app.server.inject({ method: 'GET', url: '/console/disaster/alerts', headers: { cookie: coordinator.cookie } });
    expect(home.body).toContain('href="/console/disaster/alerts"');
    const counsellor = await loginAs(t.app, 'counsellor');
    const refused = await t.app.server.inject({ method: 'GET', url: '/console/disaster/alerts', headers: { cookie: counsellor.cookie } });
    expect(refused.statusCode).toBe(403);
  });
});

describe('a report entered from paper', () => {
  test('staff enter the report: the need continues, a shovel missing, hours credited, the household told; a second entry is refused', async () => {
    const s = await scene();
    const coordinator = await loginAs(t.app, 'coordinator');
    const form = await t.app.server.inject({ method: 'GET', url: `/console/disaster/teams/${s.teamId}/report`, headers: { cookie: coordinator.cookie } });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(s.need.referenceNo);
    const bad = await postForm(t.app.server, coordinator, `/console/disaster/teams/${s.teamId}/report`, { back: 'yes', people: '2', hours: '20', done: '泥出し', outcome: 'continuing', remaining: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('活動時間は 0.5〜12 時間');
    expect(bad.body).toContain('残っている作業を入力してください');
    expect(await t.db.fieldReport.count()).toBe(0);
    const res = await postForm(t.app.server, coordinator, `/console/disaster/teams/${s.teamId}/report`, { back: 'yes', people: '2', hours: '3.5', done: '泥出し', outcome: 'continuing', remaining: '床下の泥', 'missing.shovel': '1' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const report = await t.db.fieldReport.findUniqueOrThrow({ where: { teamId: s.teamId } });
    expect(report).toMatchObject({ channel: 'console', staffId: coordinator.member.id, hours: 3.5, outcome: 'continuing', remaining: '床下の泥' });
    expect(JSON.parse((await t.db.team.findUniqueOrThrow({ where: { id: s.teamId } })).missingEquipment)).toEqual([{ code: 'shovel', count: 1 }]);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: s.need.id } })).status).toBe('continuing');
    expect(await t.db.teamMember.count({ where: { teamId: s.teamId, hours: 3.5 } })).toBe(2);
    expect(await needNoticesQueued(t.db)).toHaveLength(1);
    const twice = await postForm(t.app.server, coordinator, `/console/disaster/teams/${s.teamId}/report`, { back: 'yes', people: '2', hours: '3.5', done: '泥出し', outcome: 'done' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('もう受け付けています');
    expect(await t.db.fieldReport.count()).toBe(1);
    // Back: the team's page no longer offers the paper report.
    const page = await t.app.server.inject({ method: 'GET', url: `/console/disaster/teams/${s.teamId}`, headers: { cookie: coordinator.cookie } });
    expect(page.body).toContain('(帰着)');
    expect(page.body).not.toContain('紙の活動報告を入力する');
  });
});
