// Under test: the consultation intake end to end — signed webhooks through app.inject, the real flows, runner and Prisma on a temp SQLite file; the clock (FakeClock) and LINE (RecordingMessenger) are faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Language } from '../../src/domain/language';
import { dumpAllTables, eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let user: string;
let ts: number;

// Friday 2026-11-20, 16:00 JST: inside business hours (Mon–Fri 08:45–17:15), before a weekend and the
// 勤労感謝の日 holiday on Monday 11-23, so the promised reply time has to skip all three days.
const SUBMITTED_AT = '2026-11-20T16:00:00+09:00';

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(SUBMITTED_AT);
  user = newUserId();
  ts = t.clock.now().getTime();
});
afterEach(async () => {
  await t.close();
});

const db = () => t.testDb.db;
const tr = (lang: Language, key: string, params?: Record<string, string>) => t.app.deps.translator.t(lang, key, params);
const resident = () => db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
/** Every text of the last LINE call made to the user, joined. */
const lastSendTo = () => {
  const last = t.messenger.sent.filter((s) => s.to === user).at(-1);
  return (last?.messages ?? []).map((m) => (m.type === 'text' ? m.text : 'altText' in m ? m.altText : '')).join('\n');
};

const tap = (data: string) => t.post([postbackFrom(t.messenger, user, data, { timestamp: ++ts })]);
const say = (text: string) => t.post([textFrom(t.messenger, user, text, { timestamp: ++ts })]);
async function sendImage(): Promise<string> {
  const event = eventFrom(t.messenger, 'message-image', user, { timestamp: ++ts });
  await t.post([event]);
  return (event.message as { id: string }).id;
}

/** Follows and agrees to the privacy notice (onboarding is left unfinished: the menu tap leaves it). */
async function followAndConsent(): Promise<void> {
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
  await tap('c=yes');
}

/** From the main menu up to the description step, answering every question; consent already given. */
async function intakeUpToDescription(): Promise<void> {
  await tap('menu=consult');
  await tap('cat=livelihood_loan');
  await tap('about=go');
  await tap('tc=yes'); // the area touches money: the resident agrees that it is kept
  await tap('forWhom=family');
  await tap('d=kaigan');
  await tap('contact=phone');
  await say('０４５ー０００ー１２３４'); // full-width digits and a long-vowel dash, as typed on a phone
  await tap('contactTime=weekday_pm');
  await tap('urgency=soon');
}

describe('a whole consultation', () => {
  test('is stored once with every answer, a reference number, its team and an honest reply time; the thread waits for that team', async () => {
    await followAndConsent();
    await intakeUpToDescription();
    await say('母の年金だけでは家賃が払えません。');
    await say('先月から困っています。');
    const photoId = await sendImage();
    await tap('desc=done');
    expect(lastSendTo()).toContain(tr('ja', 'consultation:summary.title'));
    expect(await db().consultation.count()).toBe(0); // nothing is stored before the resident confirms
    await tap('confirm=send');

    const r = await resident();
    const conversations = await db().conversation.findMany();
    expect(conversations).toHaveLength(1);
    const conversation = conversations[0]!;
    const team = t.app.profile.consultationCategories.find((c) => c.code === 'livelihood_loan')!.team;

    // 'soon' promises 510 business minutes (profile). From Fri 11-20 16:00 JST: 75 min until 17:15 close,
    // 435 left; Sat 21, Sun 22 closed; Mon 23 is 勤労感謝の日 (holiday); Tue 24 08:45 + 435 min (7 h 15) = 16:00 JST.
    const due = new Date('2026-11-24T16:00:00+09:00');
    const consultations = await db().consultation.findMany();
    expect(consultations).toHaveLength(1);
    const c = consultations[0]!;
    expect(c.referenceNo).toMatch(/^S-261120-[2-9A-HJKMNP-Z]{4}$/);
    expect(c).toEqual({
      id: expect.any(String),
      referenceNo: c.referenceNo,
      residentId: r.id,
      conversationId: conversation.id,
      categoryCode: 'livelihood_loan',
      teamCode: team,
      forWhom: 'family',
      districtCode: 'kaigan',
      contactMethod: 'phone',
      phone: '0450001234',
      contactTime: 'weekday_pm',
      urgency: 'soon',
      description: '母の年金だけでは家賃が払えません。\n先月から困っています。',
      attachmentIds: expect.any(String), // what it holds is pinned by its own test below
      status: 'new',
      referralTarget: null,
      replyDueAt: due,
      createdAt: new Date(SUBMITTED_AT),
      updatedAt: new Date(SUBMITTED_AT),
      closedAt: null,
    });

    // The photo is copied from LINE right after the commit (LINE deletes user content after a while).
    const copied = await db().attachment.findMany({ select: { residentId: true, lineMessageId: true, status: true, contentType: true, bytes: true } });
    expect(copied).toMatchObject([{ residentId: r.id, lineMessageId: photoId, status: 'stored', contentType: 'image/jpeg' }]);
    expect(Buffer.from(copied[0]!.bytes!).toString()).toBe(`content of ${photoId}`);
    expect(conversation).toMatchObject({ residentId: r.id, owner: 'waiting', urgent: false, teamCode: team, fromFlow: 'consultation', closedAt: null, firstStaffReplyAt: null });
    expect(conversation.waitingSince).toEqual(new Date(SUBMITTED_AT));

    const receipt = lastSendTo();
    expect(receipt).toContain(c.referenceNo);
    expect(receipt).toContain('11月24日');
    expect(receipt).toContain('16:00');
    expect(receipt).toContain(t.app.profile.contact.phone);
    expect(await db().flowState.count()).toBe(0);
  });
});

describe('photos sent with the description', () => {
  test('the consultation names its photos by their Attachment rows (schema: "JSON array of attachment ids")', async () => {
    await followAndConsent();
    await intakeUpToDescription();
    await say('台風で窓が割れました。');
    const first = await sendImage();
    const second = await sendImage();
    await tap('desc=done');
    await tap('confirm=send');

    const attachments = await db().attachment.findMany();
    expect(attachments.map((a) => [a.lineMessageId, a.status]).sort()).toEqual([[first, 'stored'], [second, 'stored']].sort());
    const byMessage = new Map(attachments.map((a) => [a.lineMessageId, a.id]));
    const c = await db().consultation.findFirstOrThrow();
    expect(JSON.parse(c.attachmentIds)).toEqual([byMessage.get(first), byMessage.get(second)]);
  });
});

describe('nothing is stored when the resident does not finish', () => {
  test('a "no" to the privacy notice in the middle of the intake stores no consultation and no personal data', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
    await tap('menu=consult');
    await tap('cat=elderly');
    await tap('about=go');
    expect(lastSendTo()).toContain(tr('ja', 'consultation:consentNeeded'));
    await tap('c=no');

    expect(lastSendTo()).toContain(tr('ja', 'consultation:noConsent', { phone: t.app.profile.contact.phone }));
    expect(await resident()).toMatchObject({ consent: 'pending', consentAt: null, districtCode: null, topics: '[]' });
    expect(await db().consultation.count()).toBe(0);
    expect(await db().conversation.count()).toBe(0);
    expect(await db().attachment.count()).toBe(0);
    expect(await db().flowState.count()).toBe(0);
  });

  test('「やめる」 half-way through stores nothing and keeps none of the answers', async () => {
    await followAndConsent();
    await intakeUpToDescription();
    await say('母の年金だけでは家賃が払えません。');
    await sendImage();
    await say('やめる');

    expect(lastSendTo()).toContain(tr('ja', 'common:cancelled'));
    expect(await db().consultation.count()).toBe(0);
    expect(await db().conversation.count()).toBe(0);
    expect(await db().attachment.count()).toBe(0);
    expect(await db().flowState.count()).toBe(0);
    const everything = await dumpAllTables(db());
    expect(everything).not.toContain('0450001234');
    expect(everything).not.toContain('０４５');
    expect(everything).not.toContain('家賃が払えません');
  });

  test('a half-finished form left past FLOW_TTL says it expired and stores nothing', async () => {
    await followAndConsent();
    await tap('menu=consult');
    await tap('cat=livelihood_loan');
    await tap('about=go');
    await tap('tc=yes');
    await tap('forWhom=self');
    await tap('d=kaigan');
    await tap('contact=phone');
    await say('045-000-1234');
    expect(await db().flowState.findFirst()).toMatchObject({ flowId: 'consultation', step: 'contactTime' });

    t.clock.advance(t.app.deps.flowTtlMs + 60_000);
    await tap('contactTime=weekday_am');

    expect(lastSendTo()).toContain(tr('ja', 'common:expired'));
    expect(await db().flowState.count()).toBe(0);
    expect(await db().consultation.count()).toBe(0);
    expect(await db().conversation.count()).toBe(0);
    expect(await dumpAllTables(db())).not.toContain('0450001234');
  });
});
