// Under test: the FAQ from LINE end to end — signed webhooks through app.inject, the real engine, the demo
// profile's seeded entries, kuromoji for real and Prisma on a temp SQLite file; the clock (FakeClock) and LINE
// (RecordingMessenger) are faked.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let user: string;
let ts: number;

// A Tuesday, 10:00 JST: staff are in.
const NOW = '2026-11-24T10:00:00+09:00';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  ts = t.clock.now().getTime();
}, 30_000);
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  user = newUserId();
});

const db = () => t.testDb.db;
const tap = (data: string) => t.post([postbackFrom(t.messenger, user, data, { timestamp: ++ts })]);
const say = (text: string) => t.post([textFrom(t.messenger, user, text, { timestamp: ++ts })]);
const sends = () => t.messenger.sent.filter((s) => s.to === user);
const lastSend = () => JSON.stringify(sends().at(-1)?.messages ?? []);
const resident = () => db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
const questions = async () => db().faqQuestion.findMany({ where: {}, orderBy: { at: 'asc' }, include: { entry: { select: { seedCode: true } } } });

/** A new friend who agreed to the privacy notice, back at the menu. */
async function consentingResident(): Promise<void> {
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
  await tap('c=yes');
  await tap('g=menu');
}

/** A new friend who declined the privacy notice. */
async function decliningResident(): Promise<void> {
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
  await tap('c=no');
  await tap('g=menu');
}

/** The question rows asked by the current test, newest last (text is unique per test). */
async function asked(text: string) {
  return (await questions()).filter((q) => q.text === text);
}

describe('FAQ answers', () => {
  test('a clear question gets the entry as a reply (one call), with feedback buttons; the question is kept with the consenting resident', async () => {
    await consentingResident();
    const before = sends().length;
    await say('ボランティア保険はいくらですか');
    expect(sends().length).toBe(before + 1);
    expect(sends().at(-1)?.method).toBe('reply');
    expect(lastSend()).toContain('350円');
    expect(lastSend()).toContain('役に立った');
    expect(lastSend()).toContain('ちがう・スタッフに聞く');
    const [q] = await asked('ボランティア保険はいくらですか');
    expect(q).toMatchObject({ outcome: 'answered', residentId: (await resident()).id, feedback: null, language: 'ja' });
    expect(q!.entry?.seedCode).toBe('volunteer-insurance');
  });

  test('役に立った is stored as feedback on the question', async () => {
    await consentingResident();
    await say('車いすを借りたい');
    const [q] = await asked('車いすを借りたい');
    expect(q!.entry?.seedCode).toBe('wheelchair');
    await tap(`faq=ok&q=${q!.id}`);
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: q!.id } })).feedback).toBe('helpful');
  });

  test('an entry that starts a consultation area starts it at that area', async () => {
    await consentingResident();
    await say('車いすを借りたい');
    expect(lastSend()).toContain('faq=go&s=consult%3Dmobility_info');
    await tap('faq=go&s=consult%3Dmobility_info');
    expect(lastSend()).toContain('移動情報センター');
    expect(lastSend()).toContain('about=go');
    const state = await db().flowState.findUnique({ where: { residentId: (await resident()).id } });
    expect(state?.flowId).toBe('consultation');
  });

  test('ちがう・スタッフに聞く marks the answer unhelpful and hands the conversation to staff', async () => {
    await consentingResident();
    await say('フードドライブには何を持っていけますか');
    const [q] = await asked('フードドライブには何を持っていけますか');
    expect(q).toBeDefined();
    await tap(`faq=no&q=${q!.id}`);
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: q!.id } })).feedback).toBe('unhelpful');
    const thread = await db().conversation.findFirst({ where: { residentId: (await resident()).id } });
    expect(thread?.owner).toBe('waiting');
  });

  test('a vague question gets up to three candidates as buttons; tapping one shows its answer', async () => {
    await consentingResident();
    await say('貸してもらえるもの');
    const [q] = await asked('貸してもらえるもの');
    expect(q!.outcome).toBe('candidates');
    const picks = [...lastSend().matchAll(/faq=pick&q=[^&]+&e=([0-9a-f-]+)/g)].map((m) => m[1]!);
    expect(picks.length).toBeGreaterThanOrEqual(2);
    expect(picks.length).toBeLessThanOrEqual(3);
    expect(lastSend()).toContain('ちがう・スタッフに聞く');
    await tap(`faq=pick&q=${q!.id}&e=${picks[0]}`);
    const chosen = await db().faqEntry.findUniqueOrThrow({ where: { id: picks[0]! } });
    expect(lastSend()).toContain(JSON.parse(chosen.answer).ja.slice(0, 20));
    expect((await db().faqQuestion.findUniqueOrThrow({ where: { id: q!.id } })).entryId).toBe(picks[0]);
  });

  test('a question without consent is kept without anything linking it to the resident, and answered in their language', async () => {
    await decliningResident();
    await say('How much is volunteer insurance?');
    // Their language is Japanese, but a question in English is answered in English.
    expect(lastSend()).toContain('350 yen');
    const [q] = await asked('How much is volunteer insurance?');
    expect(q).toMatchObject({ outcome: 'answered', residentId: null });
  });

  test('a resident of a language the answer is not written in gets its easy Japanese after a line in their language saying so', async () => {
    await consentingResident();
    await tap('g=lang&to=pt');
    await say('ボランティア保険はいくらですか');
    const reply = lastSend();
    expect(reply).toContain('Este texto ainda não foi escrito em português. Segue em japonês fácil.');
    expect(reply).not.toContain('350 yen');
    expect(reply).toContain('Isso me ajudou');
    // A resident whose language is not Japanese is answered in theirs even when they write in Latin letters.
    await tap('g=lang&to=vi');
    await say('How much is volunteer insurance?');
    expect(lastSend()).not.toContain('350 yen');
  });

  test('before the privacy notice is answered nothing is kept; phone numbers never are', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
    await tap('g=menu');
    expect((await resident()).consent).toBe('pending');
    await say('ボランティア保険の料金を知りたい');
    expect(lastSend()).toContain('350円');
    expect(await asked('ボランティア保険の料金を知りたい')).toEqual([]);
    user = newUserId();
    await consentingResident();
    await say('電話番号を教えてください。私は090-1234-5678です');
    const [kept] = await asked('電話番号を教えてください。私は〈番号〉です');
    expect(kept).toMatchObject({ outcome: 'answered', residentId: (await resident()).id });
    // The number as written and without its hyphens; its last four digits alone turn up now and then in a row's id.
    const stored = JSON.stringify(await questions());
    expect(stored).not.toContain('1234-5678');
    expect(stored).not.toContain('12345678');
  });

  test('an unanswered question gets the idle answer with the phone number and the staff button, and is kept', async () => {
    await consentingResident();
    await say('明日の天気はどうですか');
    expect(lastSend()).toContain('ご用件をメニューから選んでください');
    expect(lastSend()).toContain('045-000-1200');
    expect(lastSend()).toContain('g=staff');
    const [q] = await asked('明日の天気はどうですか');
    expect(q).toMatchObject({ outcome: 'unanswered', entryId: null });
  });

  test('words that name a menu item start it directly, and are not kept as questions', async () => {
    await consentingResident();
    await say('相談する');
    expect(lastSend()).toContain('cat=');
    expect((await db().flowState.findUnique({ where: { residentId: (await resident()).id } }))?.flowId).toBe('consultation');
    await tap('g=menu');
    await say('ボランティアを頼みたい');
    expect((await db().flowState.findUnique({ where: { residentId: (await resident()).id } }))?.flowId).toBe('volunteer');
    expect(await asked('相談する')).toEqual([]);
  });

  test('「状況」 is わたしの申し込み\'s, not a FAQ question', async () => {
    await consentingResident();
    await say('状況');
    expect(await asked('状況')).toEqual([]);
    expect(lastSend()).not.toContain('faq=');
  });

  test('safety first: a danger message gets the safety reply, never a FAQ answer, and is not kept as a FAQ question', async () => {
    await consentingResident();
    const text = '死にたい。お金を借りたい';
    await say(text);
    const reply = lastSend();
    expect(reply).not.toContain('生活福祉資金');
    expect(reply).not.toContain('faq=');
    expect(reply).toContain('119');
    expect(await asked(text)).toEqual([]);
    const thread = await db().conversation.findFirst({ where: { residentId: (await resident()).id } });
    expect(thread?.urgent).toBe(true);
  });

  test('inside a flow, free text is the flow\'s, not the FAQ\'s', async () => {
    await consentingResident();
    await tap('menu=consult');
    await say('ボランティア保険の値段は');
    expect(lastSend()).not.toContain('350円');
    expect(await asked('ボランティア保険の値段は')).toHaveLength(0);
  });
});
