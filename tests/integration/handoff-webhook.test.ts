// Under test: safety escalation, messages kept for staff, the out-of-hours notice and the staff side (PrismaStaffThreadStore + replyToThread/closeThread, survey) through signed webhooks via app.inject on a temp SQLite file; the clock (FakeClock) and LINE (RecordingMessenger) are faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Language } from '../../src/domain/language';
import { closeThread } from '../../src/usecases/threads/close-thread';
import { replyToThread } from '../../src/usecases/threads/reply-to-thread';
import type { Actor, ThreadActionDeps } from '../../src/usecases/threads/thread-deps';
import { PrismaStaffThreadStore } from '../../src/infra/prisma/prisma-staff-threads';
import { threadActionDeps } from '../../src/composition/staff-actions';
import { eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { LineApiError } from '../../src/domain/ports';

let t: TestApp;
let user: string;
let ts: number;

// Tuesday 2026-11-24, 10:00 JST: the council is open (Mon–Fri 08:45–17:15, Monday 11-23 was a holiday).
const OPEN = '2026-11-24T10:00:00+09:00';

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set(OPEN);
  user = newUserId();
  ts = t.clock.now().getTime();
});
afterEach(async () => {
  await t.close();
});

const db = () => t.testDb.db;
const tr = (lang: Language, key: string, params?: Record<string, string>) => t.app.deps.translator.t(lang, key, params);
const resident = () => db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
const sentCount = () => t.messenger.sent.filter((s) => s.to === user).length;
/** Every text of the LINE calls made to the user since call number `from`, joined. */
const textsSince = (from: number) => t.messenger.textsTo(user).slice(from).join('\n');
/** Every text of the last LINE call made to the user, joined. */
const lastSendTo = () => {
  const last = t.messenger.sent.filter((s) => s.to === user).at(-1);
  return (last?.messages ?? []).map((m) => (m.type === 'text' ? m.text : 'altText' in m ? m.altText : '')).join('\n');
};

const follow = () => t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
const tap = (data: string) => t.post([postbackFrom(t.messenger, user, data, { timestamp: ++ts })]);
const say = (text: string) => t.post([textFrom(t.messenger, user, text, { timestamp: ++ts })]);
async function sendFixture(name: string): Promise<Record<string, unknown>> {
  const event = eventFrom(t.messenger, name, user, { timestamp: ++ts });
  await t.post([event]);
  return event.message as Record<string, unknown>;
}

/** Follows, agrees, and asks for staff: the resident's thread is then waiting for staff with no flow running. */
async function handedOff(): Promise<void> {
  await follow();
  await tap('c=yes');
  await say('スタッフと話したい');
}

describe('safety first', () => {
  test('「死にたい」 before consent gets emergency numbers and a helpline, raises an alert and opens an urgent thread; consent stays pending', async () => {
    await follow();
    await say('死にたい');

    const reply = lastSendTo();
    expect(reply).toContain(t.app.profile.emergency.fireAmbulance); // 119
    expect(reply).toContain(t.app.profile.emergency.police); // 110
    const suicideLines = t.app.profile.emergency.helplines.filter((h) => h.for?.includes('suicide')).map((h) => h.phone);
    expect(suicideLines.length).toBeGreaterThan(0);
    expect(suicideLines.some((phone) => reply.includes(phone))).toBe(true);

    const r = await resident();
    expect(r.consent).toBe('pending');
    const conversations = await db().conversation.findMany();
    expect(conversations).toMatchObject([{ residentId: r.id, owner: 'waiting', urgent: true, fromFlow: 'onboarding' }]);
    expect(await db().safetyAlert.findMany()).toMatchObject([{ residentId: r.id, conversationId: conversations[0]!.id, category: 'suicide', acknowledgedAt: null }]);
    expect(await db().conversationMessage.findMany()).toMatchObject([{ conversationId: conversations[0]!.id, direction: 'in', kind: 'text', text: '死にたい' }]);
    // What the resident had entered is kept: onboarding still waits for the consent answer.
    expect(await db().flowState.findFirst()).toMatchObject({ flowId: 'onboarding', step: 'consent' });
  });

  test('「死ぬほど嬉しい」 is an idiom: no alert, no thread, the usual answer', async () => {
    await follow();
    await tap('c=yes');
    await say('死ぬほど嬉しい');
    expect(await db().safetyAlert.count()).toBe(0);
    expect(await db().conversation.count()).toBe(0);
    expect(lastSendTo()).not.toContain(t.app.profile.emergency.fireAmbulance);
    // Onboarding goes on: the language question is asked again.
    expect(lastSendTo()).toContain(tr('ja', 'common:language.prompt'));
  });
});

describe('messages for staff', () => {
  test('while the thread waits, text, photo and location are kept for staff and, during business hours, the bot says nothing', async () => {
    await handedOff();
    expect(lastSendTo()).toContain(tr('ja', 'common:handoff.requested'));
    expect(lastSendTo()).not.toContain('受付時間外');
    const before = sentCount();

    await say('家の鍵をなくして困っています');
    const image = await sendFixture('message-image');
    const location = await sendFixture('message-location');

    expect(sentCount()).toBe(before);
    const conversation = await db().conversation.findFirstOrThrow();
    expect(conversation).toMatchObject({ owner: 'waiting', afterHoursNoticeOn: null });
    const messages = await db().conversationMessage.findMany({ orderBy: { createdAt: 'asc' } });
    expect(messages.map((m) => [m.direction, m.kind])).toEqual([
      ['in', 'text'],
      ['in', 'image'],
      ['in', 'location'],
    ]);
    expect(messages.every((m) => m.conversationId === conversation.id)).toBe(true);
    expect(messages[0]!.text).toBe('家の鍵をなくして困っています');
    const attachment = await db().attachment.findUniqueOrThrow({ where: { lineMessageId: image.id as string } });
    expect(attachment.status).toBe('stored');
    expect(messages[1]!.attachmentId).toBe(attachment.id);
    expect(JSON.parse(messages[2]!.data!)).toMatchObject({ latitude: location.latitude, longitude: location.longitude, title: location.title });
  });

  test('outside business hours the first message of the day gets one notice, the second none, and the next day\'s first gets it again', async () => {
    t.clock.set('2026-11-24T16:00:00+09:00'); // open: asking for staff brings no notice
    await handedOff();
    expect(lastSendTo()).not.toContain('受付時間外');

    t.clock.set('2026-11-24T18:00:00+09:00'); // Tuesday evening, closed
    let before = sentCount();
    await say('まだいらっしゃいますか');
    expect(sentCount()).toBe(before + 1);
    const notice = textsSince(before);
    expect(notice).toContain('11月25日'); // staff answer from Wednesday 08:45
    expect(notice).toContain('8:45');
    expect(notice).toContain(tr('ja', 'handoff:urgentNumbers', { fire: '119', police: '110' }));
    expect(await db().conversation.findFirstOrThrow()).toMatchObject({ afterHoursNoticeOn: '2026-11-24' });

    t.clock.set('2026-11-24T23:30:00+09:00'); // same JST day
    before = sentCount();
    await say('明日でも大丈夫です');
    expect(sentCount()).toBe(before);

    t.clock.set('2026-11-25T07:00:00+09:00'); // the next JST day, before opening
    before = sentCount();
    await say('おはようございます');
    expect(sentCount()).toBe(before + 1);
    expect(textsSince(before)).toContain(tr('ja', 'handoff:urgentNumbers', { fire: '119', police: '110' }));
    expect(await db().conversation.findFirstOrThrow()).toMatchObject({ afterHoursNoticeOn: '2026-11-25' });

    expect(await db().conversationMessage.count({ where: { direction: 'in' } })).toBe(3);
  });

  test('asking for staff out of hours brings the notice with the confirmation, and the next message that day none', async () => {
    t.clock.set('2026-11-28T11:00:00+09:00'); // Saturday
    await handedOff();
    const confirmation = lastSendTo();
    expect(confirmation).toContain(tr('ja', 'common:handoff.requested'));
    expect(confirmation).toContain('11月30日'); // staff answer from Monday 08:45
    const before = sentCount();
    await say('よろしくお願いします');
    expect(sentCount()).toBe(before);
    expect(await db().conversationMessage.count()).toBe(1);
  });
});

describe('the staff side', () => {
  const staffName = '佐藤 花子';
  let threads: PrismaStaffThreadStore;
  let actions: ThreadActionDeps;
  let actor: Actor;

  beforeEach(async () => {
    threads = new PrismaStaffThreadStore(t.app.db);
    const deps = t.app.deps;
    // Wired exactly as the app wires the console's actions.
    actions = threadActionDeps(deps, t.app.db);
    const staff = await db().staffUser.create({
      data: { loginId: 'sato', displayName: staffName, passwordHash: 'not-a-real-hash', role: 'counsellor', teams: '["livelihood"]', createdAt: t.clock.now(), updatedAt: t.clock.now() },
    });
    actor = { id: staff.id, displayName: staff.displayName };
  });

  const thread = async () => {
    const row = await db().conversation.findFirstOrThrow();
    return (await threads.detail(row.id))!;
  };

  /** Waits for the push of a staff action that was made (and fails the test when it was refused). */
  const delivered = async (acted: Promise<{ ok: true; delivery: Promise<unknown> } | { ok: false; refused: string }>) => {
    const outcome = await acted;
    expect(outcome.ok).toBe(true);
    if (outcome.ok) await outcome.delivery;
  };

  test('a reply is pushed with a retry key under the staff name and claims the thread; the bot then stays silent', async () => {
    await handedOff();
    t.clock.set('2026-11-24T10:30:00+09:00');
    const before = t.messenger.sent.length;

    const sent = await replyToThread(actions, actor, await thread(), '担当の佐藤です。どのようなことでお困りですか?');
    expect(sent.ok).toBe(true);
    if (sent.ok) await sent.delivery;

    const pushes = t.messenger.sent.slice(before);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ method: 'push', to: user, retryKey: expect.any(String) });
    const pushed = t.messenger.textsTo(user).at(-1)!;
    expect(pushed).toContain(staffName);
    expect(pushed).toContain('担当の佐藤です。どのようなことでお困りですか?');
    const outbound = await db().outboundMessage.findUniqueOrThrow({ where: { retryKey: pushes[0]!.retryKey! } });
    expect(outbound).toMatchObject({ method: 'push', lineUserId: user, status: 'sent' });

    const conversation = await db().conversation.findFirstOrThrow();
    expect(conversation).toMatchObject({ owner: 'staff', assigneeId: actor.id, firstStaffReplyAt: new Date('2026-11-24T10:30:00+09:00') });
    expect(await db().conversationMessage.findMany({ where: { direction: 'out' } })).toMatchObject([
      { conversationId: conversation.id, kind: 'text', staffId: actor.id, staffName, outboundId: outbound.id },
    ]);
    expect(await db().auditLog.findMany({ where: { action: 'conversation.reply' } })).toMatchObject([
      { staffId: actor.id, subjectType: 'conversation', subjectId: conversation.id, residentId: (await resident()).id },
    ]);

    const quiet = sentCount();
    await say('ありがとうございます。家賃のことで相談したいです。');
    expect(sentCount()).toBe(quiet);
    expect(await db().conversationMessage.findMany({ where: { direction: 'in' }, orderBy: { createdAt: 'desc' }, take: 1 })).toMatchObject([
      { kind: 'text', text: 'ありがとうございます。家賃のことで相談したいです。' },
    ]);
  });

  test('closing asks the survey by push; the answer is recorded against the thread and the bot answers as usual again', async () => {
    await handedOff();
    await delivered(replyToThread(actions, actor, await thread(), 'お電話でご案内しました。'));
    t.clock.set('2026-11-24T11:00:00+09:00');
    const before = t.messenger.sent.length;

    await delivered(closeThread(actions, actor, await thread()));

    const conversation = await db().conversation.findFirstOrThrow();
    expect(conversation).toMatchObject({ owner: 'closed', closedAt: new Date('2026-11-24T11:00:00+09:00'), survey: 'asked' });
    const pushes = t.messenger.sent.slice(before);
    expect(pushes).toMatchObject([{ method: 'push', to: user, retryKey: expect.any(String) }]);
    expect(t.messenger.textsTo(user).at(-1)).toContain(tr('ja', 'survey:score.prompt'));

    await tap('score=4');
    expect(lastSendTo()).toContain(tr('ja', 'survey:comment.prompt'));
    await say('丁寧に教えていただき助かりました');
    expect(lastSendTo()).toContain(tr('ja', 'survey:thanks'));

    expect(await db().surveyResponse.findMany()).toMatchObject([{ conversationId: conversation.id, score: 4, comment: '丁寧に教えていただき助かりました' }]);
    expect(await db().conversation.findFirstOrThrow()).toMatchObject({ owner: 'closed', survey: 'answered' });
    expect(await db().flowState.count()).toBe(0);

    await say('こんにちは');
    expect(lastSendTo()).toContain(tr('ja', 'common:idleText'));
    expect(await db().conversation.count()).toBe(1);
    expect(await db().conversationMessage.count({ where: { text: 'こんにちは' } })).toBe(0);
  });
});

describe('copying photos from LINE', () => {
  test('a photo LINE no longer has is marked failed; one that could not be fetched stays pending and is copied at the next start', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: (ts += 1000) })]);
    await t.post([textFrom(t.messenger, user, 'スタッフと話したい', { timestamp: (ts += 1000) })]);
    // Before consent to the privacy notice, staff may keep the conversation once the resident agrees to it.
    await t.post([postbackFrom(t.messenger, user, 'sc=yes', { timestamp: (ts += 1000) })]);
    const gone = eventFrom(t.messenger, 'message-image', user, { timestamp: (ts += 1000) });
    t.messenger.contents.set((gone.message as { id: string }).id, null);
    await t.post([gone]);
    expect(await db().attachment.findUniqueOrThrow({ where: { lineMessageId: (gone.message as { id: string }).id } })).toMatchObject({ status: 'failed', bytes: null });

    const later = eventFrom(t.messenger, 'message-image', user, { timestamp: (ts += 1000) });
    const laterId = (later.message as { id: string }).id;
    // During business hours the bot sends nothing for the photo, so the content download is LINE's next call.
    t.messenger.failNext = new LineApiError('getContent', 'server', 500, 'LINE is down');
    await t.post([later]);
    expect(await db().attachment.findUniqueOrThrow({ where: { lineMessageId: laterId } })).toMatchObject({ status: 'pending' });
    await t.app.recover();
    expect(await db().attachment.findUniqueOrThrow({ where: { lineMessageId: laterId } })).toMatchObject({ status: 'stored' });
  });
});

describe('on-duty staff', () => {
  test('are told on LINE about a danger message, with no personal data in the notice', async () => {
    const onDuty = newUserId();
    t.app.deps.profile.consultation.onDutyLineUserIds.push(onDuty);
    try {
      await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: (ts += 1000) })]);
      await t.post([textFrom(t.messenger, user, '夫に毎晩殴られています', { timestamp: (ts += 1000) })]);
      const notice = t.messenger.sent.filter((s) => s.to === onDuty);
      expect(notice).toHaveLength(1);
      expect(notice[0]).toMatchObject({ method: 'push', retryKey: expect.any(String) });
      const text = JSON.stringify(notice[0]!.messages);
      expect(text).toContain('職員コンソール');
      expect(text).not.toContain('殴られて');
    } finally {
      t.app.deps.profile.consultation.onDutyLineUserIds.length = 0;
    }
  });
});
