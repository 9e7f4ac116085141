// Under test: POST /webhook of the real app (signature, limits, envelope, storage, ack-before-processing) on a temp SQLite file; the clock and LINE (RecordingMessenger) are faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WEBHOOK_BODY_LIMIT } from '../../src/bot/edge/webhook-route';
import type { LineProfile, SendReceipt } from '../../src/domain/ports';
import { allFixtureNames, callbackBody, loadFixture, sign, withEvent } from '../fixtures/webhook-fixtures';
import { deferred, eventFrom, newUserId } from '../helpers/line-events';
import { createTestApp, TEST_SECRET, type TestApp } from '../helpers/test-app';

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

/** POSTs raw bytes to /webhook with the given headers (no signing unless the caller signs). */
async function postRaw(body: string | Buffer, headers: Record<string, string> = {}) {
  return t.app.server.inject({ method: 'POST', url: '/webhook', headers: { 'content-type': 'application/json', ...headers }, payload: body });
}

async function signedRaw(body: string | Buffer) {
  return postRaw(body, { 'x-line-signature': sign(body, TEST_SECRET) });
}

function without(event: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...event };
  delete copy[key];
  return copy;
}

async function storedCount(): Promise<number> {
  return t.testDb.db.webhookEvent.count();
}

describe('refusals store nothing', () => {
  const body = () => callbackBody([withEvent('message-text')]);

  test('missing signature → 401', async () => {
    const res = await postRaw(body());
    expect(res.statusCode).toBe(401);
    expect(await storedCount()).toBe(0);
  });

  test('signature under another secret → 401', async () => {
    const b = body();
    const res = await postRaw(b, { 'x-line-signature': sign(b, 'some-other-secret') });
    expect(res.statusCode).toBe(401);
    expect(await storedCount()).toBe(0);
  });

  test('signature of different bytes (re-serialised body) → 401', async () => {
    const b = body();
    const reserialised = JSON.stringify(JSON.parse(b), null, 2);
    const res = await postRaw(reserialised, { 'x-line-signature': sign(b, TEST_SECRET) });
    expect(res.statusCode).toBe(401);
    expect(await storedCount()).toBe(0);
  });

  test('garbage signature → 401', async () => {
    const res = await postRaw(body(), { 'x-line-signature': 'not base64 at all!!' });
    expect(res.statusCode).toBe(401);
    expect(await storedCount()).toBe(0);
  });

  test('body over 1 MiB, even correctly signed → 413', async () => {
    const event = withEvent('message-text', { text: 'あ'.repeat(WEBHOOK_BODY_LIMIT / 3 + 10) });
    const big = callbackBody([event]);
    expect(Buffer.byteLength(big)).toBeGreaterThan(WEBHOOK_BODY_LIMIT);
    const res = await signedRaw(big);
    expect(res.statusCode).toBe(413);
    expect(await storedCount()).toBe(0);
    expect(t.messenger.sent).toEqual([]);
  });

  test('signed but invalid JSON → 400', async () => {
    const res = await signedRaw('{"destination":"U1","events":[');
    expect(res.statusCode).toBe(400);
    expect(await storedCount()).toBe(0);
  });

  test.each([
    ['events is not an array', { destination: 'U1', events: {} }],
    ['events missing', { destination: 'U1' }],
    ['destination missing', { events: [withEvent('follow')] }],
    ['the body is an array', [withEvent('follow')]],
  ])('signed JSON that is not a webhook envelope (%s) → 400, and no event of the batch is stored', async (_name, json) => {
    const res = await signedRaw(JSON.stringify(json));
    expect(res.statusCode).toBe(400);
    expect(await storedCount()).toBe(0);
  });

  test.each([
    ['arrays', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['objects', (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`],
    ['an unknown field of an event', (n: number) => callbackBody([{ ...withEvent('follow'), deep: '__DEEP__' }]).replace('"__DEEP__"', `${'['.repeat(n)}${']'.repeat(n)}`)],
  ])('signed JSON nested 10,000 levels deep (%s) → 400, and nothing is stored', async (_name, build) => {
    const res = await signedRaw(build(10_000));
    expect(res.statusCode).toBe(400);
    expect(await storedCount()).toBe(0);
    expect(t.messenger.sent).toEqual([]);
  });
});

describe('one bad event does not cost the others', () => {
  const rows = () => t.testDb.db.webhookEvent.findMany({ orderBy: { id: 'asc' } });

  test.each([
    ['a text message without text', (e: Record<string, unknown>) => ({ ...e, message: { ...(e.message as object), text: undefined } })],
    ['an unknown mode', (e: Record<string, unknown>) => ({ ...e, mode: 'sleeping' })],
    ['no webhookEventId', (e: Record<string, unknown>) => without(e, 'webhookEventId')],
    ['not an object at all', () => 'just a string'],
  ])('%s between two good events → 200, both good ones answered, the bad one stored as unknown with nothing personal', async (_name, spoil) => {
    const [a, b, c] = [newUserId(), newUserId(), newUserId()];
    const bad: unknown = spoil(eventFrom(t.messenger, 'message-text', b, { text: '電話は090-1111-2222です', replyToken: 'bad-event-reply-token' }));
    const res = await t.post([eventFrom(t.messenger, 'follow', a), bad as object, eventFrom(t.messenger, 'follow', c)]);
    expect(res.status).toBe(200);
    expect(t.messenger.sent.map((s) => [s.method, s.to]).sort()).toEqual([['reply', a], ['reply', c]].sort());
    const stored = await rows();
    expect(stored).toHaveLength(3);
    expect(stored.filter((r) => r.status === 'done')).toHaveLength(2);
    const unknown = stored.filter((r) => r.status !== 'done');
    expect(unknown).toMatchObject([{ lineType: 'unknown', status: 'skipped', userKey: null }]);
    for (const secret of ['090-1111-2222', 'bad-event-reply-token', b]) expect(JSON.stringify(unknown, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(secret);
  });

  test('the same bad event delivered again is stored once', async () => {
    const bad = { ...withEvent('follow'), mode: 'sleeping' };
    delete (bad as Record<string, unknown>).webhookEventId;
    await t.post([bad]);
    await t.post([bad]);
    expect(await storedCount()).toBe(1);
  });

  test('an event type LINE adds later, among good events → 200, stored as skipped, not answered, nothing personal kept', async () => {
    const user = newUserId();
    const later: Record<string, unknown> = { ...withEvent('follow', { userId: user }), type: 'somethingNew', follow: undefined, somethingNew: { text: '私の住所は海岸通1-2-3' } };
    const text = eventFrom(t.messenger, 'message-text', user, { text: 'メニュー' });
    const res = await t.post([later, text]);
    expect(res.status).toBe(200);
    const stored = await t.testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: later.webhookEventId as string } });
    expect(stored).toMatchObject({ lineType: 'somethingNew', status: 'skipped' });
    expect(stored.payload).not.toContain('海岸通');
    expect(t.messenger.sent.map((s) => [s.method, s.to])).toEqual([['reply', user]]);
  });

  test('fields LINE adds later to a known event are accepted and the event is answered', async () => {
    const user = newUserId();
    const text = eventFrom(t.messenger, 'message-text', user, { text: 'メニュー' });
    Object.assign(text, { addedLater: { nested: [1, 2] } });
    Object.assign(text.message as object, { alsoAddedLater: 'x' });
    expect((await t.post([text])).status).toBe(200);
    expect(t.messenger.sent.map((s) => [s.method, s.to])).toEqual([['reply', user]]);
  });
});

describe('accepted requests', () => {
  test('the URL verification request (no events) → 200', async () => {
    const res = await signedRaw(JSON.stringify({ destination: 'Ub0f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', events: [] }));
    expect(res.statusCode).toBe(200);
    expect(await storedCount()).toBe(0);
  });

  test('the signature header is matched in any casing', async () => {
    const b = callbackBody([withEvent('follow')]);
    const res = await postRaw(b, { 'X-LINE-SIGNATURE': sign(b, TEST_SECRET) });
    expect(res.statusCode).toBe(200);
    expect(await storedCount()).toBe(1);
  });

  test('brackets inside strings do not count toward the nesting limit', async () => {
    const user = newUserId();
    const res = await t.post([eventFrom(t.messenger, 'message-text', user, { text: `"\\${'[{'.repeat(200)}` })]);
    expect(res.status).toBe(200);
    expect(await t.testDb.db.webhookEvent.findMany({ select: { status: true } })).toEqual([{ status: 'done' }]);
  });

  test('a content type with a charset is accepted', async () => {
    const b = callbackBody([withEvent('follow')]);
    const res = await postRaw(b, { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': sign(b, TEST_SECRET) });
    expect(res.statusCode).toBe(200);
  });

  test.each(allFixtureNames())('fixture %s → 200 and exactly one stored row of its type', async (name) => {
    const event = withEvent(name);
    const res = await t.post([event]);
    expect(res.status).toBe(200);
    const rows = await t.testDb.db.webhookEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: event.webhookEventId, lineType: loadFixture(name).type, mode: event.mode });
    expect(rows[0]!.status).not.toBe('pending');
  });
});

describe('events the bot must not answer', () => {
  const NOT_ACTED_ON = [
    'account-link', 'activated', 'beacon', 'bot-resumed', 'bot-suspended', 'deactivated', 'delivery', 'join', 'leave',
    'member-joined', 'member-left', 'membership', 'message-edited', 'module', 'module-detached', 'video-play-complete',
  ];

  test.each(NOT_ACTED_ON)('%s is stored as skipped and sends nothing', async (name) => {
    await t.post([withEvent(name)]);
    expect(await t.testDb.db.webhookEvent.findMany({ select: { status: true } })).toEqual([{ status: 'skipped' }]);
    expect(t.messenger.sent).toEqual([]);
  });

  test('an unsend is processed (to erase what was kept) and answered by nothing', async () => {
    await t.post([withEvent('unsend')]);
    expect(await t.testDb.db.webhookEvent.findMany({ select: { status: true } })).toEqual([{ status: 'done' }]);
    expect(t.messenger.sent).toEqual([]);
  });

  test.each(['group-text', 'room-text', 'standby-text'])('%s sends nothing, creates no resident and is skipped', async (name) => {
    await t.post([withEvent(name, { text: 'スタッフと話したい' })]);
    expect(t.messenger.sent).toEqual([]);
    expect(await t.testDb.db.resident.count()).toBe(0);
    expect(await t.testDb.db.outboundMessage.count()).toBe(0);
    expect(await t.testDb.db.webhookEvent.findMany({ select: { status: true } })).toEqual([{ status: 'skipped' }]);
  });

  test('a group message does not reach the member 1:1 even when they are a resident', async () => {
    const member = newUserId();
    await t.post([eventFrom(t.messenger, 'follow', member)]);
    const before = t.messenger.sent.length;
    await t.post([withEvent('group-text', { userId: member, text: 'メニュー' })]);
    expect(t.messenger.sent.length).toBe(before);
  });
});

describe('acknowledgement comes before processing', () => {
  test('the 200 is answered while processing is still blocked on LINE; the row is pending until it finishes', async () => {
    const user = newUserId();
    const profile = deferred<LineProfile | null>();
    t.messenger.getProfile = () => profile.promise;
    const event = eventFrom(t.messenger, 'follow', user);

    const res = await t.post([event], { wait: false });
    expect(res.status).toBe(200);
    // Let the queue start: it is now waiting on the profile call that never resolves on its own.
    await new Promise((r) => setImmediate(r));
    expect(await t.testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: event.webhookEventId as string } })).toMatchObject({ status: 'pending' });
    expect(t.messenger.sent).toEqual([]);

    profile.resolve(null);
    await t.app.queue.whenIdle();
    expect(await t.testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: event.webhookEventId as string } })).toMatchObject({ status: 'done' });
    expect(t.messenger.sent.map((s) => [s.method, s.to])).toEqual([['reply', user]]);
  });

  test('while one user\'s reply hangs, their next webhook is still answered 200 and stored pending', async () => {
    const user = newUserId();
    const hang = deferred<SendReceipt>();
    const realReply = t.messenger.reply.bind(t.messenger);
    const follow = eventFrom(t.messenger, 'follow', user);
    t.messenger.reply = (token, messages) => (token === follow.replyToken ? hang.promise : realReply(token, messages));

    expect((await t.post([follow], { wait: false })).status).toBe(200);
    const text = eventFrom(t.messenger, 'message-text', user, { timestamp: (follow.timestamp as number) + 1000 });
    expect((await t.post([text], { wait: false })).status).toBe(200);
    expect(await t.testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: text.webhookEventId as string } })).toMatchObject({ status: 'pending' });

    hang.resolve({ duplicate: false, requestId: 'late' });
    await t.app.queue.whenIdle();
    expect(await t.testDb.db.webhookEvent.findMany({ select: { status: true } })).toEqual([{ status: 'done' }, { status: 'done' }]);
    expect(t.messenger.sent.filter((s) => s.to === user)).toHaveLength(1); // the hung reply was not recorded by the fake
  });
});
