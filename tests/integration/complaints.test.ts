// Under test: complaints and opinions end to end on the real app and a temp SQLite file — signed webhooks through
// the real flow, runner and writer (the Complaint row, the reply with its K- number sent once, an anonymous one
// stored with no resident link, a named one linked after consent); the console pages through app.inject (admins
// only; the page audited; 対応中 → 解決 with the outcome → 「結果を伝える」 queuing one personal notice in every
// language, a second tell refused; refused moves; notes; a phone contact shown to call; anonymous ones say no reply);
// and the annual report's yearly counts over April–March Japan time against rows seeded here, with its section of
// the report (page and CSV).
// Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger).
import { LANGUAGES } from '../../src/domain/language';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PrismaComplaintYearCounts } from '../../src/infra/prisma/complaint-store';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { eventFrom, inputFrom, newUserId, type SaidInput } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let ts: number;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  ts = t.clock.now().getTime();
});
afterEach(async () => {
  await t.close();
});

async function follows(): Promise<string> {
  const user = newUserId();
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: (ts += 1000) })]);
  return user;
}
async function say(user: string, ...inputs: SaidInput[]): Promise<void> {
  for (const input of inputs) await t.post([inputFrom(t.messenger, user, input, (ts += 1000))]);
}
const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const post = (login: ConsoleLogin, url: string, fields: Parameters<typeof postForm>[3] = []) => postForm(t.app.server, login, url, fields);
const sendsWith = (user: string, needle: string) => t.messenger.textsTo(user).filter((x) => x.includes(needle)).length;

describe('through LINE', () => {
  test('anonymous: stored with no resident link and no contact, the number replied once, no consent asked or recorded', async () => {
    const user = await follows();
    await say(user, 'menu=complaints', 'cpk=complaint', 'cpt=staff', '窓口で長く待たされました', 'cpw=none');
    expect(await db().complaint.count()).toBe(0);
    await say(user, 'cpc=send');
    const row = await db().complaint.findFirstOrThrow();
    expect(row).toMatchObject({ kind: 'complaint', topic: 'staff', text: '窓口で長く待たされました', contact: 'none', phone: null, residentId: null, status: 'new', createdAt: t.clock.now() });
    expect(row.referenceNo).toMatch(/^K-261124-[2-9A-Z]{4}$/);
    expect(sendsWith(user, row.referenceNo)).toBe(1);
    expect(t.messenger.textsTo(user).join('\n')).toContain('事務局長');
    const resident = await db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
    expect(resident.consent).not.toBe('granted');
    expect(await db().flowState.count()).toBe(0);
  });

  test('LINE reply: the consent step first, then stored linked to the resident', async () => {
    const user = await follows();
    await say(user, 'menu=complaints', 'cpk=opinion', 'cpt=events', 'サロンを土曜にも開いてほしい', 'cpw=line', 'c=yes', 'cpc=send');
    const resident = await db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
    expect(resident.consent).toBe('granted');
    const row = await db().complaint.findFirstOrThrow();
    expect(row).toMatchObject({ kind: 'opinion', topic: 'events', contact: 'line', residentId: resident.id, phone: null });
    expect(sendsWith(user, row.referenceNo)).toBe(1);
  });

  test('cancelled half way: nothing stored', async () => {
    const user = await follows();
    await say(user, 'menu=complaints', 'cpk=complaint', 'cpt=other', 'やっぱりいいです', 'g=cancel');
    expect(await db().complaint.count()).toBe(0);
    expect(await db().flowState.count()).toBe(0);
  });
});

let n = 0;
async function seed(over: Partial<{ kind: string; topic: string; contact: string; phone: string | null; residentId: string | null; status: string; createdAt: Date }> = {}) {
  n += 1;
  const at = over.createdAt ?? t.clock.now();
  return db().complaint.create({
    data: { referenceNo: `K-261124-${String(n).padStart(4, '2')}`, kind: 'complaint', topic: 'staff', text: '対応が冷たかった', contact: 'none', phone: null, residentId: null, status: 'new', ...over, createdAt: at, updatedAt: at },
  });
}
async function resident(language = 'en') {
  const now = t.clock.now();
  return db().resident.create({ data: { lineUserId: newUserId(), language, consent: 'granted', consentVersion: '1', consentAt: now, followedAt: now, createdAt: now, updatedAt: now } });
}

describe('the console', () => {
  test('admins only: a coordinator and a counsellor are refused the list and the page', async () => {
    const c = await seed();
    for (const role of ['coordinator', 'counsellor'] as const) {
      const login = await loginAs(t.app, role);
      expect((await get(login, '/console/complaints')).statusCode).toBe(403);
      expect((await get(login, `/console/complaints/${c.id}`)).statusCode).toBe(403);
    }
    const admin = await loginAs(t.app, 'admin');
    const list = await get(admin, '/console/complaints');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(c.referenceNo);
    expect(list.body).toContain('href="/console/complaints"');
  });

  test('LINE reply: 対応中, then 解決 with the outcome, then 結果を伝える queues one notice in every language; a second tell is refused; each step audited', async () => {
    const r = await resident('en');
    const c = await seed({ contact: 'line', residentId: r.id });
    const admin = await loginAs(t.app, 'admin');
    const page = await get(admin, `/console/complaints/${c.id}`);
    expect(page.body).toContain('対応が冷たかった');
    expect(await db().auditLog.count({ where: { action: 'complaint.view', subjectId: c.id } })).toBe(1);

    // Resolving without an outcome is refused; moving from 受付 to 対応中 works.
    expect((await post(admin, `/console/complaints/${c.id}/status`, [['to', 'resolved'], ['outcome', '']])).statusCode).toBe(400);
    expect((await post(admin, `/console/complaints/${c.id}/status`, [['to', 'in_progress']])).statusCode).toBe(303);
    // A tell before it is resolved is refused.
    expect((await post(admin, `/console/complaints/${c.id}/tell`)).statusCode).toBe(409);
    t.clock.advance(60_000);
    expect((await post(admin, `/console/complaints/${c.id}/status`, [['to', 'resolved'], ['outcome', '担当職員に指導し、窓口の案内を見直しました。']])).statusCode).toBe(303);
    expect(await db().broadcast.count({ where: { kind: 'complaint_notice' } })).toBe(0);
    expect((await post(admin, `/console/complaints/${c.id}/tell`)).statusCode).toBe(303);
    expect((await post(admin, `/console/complaints/${c.id}/tell`)).statusCode).toBe(409);

    const row = await db().complaint.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ status: 'resolved', outcome: '担当職員に指導し、窓口の案内を見直しました。', outcomeToldAt: t.clock.now() });
    const notices = await db().broadcast.findMany({ where: { kind: 'complaint_notice' } });
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0]!.targeting)).toEqual({ residentIds: [r.id] });
    const content = JSON.parse(notices[0]!.content) as Record<string, string>;
    expect(Object.keys(content).sort()).toEqual([...LANGUAGES].sort());
    for (const text of Object.values(content)) expect(text).toContain('担当職員に指導し、窓口の案内を見直しました。');
    expect(content.en).toContain(c.referenceNo);

    const audits = await db().auditLog.findMany({ where: { action: { in: ['complaint.status', 'complaint.outcome.tell'] } }, orderBy: { at: 'asc' } });
    expect(new Set(audits.map((a) => `${a.action} ${a.detail}`))).toEqual(
      new Set(['complaint.status {"from":"new","to":"in_progress"}', 'complaint.status {"from":"in_progress","to":"resolved","outcomeLength":22}', 'complaint.outcome.tell {"outcomeLength":22}']),
    );
    expect(audits.every((a) => a.residentId === r.id)).toBe(true);
    expect(JSON.stringify(await db().auditLog.findMany())).not.toContain('窓口の案内');
    // Closed: no more moves.
    expect((await post(admin, `/console/complaints/${c.id}/status`, [['to', 'withdrawn']])).statusCode).toBe(409);
  });

  test('a phone contact shows the number to call and sends nothing; an anonymous one says no reply; withdrawn; notes saved', async () => {
    const phone = await seed({ contact: 'phone', phone: '09012345678', residentId: (await resident()).id });
    const anonymous = await seed();
    const admin = await loginAs(t.app, 'admin');
    await post(admin, `/console/complaints/${phone.id}/status`, [['to', 'resolved'], ['outcome', 'お電話で説明しました。']]);
    expect((await get(admin, `/console/complaints/${phone.id}`)).body).toContain('090-1234-5678');
    expect((await post(admin, `/console/complaints/${phone.id}/tell`)).statusCode).toBe(409);
    expect((await get(admin, `/console/complaints/${anonymous.id}`)).body).toContain('名前なしのため、お返事はできません');
    expect((await post(admin, `/console/complaints/${anonymous.id}/notes`, [['notes', '第三者委員に報告済み']])).statusCode).toBe(303);
    expect((await post(admin, `/console/complaints/${anonymous.id}/status`, [['to', 'withdrawn']])).statusCode).toBe(303);
    expect(await db().complaint.findUniqueOrThrow({ where: { id: anonymous.id } })).toMatchObject({ status: 'withdrawn', notes: '第三者委員に報告済み' });
    expect(await db().broadcast.count({ where: { kind: 'complaint_notice' } })).toBe(0);
  });
});

describe('yearly counts', () => {
  test('by kind × topic × status over April–March Japan time', async () => {
    const jst = (s: string) => new Date(`${s}+09:00`);
    // Fiscal year 2026: 1 Apr 2026 00:00 JST up to (not including) 1 Apr 2027 00:00 JST.
    await seed({ createdAt: jst('2026-03-31T23:59:59') }); // FY2025
    await seed({ createdAt: jst('2026-04-01T00:00:00'), status: 'resolved' });
    await seed({ createdAt: jst('2026-07-10T12:00:00'), status: 'resolved' });
    await seed({ createdAt: jst('2026-08-01T09:00:00'), kind: 'opinion', topic: 'events', status: 'new' });
    await seed({ createdAt: jst('2026-12-01T09:00:00'), topic: 'consultation', status: 'withdrawn' });
    await seed({ createdAt: jst('2027-03-31T23:59:59'), kind: 'opinion', topic: 'events', status: 'new' });
    await seed({ createdAt: jst('2027-04-01T00:00:00') }); // FY2027
    const counts = new PrismaComplaintYearCounts(db());
    expect(new Set((await counts.complaintYearCounts(2026)).map((c) => JSON.stringify(c)))).toEqual(
      new Set(
        [
          { kind: 'complaint', topic: 'staff', status: 'resolved', count: 2 },
          { kind: 'opinion', topic: 'events', status: 'new', count: 2 },
          { kind: 'complaint', topic: 'consultation', status: 'withdrawn', count: 1 },
        ].map((c) => JSON.stringify(c)),
      ),
    );
    expect(await counts.complaintYearCounts(2025)).toEqual([{ kind: 'complaint', topic: 'staff', status: 'new', count: 1 }]);
    expect(await counts.complaintYearCounts(2024)).toEqual([]);

    // The report's section: kind × status exact, topic × kind with 1–4 shown as "<5"; totals exact.
    const admin = await loginAs(t.app, 'admin');
    const csv = await get(admin, '/console/report.csv?fy=2026');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.split('\r\n').filter((l) => l.startsWith('苦情・ご意見,'));
    expect(lines).toEqual(
      expect.arrayContaining([
        '苦情・ご意見,種類別・状態別の受付件数,苦情 / 解決,2',
        '苦情・ご意見,種類別・状態別の受付件数,苦情 / 取り下げ,1',
        '苦情・ご意見,種類別・状態別の受付件数,ご意見・ご提案 / 受付,2',
        '苦情・ご意見,種類別・状態別の受付件数,合計 / 解決,2',
        '苦情・ご意見,内容別の受付件数,職員の対応 / 苦情,<5',
        '苦情・ご意見,内容別の受付件数,行事・サロン / ご意見・ご提案,<5',
        '苦情・ご意見,内容別の受付件数,合計 / 苦情,3',
        '苦情・ご意見,内容別の受付件数,合計 / ご意見・ご提案,2',
      ]),
    );
    expect((await get(admin, '/console/report?fy=2026')).body).toContain('苦情・ご意見');
  });
});
