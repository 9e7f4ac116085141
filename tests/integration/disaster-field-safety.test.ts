// Under test: safety in the field and the daily figures on the real app and a temp SQLite file — the day's safety
// settings (form, audit), break and water reminders to leaders of teams out (once per interval, never twice on a
// rerun, urgent so quiet hours do not hold them, 【訓練】 in a drill), teams not back by the day's end flagged once
// and shown first, the centre-wide urgent notice (every dispatched member's LINE once, nobody else), the figures
// page and CSV through HTTP (a drill's apart from a real centre's), and the public summary written once after a
// preview. Teams, members and reports are written straight to the database as the dispatch and report parts write them.
// Faked: the clock (FakeClock), LINE (a recording messenger), the menu switch, randomness.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { flagOverdueTeams } from '../../src/usecases/disaster/flag-overdue-teams';
import { remindTeams } from '../../src/usecases/disaster/remind-teams';
import { saveSettings } from '../../src/usecases/settings/save-settings';
import { settingsDeps } from '../helpers/settings-store';
import { postForm, type ConsoleLogin } from '../helpers/console';
import { createDisasterApp, openCentre, poolMember, type DisasterTestApp } from '../helpers/disaster';
import { jst } from '../helpers/disaster-centre';
import { seedNeed } from '../helpers/disaster-needs';
import { safetyJobDeps, safetyNoticesQueued, seedReport, seedTeam } from '../helpers/disaster-field-safety';

let t: DisasterTestApp;
beforeEach(async () => {
  t = await createDisasterApp();
  t.clock.set(jst('2026-11-24T09:00'));
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const audits = (action: string) => t.db.auditLog.findMany({ where: { action } });

/** An open centre with a day on 24 Nov, a need, and two teams out: A (leader + 1) and B (leader), and one checked-in volunteer not out. */
async function fieldDay(o: { drill?: boolean } = {}) {
  const { centreId, coordinator } = await openCentre(t, o);
  const day = await t.db.activityDay.create({ data: { centreId, date: '2026-11-24', capacity: 20, opensAt: jst('2026-11-20T09:00'), closesAt: jst('2026-11-22T09:00'), reconfirmBy: jst('2026-11-23T18:00'), priorities: JSON.stringify({ localsFirst: false, skillPlaces: [] }), checkInCode: `C${Math.random().toString(36).slice(2, 8)}`, createdAt: jst('2026-11-20T09:00') } });
  const people = [];
  for (const name of ['リーダーA', 'メンバーA', 'リーダーB', '待機中']) {
    const p = await poolMember(t.db, centreId, { name });
    await t.db.dayApplication.create({ data: { dayId: day.id, memberId: p.memberId, status: 'reconfirmed', appliedAt: jst('2026-11-21T09:00'), checkedInAt: jst('2026-11-24T08:30'), checkedInBy: 'line' } });
    people.push(p);
  }
  const need = await seedNeed(t.db, centreId, { status: 'active' });
  const teamA = await seedTeam(t.db, centreId, need.id, [people[0]!.memberId, people[1]!.memberId], { dispatchedAt: jst('2026-11-24T09:00') });
  const teamB = await seedTeam(t.db, centreId, need.id, [people[2]!.memberId], { dispatchedAt: jst('2026-11-24T09:10') });
  return { centreId, coordinator, dayId: day.id, people, need, teamA, teamB };
}

describe('the day\'s safety settings', () => {
  test('saved from the day\'s page with an audit row; an interval out of 10–120 is refused', async () => {
    const f = await fieldDay();
    const page = await get(f.coordinator, `/console/disaster/days/${f.dayId}`);
    expect(page.body).toContain('この日の安全');
    const res = await postForm(t.app.server, f.coordinator, `/console/disaster/days/${f.dayId}/safety`, { heatLevel: 'severe', reminderMinutes: '15', safetyNote: '2人1組で。' });
    expect(res.statusCode).toBe(303);
    expect(await t.db.activityDay.findUnique({ where: { id: f.dayId } })).toMatchObject({ heatLevel: 'severe', reminderMinutes: 15, safetyNote: '2人1組で。' });
    expect(await audits('disaster.day.safety')).toHaveLength(1);
    const bad = await postForm(t.app.server, f.coordinator, `/console/disaster/days/${f.dayId}/safety`, { heatLevel: 'severe', reminderMinutes: '5', safetyNote: '' });
    expect(bad.statusCode).toBe(400);
    expect((await t.db.activityDay.findUnique({ where: { id: f.dayId } }))!.reminderMinutes).toBe(15);
  });
});

describe('break and water reminders', () => {
  test('each leader of a team out once per interval, never twice on a rerun, urgent, with the heat rule; not members, not teams back', async () => {
    const f = await fieldDay({ drill: true });
    await t.db.activityDay.update({ where: { id: f.dayId }, data: { heatLevel: 'warning', reminderMinutes: null } }); // 警戒: every 20 minutes
    const back = await seedTeam(t.db, f.centreId, f.need.id, [f.people[3]!.memberId], { dispatchedAt: jst('2026-11-24T08:00'), status: 'back', backAt: jst('2026-11-24T08:50') });
    const deps = safetyJobDeps(t);
    expect(await remindTeams(deps, jst('2026-11-24T09:19'))).toBe(0);
    expect(await remindTeams(deps, jst('2026-11-24T09:20'))).toBe(1); // team A only (B left at 09:10)
    expect(await remindTeams(deps, jst('2026-11-24T09:20'))).toBe(0); // a rerun sends nothing
    expect(await remindTeams(deps, jst('2026-11-24T09:30'))).toBe(1); // team B
    expect(await remindTeams(deps, jst('2026-11-24T09:39'))).toBe(0);
    // 21:00: quiet hours; still sent, and urgent so the engine sends it at night.
    expect(await remindTeams(deps, jst('2026-11-24T21:00'))).toBe(2);
    const sent = await safetyNoticesQueued(t.db, '休憩');
    // 09:20 team A's leader, 09:30 team B's, then both at 21:00 (written at one time: their order is the random id's).
    const to = sent.map((s) => s.to[0]);
    expect(to.slice(0, 2)).toEqual([f.people[0]!.residentId, f.people[2]!.residentId]);
    expect(to.slice(2).sort()).toEqual([f.people[0]!.residentId, f.people[2]!.residentId].sort());
    expect(sent.every((s) => s.urgent)).toBe(true);
    expect(sent[0]!.content.ja).toMatch(/^【訓練】【休憩・水分補給の時間です】/);
    expect(sent[0]!.content.ja).toContain('20分作業したら10分休み');
    expect(sent[0]!.content.en).toContain('team');
    expect((await t.db.team.findUnique({ where: { id: back } }))!.lastReminderAt).toBeNull();
  });

  test('the council\'s heat rules, changed in the settings, set the interval at once (the scheduled job and the day\'s page)', async () => {
    const f = await fieldDay();
    await t.db.activityDay.update({ where: { id: f.dayId }, data: { heatLevel: 'warning', reminderMinutes: null } });
    const disaster = t.app.profile.disaster!;
    await saveSettings(settingsDeps(t.db, t.app.settings.file), { sections: { disaster: { ...disaster, heat: { reminderMinutes: { ...disaster.heat.reminderMinutes, warning: 25 } } } }, kind: 'edit' }, { staffId: 'admin-1', ip: '127.0.0.1', at: jst('2026-11-24T09:00') });
    t.clock.set(jst('2026-11-24T09:20'));
    await t.app.runBroadcasts();
    expect(await safetyNoticesQueued(t.db, '休憩')).toHaveLength(0);
    t.clock.set(jst('2026-11-24T09:25'));
    await t.app.runBroadcasts();
    expect(await safetyNoticesQueued(t.db, '休憩')).toHaveLength(1); // team A, 25 minutes after it set out
    expect((await get(f.coordinator, `/console/disaster/days/${f.dayId}`)).body).toContain('暑さの段階の標準(いまは25分)');
  });

  test('two runs at once send one reminder', async () => {
    await fieldDay();
    const deps = safetyJobDeps(t);
    const [a, b] = await Promise.all([remindTeams(deps, jst('2026-11-24T09:45')), remindTeams(deps, jst('2026-11-24T09:45'))]);
    expect(a + b).toBe(2);
    expect(await safetyNoticesQueued(t.db, '休憩')).toHaveLength(2);
  });
});

describe('teams not back', () => {
  test('flagged once after the day\'s end with an audit row, shown first on the centre page and the figures page with the leader\'s phone', async () => {
    const f = await fieldDay();
    const deps = safetyJobDeps(t);
    expect(await flagOverdueTeams(deps, jst('2026-11-24T15:59'))).toBe(0);
    await t.db.team.update({ where: { id: f.teamB }, data: { status: 'back', backAt: jst('2026-11-24T15:00') } });
    expect(await flagOverdueTeams(deps, jst('2026-11-24T16:00'))).toBe(1);
    expect(await flagOverdueTeams(deps, jst('2026-11-24T16:01'))).toBe(0);
    expect(await audits('disaster.team.overdue')).toHaveLength(1);
    for (const url of [`/console/disaster/centres/${f.centreId}`, `/console/disaster/figures?centre=${f.centreId}`]) {
      const page = await get(f.coordinator, url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('未帰着の班(1班)');
      expect(page.body).toContain('リーダーA');
      expect(page.body).toContain('09012345678');
      expect(page.body.indexOf('未帰着の班')).toBeLessThan(page.body.indexOf('<h1'));
    }
  });
});

describe('the centre-wide urgent notice', () => {
  test('every dispatched member\'s LINE once, urgent, not the volunteer not out; audited with the count', async () => {
    const f = await fieldDay();
    const form = await get(f.coordinator, `/console/disaster/urgent?centre=${f.centreId}`);
    expect(form.body).toContain('いま派遣中の <strong>3人</strong>');
    const res = await postForm(t.app.server, f.coordinator, '/console/disaster/urgent', { centre: f.centreId, kind: 'aftershock', ja: '強い余震です。作業を止めてください。', easy: '', en: '' });
    expect(res.statusCode).toBe(303);
    const sent = await safetyNoticesQueued(t.db, '緊急連絡');
    expect(sent.map((s) => s.to[0]).sort()).toEqual([f.people[0]!.residentId, f.people[1]!.residentId, f.people[2]!.residentId].sort());
    expect(sent.every((s) => s.urgent)).toBe(true);
    expect(sent[0]!.content.ja).toContain('強い余震です');
    expect(sent[0]!.content.en).toContain('strong aftershock');
    const [row] = await audits('disaster.urgentNotice');
    expect(JSON.parse(row!.detail as string)).toMatchObject({ kind: 'aftershock', sent: 3 });
  });
});

describe('the daily figures', () => {
  test('page and CSV through HTTP; a drill\'s figures apart from a real centre\'s', async () => {
    t.clock.set(jst('2026-11-24T17:00'));
    const f = await fieldDay();
    await seedReport(t.db, f.teamB, f.need.id, jst('2026-11-24T12:00'), { nearMiss: '釘を踏みそうになった' });
    t.clock.set(jst('2026-11-24T17:00'));
    const page = await get(f.coordinator, `/console/disaster/figures?centre=${f.centreId}&date=2026-11-24`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('4人'); // checked in
    expect(page.body).toContain('2班');
    expect(page.body).not.toContain('訓練(訓練の数字だけです');
    const csv = await get(f.coordinator, `/console/disaster/figures.csv?centre=${f.centreId}&date=2026-11-24`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFF日付,種類,受付したボランティア(人)')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines.length).toBe(2); // header + 24 Nov (the centre opened that day)
    expect(lines[1]!.split(',').slice(0, 4)).toEqual(['2026-11-24', '実際の災害', '4', '4']);
    expect(lines[1]!.split(',').at(-1)).toBe('1'); // one near miss

    // Close the real centre, run a drill: its figures count its own rows only.
    const closed = await postForm(t.app.server, f.coordinator, `/console/disaster/centres/${f.centreId}/status`, [['from', 'open'], ['to', 'closed'], ['confirm', 'on']]);
    expect(closed.statusCode).toBe(303);
    const drill = await openCentre(t, { drill: true, name: '訓練センター' });
    const drillPage = await get(drill.coordinator, `/console/disaster/figures?centre=${drill.centreId}&date=2026-11-24`);
    expect(drillPage.body).toContain('訓練(訓練の数字だけです');
    expect(drillPage.body).toContain('0人');
    const drillCsv = await get(drill.coordinator, `/console/disaster/figures.csv?centre=${drill.centreId}&date=2026-11-24`);
    expect(drillCsv.body.trim().split('\r\n')[1]!.split(',').slice(0, 3)).toEqual(['2026-11-24', '訓練', '0']);
  });

  test('the public summary: a preview writes nothing; 送信 writes one announcement to everyone with the figures, audited', async () => {
    t.clock.set(jst('2026-11-24T17:00'));
    const f = await fieldDay({ drill: true });
    await t.db.activityDay.create({ data: { centreId: f.centreId, date: '2026-11-25', capacity: 30, opensAt: jst('2026-11-20T09:00'), closesAt: jst('2026-11-24T09:00'), reconfirmBy: jst('2026-11-24T18:00'), priorities: JSON.stringify({ localsFirst: false, skillPlaces: [] }), checkInCode: 'NEXTDAY1', createdAt: jst('2026-11-20T09:00') } });
    t.clock.set(jst('2026-11-24T17:00'));
    const preview = await postForm(t.app.server, f.coordinator, '/console/disaster/figures/announce', { centre: f.centreId });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('【訓練】【');
    expect(preview.body).toContain('ボランティア4人、2班');
    expect(preview.body).toContain('定員30人');
    expect(await t.db.broadcast.count({ where: { kind: 'announcement' } })).toBe(0);
    const sent = await postForm(t.app.server, f.coordinator, '/console/disaster/figures/announce', { centre: f.centreId, confirm: 'send' });
    expect(sent.statusCode).toBe(303);
    const rows = await t.db.broadcast.findMany({ where: { kind: 'announcement' } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.targeting)).toEqual({ everyone: true });
    const content = JSON.parse(rows[0]!.content) as Record<string, string>;
    expect(content.ja).toMatch(/^【訓練】/);
    expect(content.ja).toContain('状況:開設中');
    expect(content.en).toContain('4 volunteers in 2 teams');
    expect(await audits('disaster.figures.announce')).toHaveLength(1);
  });
});
