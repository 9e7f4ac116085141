// Under test: a disaster centre's needs in the console, on the real app and a temp SQLite file — intake by staff
// (screening shown, duplicates shown before saving, link vs separate, the N- reference), the triage board (by status,
// stale needs counted and highlighted, suspected duplicates, filters), a need's page (audited), status moves
// (allowed and refused; the household's notices to every LINE reporter once, 【訓練】 in a drill), linking a
// suspected duplicate (the emptied need merged and hidden, its LINE sender told), the follow-up job (once per
// completion), the CSV, permissions; 危機介入 handing LINE reporters' threads to staff with an alert (inbox, on-duty
// push row) and the phone-only banner. LINE needs are written straight to the database as the LINE side writes them.
// Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST), LINE (a recording messenger), the menu switch, randomness.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { BOARD_COLUMN_LIMIT } from '../../src/console/disaster/needs-views';
import { boardOrder, type NeedFlag, type NeedPriority } from '../../src/domain/disaster/needs';
import { followUpNeeds } from '../../src/usecases/disaster/follow-up-needs';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { createDisasterApp, openCentre, type DisasterTestApp } from '../helpers/disaster';
import { seedCentre } from '../helpers/disaster-centre';
import { intakeFields, lineResident, needNoticesQueued, needsJobDeps, seedNeed } from '../helpers/disaster-needs';

let t: DisasterTestApp;

beforeEach(async () => {
  t = await createDisasterApp();
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const audits = (action: string) => t.db.auditLog.findMany({ where: { action }, orderBy: { at: 'asc' } });
const needs = (centreId: string) => t.db.need.findMany({ where: { centreId }, include: { reports: true, events: true }, orderBy: { createdAt: 'asc' } });
/** A status move through the need's page, a minute after the last one (so the notices are queued in order). */
function move(login: ConsoleLogin, needId: string, from: string, to: string, extra: Record<string, string> = {}) {
  t.clock.advance(60_000);
  return postForm(t.app.server, login, `/console/disaster/needs/${needId}/status`, { from, to, ...extra });
}

describe('intake in the console', () => {
  test('a counsellor takes a phone need: saved as received with its report, event and audit row; the N- reference and the screening shown', async () => {
    const { centreId } = await openCentre(t);
    const counsellor = await loginAs(t.app, 'counsellor');
    const form = await get(counsellor, `/console/disaster/centres/${centreId}/needs/new`);
    expect(form.statusCode).toBe(200);
    for (const label of ['受付方法', '依頼した人', '代わりに依頼した人の名前(本人以外のとき)', '現地調査', '屋根の上の作業']) expect(form.body).toContain(label);
    const res = await postForm(t.app.server, counsellor, `/console/disaster/centres/${centreId}/needs`, intakeFields({ notes: '屋根の瓦が落ちて、泥も入りました' }));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    const [need] = await needs(centreId);
    expect(need).toMatchObject({ status: 'received', householdName: '山田 花子', phone: '09011112222', phoneKey: '09011112222', surveyDecision: 'needed', districtCode: 'kaigan', contactMethod: 'phone' });
    expect(need!.referenceNo).toMatch(/^N-261124-[A-Z0-9]{4}$/);
    expect(JSON.parse(need!.screening)).toEqual(['roof']);
    expect(JSON.parse(need!.flags)).toEqual(['vulnerable']);
    expect(need!.reports).toHaveLength(1);
    expect(need!.reports[0]).toMatchObject({ channel: 'phone', relation: 'self', staffId: counsellor.member.id, residentId: null });
    expect(need!.reports[0]!.reviewedAt).not.toBeNull();
    expect(need!.events.map((e) => [e.kind, e.to])).toEqual([['status', 'received']]);
    expect(await audits('disaster.need.create')).toHaveLength(1);
    const saved = await get(counsellor, String(res.headers.location));
    expect(saved.body).toContain(need!.referenceNo);
    expect(saved.body).toContain('屋根の工事は、工務店や屋根の業者にご相談ください');
    // A counsellor takes needs but does not triage them.
    expect(saved.body).not.toContain('ニーズの画面を開く');
  });

  test('a proxy must give their name; problems are told in Japanese and nothing is saved', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const res = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/needs`, intakeFields({ relation: 'neighbour' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('代わりに依頼した人の名前を入力してください');
    const noWork = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/needs`, intakeFields({ work: [] }));
    expect(noWork.body).toContain('依頼内容を1つ以上選んでください');
    expect(await t.db.need.count()).toBe(0);
  });

  test('no running centre: the nav entry says so; a closed centre takes no need; a drill\'s form says 訓練', async () => {
    const counsellor = await loginAs(t.app, 'counsellor');
    const none = await get(counsellor, '/console/disaster/needs');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('いま開設中の災害ボランティアセンターはありません');
    const { centreId: closed } = await seedCentre(t.db, { status: 'closed' });
    const refused = await postForm(t.app.server, counsellor, `/console/disaster/centres/${closed}/needs`, intakeFields());
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('このセンターは終了しています');
    expect(await t.db.need.count()).toBe(0);
    const { centreId: drill } = await seedCentre(t.db, { drill: true });
    const form = await get(counsellor, `/console/disaster/centres/${drill}/needs/new`);
    expect(form.body).toContain('【訓練】');
    expect(form.body).toContain('訓練のセンターです');
  });

  test('likely duplicates are shown before saving (reference, address, status, reasons); nothing is saved until staff decide', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const first = await seedNeed(t.db, centreId, { phone: '09011112222', address: '別の住所', status: 'coordinating' });
    const res = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/needs`, intakeFields());
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('同じ世帯かもしれないニーズがあります');
    expect(res.body).toContain(first.referenceNo);
    expect(res.body).toContain('同じ電話番号');
    expect(res.body).toContain('調整中');
    expect(res.body).toContain('別の住所');
    expect(await t.db.need.count()).toBe(1);
  });

  test('linking adds a report to the existing need (a link event, no new need); confirming separate saves a new need with its suspects reviewed', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const first = await seedNeed(t.db, centreId, { phone: '09011112222' });
    const linked = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/needs`, [...intakeFields({ relation: 'family', reporterName: '山田 一郎' }), ['decision', `link:${first.id}`]]);
    expect(linked.statusCode).toBe(303);
    expect(String(linked.headers.location)).toContain('linked=1');
    let all = await needs(centreId);
    expect(all).toHaveLength(1);
    expect(all[0]!.reports).toHaveLength(2);
    expect(all[0]!.reports[1]).toMatchObject({ channel: 'phone', relation: 'family', reporterName: '山田 一郎' });
    expect(all[0]!.events.map((e) => e.kind)).toEqual(['link']);
    expect(await audits('disaster.need.link')).toHaveLength(1);
    expect((await get(coordinator, String(linked.headers.location))).body).toContain(`同じ世帯のニーズ <strong>${first.referenceNo}</strong> に報告をまとめました`);

    const separate = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/needs`, [...intakeFields(), ['decision', 'separate']]);
    expect(separate.statusCode).toBe(303);
    all = await needs(centreId);
    expect(all).toHaveLength(2);
    const report = all[1]!.reports[0]!;
    expect(JSON.parse(report.suspects)).toEqual([expect.objectContaining({ needId: first.id, reasons: ['samePhone'] })]);
    expect(report.reviewedAt).not.toBeNull();
  });
});

describe('status moves and the household told', () => {
  test('only allowed moves; a date for 活動予定, reason and referral for 対応不可; each concerning move told to every LINE reporter once', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const a = await lineResident(t.db);
    const b = await lineResident(t.db, 'en');
    const need = await seedNeed(t.db, centreId, { reporters: [a, b, a, null] });
    expect((await move(coordinator, need.id, 'received', 'done')).statusCode).toBe(400);
    expect((await move(coordinator, need.id, 'received', 'scheduled')).body).toContain('活動日を入力してください');
    expect((await t.db.need.findUniqueOrThrow({ where: { id: need.id } })).status).toBe('received');

    expect((await move(coordinator, need.id, 'received', 'surveying')).statusCode).toBe(303);
    let sent = await needNoticesQueued(t.db);
    expect(sent.map((n) => n.to).sort()).toEqual([[a], [b]].sort());
    expect(sent[0]!.content.ja).toContain(need.referenceNo);
    expect(sent[0]!.content.ja).toContain('現地の確認に伺います');
    expect(sent[0]!.content.en).toContain('a staff member will come to look');

    expect((await move(coordinator, need.id, 'surveying', 'coordinating')).statusCode).toBe(303);
    expect(await needNoticesQueued(t.db)).toHaveLength(2);
    // A stale view of the status is refused.
    expect((await move(coordinator, need.id, 'surveying', 'scheduled', { scheduledOn: '2026-11-28' })).statusCode).toBe(409);

    expect((await move(coordinator, need.id, 'coordinating', 'scheduled', { scheduledOn: '2026-11-28' })).statusCode).toBe(303);
    expect((await move(coordinator, need.id, 'scheduled', 'active')).statusCode).toBe(303);
    sent = await needNoticesQueued(t.db);
    expect(sent).toHaveLength(6);
    expect(sent[2]!.content.ja).toContain('11月28日');
    expect(sent[4]!.content.ja).toContain('ボランティアのチームがお宅に向かっています');

    expect((await move(coordinator, need.id, 'active', 'impossible', { reason: '2階の作業' })).body).toContain('紹介先');
    expect((await move(coordinator, need.id, 'active', 'impossible', { reason: '2階の作業のため', referral: '市の住宅相談窓口' })).statusCode).toBe(303);
    sent = await needNoticesQueued(t.db);
    expect(sent).toHaveLength(8);
    expect(sent[6]!.content.ja).toContain('2階の作業のため');
    expect(sent[6]!.content.ja).toContain('市の住宅相談窓口');
    const row = await t.db.need.findUniqueOrThrow({ where: { id: need.id }, include: { events: true } });
    expect(row).toMatchObject({ status: 'impossible', closedReason: '2階の作業のため', referral: '市の住宅相談窓口', scheduledOn: '2026-11-28' });
    expect(row.events.filter((e) => e.kind === 'status').map((e) => e.to)).toEqual(['surveying', 'coordinating', 'scheduled', 'active', 'impossible']);
    const moves = await audits('disaster.need.status');
    expect(moves.map((m) => JSON.parse(m.detail!).told)).toEqual([2, 0, 2, 2, 2]);
  });

  test('a visit called off is told as postponed and its date cleared; a need closed by mistake reopens as received', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const a = await lineResident(t.db, 'ja-x-easy');
    const need = await seedNeed(t.db, centreId, { status: 'scheduled', reporters: [a] });
    await t.db.need.update({ where: { id: need.id }, data: { scheduledOn: '2026-11-28' } });
    expect((await move(coordinator, need.id, 'scheduled', 'coordinating')).statusCode).toBe(303);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: need.id } })).scheduledOn).toBeNull();
    expect((await move(coordinator, need.id, 'coordinating', 'cancelled', { reason: '連絡がとれない', referral: '社協の窓口' })).statusCode).toBe(303);
    expect((await move(coordinator, need.id, 'cancelled', 'received')).statusCode).toBe(303);
    const sent = await needNoticesQueued(t.db);
    expect(sent.map((n) => n.title.split(':')[0])).toEqual(['ニーズ 予定の取りやめ', 'ニーズ 取消', 'ニーズ 受付']);
    expect(sent[0]!.content['ja-x-easy']).toContain('よていの さぎょうが なくなりました');
    expect((await t.db.need.findUniqueOrThrow({ where: { id: need.id } })).closedReason).toBeNull();
  });

  test('in a drill the notices are marked 【訓練】 and the pages say 訓練', async () => {
    const { centreId, coordinator } = await openCentre(t, { drill: true });
    const a = await lineResident(t.db);
    const need = await seedNeed(t.db, centreId, { reporters: [a] });
    await move(coordinator, need.id, 'received', 'surveying');
    const [n] = await needNoticesQueued(t.db);
    expect(n!.content.ja.startsWith('【訓練】')).toBe(true);
    expect(n!.title.startsWith('【訓練】')).toBe(true);
    expect((await get(coordinator, `/console/disaster/centres/${centreId}/needs`)).body).toContain('【訓練】');
    expect((await get(coordinator, `/console/disaster/needs/${need.id}`)).body).toContain('訓練のニーズです');
  });
});

describe('suspected duplicates from LINE', () => {
  test('the board flags 重複の疑い; linking moves the report, hides the emptied need and tells its LINE sender the existing reference and status', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const neighbour = await lineResident(t.db);
    const existing = await seedNeed(t.db, centreId, { status: 'scheduled' });
    const dup = await seedNeed(t.db, centreId, { reporters: [neighbour], suspects: [{ needId: existing.id, referenceNo: existing.referenceNo, reasons: ['sameAddress'] }] });
    const board = await get(coordinator, `/console/disaster/centres/${centreId}/needs`);
    expect(board.body).toContain('重複の疑い');
    const page = await get(coordinator, `/console/disaster/needs/${dup.id}`);
    expect(page.body).toContain(`${existing.referenceNo} にまとめる`);
    expect(page.body).toContain('同じ住所');
    const res = await postForm(t.app.server, coordinator, `/console/disaster/needs/${dup.id}/reports`, { reportId: dup.reportIds[0]!, into: existing.id });
    expect(res.statusCode).toBe(303);
    const emptied = await t.db.need.findUniqueOrThrow({ where: { id: dup.id } });
    expect(emptied.mergedIntoId).toBe(existing.id);
    expect(await t.db.needReport.count({ where: { needId: existing.id } })).toBe(2);
    const [told] = await needNoticesQueued(t.db);
    expect(told!.to).toEqual([neighbour]);
    expect(told!.content.ja).toContain(existing.referenceNo);
    expect(told!.content.ja).toContain('活動日が決まっています');
    const after = await get(coordinator, `/console/disaster/centres/${centreId}/needs`);
    expect(after.body).not.toContain(dup.referenceNo);
    expect(await audits('disaster.need.link')).toHaveLength(1);
  });

  test('confirming separate marks the report reviewed; nothing is merged or sent', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const existing = await seedNeed(t.db, centreId);
    const dup = await seedNeed(t.db, centreId, { reporters: [await lineResident(t.db)], suspects: [{ needId: existing.id, referenceNo: existing.referenceNo, reasons: ['nearby'] }] });
    const res = await postForm(t.app.server, coordinator, `/console/disaster/needs/${dup.id}/reports`, { reportId: dup.reportIds[0]!, decision: 'separate' });
    expect(res.statusCode).toBe(303);
    expect((await t.db.needReport.findUniqueOrThrow({ where: { id: dup.reportIds[0]! } })).reviewedAt).not.toBeNull();
    expect((await t.db.need.findUniqueOrThrow({ where: { id: dup.id } })).mergedIntoId).toBeNull();
    expect(await needNoticesQueued(t.db)).toHaveLength(0);
    expect(await audits('disaster.need.separate')).toHaveLength(1);
  });
});

describe('the follow-up after 完了', () => {
  test('asked once per completion, with the three answers, to every LINE reporter', async () => {
    const { centreId } = await openCentre(t);
    const a = await lineResident(t.db);
    const done = await seedNeed(t.db, centreId, { status: 'done', statusSince: new Date('2026-11-16T10:00:00+09:00'), reporters: [a, a] });
    await seedNeed(t.db, centreId, { status: 'done', statusSince: new Date('2026-11-20T10:00:00+09:00'), reporters: [await lineResident(t.db)] });
    const deps = needsJobDeps(t);
    expect(await followUpNeeds(deps, t.clock.now())).toBe(1);
    expect(await followUpNeeds(deps, t.clock.now())).toBe(0);
    const sent = await needNoticesQueued(t.db);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toEqual([a]);
    expect(sent[0]!.content.actions!.map((x) => x.data)).toEqual([`dn=more&n=${done.id}`, `dn=fine&n=${done.id}`, `dn=talk&n=${done.id}`]);
    for (const x of sent[0]!.content.actions!) for (const label of Object.values(x.label)) expect([...label].length).toBeLessThanOrEqual(20);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: done.id } })).followedUpAt).toEqual(t.clock.now());
    expect(await audits('disaster.need.followUp')).toHaveLength(1);
    // Reopened by the answer and done again: asked again once, some days after the new completion.
    await t.db.need.update({ where: { id: done.id }, data: { status: 'done', statusSince: new Date('2026-11-25T10:00:00+09:00') } });
    // (The other need, done on the 20th, is due by now: it is asked on its own.)
    expect(await followUpNeeds(deps, new Date('2026-11-30T10:00:00+09:00'))).toBe(1);
    expect(await followUpNeeds(deps, new Date('2026-12-02T10:00:00+09:00'))).toBe(1);
    expect(await followUpNeeds(deps, new Date('2026-12-02T10:01:00+09:00'))).toBe(0);
  });
});

describe('the triage board', () => {
  test('groups by status, counts and highlights stale needs, filters by district, status, work and flag; each opening audited', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const stale = await seedNeed(t.db, centreId, { status: 'coordinating', statusSince: new Date('2026-11-22T09:00:00+09:00'), work: ['furniture'] });
    const fresh = await seedNeed(t.db, centreId, { status: 'coordinating', statusSince: new Date('2026-11-24T09:00:00+09:00'), district: 'shiomidai', flags: ['crisis'] });
    const board = await get(coordinator, `/console/disaster/centres/${centreId}/needs`);
    expect(board.statusCode).toBe(200);
    expect(board.body).toMatch(/id="stale-count">1件/);
    expect(board.body).toMatch(new RegExp(`class="need-stale[^"]*" data-ref="${stale.referenceNo}"`));
    expect(board.body).toContain('調整中(2件)');
    expect(board.body).toContain('危機介入');
    const q = async (query: string) => (await get(coordinator, `/console/disaster/centres/${centreId}/needs?${query}`)).body;
    const byDistrict = await q('district=shiomidai');
    expect(byDistrict).toContain(fresh.referenceNo);
    expect(byDistrict).not.toContain(stale.referenceNo);
    expect(await q('work=furniture')).not.toContain(fresh.referenceNo);
    expect(await q('flag=crisis')).not.toContain(`data-ref="${stale.referenceNo}"`);
    expect(await q('flag=stale')).not.toContain(`data-ref="${fresh.referenceNo}"`);
    expect(await q('status=received')).not.toContain(`data-ref="${fresh.referenceNo}"`);
    expect(await audits('disaster.needs.view')).toHaveLength(6);
  });

  test('the CSV: BOM, statuses in Japanese, formula guard, drills named apart; audited', async () => {
    const { centreId, coordinator } = await openCentre(t, { drill: true });
    await seedNeed(t.db, centreId, { status: 'scheduled', householdName: '=HYPERLINK("x")' });
    const res = await get(coordinator, `/console/disaster/centres/${centreId}/needs.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('\uFEFF区分,受付番号,状態')).toBe(true);
    expect(res.body).toContain('訓練,N-261124-');
    expect(res.body).toContain('活動予定');
    expect(res.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(String(res.headers['content-disposition'])).toContain('drill-needs.csv');
    expect(await audits('disaster.needs.export')).toHaveLength(1);
  });

  test('a need page shows reports (a LINE reporter\'s thread linked), location as text with a map link, history and audit; its opening is audited', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const a = await lineResident(t.db);
    const need = await seedNeed(t.db, centreId, { reporters: [a, null] });
    await t.db.need.update({ where: { id: need.id }, data: { latitude: 35.1, longitude: 139.2 } });
    const at = t.clock.now();
    const thread = await t.db.conversation.create({ data: { residentId: a, owner: 'bot', openedAt: at, lastMessageAt: at } });
    await postForm(t.app.server, coordinator, `/console/disaster/needs/${need.id}/triage`, { what: 'priority', priority: 'high' });
    await postForm(t.app.server, coordinator, `/console/disaster/needs/${need.id}/triage`, [['what', 'flags'], ['flags', 'crisis'], ['flags', 'watch']]);
    const page = await get(coordinator, `/console/disaster/needs/${need.id}`);
    expect(page.body).toContain('緯度 35.100000、経度 139.200000');
    expect(page.body).toContain('https://www.openstreetmap.org/?mlat=35.100000&amp;mlon=139.200000');
    expect(page.body).toContain('泥をかき出してほしい');
    expect(page.body).toContain('中 → 高');
    expect(page.body).toContain('need-crisis-banner');
    // The LINE reporter's thread with staff is a click away (a crisis is handled there, by the consultation team).
    expect(page.body.match(/この人とのLINEの会話を開く/g)).toHaveLength(1);
    expect(page.body).toContain(`/console/threads/${thread.id}`);
    expect(JSON.parse((await t.db.need.findUniqueOrThrow({ where: { id: need.id } })).flags)).toEqual(['crisis', 'watch']);
    expect(await audits('disaster.need.change')).toHaveLength(2);
    expect(await audits('disaster.need.view')).toHaveLength(1);
  });

  test('counsellors take needs but may not open the board, a need or the CSV', async () => {
    const { centreId } = await openCentre(t);
    const need = await seedNeed(t.db, centreId);
    const counsellor = await loginAs(t.app, 'counsellor');
    expect((await get(counsellor, `/console/disaster/centres/${centreId}/needs`)).statusCode).toBe(403);
    expect((await get(counsellor, `/console/disaster/needs/${need.id}`)).statusCode).toBe(403);
    expect((await get(counsellor, `/console/disaster/centres/${centreId}/needs.csv`)).statusCode).toBe(403);
    const nav = await get(counsellor, '/console/disaster/needs');
    expect(nav.statusCode).toBe(303);
    expect(nav.headers.location).toBe(`/console/disaster/centres/${centreId}/needs/new`);
  });
});

describe('the triage board, filtered and cut in the database', () => {
  /** The needs listed in a page's section of one status, in the page's order. */
  const listed = (html: string, status?: string) => {
    const part = status ? html.slice(html.indexOf(`id="group-${status}"`), html.indexOf('</section>', html.indexOf(`id="group-${status}"`))) : html;
    return [...part.matchAll(/data-ref="([^"]+)"/g)].map((m) => m[1]!);
  };
  /** The reference numbers in a CSV download (second column). */
  const csvRefs = (csv: string) => csv.slice(1).split('\r\n').slice(1).filter(Boolean).map((line) => line.split(',')[1]!);

  test('a status with more needs than the column limit shows the limit in board order, the total and a link to that status alone', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const count = BOARD_COLUMN_LIMIT + 5;
    const seeded: Array<{ id: string; referenceNo: string; flags: NeedFlag[]; priority: NeedPriority; statusSince: Date; createdAt: Date }> = [];
    for (let i = 0; i < count; i++) {
      // Mixed priorities and waits; the two crisis needs are the newest, so only the board's order puts them in.
      const flags: NeedFlag[] = i >= count - 2 ? ['crisis'] : [];
      const priority: NeedPriority = i % 7 === 0 ? 'high' : i % 3 === 0 ? 'low' : 'medium';
      const statusSince = new Date(Date.parse('2026-11-24T09:30:00+09:00') - ((i * 37) % 60) * 60_000);
      const n = await seedNeed(t.db, centreId, { flags, priority, statusSince });
      seeded.push({ ...n, flags, priority, statusSince, createdAt: statusSince });
    }
    await seedNeed(t.db, centreId, { status: 'coordinating' });
    const board = await get(coordinator, `/console/disaster/centres/${centreId}/needs`);
    expect(board.body).toContain(`受付(${count}件)`);
    const expected = [...seeded].sort(boardOrder).map((n) => n.referenceNo);
    expect(listed(board.body, 'received')).toEqual(expected.slice(0, BOARD_COLUMN_LIMIT));
    expect(expected.slice(0, 2)).toEqual(seeded.slice(-2).map((n) => n.referenceNo));
    expect(board.body).toContain(`この状態のニーズ${count}件のうち、先頭の${BOARD_COLUMN_LIMIT}件だけを表示しています(残り5件)`);
    expect(board.body).toContain(`href="/console/disaster/centres/${centreId}/needs?status=received">「受付」だけを表示する(500件まで)</a>`);
    // A column under the limit has no such note.
    expect(board.body.match(/class="hint need-more"/g)).toHaveLength(1);
    expect(board.body).toContain(`id="shown-count">${BOARD_COLUMN_LIMIT + 1}件`);

    const alone = await get(coordinator, `/console/disaster/centres/${centreId}/needs?status=received`);
    expect(listed(alone.body, 'received')).toEqual(expected);
    expect(alone.body).not.toContain('need-more');
    expect(alone.body).toContain(`受付(${count}件)`);
    expect(alone.body).toContain('調整中(0件)');
    // The header still counts the whole centre.
    expect(alone.body).toContain(`ニーズ(センター全体)</dt><dd><strong>${count + 1}件`);
    expect(alone.body).toContain(`状態ごとの件数(センター全体):受付 ${count}件・現地調査 0件・調整中 1件・`);
    expect(alone.body).toContain(`id="matched-count">${count}件`);
  });

  test('each filter, done in the database, lists exactly its needs on the board and in the CSV; merged needs and other centres never', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const longAgo = new Date('2026-11-22T09:00:00+09:00'); // 49 hours before the clock: stale at 48
    const justNow = new Date('2026-11-22T10:00:00+09:00'); // exactly 48 hours: not yet stale
    const a = await seedNeed(t.db, centreId, { work: ['mud'] });
    const b = await seedNeed(t.db, centreId, { status: 'coordinating', statusSince: longAgo, district: 'shiomidai', work: ['furniture', 'mud'], flags: ['watch'] });
    const c = await seedNeed(t.db, centreId, { status: 'coordinating', district: 'shiomidai', work: ['furniture'], flags: ['crisis'] });
    const d = await seedNeed(t.db, centreId, { status: 'scheduled', work: ['other'], flags: ['vulnerable', 'crisis'], suspects: [{ needId: a.id, referenceNo: a.referenceNo, reasons: ['sameAddress'] }] });
    const e = await seedNeed(t.db, centreId, { work: ['garbage'], suspects: [{ needId: a.id, referenceNo: a.referenceNo, reasons: ['nearby'] }] });
    await t.db.needReport.updateMany({ where: { needId: e.id }, data: { reviewedAt: t.clock.now() } });
    const h = await seedNeed(t.db, centreId, { status: 'coordinating', statusSince: justNow, work: ['transport'], flags: ['locationUnknown'] });
    const done = await seedNeed(t.db, centreId, { status: 'done', district: null, work: ['cleaning'], flags: ['crisis', 'duplicate'] });
    // Merged into another need, and a need of another centre: both match every filter below, and neither shows.
    const merged = await seedNeed(t.db, centreId, { status: 'coordinating', statusSince: longAgo, work: ['mud', 'furniture', 'other'], flags: ['crisis', 'watch'], suspects: [{ needId: a.id, referenceNo: a.referenceNo, reasons: ['samePhone'] }] });
    await t.db.need.update({ where: { id: merged.id }, data: { mergedIntoId: a.id } });
    const { centreId: other } = await seedCentre(t.db);
    const elsewhere = await seedNeed(t.db, other, { status: 'coordinating', statusSince: longAgo, work: ['mud', 'furniture', 'other'], flags: ['crisis', 'watch'], suspects: [{ needId: a.id, referenceNo: a.referenceNo, reasons: ['samePhone'] }] });

    const cases: Array<[string, Array<{ referenceNo: string }>]> = [
      ['', [a, b, c, d, e, h, done]],
      ['district=kaigan', [a, d, e, h]],
      ['district=shiomidai', [b, c]],
      ['status=coordinating', [b, c, h]],
      ['status=received', [a, e]],
      ['work=mud', [a, b]],
      ['work=furniture', [b, c]],
      ['work=other', [d]],
      ['flag=crisis', [c, d, done]],
      ['flag=watch', [b]],
      ['flag=duplicate', [done]],
      ['flag=suspect', [d]],
      ['flag=stale', [b]],
      ['district=shiomidai&status=coordinating&flag=crisis', [c]],
      ['district=kaigan&work=mud', [a]],
      ['status=received&flag=stale', []],
    ];
    for (const [query, want] of cases) {
      const page = await get(coordinator, `/console/disaster/centres/${centreId}/needs?${query}`);
      const refs = want.map((n) => n.referenceNo).sort();
      expect(listed(page.body).sort(), query).toEqual(refs);
      if (query) expect(page.body, query).toContain(`id="matched-count">${want.length}件`);
      const csv = await get(coordinator, `/console/disaster/centres/${centreId}/needs.csv?${query}`);
      expect(csvRefs(csv.body).sort(), `CSV ${query}`).toEqual(refs);
    }
    for (const hidden of [merged, elsewhere]) expect(listed((await get(coordinator, `/console/disaster/centres/${centreId}/needs`)).body)).not.toContain(hidden.referenceNo);
  });

  test('while filtered, the header counts the whole centre: total, each status, stale, open crisis, suspected duplicates', async () => {
    const { centreId, coordinator } = await openCentre(t);
    await seedNeed(t.db, centreId, { status: 'coordinating', statusSince: new Date('2026-11-22T09:00:00+09:00'), district: 'shiomidai' });
    await seedNeed(t.db, centreId, { status: 'coordinating', statusSince: new Date('2026-11-21T09:00:00+09:00') });
    await seedNeed(t.db, centreId, { status: 'active', flags: ['crisis'] });
    // A crisis need already done is no longer counted as crisis.
    await seedNeed(t.db, centreId, { status: 'done', flags: ['crisis'] });
    const first = await seedNeed(t.db, centreId);
    await seedNeed(t.db, centreId, { suspects: [{ needId: first.id, referenceNo: first.referenceNo, reasons: ['samePhone'] }] });
    const merged = await seedNeed(t.db, centreId, { status: 'coordinating', statusSince: new Date('2026-11-20T09:00:00+09:00'), flags: ['crisis'], suspects: [{ needId: first.id, referenceNo: first.referenceNo, reasons: ['samePhone'] }] });
    await t.db.need.update({ where: { id: merged.id }, data: { mergedIntoId: first.id } });

    for (const query of ['', '?district=shiomidai', '?flag=watch', '?status=done&work=furniture']) {
      const page = (await get(coordinator, `/console/disaster/centres/${centreId}/needs${query}`)).body;
      expect(page, query).toContain('ニーズ(センター全体)</dt><dd><strong>6件');
      expect(page, query).toMatch(/id="stale-count">2件/);
      expect(page, query).toContain('危機介入</dt><dd><strong>1件');
      expect(page, query).toContain('重複の疑い(未確認)</dt><dd><strong>1件');
      expect(page, query).toContain('状態ごとの件数(センター全体):受付 2件・現地調査 0件・調整中 2件・活動予定 0件・活動中 1件・継続 0件・完了 1件・取消 0件・対応不可 0件');
    }
    const filtered = (await get(coordinator, `/console/disaster/centres/${centreId}/needs?district=shiomidai`)).body;
    expect(filtered).toContain('id="matched-count">1件');
    expect(filtered).toContain('調整中(1件)');
    expect(filtered).toContain('受付(0件)');
  });
});

describe('危機介入: the household handed to the consultation team', () => {
  const flags = (login: ConsoleLogin, needId: string, set: string[]) => {
    t.clock.advance(60_000);
    return postForm(t.app.server, login, `/console/disaster/needs/${needId}/triage`, [['what', 'flags'], ...set.map((f): [string, string] => ['flags', f])]);
  };
  const threadsOf = (residentId: string) => t.db.conversation.findMany({ where: { residentId }, include: { alerts: true, messages: true }, orderBy: { openedAt: 'asc' } });

  test('two LINE reporters: one new waiting urgent thread, one open thread reused, one alert each, in the urgent inbox; set again or cleared, nothing more and nothing closed', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const onDuty = `U${'d'.repeat(32)}`;
    t.app.deps.profile.consultation.onDutyLineUserIds.push(onDuty);
    try {
      const a = await lineResident(t.db);
      const b = await lineResident(t.db);
      // b reported twice (a linked duplicate) and already talks with the bot in an open thread.
      const need = await seedNeed(t.db, centreId, { reporters: [a, b, b, null] });
      const at = t.clock.now();
      const existing = await t.db.conversation.create({ data: { residentId: b, owner: 'bot', openedAt: at, lastMessageAt: at } });

      expect((await flags(coordinator, need.id, ['crisis'])).statusCode).toBe(303);
      const [ta] = await threadsOf(a);
      expect(await threadsOf(a)).toHaveLength(1);
      expect(ta).toMatchObject({ owner: 'waiting', urgent: true });
      expect(ta!.waitingSince).toEqual(t.clock.now());
      const tb = await threadsOf(b);
      expect(tb).toHaveLength(1);
      expect(tb[0]).toMatchObject({ id: existing.id, owner: 'waiting', urgent: true });
      for (const th of [ta!, tb[0]!]) {
        expect(th.alerts).toHaveLength(1);
        expect(th.alerts[0]).toMatchObject({ category: 'crisis', acknowledgedAt: null, eventId: null });
        expect(th.messages.map((m) => [m.direction, m.text])).toEqual([['system', `災害ニーズ ${need.referenceNo} に危機介入のフラグが付きました。`]]);
      }
      // On-duty staff get the urgent push once (a safety row, sent first by the outbox); the residents get nothing.
      const pushes = await t.db.outboundMessage.findMany();
      expect(pushes.map((p) => [p.lineUserId, p.safety])).toEqual([[onDuty, true]]);
      expect(pushes[0]!.messages).toContain('受信箱(緊急)');
      expect((await audits('alert.raise')).map((r) => r.subjectId).sort()).toEqual([ta!.id, existing.id].sort());
      const [crisisAudit] = await audits('disaster.need.crisis');
      expect(JSON.parse(crisisAudit!.detail!)).toMatchObject({ opened: 1, lineReporters: 2 });
      const events = await t.db.needEvent.findMany({ where: { needId: need.id, kind: 'note' } });
      expect(events.map((e) => e.note)).toEqual([expect.stringContaining('2人の相談の会話を受信箱(緊急)に回しました')]);

      // The urgent inbox lists both with their unacknowledged alert, as a danger message's thread; no safety reply is awaited.
      const inbox = await get(coordinator, '/console/inbox?view=urgent');
      for (const id of [ta!.id, existing.id]) expect(inbox.body).toContain(`/console/threads/${id}`);
      expect(inbox.body.match(/未確認の警告 1/g)).toHaveLength(2);
      expect(inbox.body).not.toContain('安全のための返信: 未確認');
      const thread = await get(coordinator, `/console/threads/${ta!.id}`);
      expect(thread.body).toContain('職員が付けた警告:危機介入(職員の判断)');
      expect(thread.body).toContain(`災害ニーズ ${need.referenceNo} に危機介入のフラグが付きました`);
      expect(thread.body).not.toContain('安全のための返信は届いたか');
      // Acknowledged the way a danger message's alert is.
      const ack = await postForm(t.app.server, coordinator, `/console/alerts/${ta!.alerts[0]!.id}/ack`, { threadId: ta!.id });
      expect(ack.statusCode).toBe(303);
      expect((await get(coordinator, '/console/inbox?view=urgent')).body.match(/未確認の警告 1/g)).toHaveLength(1);

      // The need's page links both threads.
      const page = await get(coordinator, `/console/disaster/needs/${need.id}`);
      expect(page.body).toContain('need-crisis-banner');
      for (const id of [ta!.id, existing.id]) expect(page.body).toContain(`<a href="/console/threads/${id}" class="need-crisis-thread">`);
      expect(page.body).not.toContain('need-crisis-phone');

      // Saved again with the flag on (another flag added): nothing more opened or raised.
      await flags(coordinator, need.id, ['crisis', 'watch']);
      // Cleared: the threads stay open, urgent and waiting for the consultation team.
      await flags(coordinator, need.id, ['watch']);
      expect(await t.db.conversation.count()).toBe(2);
      expect(await t.db.safetyAlert.count()).toBe(2);
      expect(await t.db.conversation.count({ where: { owner: 'waiting', urgent: true } })).toBe(2);
      expect(await audits('disaster.need.crisis')).toHaveLength(1);
      expect(await t.db.outboundMessage.count()).toBe(1);
    } finally {
      t.app.deps.profile.consultation.onDutyLineUserIds.length = 0;
    }
  });

  test('a thread a colleague already holds keeps its handler and gains the alert', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const a = await lineResident(t.db);
    const need = await seedNeed(t.db, centreId, { reporters: [a] });
    const at = t.clock.now();
    const held = await t.db.conversation.create({ data: { residentId: a, owner: 'staff', assigneeId: coordinator.member.id, openedAt: at, waitingSince: at, lastMessageAt: at } });
    await flags(coordinator, need.id, ['crisis']);
    expect(await t.db.conversation.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ owner: 'staff', assigneeId: coordinator.member.id, urgent: true });
    expect(await t.db.safetyAlert.count({ where: { conversationId: held.id } })).toBe(1);
    expect(await t.db.conversation.count()).toBe(1);
  });

  test("in a drill, the thread's line and the on-duty push are marked 【訓練】, so nobody takes the alert for a real one", async () => {
    const { centreId, coordinator } = await openCentre(t, { drill: true });
    const onDuty = `U${'e'.repeat(32)}`;
    t.app.deps.profile.consultation.onDutyLineUserIds.push(onDuty);
    try {
      const a = await lineResident(t.db);
      const need = await seedNeed(t.db, centreId, { reporters: [a] });
      await flags(coordinator, need.id, ['crisis']);
      const [thread] = await threadsOf(a);
      expect(thread!.messages.map((m) => m.text)).toEqual([`【訓練】災害ニーズ ${need.referenceNo} に危機介入のフラグが付きました。`]);
      const pushes = await t.db.outboundMessage.findMany();
      expect(pushes.map((p) => p.lineUserId)).toEqual([onDuty]);
      const [message] = JSON.parse(pushes[0]!.messages) as Array<{ type: string; text: string }>;
      expect(message!.text.startsWith('【訓練】【')).toBe(true);
      expect(message!.text).toContain('緊急の対応が必要');
    } finally {
      t.app.deps.profile.consultation.onDutyLineUserIds.length = 0;
    }
  });

  test('a phone-only need opens no thread; its page tells staff to call the household; the note and audit row say so', async () => {
    const { centreId, coordinator } = await openCentre(t);
    const need = await seedNeed(t.db, centreId, { reporters: [null], phone: '09033334444' });
    expect((await flags(coordinator, need.id, ['crisis'])).statusCode).toBe(303);
    expect(await t.db.conversation.count()).toBe(0);
    expect(await t.db.safetyAlert.count()).toBe(0);
    const page = await get(coordinator, `/console/disaster/needs/${need.id}`);
    expect(page.body).toContain('need-crisis-phone');
    expect(page.body).toContain('LINEで依頼した人がいないため、相談の会話は開けず');
    expect(page.body).toContain('09033334444');
    expect(page.body).not.toContain('need-crisis-thread');
    const [row] = await audits('disaster.need.crisis');
    expect(JSON.parse(row!.detail!)).toMatchObject({ threads: [], opened: 0, lineReporters: 0 });
    expect((await t.db.needEvent.findMany({ where: { needId: need.id, kind: 'note' } })).map((e) => e.note)).toEqual([expect.stringContaining('世帯に電話し')]);
  });
});

describe("a need's history (操作の記録)", () => {
  test('in pages of 50, newest first; rows at one instant split without loss; the links keep the need', async () => {
    const { centreId } = await openCentre(t);
    const need = await seedNeed(t.db, centreId);
    const coordinator = await loginAs(t.app, 'coordinator');
    const same = new Date('2026-11-20T00:00:00Z');
    for (let i = 0; i < 60; i++) await t.db.auditLog.create({ data: { action: 'disaster.need.status', subjectType: 'need', subjectId: need.id, at: i < 52 ? same : new Date(same.getTime() - i * 60_000) } });
    await t.db.auditLog.create({ data: { action: 'disaster.need.status', subjectType: 'need', subjectId: 'another', at: same } });
    // The opening itself is audited first: 61 rows, the newest (this view) first.
    const first = await get(coordinator, `/console/disaster/needs/${need.id}`);
    expect(first.body).toContain('61件中 1–50件');
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1];
    expect(next).toBe(`/console/disaster/needs/${need.id}?page=2#audit-heading`);
    // The second opening adds a row: page 2 of 62 holds the 12 oldest.
    const second = await get(coordinator, next!);
    expect(second.body).toContain('62件中 51–62件');
    const historyRows = (html: string) => /id="audit-heading"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!.match(/<tr>/g)!.length;
    expect(historyRows(first.body)).toBe(50);
    expect(historyRows(second.body)).toBe(12);
  });
});
