// Under test: teams (班) in the console, on the real app and a temp SQLite file — the team form for a need (the
// suggestion ticked, the leader chosen, the equipment left), forming a team through HTTP with the CSRF token (the
// team, the need active, one notice per member queued), a member sent meanwhile refused by name, the teams list,
// a team's page and its printable work order (report box, map QR), the equipment inventory (added, changed,
// audited, what is lent), links from the need's page, the board and the centre page, permissions. Faked: the clock
// (FakeClock, Tue 24 Nov 2026 10:00 JST), LINE (a recording messenger), the menu switch, randomness; volunteers and
// needs are written straight to the database as reception and the LINE side write them.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { createDisasterApp, openCentre, type DisasterTestApp } from '../helpers/disaster';
import { lineResident, seedNeed } from '../helpers/disaster-needs';
import { checkedIn, equipment, noticesQueued } from '../helpers/disaster-teams';

let t: DisasterTestApp;

beforeEach(async () => {
  t = await createDisasterApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const ticked = (html: string) => [...html.matchAll(/name="members" value="([^"]+)" checked/g)].map((m) => m[1]);
const leaderTicked = (html: string) => /name="leader" value="([^"]+)" checked/.exec(html)?.[1];

async function setUp() {
  const { coordinator, centreId } = await openCentre(t);
  const day = await t.db.activityDay.create({ data: { centreId, date: '2026-11-24', capacity: 20, opensAt: new Date('2026-11-20T00:00:00Z'), closesAt: new Date('2026-11-22T00:00:00Z'), reconfirmBy: new Date('2026-11-23T00:00:00Z'), priorities: JSON.stringify({ localsFirst: false, skillPlaces: [] }), checkInCode: 'TEAM1', createdAt: new Date('2026-11-20T00:00:00Z') } });
  await equipment(t.db, centreId, [{ code: 'shovel', name: 'スコップ', count: 6 }]);
  const vols = [];
  for (const name of ['青木 一郎', '井上 二郎', '上田 三郎', '江藤 四郎', '小川 五郎']) vols.push(await checkedIn(t.db, centreId, day.id, { name, phone: name === '小川 五郎' ? null : '09011110000' }));
  const requester = await lineResident(t.db);
  const need = await seedNeed(t.db, centreId, { status: 'coordinating', reporters: [requester], householdName: '佐藤 花子', phone: '0311112222', work: ['furniture'] });
  return { coordinator, centreId, dayId: day.id, vols, requester, need };
}

describe('forming a team in the console', () => {
  test('the suggestion accepted in one tap: team formed, notices queued, its page, the list and the work order', async () => {
    const { coordinator, centreId, vols, requester, need } = await setUp();
    const page = await get(coordinator, `/console/disaster/needs/${need.id}`);
    expect(page.body).toContain(`href="/console/disaster/needs/${need.id}/team"`);
    const board = await get(coordinator, `/console/disaster/centres/${centreId}/needs`);
    expect(board.body).toContain(`/console/disaster/needs/${need.id}/team`);
    expect(board.body).toContain(`/console/disaster/teams?centre=${centreId}`);

    const form = await get(coordinator, `/console/disaster/needs/${need.id}/team`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('この班で派遣する');
    expect(form.body).toContain('スコップ(残り6)');
    // Furniture: four people suggested; the leader has a phone.
    const suggested = ticked(form.body);
    expect(suggested).toHaveLength(4);
    const leader = leaderTicked(form.body)!;
    expect(suggested).toContain(leader);
    expect(form.body).toContain('name="_csrf"');

    // The tap: the form as it came, plus two shovels.
    const res = await postForm(t.app.server, coordinator, `/console/disaster/needs/${need.id}/team`, [...suggested.map((id): [string, string] => ['members', id!]), ['leader', leader], ['eq.shovel', '2']]);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
    const team = await t.db.team.findFirstOrThrow({ include: { members: true } });
    expect(String(res.headers.location)).toBe(`/console/disaster/teams/${team.id}?done=formed`);
    expect(team.members.map((m) => m.memberId).sort()).toEqual([...suggested].sort());
    expect(JSON.parse(team.equipment)).toEqual([{ code: 'shovel', count: 2 }]);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('active');
    const notices = await noticesQueued(t.db);
    expect(notices).toHaveLength(5);
    for (const v of vols) expect(notices.filter((n) => n.to.includes(v.residentId))).toHaveLength(suggested.includes(v.memberId) ? 1 : 0);
    expect(notices.filter((n) => n.to.includes(requester))).toHaveLength(1);

    const teamPage = await get(coordinator, String(res.headers.location));
    expect(teamPage.body).toContain('班を編成し、派遣のお知らせをLINEで送る準備をしました');
    expect(teamPage.body).toContain(`第1班 ${need.referenceNo}`);
    // While the team is out, staff can enter its paper report from here.
    expect(teamPage.body).toContain(`href="/console/disaster/teams/${team.id}/report">紙の活動報告を入力する`);
    const list = await get(coordinator, `/console/disaster/teams?centre=${centreId}`);
    expect(list.body).toContain('第1班');
    expect(list.body).toContain('派遣中');
    expect(list.body).toContain(`/console/disaster/teams/${team.id}/order`);
    // The running centre's list without a query.
    expect((await get(coordinator, '/console/disaster/teams')).body).toContain(need.referenceNo);

    const order = await get(coordinator, `/console/disaster/teams/${team.id}/order`);
    for (const text of ['活動依頼書兼報告書', need.referenceNo, '佐藤 花子', '0311112222', 'スコップ×2', '帰着時刻', 'ヒヤリハット', '□ 完了', '家財の運び出し']) expect(order.body).toContain(text);
    // No pin: no QR.
    expect(order.body).not.toContain('<svg');
    await t.db.need.update({ where: { id: need.id }, data: { latitude: 35.61, longitude: 139.72 } });
    const withPin = await get(coordinator, `/console/disaster/teams/${team.id}/order`);
    expect(withPin.body).toContain('<svg');
    expect(withPin.body).toContain('https://www.google.com/maps/search/?api=1&amp;query=35.61,139.72');

    // The form now offers only the one left, and the shovels left.
    const again = await get(coordinator, `/console/disaster/needs/${need.id}/team`);
    expect(again.body).toContain('スコップ(残り4)');
    expect([...again.body.matchAll(/name="members" value="([^"]+)"/g)].map((m) => m[1])).toEqual(vols.filter((v) => !suggested.includes(v.memberId)).map((v) => v.memberId));
  });

  test('a member sent meanwhile from another tablet: refused by name, nothing written, the rest still ticked', async () => {
    const { coordinator, centreId, vols, need } = await setUp();
    const other = await seedNeed(t.db, centreId, { status: 'scheduled' });
    const [a, b, c] = vols;
    // Tablet 2 sends 井上 first.
    const first = await postForm(t.app.server, coordinator, `/console/disaster/needs/${other.id}/team`, [['members', b!.memberId], ['leader', b!.memberId]]);
    expect(first.statusCode).toBe(303);
    const res = await postForm(t.app.server, coordinator, `/console/disaster/needs/${need.id}/team`, [['members', a!.memberId], ['members', b!.memberId], ['members', c!.memberId], ['leader', a!.memberId]]);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('井上 二郎さんは、ほかの班で派遣されたか、今日の受付がありません');
    expect(ticked(res.body).sort()).toEqual([a!.memberId, c!.memberId].sort());
    expect(await t.db.team.count()).toBe(1);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('coordinating');
    // Too many shovels: told in Japanese.
    const short = await postForm(t.app.server, coordinator, `/console/disaster/needs/${need.id}/team`, [['members', a!.memberId], ['leader', a!.memberId], ['eq.shovel', '7']]);
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('スコップが足りません(7個必要、残り6個)');
    expect(await t.db.team.count()).toBe(1);
  });

  test('the equipment inventory: added, changed, audited, with what is lent; managers only; a counsellor cannot form teams', async () => {
    const { coordinator, centreId, vols, need } = await setUp();
    const centre = await get(coordinator, `/console/disaster/centres/${centreId}`);
    expect(centre.body).toContain(`/console/disaster/centres/${centreId}/equipment`);
    const added = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/equipment`, { name: '一輪車', count: '3' });
    expect(added.statusCode).toBe(303);
    const kind = await t.db.equipmentKind.findFirstOrThrow({ where: { centreId, name: '一輪車' } });
    expect(kind.count).toBe(3);
    expect((await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/equipment`, { code: kind.code, name: '一輪車', count: '4' })).statusCode).toBe(303);
    expect((await t.db.equipmentKind.findUniqueOrThrow({ where: { id: kind.id } })).count).toBe(4);
    const bad = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/equipment`, { name: '一輪車', count: 'たくさん' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('数は0から9999までの整数で入力してください');
    expect(await t.db.auditLog.count({ where: { action: 'disaster.equipment.set' } })).toBe(2);

    await postForm(t.app.server, coordinator, `/console/disaster/needs/${need.id}/team`, [['members', vols[0]!.memberId], ['leader', vols[0]!.memberId], [`eq.${kind.code}`, '1'], ['eq.shovel', '2']]);
    const page = await get(coordinator, `/console/disaster/centres/${centreId}/equipment`);
    expect(page.body).toMatch(/一輪車<\/td><td>4<\/td><td>1<\/td><td>3<\/td>/);
    expect(page.body).toMatch(/スコップ<\/td><td>6<\/td><td>2<\/td><td>4<\/td>/);

    const counsellor = await loginAs(t.app, 'counsellor');
    expect((await get(counsellor, `/console/disaster/needs/${need.id}/team`)).statusCode).toBe(403);
    expect((await get(counsellor, `/console/disaster/centres/${centreId}/equipment`)).statusCode).toBe(403);
    expect((await postForm(t.app.server, counsellor, `/console/disaster/needs/${need.id}/team`, [['members', vols[1]!.memberId], ['leader', vols[1]!.memberId]])).statusCode).toBe(403);
    expect(await t.db.team.count()).toBe(1);
  });
});
