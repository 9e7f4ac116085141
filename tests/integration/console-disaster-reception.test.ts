// Under test: a disaster centre's pool and reception pages, on the real app and a temp SQLite file — the pool with
// kind, origin, skills, dates and today's cover (無保険 flagged; the large-disaster exception), its filters and CSV
// (BOM, CRLF, 訓練 on a drill's lines and name), every opening and download audited; the reception poster (the
// LINE link with the check-in message, its QR code, the code in large letters); reception itself (expected,
// arrived, missing, walk-ins and flags, the JSON the page polls, check-in at the desk by name — audited, once, walk-ins
// only where the centre takes them) and the printable day list. Pool members, applications and LINE check-ins are
// written straight to the database, as the LINE side writes them. Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00
// JST), LINE (a recording messenger), the menu switch and the randomness (seeded).
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { postForm, type ConsoleLogin } from '../helpers/console';
import { apply, createDisasterApp, openCentre, poolMember, type DisasterTestApp } from '../helpers/disaster';

let t: DisasterTestApp;

beforeEach(async () => {
  t = await createDisasterApp();
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const audits = (action: string) => t.db.auditLog.findMany({ where: { action } });

/** A date of the centre, straight in the database (its settings are tested with the dates page). */
async function day(centreId: string, code = 'ACDE3467', date = '2026-11-24') {
  return t.db.activityDay.create({
    data: {
      centreId,
      date,
      capacity: 5,
      opensAt: new Date('2026-11-20T10:00:00+09:00'),
      closesAt: new Date('2026-11-22T12:00:00+09:00'),
      reconfirmBy: new Date('2026-11-23T18:00:00+09:00'),
      priorities: JSON.stringify({ localsFirst: true, skillPlaces: [] }),
      backfillHours: 3,
      checkInCode: code,
      drawSeed: '0123456789abcdef',
      drawnAt: new Date('2026-11-22T12:00:00+09:00'),
      createdAt: new Date('2026-11-20T09:00:00+09:00'),
    },
  });
}

/** An application as it stands after the draw (and maybe a reconfirmation or a LINE check-in). */
async function placed(dayId: string, memberId: string, status: string, position: number, checkedIn?: Date) {
  const a = await apply(t.db, dayId, memberId, new Date('2026-11-21T10:00:00+09:00'));
  return t.db.dayApplication.update({ where: { id: a.id }, data: { status, position, ...(checkedIn ? { checkedInAt: checkedIn, checkedInBy: 'line' } : {}) } });
}

describe('the pool', () => {
  test('lists members with kind, origin, skills, dates and today\'s cover, flags 無保険, filters, and audits every opening', async () => {
    const { coordinator, centreId } = await openCentre(t);
    await poolMember(t.db, centreId, { name: '山田太郎', skills: ['truck', 'mud'], dates: ['2026-11-28', '2026-11-29'], cover: { plan: 'disaster', enrolledOn: '2026-11-01' } });
    await poolMember(t.db, centreId, { name: '佐藤花子', kind: 'group', size: 5, groupName: '港大学ボランティア部', origin: 'outside', dates: ['2026-11-28'], cover: { plan: 'basic', enrolledOn: '2026-05-01' } });
    await poolMember(t.db, centreId, { name: '鈴木一郎', skills: ['nurse'], cover: { plan: 'disaster', enrolledOn: '2026-11-24' } });
    await poolMember(t.db, centreId, { name: '高橋次郎', cover: null, phone: null });

    const page = await get(coordinator, `/console/disaster/centres/${centreId}/pool`);
    expect(page.statusCode).toBe(200);
    const row = (name: string) => page.body.split('<tr>').find((r) => r.includes(name)) ?? '';
    expect(row('山田太郎')).toContain('軽トラック(運転手つき)、泥出し・片付け');
    expect(row('山田太郎')).toContain('11月28日(土)、11月29日(日)');
    expect(row('山田太郎')).toContain('090-1234-5678');
    expect(row('山田太郎')).not.toContain('無保険');
    expect(row('港大学ボランティア部(代表 佐藤花子)')).toContain('グループ(5人)');
    expect(row('港大学ボランティア部')).toContain('地域外');
    // The basic plan does not cover disasters; enrolled today covers from tomorrow (no exception yet); none at all.
    expect(row('港大学ボランティア部')).toContain('無保険');
    expect(row('鈴木一郎')).toContain('無保険');
    expect(row('高橋次郎')).toContain('未加入');
    expect(page.body).toContain('<dt>今日 無保険</dt><dd><strong>3件</strong>');

    const group = await get(coordinator, `/console/disaster/centres/${centreId}/pool?kind=group`);
    expect(group.body).toContain('港大学ボランティア部');
    expect(group.body).not.toContain('山田太郎');
    const byDate = await get(coordinator, `/console/disaster/centres/${centreId}/pool?date=2026-11-29`);
    expect(byDate.body).toContain('山田太郎');
    expect(byDate.body).not.toContain('佐藤花子');
    const bySkill = await get(coordinator, `/console/disaster/centres/${centreId}/pool?skill=nurse&origin=local`);
    expect(bySkill.body).toContain('鈴木一郎');
    expect(bySkill.body).not.toContain('山田太郎');
    expect(bySkill.body).toContain(`/console/disaster/centres/${centreId}/pool.csv?origin=local&amp;skill=nurse`);
    const uncovered = await get(coordinator, `/console/disaster/centres/${centreId}/pool?cover=uncovered`);
    expect(uncovered.body).not.toContain('山田太郎');
    expect(uncovered.body).toContain('高橋次郎');

    // Under the large-disaster exception, enrolment today covers today.
    await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/options`, [['sameDayCover', 'on']]);
    const excepted = await get(coordinator, `/console/disaster/centres/${centreId}/pool?cover=covered`);
    expect(excepted.body).toContain('鈴木一郎');

    const views = await audits('disaster.pool.view');
    expect(views).toHaveLength(6);
    expect(views.every((v) => v.staffId === coordinator.member.id && v.subjectId === centreId)).toBe(true);
    expect(JSON.parse(views[0]!.detail!)).toEqual({ shown: 4, drill: false });
  });

  test('downloads as a CSV Japanese Excel opens (BOM, CRLF), filtered as shown, audited; a drill says 訓練 in its name and on every line', async () => {
    const { coordinator, centreId } = await openCentre(t, { drill: true, name: '総合防災訓練' });
    await poolMember(t.db, centreId, { name: '山田太郎', skills: ['truck'], dates: ['2026-11-28'] });
    await poolMember(t.db, centreId, { name: '=cmd|evil', origin: 'outside', cover: null });

    const res = await get(coordinator, `/console/disaster/centres/${centreId}/pool.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('訓練_災害ボランティア登録者_総合防災訓練_20261124.csv')}`);
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('番号,区分,人数,お名前,グループ名,地元・地域外,特技,来られる日,電話,緊急連絡先,保険,今日の保険,落選の回数,実際の災害・訓練');
    expect(lines[1]).toBe('1,個人,1,山田太郎,,地元,軽トラック(運転手つき),2026-11-28,090-1234-5678,,天災タイプ(disaster) 2026-11-01加入,対象,0,訓練');
    expect(lines[2]).toContain("'=cmd|evil");
    expect(lines[2]).toContain('未加入,無保険,0,訓練');
    expect(lines[3]).toBe('');

    const local = await get(coordinator, `/console/disaster/centres/${centreId}/pool.csv?origin=local`);
    expect(local.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    const exports = await audits('disaster.pool.export');
    expect(exports.map((e) => JSON.parse(e.detail!))).toEqual([
      { rows: 2, drill: true },
      { rows: 1, drill: true },
    ]);
  });
});

describe('the reception poster', () => {
  test('carries the LINE link with the check-in message, a QR code of exactly that link, and the code in large letters', async () => {
    const { coordinator, centreId } = await openCentre(t);
    const d = await day(centreId, 'QRTU4679');
    const res = await get(coordinator, `/console/disaster/days/${d.id}/poster`);
    expect(res.statusCode).toBe(200);
    const link = `https://line.me/R/oaMessage/${encodeURIComponent('@tsunagu-demo')}/?${encodeURIComponent('受付 QRTU4679')}`;
    expect(link).toBe('https://line.me/R/oaMessage/%40tsunagu-demo/?%E5%8F%97%E4%BB%98%20QRTU4679');
    expect(res.body).toContain(`<span id="check-in-link">${link}</span>`);
    expect(res.body).toContain('<span id="check-in-code">QRTU4679</span>');
    expect(res.body).toContain('<span class="poster-code-word">受付</span>');
    const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    expect(res.body).toContain(svg);
    expect(res.body).toContain('/console/assets/disaster-print.css');
    expect(res.body).not.toContain('poster-drill');
    const css = await t.app.server.inject({ method: 'GET', url: '/console/assets/disaster-print.css' });
    expect(css.body).toContain('@media print');
  });

  test('of a drill says 訓練 in large letters', async () => {
    const { coordinator, centreId } = await openCentre(t, { drill: true });
    const d = await day(centreId);
    const res = await get(coordinator, `/console/disaster/days/${d.id}/poster`);
    expect(res.body).toContain('<p class="poster-drill">訓練</p>');
  });
});

describe('reception', () => {
  async function receptionDay(o: { walkIns?: boolean; drill?: boolean } = {}) {
    const { coordinator, centreId } = await openCentre(t, { drill: o.drill });
    if (o.walkIns) await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/options`, [['walkIns', 'on']]);
    const d = await day(centreId);
    const came = await poolMember(t.db, centreId, { name: '到着済み' });
    const noPhone = await poolMember(t.db, centreId, { name: '電話なしの人', phone: null });
    const unconfirmed = await poolMember(t.db, centreId, { name: '返事なしの人', cover: null });
    const waiting = await poolMember(t.db, centreId, { name: '待っている人' });
    const stranger = await poolMember(t.db, centreId, { name: '申し込んでいない人' });
    const a = {
      came: await placed(d.id, came.memberId, 'reconfirmed', 1, new Date('2026-11-24T08:45:00+09:00')),
      noPhone: await placed(d.id, noPhone.memberId, 'reconfirmed', 2),
      unconfirmed: await placed(d.id, unconfirmed.memberId, 'chosen', 3),
      waiting: await placed(d.id, waiting.memberId, 'waitlisted', 4),
    };
    return { coordinator, centreId, dayId: d.id, a, stranger };
  }

  test('shows expected, arrived and missing with flags (無保険, 未確認), polls the same as JSON, and audits the opening', async () => {
    const { coordinator, dayId } = await receptionDay();
    const page = await get(coordinator, `/console/disaster/days/${dayId}/reception`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong data-count="expected">3</strong>');
    expect(page.body).toContain('<strong data-count="arrived">1</strong>');
    expect(page.body).toContain('<strong data-count="missing">2</strong>');
    expect(page.body).toContain('<strong data-count="walkIns">0</strong>');
    const row = (name: string) => page.body.split('<tr>').find((r) => r.includes(name)) ?? '';
    expect(row('到着済み')).toContain('11/24(火) 08:45(LINE)');
    expect(row('到着済み')).not.toContain('受付する');
    expect(row('返事なしの人')).toContain('無保険');
    expect(row('返事なしの人')).toContain('未確認(再確認の返事なし)');
    expect(row('電話なしの人')).toContain('未到着');
    expect(row('電話なしの人')).toContain('電話なしの人さんを受付する');
    expect(page.body).not.toContain('待っている人');
    expect(page.body).toContain('/console/assets/disaster-reception.js');
    expect(await audits('disaster.reception.view')).toHaveLength(1);

    // The LINE side checks someone in: the polled rows show it.
    await t.db.dayApplication.updateMany({ where: { status: 'chosen' }, data: { checkedInAt: new Date('2026-11-24T09:05:00+09:00'), checkedInBy: 'line' } });
    const rows = await t.app.server.inject({ method: 'GET', url: `/console/disaster/days/${dayId}/reception/rows`, headers: { cookie: coordinator.cookie, accept: 'application/json', 'x-console-poll': '1' } });
    expect(rows.statusCode).toBe(200);
    const data = rows.json() as { counts: Record<string, number>; expected: Array<{ name: string; arrived: string | null; by: string | null; flags: string[]; canCheckIn: boolean }> };
    expect(data.counts).toEqual({ expected: 3, arrived: 2, missing: 1, walkIns: 0 });
    expect(data.expected.find((r) => r.name === '返事なしの人')).toMatchObject({ arrived: '11/24(火) 09:05', by: 'LINE', canCheckIn: false });
    expect(page.body).toContain('/console/assets/disaster-live.js');
    const script = await t.app.server.inject({ method: 'GET', url: '/console/assets/disaster-live.js' });
    expect(script.body).toContain("'x-console-poll': '1'");
  });

  test('staff check in by name someone without a phone: desk, audited, once', async () => {
    const { coordinator, dayId, a } = await receptionDay();
    const res = await postForm(t.app.server, coordinator, `/console/disaster/days/${dayId}/check-in`, [['applicationId', a.noPhone.id]]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/disaster/days/${dayId}/reception?done=in`);
    expect(await t.db.dayApplication.findUniqueOrThrow({ where: { id: a.noPhone.id } })).toMatchObject({ status: 'reconfirmed', checkedInAt: t.clock.now(), checkedInBy: 'desk' });
    const [row] = await audits('disaster.checkIn.desk');
    expect(row).toMatchObject({ staffId: coordinator.member.id, subjectId: a.noPhone.id });
    expect(JSON.parse(row!.detail!)).toMatchObject({ dayId, status: 'reconfirmed', walkIn: false });

    const again = await postForm(t.app.server, coordinator, `/console/disaster/days/${dayId}/check-in`, [['applicationId', a.noPhone.id]]);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('もう受付が済んでいます');
    expect(await audits('disaster.checkIn.desk')).toHaveLength(1);
    const page = await get(coordinator, `/console/disaster/days/${dayId}/reception?done=in`);
    expect(page.body).toContain('受付しました');
    expect(page.body.split('<tr>').find((r) => r.includes('電話なしの人'))).toContain('(窓口)');
  });

  test('walk-ins only where the centre takes them: a waiting applicant or a member who never applied, found by name', async () => {
    const refusedDay = await receptionDay();
    const refused = await postForm(t.app.server, refusedDay.coordinator, `/console/disaster/days/${refusedDay.dayId}/check-in`, [['applicationId', refusedDay.a.waiting.id]]);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('当日参加を受け付けていません');
    expect((await t.db.dayApplication.findUniqueOrThrow({ where: { id: refusedDay.a.waiting.id } })).status).toBe('waitlisted');
    const page = await get(refusedDay.coordinator, `/console/disaster/days/${refusedDay.dayId}/reception?q=待って`);
    expect(page.body).toContain('このセンターは当日参加を受け付けていません');
  });

  test('with walk-ins on, staff find a member by name and check them in as a walk-in (audited), counted apart from the places', async () => {
    const { coordinator, dayId, a, stranger } = await receptionDay({ walkIns: true });
    const search = await get(coordinator, `/console/disaster/days/${dayId}/reception?q=${encodeURIComponent('申し込んで')}`);
    expect(search.body).toContain('申し込んでいない人さんを当日参加で受付する');
    expect(search.body).toContain(`name="memberId" value="${stranger.memberId}"`);
    // Those already expected are on the list itself, not among the search results.
    const expected = await get(coordinator, `/console/disaster/days/${dayId}/reception?q=${encodeURIComponent('電話なし')}`);
    expect(expected.body).not.toContain('電話なしの人さんを当日参加で受付する');

    expect((await postForm(t.app.server, coordinator, `/console/disaster/days/${dayId}/check-in`, [['memberId', stranger.memberId]])).headers.location).toBe(`/console/disaster/days/${dayId}/reception?done=walkIn`);
    expect((await postForm(t.app.server, coordinator, `/console/disaster/days/${dayId}/check-in`, [['applicationId', a.waiting.id]])).statusCode).toBe(303);
    const walkIns = await t.db.dayApplication.findMany({ where: { dayId, status: 'walkIn' } });
    expect(walkIns).toHaveLength(2);
    expect(walkIns.every((w) => w.checkedInBy === 'desk' && w.checkedInAt !== null)).toBe(true);
    expect((await audits('disaster.checkIn.desk')).map((r) => JSON.parse(r.detail!).walkIn)).toEqual([true, true]);
    // The same member twice: refused.
    expect((await postForm(t.app.server, coordinator, `/console/disaster/days/${dayId}/check-in`, [['memberId', stranger.memberId]])).statusCode).toBe(409);
    const page = await get(coordinator, `/console/disaster/days/${dayId}/reception`);
    expect(page.body).toContain('<strong data-count="walkIns">2</strong>');
    expect(page.body).toContain('<strong data-count="expected">3</strong>');
  });

  test('prints a day list of those with a place and the walk-ins, with phones and flags; audited', async () => {
    const { coordinator, dayId } = await receptionDay({ drill: true });
    const res = await get(coordinator, `/console/disaster/days/${dayId}/list`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>当日の名簿 11月24日(火)(【訓練】令和8年11月 大雨災害)</h1>');
    expect(res.body).toContain('到着済み');
    expect(res.body).toContain('090-1234-5678');
    expect(res.body).toContain('未加入・無保険・未確認(再確認の返事なし)');
    expect(res.body).not.toContain('待っている人');
    expect(res.body).toContain('id="print-page"');
    expect(await audits('disaster.dayList.view')).toHaveLength(1);
  });
});

describe('the pool in pages', () => {
  test('50 members a page, the oldest registration first; the filter is kept in the links; the counts are of every match', async () => {
    const { centreId, coordinator } = await openCentre(t);
    for (let i = 0; i < 64; i++) await poolMember(t.db, centreId, { name: `登録者${String(i).padStart(2, '0')}`, origin: i % 8 === 0 ? 'outside' : 'local' });
    const first = await get(coordinator, `/console/disaster/centres/${centreId}/pool?origin=local`);
    expect(first.body).toContain('56件中 1–50件');
    expect(first.body).toMatch(/<dt>表示中<\/dt><dd><strong>56件<\/strong>/);
    const next = /href="([^"]+)" rel="next"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    expect(next).toBe(`/console/disaster/centres/${centreId}/pool?origin=local&page=2`);
    const second = await get(coordinator, next);
    expect(second.body).toContain('56件中 51–56件');
    const names = (html: string) => [...html.matchAll(/<td>(登録者\d\d)<\/td>/g)].map((m) => m[1]!);
    const all = [...names(first.body), ...names(second.body)];
    expect(all).toEqual(Array.from({ length: 64 }, (_, i) => i).filter((i) => i % 8 !== 0).map((i) => `登録者${String(i).padStart(2, '0')}`));
  });
});
