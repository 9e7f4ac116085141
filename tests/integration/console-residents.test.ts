// Under test: /console/residents end to end on one app — a resident who consulted and registered as a volunteer
// through signed webhooks (the real flows and runner), with reported hours and a donation with a receipt; an admin
// finds them by each reference number, a name and the LINE user id, sees every feature's section and who viewed
// the records, exports HTML and JSON, erases after typing 消去, and the page then says erased; every step audited
// without personal data; other roles refused. Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, postForm } from '../helpers/console';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
let user: string;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  talk = new ResidentTalk(t);
  user = await talk.follows();
});
afterEach(async () => {
  await t.close();
});

/** The resident: a consultation and a volunteer registration through LINE, an activity with hours, a donation with its receipt. */
async function residentWithHistory() {
  const say = (...inputs: Parameters<ResidentTalk['say']> extends [string, ...infer I] ? I : never) => talk.say(user, ...inputs);
  await say('c=yes');
  await say('menu=consult', 'cat=livelihood_loan', 'about=go', 'tc=yes', 'forWhom=family', 'd=kaigan', 'contact=phone', '045-000-1234', 'contactTime=weekday_pm', 'urgency=soon', '母の年金だけでは家賃が払えません。', 'desc=done', 'confirm=send');
  await say('menu=volunteer', 'vo=register', 'c=yes', '佐藤 一郎', '090-1234-5678', 'd=kaigan', 'vs=escort', 'vs=done', 'vd=sat', 'vd=done', 'vt=am', 'vt=done', 'vi=basic', { data: 've=date', date: '2026-06-10' }, 'vc=yes');
  const resident = await db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
  const consultation = await db().consultation.findFirstOrThrow({ where: { residentId: resident.id } });
  const volunteer = await db().volunteer.findUniqueOrThrow({ where: { residentId: resident.id } });
  const now = t.clock.now();
  const requester = await db().resident.create({ data: { lineUserId: `U${'f'.repeat(32)}`, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
  const request = await db().volunteerRequest.create({ data: { referenceNo: 'V-261010-HELP', residentId: requester.id, requesterType: 'person', kind: 'escort', date: '2026-10-10', part: 'am', people: 1, status: 'done', createdAt: now, updatedAt: now } });
  await db().volunteerInvitation.create({ data: { requestId: request.id, volunteerId: volunteer.id, status: 'accepted', invitedAt: now, answeredAt: now, hours: 3, report: '佐藤です。無事に終わりました', reportedAt: now } });
  const offer = await db().donationOffer.create({ data: { referenceNo: 'D-261120-GIFT', residentId: resident.id, kind: 'money', purposeCode: null, amountYen: 5000, name: '佐藤 一郎', phone: '09012345678', slot: 'counter', status: 'received_goods', receiptNo: 'R-2026-0007', receivedAt: now, createdAt: now, updatedAt: now } });
  return { resident, consultation, volunteer, offer };
}

describe('/console/residents', () => {
  test('an admin finds, sees, exports and erases a resident; the receipt and hours stay without the person', async () => {
    const { resident, consultation, volunteer, offer } = await residentWithHistory();
    const admin = await loginAs(t.app, 'admin', { displayName: '山田 管理' });
    const get = (url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
    const page = `/console/residents/${resident.id}`;

    for (const q of [consultation.referenceNo, 'R-2026-0007', 'd-261120-gift', '佐藤', user]) {
      const found = await get(`/console/residents?q=${encodeURIComponent(q)}`);
      expect(found.statusCode, q).toBe(200);
      expect(found.body, q).toContain(`href="${page}"`);
    }

    const view = await get(page);
    expect(view.statusCode).toBe(200);
    for (const shown of [consultation.referenceNo, '母の年金だけでは家賃が払えません。', '佐藤 一郎', '09012345678', 'R-2026-0007', 'V-261010-HELP', '山田 管理', '対応中の相談', '利用者の情報(すべての機能)の閲覧']) expect(view.body).toContain(shown);

    const html = await get(`${page}/export.html`);
    expect(html.body).toContain('母の年金だけでは家賃が払えません。');
    expect(html.body).toContain('resident-print.css');
    const json = await get(`${page}/export.json`);
    expect(json.headers['content-disposition']).toContain('attachment');
    const exported = JSON.parse(json.body) as { resident: { lineUserId: string }; sections: Array<{ feature: string; rows: Array<Record<string, unknown>> }> };
    expect(exported.resident.lineUserId).toBe(user);
    expect(exported.sections.find((s) => s.feature === 'consultation')?.rows[0]).toMatchObject({ referenceNo: consultation.referenceNo, description: '母の年金だけでは家賃が払えません。' });
    expect(exported.sections.find((s) => s.feature === 'donations')?.rows[0]).toMatchObject({ receiptNo: 'R-2026-0007', amountYen: 5000, name: '佐藤 一郎' });

    const confirm = await get(`${page}/erase`);
    expect(confirm.body).toContain('残る記録');
    expect(confirm.body).toContain('対応中の相談');
    expect((await postForm(t.app.server, admin, `${page}/erase`, { confirm: 'はい' })).statusCode).toBe(400);
    expect(await db().residentErasure.count()).toBe(0);
    const erased = await postForm(t.app.server, admin, `${page}/erase`, { confirm: '消去' });
    expect(erased.statusCode).toBe(303);

    const after = await get(page);
    expect(after.body).toContain('消去されました');
    expect(after.body).not.toContain('母の年金');
    expect(after.body).not.toContain('佐藤 一郎');
    expect(await db().donationOffer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ receiptNo: 'R-2026-0007', amountYen: 5000, name: '', phone: null });
    expect(await db().volunteerInvitation.findFirstOrThrow({ where: { volunteerId: volunteer.id } })).toMatchObject({ hours: 3, report: null });
    expect(await db().volunteer.findUniqueOrThrow({ where: { id: volunteer.id } })).toMatchObject({ name: '', phone: null, status: 'left' });
    expect(await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } })).toMatchObject({ description: '', phone: null });
    expect(await db().conversationMessage.count({ where: { conversation: { residentId: resident.id } } })).toBe(0);
    expect(await db().webhookEvent.count({ where: { userKey: user } })).toBe(0);
    expect(await db().outboundMessage.count({ where: { lineUserId: user } })).toBe(0);
    expect(await db().resident.findUnique({ where: { lineUserId: user } })).toBeNull();

    const audit = await db().auditLog.findMany({ where: { staffId: admin.member.id, action: { startsWith: 'resident.' } }, orderBy: { at: 'asc' } });
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['resident.data.find', 'resident.data.view', 'resident.data.export', 'resident.data.erase']));
    expect(audit.filter((a) => a.action === 'resident.data.export').map((a) => JSON.parse(a.detail ?? '{}').format).sort()).toEqual(['html', 'json']);
    for (const a of audit) expect(`${a.detail ?? ''}`).not.toMatch(/佐藤|090|家賃|U[0-9a-f]{32}/);
    // A second erasure changes nothing (the page no longer offers it).
    expect((await get(`${page}/erase`)).statusCode).toBe(303);
  });

  test('only admins reach the pages', async () => {
    const { resident } = await residentWithHistory();
    for (const role of ['coordinator', 'counsellor'] as const) {
      const member = await loginAs(t.app, role);
      const res = await t.app.server.inject({ method: 'GET', url: `/console/residents/${resident.id}`, headers: { cookie: member.cookie } });
      expect(res.statusCode, role).toBe(403);
      expect((await postForm(t.app.server, member, `/console/residents/${resident.id}/erase`, { confirm: '消去' })).statusCode, role).toBe(403);
    }
    expect(await db().residentErasure.count()).toBe(0);
  });

  test('わたしの情報 in Settings: the request is recorded, the resident told staff will call (nothing sent over LINE); staff see it open and mark it done', async () => {
    await talk.say(user, 'c=yes', 'menu=settings', 's=myData');
    expect(talk.sentTo(user).at(-1)).toContain('LINEではお送りしません');
    await talk.say(user, 'md=erase');
    const reply = talk.sentTo(user).at(-1) ?? '';
    expect(reply).toContain('「情報を消してほしい」という依頼を受け付けました');
    expect(reply).toMatch(/☎ [\d-]+/);
    const resident = await db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
    const request = await db().dataRequest.findFirstOrThrow({ where: { residentId: resident.id } });
    expect(request).toMatchObject({ kind: 'erase', status: 'open', at: t.clock.now() });
    expect(await db().flowState.count({ where: { residentId: resident.id } })).toBe(0);

    const admin = await loginAs(t.app, 'admin');
    const list = await t.app.server.inject({ method: 'GET', url: '/console/residents', headers: { cookie: admin.cookie } });
    expect(list.body).toContain('消去（消してほしい）');
    expect(list.body).toContain(`/console/residents/${resident.id}`);
    const done = await postForm(t.app.server, admin, `/console/residents/requests/${request.id}/done`, { residentId: resident.id });
    expect(done.statusCode).toBe(303);
    expect(await db().dataRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: 'done', doneBy: admin.member.id });
    expect((await t.app.server.inject({ method: 'GET', url: '/console/residents', headers: { cookie: admin.cookie } })).body).toContain('未対応の依頼はありません');
    expect(await db().auditLog.count({ where: { action: 'resident.dataRequest.done', residentId: resident.id } })).toBe(1);
    // Cancelling from the question records nothing.
    await talk.say(user, 'menu=settings', 's=myData', 'g=cancel');
    expect(await db().dataRequest.count()).toBe(1);
  });
});
