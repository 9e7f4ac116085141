// Under test: what the real app does with stored webhook events (ordering, dedupe, flows, delivery, failures) via signed app.inject on a temp SQLite file; the clock and LINE (RecordingMessenger) are faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CONSENT_VERSION } from '../../src/composition/app';
import type { Language } from '../../src/domain/language';
import type { SendReceipt } from '../../src/domain/ports';
import { deferred, dumpAllTables, eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { failWrites } from '../helpers/failing-writes';

let t: TestApp;
let user: string;

beforeEach(async () => {
  t = await createTestApp();
  user = newUserId();
});
afterEach(async () => {
  await t.close();
});

const T = 1_782_868_000_000;
const tr = (lang: Language, key: string, params?: Record<string, string>) => t.app.deps.translator.t(lang, key, params);
const resident = (lineUserId = user) => t.testDb.db.resident.findUnique({ where: { lineUserId } });
const flowState = async (lineUserId = user) => t.testDb.db.flowState.findFirst({ where: { resident: { lineUserId } } });
/** Every text of the last LINE call made to the user, joined. */
const lastSendTo = (lineUserId = user) => {
  const last = t.messenger.sent.filter((s) => s.to === lineUserId).at(-1);
  return (last?.messages ?? []).map((m) => (m.type === 'text' ? m.text : 'altText' in m ? m.altText : '')).join('\n');
};
const statusOf = async (id: unknown) => (await t.testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: id as string } })).status;

/** Follows and agrees, leaving the user at the language step. */
async function followAndConsent(): Promise<void> {
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: T })]);
  await t.post([postbackFrom(t.messenger, user, 'c=yes', { timestamp: T + 1 })]);
}

describe('exactly once and in order', () => {
  test('a redelivered event is stored once and answered once', async () => {
    const event = textFrom(t.messenger, user, 'こんにちは');
    await t.post([event]);
    const redelivered = { ...event, deliveryContext: { isRedelivery: true } };
    expect((await t.post([redelivered])).status).toBe(200);
    expect(await t.testDb.db.webhookEvent.findMany({ select: { id: true, isRedelivery: true } })).toEqual([{ id: event.webhookEventId, isRedelivery: false }]);
    expect(t.messenger.sent).toHaveLength(1);
  });

  test('one user\'s events in one webhook are processed by LINE timestamp, not arrival order', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: T })]);
    // Ids sort the other way round, so only the timestamps give the right order.
    const consent = postbackFrom(t.messenger, user, 'c=yes', { timestamp: T + 1000, webhookEventId: '01ZZZZZZZZZZZZZZZZZZZZZZZZ' });
    const english = postbackFrom(t.messenger, user, 'lang=en', { timestamp: T + 2000, webhookEventId: '01AAAAAAAAAAAAAAAAAAAAAAAA' });
    await t.post([english, consent]);

    expect(await resident()).toMatchObject({ consent: 'granted', language: 'en', languageChosen: true });
    expect(await flowState()).toMatchObject({ flowId: 'onboarding', step: 'district' });
    expect(lastSendTo()).toContain(tr('en', 'onboarding:district.prompt'));
    expect([await statusOf(consent.webhookEventId), await statusOf(english.webhookEventId)]).toEqual(['done', 'done']);
  });

  test('users are processed independently: one user blocked on LINE does not hold up another', async () => {
    const slow = user;
    const fast = newUserId();
    const slowProfile = deferred<null>();
    const fastReplied = deferred<void>();
    const getProfile = t.messenger.getProfile.bind(t.messenger);
    t.messenger.getProfile = (id) => (id === slow ? slowProfile.promise : getProfile(id));
    const reply = t.messenger.reply.bind(t.messenger);
    const fastFollow = eventFrom(t.messenger, 'follow', fast, { timestamp: T + 5 });
    t.messenger.reply = async (token, messages): Promise<SendReceipt> => {
      const receipt = await reply(token, messages);
      if (token === fastFollow.replyToken) fastReplied.resolve();
      return receipt;
    };
    const slowFollow = eventFrom(t.messenger, 'follow', slow, { timestamp: T });

    expect((await t.post([slowFollow, fastFollow], { wait: false })).status).toBe(200);
    await fastReplied.promise;
    expect(t.messenger.textsTo(fast)[0]).toContain(tr('ja', 'onboarding:greeting', { council: t.app.deps.council.name.ja }));
    expect(await statusOf(slowFollow.webhookEventId)).toBe('pending');
    expect(t.messenger.textsTo(slow)).toEqual([]);

    slowProfile.resolve(null);
    await t.app.queue.whenIdle();
    expect(await statusOf(slowFollow.webhookEventId)).toBe('done');
    expect(t.messenger.textsTo(slow)).toHaveLength(t.messenger.textsTo(fast).length);
  });
});

describe('following and onboarding', () => {
  test('follow creates a followed resident with consent pending and greets them', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user)]);
    expect(await resident()).toMatchObject({ followed: true, consent: 'pending', consentVersion: null, language: 'ja', districtCode: null, topics: '[]', onboardedAt: null });
    expect(t.messenger.textsTo(user).join('\n')).toContain(tr('ja', 'onboarding:consent.question'));
  });

  test('the full onboarding stores the answers, ends the flow, and keeps no message content in the event log', async () => {
    await followAndConsent();
    await t.post([postbackFrom(t.messenger, user, 'lang=ja-x-easy', { timestamp: T + 2 })]);
    await t.post([textFrom(t.messenger, user, '私の住所は海岸通1-2-3です', { timestamp: T + 3 })]); // not a district: re-asked
    await t.post([postbackFrom(t.messenger, user, 'd=kaigan', { timestamp: T + 4 })]);
    await t.post([postbackFrom(t.messenger, user, 't=newsletters', { timestamp: T + 5 })]);
    await t.post([postbackFrom(t.messenger, user, 't=done', { timestamp: T + 6 })]);

    expect(await resident()).toMatchObject({ consent: 'granted', consentVersion: CONSENT_VERSION, language: 'ja-x-easy', districtCode: 'kaigan', topics: '["newsletters"]' });
    expect((await resident())?.onboardedAt).toBeInstanceOf(Date);
    expect(await t.testDb.db.flowState.count()).toBe(0);
    expect(lastSendTo()).toContain(tr('ja-x-easy', 'onboarding:done'));

    const events = await t.testDb.db.webhookEvent.findMany();
    expect(events).toHaveLength(7);
    for (const e of events) {
      expect(e.status).toBe('done');
      expect(e.payload).not.toContain('replyToken');
      expect(e.payload).not.toContain('海岸通');
    }
    const outbound = await t.testDb.db.outboundMessage.findMany();
    expect(outbound).toHaveLength(7);
    expect(outbound.every((o) => o.status === 'sent' && o.method === 'reply')).toBe(true);
  });

  test('declining consent stores no district or topics and ends the flow', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: T })]);
    await t.post([postbackFrom(t.messenger, user, 'c=no', { timestamp: T + 1 })]);
    expect(await resident()).toMatchObject({ consent: 'declined', consentVersion: CONSENT_VERSION, districtCode: null, topics: '[]', onboardedAt: null });
    expect(await flowState()).toBeNull();
    expect(t.messenger.textsTo(user).join('\n')).toContain(tr('ja', 'onboarding:consent.declined'));
  });

  test('a new friend whose LINE profile is English is greeted in English; the display name is stored nowhere', async () => {
    const displayName = '山田 花子 Hanako-Display';
    t.messenger.profiles.set(user, { userId: user, displayName, language: 'en' });
    await t.post([eventFrom(t.messenger, 'follow', user)]);
    expect(t.messenger.textsTo(user)[0]).toContain(tr('en', 'onboarding:greeting', { council: t.app.deps.council.name.en }));
    expect(await resident()).toMatchObject({ language: 'en', languageChosen: false });
    expect(await dumpAllTables(t.testDb.db)).not.toContain(displayName);
  });

  test('a profile lookup that throws is logged and the resident is greeted in Japanese', async () => {
    t.messenger.getProfile = async () => {
      throw new Error('socket hang up');
    };
    const follow = eventFrom(t.messenger, 'follow', user);
    await t.post([follow]);
    expect(await statusOf(follow.webhookEventId)).toBe('done');
    expect(await resident()).toMatchObject({ language: 'ja' });
    expect(t.messenger.textsTo(user).join('\n')).toContain(tr('ja', 'onboarding:consent.question'));
  });
});

describe('unfollow and re-follow', () => {
  test('unfollow marks the resident unfollowed and drops the flow; later events are skipped and send nothing', async () => {
    await followAndConsent();
    expect(await flowState()).not.toBeNull();
    await t.post([eventFrom(t.messenger, 'unfollow', user, { timestamp: T + 10 })]);
    expect(await resident()).toMatchObject({ followed: false });
    expect((await resident())?.unfollowedAt).toBeInstanceOf(Date);
    expect(await flowState()).toBeNull();

    const sentBefore = t.messenger.sent.length;
    const rowsBefore = await t.testDb.db.outboundMessage.count();
    const late = textFrom(t.messenger, user, 'まだいますか', { timestamp: T + 20 });
    await t.post([late]);
    expect(t.messenger.sent.length).toBe(sentBefore);
    expect(await t.testDb.db.outboundMessage.count()).toBe(rowsBefore);
    expect(await statusOf(late.webhookEventId)).toBe('skipped');
  });

  // Events skipped during processing are redacted like processed ones: no words, no reply token kept.
  test('an event skipped because the resident unfollowed keeps no message text or reply token', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: T })]);
    await t.post([eventFrom(t.messenger, 'unfollow', user, { timestamp: T + 1 })]);
    const late = textFrom(t.messenger, user, '電話番号は090-0000-0000です', { timestamp: T + 2 });
    await t.post([late]);
    const row = await t.testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: late.webhookEventId as string } });
    expect(row.status).toBe('skipped');
    expect(row.payload).not.toContain('090-0000-0000');
    expect(row.payload).not.toContain('replyToken');
  });

  test('a re-follow (unblocked) marks the resident followed again and answers', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: T })]);
    await t.post([eventFrom(t.messenger, 'unfollow', user, { timestamp: T + 1 })]);
    const sentBefore = t.messenger.sent.length;
    await t.post([eventFrom(t.messenger, 'follow-unblocked', user, { timestamp: T + 2 })]);
    expect(await resident()).toMatchObject({ followed: true, unfollowedAt: null });
    expect(t.messenger.sent.length).toBe(sentBefore + 1);
    expect(await t.testDb.db.resident.count()).toBe(1);
  });
});

describe('delivery and failures', () => {
  test('a used or stale reply token falls back to a push with the stored retry key', async () => {
    const follow = eventFrom(t.messenger, 'follow', user);
    t.messenger.staleTokens.add(follow.replyToken as string);
    await t.post([follow]);
    const rows = await t.testDb.db.outboundMessage.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: 'push', status: 'sent', lineUserId: user, eventId: follow.webhookEventId });
    expect(rows[0]!.retryKey).toEqual(expect.any(String));
    expect(t.messenger.sent).toEqual([expect.objectContaining({ method: 'push', to: user, retryKey: rows[0]!.retryKey })]);
  });

  test('a failing commit marks the event failed, sends one apology, and leaves other users unaffected', async () => {
    const unlucky = user;
    const other = newUserId();
    // A real database failure for one resident only: their commit's resident update is refused.
    await failWrites(t.testDb.db, 'fail_one_resident', 'Resident', 'UPDATE', 'injected resident failure', `NEW."lineUserId" = '${unlucky}'`);
    const bad = eventFrom(t.messenger, 'follow', unlucky, { timestamp: T });
    const good = eventFrom(t.messenger, 'follow', other, { timestamp: T + 1 });
    await t.post([bad, good]);

    const failed = await t.testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: bad.webhookEventId as string } });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/resident/i);
    expect(t.messenger.textsTo(unlucky)).toHaveLength(1);
    expect(t.messenger.textsTo(unlucky)[0]).toContain('045-000-1200');
    expect(t.messenger.textsTo(unlucky)[0]).toBe(tr('ja', 'common:apology', { phone: '045-000-1200' }));
    expect(await flowState(unlucky)).toBeNull();
    expect(await t.testDb.db.outboundMessage.findMany({ where: { lineUserId: unlucky }, select: { status: true } })).toEqual([{ status: 'sent' }]);

    expect(await statusOf(good.webhookEventId)).toBe('done');
    expect(await flowState(other)).toMatchObject({ step: 'consent' });
    expect(t.messenger.textsTo(other).join('\n')).toContain(tr('ja', 'onboarding:consent.question'));
  });

  test.each(['message-image', 'message-sticker', 'message-audio'])('%s at a choice step gets a hint and the same question; the state is kept', async (name) => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: T })]);
    const before = await flowState();
    await t.post([eventFrom(t.messenger, name, user, { timestamp: T + 1 })]);
    const after = await flowState();
    expect(after).toMatchObject({ flowId: before?.flowId, step: 'consent', data: before?.data, flowVersion: before?.flowVersion });
    expect(lastSendTo()).toContain(tr('ja', 'common:mediaHint'));
    expect(lastSendTo()).toContain(tr('ja', 'onboarding:consent.question'));
    expect(await resident()).toMatchObject({ consent: 'pending' });
  });

  test('「スタッフと話したい」 before consent asks to agree for the conversation; a yes opens a thread waiting for staff, from the flow before, and tells the resident', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: T })]);
    const ask = textFrom(t.messenger, user, 'スタッフと話したい', { timestamp: T + 1 });
    await t.post([ask]);
    expect(await t.testDb.db.conversation.count()).toBe(0);
    expect(lastSendTo()).toContain(tr('ja', 'handoff:consent.question'));
    await t.post([postbackFrom(t.messenger, user, 'sc=yes', { timestamp: T + 2 })]);
    const r = await resident();
    expect(await t.testDb.db.conversation.findMany()).toMatchObject([{ residentId: r?.id, fromFlow: 'onboarding', owner: 'waiting' }]);
    expect(lastSendTo()).toContain(tr('ja', 'common:handoff.requested'));
  });
});
