// Under test: volunteer registration end to end — signed webhooks through the real flows, runner and Prisma on a
// temp SQLite file (a date picked in LINE's date picker included): the Volunteer row written, changed, paused and
// ended. Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eventFrom, newUserId, inputFrom, type SaidInput } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let ts: number;
let user: string;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  ts = t.clock.now().getTime();
  user = newUserId();
});
afterEach(async () => {
  await t.close();
});

/** Sends each input in order: postbacks contain "=", a `{ date }` is a date picked for the last postback data. */
async function say(...inputs: SaidInput[]): Promise<void> {
  for (const input of inputs) await t.post([inputFrom(t.messenger, user, input, (ts += 1000))]);
}
const lastText = () => JSON.stringify(t.messenger.sent.filter((s) => s.to === user).at(-1)?.messages ?? []);
const volunteer = async () => db().volunteer.findFirst({ where: { resident: { lineUserId: user } } });

describe('volunteer registration through LINE', () => {
  test('register, change the skills, pause, resume and leave: the row follows each step', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=volunteer', 'vo=register', 'c=yes', '佐藤 一郎', 'vp=line', 'd=kaigan', 'vs=escort', 'vs=heavy_work', 'vs=done', 'vd=sat', 'vd=sun', 'vd=done', 'vt=am', 'vt=done', 'vi=basic', { data: 've=date', date: '2026-06-10' });
    expect(lastText()).toContain('この内容で登録します');
    expect(await volunteer()).toBeNull();
    await say('vc=yes');
    expect(await volunteer()).toMatchObject({
      name: '佐藤 一郎', phone: null, districtCode: 'kaigan', skills: '["escort","heavy_work"]', availability: '{"sat":["am"],"sun":["am"]}',
      insuranceFiscalYear: 2026, insurancePlan: 'basic', insuranceEnrolledOn: '2026-06-10', status: 'active', registeredAt: t.clock.now(),
    });
    expect(lastText()).toContain('登録しました');
    expect((await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).consent).toBe('granted');

    await say('menu=volunteer', 'vh=edit', 'vf=skills', 'vs=heavy_work', 'vs=done', 'vc=yes');
    expect((await volunteer())?.skills).toBe('["escort"]');

    await say('menu=volunteer', 'vh=pause');
    expect((await volunteer())?.status).toBe('paused');
    await say('menu=volunteer', 'vh=pause');
    expect((await volunteer())?.status).toBe('active');

    await say('menu=volunteer', 'vh=leave', 'vl=yes');
    expect(await volunteer()).toMatchObject({ status: 'left', leftAt: t.clock.now() });
    await say('menu=volunteer');
    expect(lastText()).toContain('ボランティアとして登録する');
    expect(await db().volunteer.count()).toBe(1);
  });

  test('control characters typed into the name are dropped before the flow sees them; the registration is saved clean', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=volunteer', 'vo=register', 'c=yes', '山田\u0001太郎\u0085\u007f', 'vp=line', 'd=kaigan', 'vs=escort', 'vs=done', 'vd=sat', 'vd=done', 'vt=am', 'vt=done', 'vi=basic', { data: 've=date', date: '2026-06-10' });
    expect(lastText()).toContain('山田太郎');
    await say('vc=yes');
    expect((await volunteer())?.name).toBe('山田太郎');
  });

  test('on 1 April the enrolment date question reaches LINE, and the registration is saved for the new fiscal year', async () => {
    t.clock.set('2027-04-01T09:00:00+09:00');
    ts = t.clock.now().getTime();
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=volunteer', 'vo=register', 'c=yes', '佐藤 一郎', 'vp=line', 'd=kaigan', 'vs=escort', 'vs=done', 'vd=sat', 'vd=done', 'vt=am', 'vt=done', 'vi=basic');
    expect(lastText()).toContain('保険に入った日');
    expect(lastText()).toContain('"type":"datetimepicker"');
    expect(lastText()).toContain('"max":"2027-04-01"');
    await say({ data: 've=date', date: '2027-04-01' }, 'vc=yes');
    expect(await volunteer()).toMatchObject({ insuranceFiscalYear: 2027, insurancePlan: 'basic', insuranceEnrolledOn: '2027-04-01', status: 'active' });
  });

  test("a paused volunteer who changes their details in a new fiscal year stays paused, with last year's insurance kept as last year's", async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=volunteer', 'vo=register', 'c=yes', '佐藤 一郎', 'vp=line', 'd=kaigan', 'vs=escort', 'vs=done', 'vd=sat', 'vd=done', 'vt=am', 'vt=done', 'vi=basic', { data: 've=date', date: '2026-06-10' }, 'vc=yes');
    await say('menu=volunteer', 'vh=pause');
    expect((await volunteer())?.status).toBe('paused');
    t.clock.set('2027-04-10T10:00:00+09:00');
    ts = t.clock.now().getTime();
    await say('menu=volunteer', 'vh=edit', 'vf=skills', 'vs=heavy_work', 'vs=done');
    expect(lastText()).toContain('保険:2026年度 基本タイプ');
    await say('vc=yes');
    expect(await volunteer()).toMatchObject({ skills: '["escort","heavy_work"]', status: 'paused', insuranceFiscalYear: 2026, insurancePlan: 'basic', insuranceEnrolledOn: '2026-06-10' });
  });

  test('asking for help: consent, the questions, and a VolunteerRequest row with the reference number the requester was told', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=volunteer', 'vo=request', 'c=yes', 'rq=organisation', 'みなと子ども食堂', 'rk=heavy_work', 'd=kaigan', '港区海岸通1-2 集会所', { data: 'rd=date', date: '2026-12-05' }, 'rp=am', 'rn=3', 'rx=skip', '045-000-9999', 'ry=send');
    const row = await db().volunteerRequest.findFirstOrThrow();
    expect(row).toMatchObject({
      requesterType: 'organisation', orgName: 'みなと子ども食堂', kind: 'heavy_work', districtCode: 'kaigan', address: '港区海岸通1-2 集会所', location: null,
      date: '2026-12-05', part: 'am', people: 3, notes: null, phone: '0450009999', status: 'received', createdAt: t.clock.now(),
    });
    expect(row.referenceNo).toMatch(/^V-261124-[2-9A-Z]{4}$/);
    expect(lastText()).toContain(row.referenceNo);
  });

  test('the insurance renewal reminder goes once, in March, to volunteers insured for the ending year', async () => {
    const now = t.clock.now();
    const resident = async (lineUserId: string, language = 'ja') => db().resident.create({ data: { lineUserId, language, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
    const volunteer = (residentId: string, data: { insuranceFiscalYear: number | null; status?: string }) =>
      db().volunteer.create({ data: { residentId, name: 'X', insurancePlan: data.insuranceFiscalYear ? 'basic' : null, insuranceFiscalYear: data.insuranceFiscalYear, status: data.status ?? 'active', registeredAt: now, updatedAt: now } });
    const insured = await resident(`U${'1'.repeat(32)}`, 'en');
    const paused = await resident(`U${'2'.repeat(32)}`);
    const uninsured = await resident(`U${'3'.repeat(32)}`);
    const left = await resident(`U${'4'.repeat(32)}`);
    await volunteer(insured.id, { insuranceFiscalYear: 2026 });
    await volunteer(paused.id, { insuranceFiscalYear: 2026, status: 'paused' });
    await volunteer(uninsured.id, { insuranceFiscalYear: null });
    await volunteer(left.id, { insuranceFiscalYear: 2026, status: 'left' });

    await t.app.runBroadcasts();
    expect(t.messenger.sent).toHaveLength(0);
    t.clock.set('2027-03-01T10:00:00+09:00');
    await t.app.runBroadcasts();
    await t.app.runBroadcasts();
    const sent = t.messenger.sent.map((s) => ({ to: s.to, text: JSON.stringify(s.messages) }));
    expect(sent.map((s) => s.to).sort()).toEqual([insured.lineUserId, paused.lineUserId].sort());
    expect(sent.find((s) => s.to === insured.lineUserId)!.text).toContain('take out the 2027 insurance');
    expect(sent.find((s) => s.to === paused.lineUserId)!.text).toContain('2027年度の保険');
    t.clock.set('2027-03-20T10:00:00+09:00');
    await t.app.runBroadcasts();
    expect(t.messenger.sent).toHaveLength(2);
  });
});
