// Under test: App.recover() resuming work a crash left behind (pending outbound rows, pending events) on a temp SQLite file; the clock and LINE (RecordingMessenger) are faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EventIngest } from '../../src/bot/edge/ingest-events';
import { parseCallback } from '../../src/bot/edge/webhook-schema';
import type { NewOutbound } from '../../src/domain/stores';
import { LineApiError } from '../../src/domain/ports';
import { ATTEMPT_LEASE_MS } from '../../src/domain/delivery';
import { PrismaOutboxStore } from '../../src/infra/prisma/prisma-outbox-store';
import { callbackBody } from '../fixtures/webhook-fixtures';
import { eventFrom, newUserId } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let outbox: PrismaOutboxStore;
let user: string;
const HOUR = 3600_000;

beforeEach(async () => {
  t = await createTestApp();
  outbox = new PrismaOutboxStore(t.testDb.db);
  user = newUserId();
  await t.app.deps.conversations.createResident(user, 'ja', t.clock.now());
});
afterEach(async () => {
  await t.close();
});

function row(id: string, method: 'reply' | 'push' = 'push', lineUserId = user): NewOutbound {
  return { id, lineUserId, method, retryKey: `retry-${id}`, messages: [{ type: 'text', text: `お知らせ ${id}` }] };
}

/** Inserts rows as a commit would have, `ageMs` before the fake clock's now. */
async function leftPending(rows: NewOutbound[], ageMs: number): Promise<void> {
  await outbox.insert(rows, new Date(t.clock.now().getTime() - ageMs));
}

async function recover(): Promise<void> {
  await t.app.recover();
  await t.app.queue.whenIdle();
}

describe('pending outbound rows', () => {
  test('are pushed with their stored retry keys and marked sent', async () => {
    await leftPending([row('a', 'reply'), row('b')], HOUR);
    await recover();

    expect(t.messenger.sent).toEqual([
      { method: 'push', to: user, retryKey: 'retry-a', messages: [{ type: 'text', text: 'お知らせ a' }] },
      { method: 'push', to: user, retryKey: 'retry-b', messages: [{ type: 'text', text: 'お知らせ b' }] },
    ]);
    const stored = await t.testDb.db.outboundMessage.findMany({ orderBy: { id: 'asc' } });
    expect(stored).toMatchObject([
      { id: 'a', status: 'sent', method: 'push', attempts: 1, sentAt: t.clock.now() },
      { id: 'b', status: 'sent', method: 'push', attempts: 1, sentAt: t.clock.now() },
    ]);
  });

  test('a row LINE had already accepted before the crash is confirmed without a second delivery', async () => {
    await leftPending([row('a')], HOUR);
    t.messenger.acceptedRetryKeys.add('retry-a');
    await recover();
    expect(t.messenger.sent).toEqual([]);
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'sent' });
  });

  test('a row older than 23 h is marked failed and not sent; a younger one still goes', async () => {
    await leftPending([row('old')], 23 * HOUR + 60_000);
    await leftPending([row('young')], 23 * HOUR - 60_000);
    await recover();
    expect(t.messenger.sent.map((s) => s.retryKey)).toEqual(['retry-young']);
    const old = await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'old' } });
    expect(old).toMatchObject({ status: 'failed', sentAt: null });
    expect(old.error).toMatch(/24 h/);
  });

  test('a push to a resident who has since unfollowed is skipped', async () => {
    await t.testDb.db.resident.update({ where: { lineUserId: user }, data: { followed: false } });
    await leftPending([row('a')], HOUR);
    await recover();
    expect(t.messenger.sent).toEqual([]);
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'skipped', error: 'unfollowed' });
  });

  test('a push to a user with no resident row is skipped', async () => {
    await leftPending([row('a', 'push', newUserId())], HOUR);
    await recover();
    expect(t.messenger.sent).toEqual([]);
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'skipped' });
  });

  test('a push LINE does not answer waits for another attempt, and goes once with its key', async () => {
    await leftPending([row('a')], HOUR);
    t.messenger.failNext = new Error('connection reset');
    await recover();
    const waiting = await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } });
    expect(waiting).toMatchObject({ status: 'retry', error: 'connection reset', attempts: 1, ambiguous: true });
    t.clock.set(waiting.nextAttemptAt!);
    expect(await t.app.runOutbox()).toBe(1);
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'sent', attempts: 2 });
    expect(t.messenger.sent).toEqual([{ method: 'push', to: user, retryKey: 'retry-a', messages: [{ type: 'text', text: 'お知らせ a' }] }]);
  });

  test('a push LINE refuses for good is marked failed with the error, and not tried again', async () => {
    await leftPending([row('a')], HOUR);
    t.messenger.failNext = new LineApiError('push', 'badRequest', 400, 'bad message');
    await recover();
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'failed', attempts: 1 });
    t.clock.advance(HOUR);
    expect(await t.app.runOutbox()).toBe(0);
    expect(t.messenger.sent).toEqual([]);
  });

  test('running recover twice sends nothing twice', async () => {
    await leftPending([row('a')], HOUR);
    await recover();
    await recover();
    expect(t.messenger.sent).toHaveLength(1);
  });
});

describe('rows a crash left attempting (the call may have reached LINE)', () => {
  /** A row as a crash mid-call leaves it: written, claimed, no outcome. */
  async function leftAttempting(r: NewOutbound, ageMs: number, leaseMs = 60_000): Promise<void> {
    await leftPending([r], ageMs);
    await t.testDb.db.outboundMessage.update({ where: { id: r.id }, data: { status: 'attempting', attempts: 1, leaseUntil: new Date(t.clock.now().getTime() + leaseMs) } });
  }
  const alive = () => new Date(t.clock.now().getTime() + 20_000);

  test('a reply whose token still lives is tried again with it: accepted means it had not gone', async () => {
    const token = t.messenger.tokenFor(user, 'tok-alive');
    await leftAttempting({ ...row('a', 'reply'), replyToken: token, replyBy: alive() }, 5_000);
    await recover();
    expect(t.messenger.sent).toEqual([{ method: 'reply', to: user, messages: [{ type: 'text', text: 'お知らせ a' }] }]);
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'sent', method: 'reply', ambiguous: true, replyToken: null });
  });

  test('a reply whose token LINE says is used had gone before the crash: unknown, not pushed', async () => {
    const token = t.messenger.tokenFor(user, 'tok-used');
    t.messenger.usedTokens.add(token);
    await leftAttempting({ ...row('a', 'reply'), replyToken: token, replyBy: alive() }, 5_000);
    await recover();
    expect(t.messenger.sent).toEqual([]);
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'unknown', ambiguous: true });
  });

  test('a reply whose token has died is unknown; a safety reply is pushed with its key all the same', async () => {
    await leftAttempting({ ...row('a', 'reply'), replyToken: 'tok-dead', replyBy: new Date(t.clock.now().getTime() - 1) }, HOUR);
    await leftAttempting({ ...row('s', 'reply'), replyToken: 'tok-dead-2', replyBy: new Date(t.clock.now().getTime() - 1), safety: true }, HOUR);
    await recover();
    expect(t.messenger.sent).toEqual([{ method: 'push', to: user, retryKey: 'retry-s', messages: [{ type: 'text', text: 'お知らせ s' }] }]);
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'unknown' });
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 's' } })).toMatchObject({ status: 'sent', method: 'push', ambiguous: true });
  });

  test('a push is repeated with its key: LINE drops it if it had arrived', async () => {
    await leftAttempting(row('a'), HOUR);
    t.messenger.acceptedRetryKeys.add('retry-a');
    await recover();
    expect(t.messenger.sent).toEqual([]);
    expect(await t.testDb.db.outboundMessage.findUniqueOrThrow({ where: { id: 'a' } })).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test('claimed by this process (lease not passed), the outbox schedule leaves it alone until the lease passes', async () => {
    await leftAttempting(row('a'), 0, ATTEMPT_LEASE_MS);
    t.clock.advance(30_000);
    expect(await t.app.runOutbox()).toBe(0);
    t.clock.advance(4 * 60_000);
    expect(await t.app.runOutbox()).toBe(1);
    expect(t.messenger.sent.map((s) => s.retryKey)).toEqual(['retry-a']);
  });
});

describe('pending events', () => {
  test('events stored before a crash but never processed are processed by recover', async () => {
    const other = newUserId();
    const raw = [eventFrom(t.messenger, 'follow', other), eventFrom(t.messenger, 'message-text', user, { text: 'こんにちは' })];
    const parsed = parseCallback(JSON.parse(callbackBody(raw)));
    if (!parsed.ok) throw new Error(parsed.issues);
    // Stored the way the webhook stores them, but the process died before the queue was told.
    await new EventIngest(t.app.deps.events, t.clock).ingest(parsed.value.events);
    expect(await t.testDb.db.webhookEvent.count({ where: { status: 'pending' } })).toBe(2);

    await recover();

    expect(await t.testDb.db.webhookEvent.findMany({ select: { status: true } })).toEqual([{ status: 'done' }, { status: 'done' }]);
    expect(t.messenger.sent.map((s) => s.to).sort()).toEqual([other, user].sort());
    expect(await t.testDb.db.resident.findUnique({ where: { lineUserId: other } })).toMatchObject({ followed: true });
  });

  test('with nothing left behind, recover does nothing', async () => {
    await recover();
    expect(t.messenger.sent).toEqual([]);
    expect(await t.testDb.db.webhookEvent.count()).toBe(0);
  });
});

describe('webhooks that arrive while the service is starting', () => {
  let starting: TestApp;
  beforeEach(async () => {
    starting = await createTestApp({}, { recovered: false });
  });
  afterEach(async () => {
    await starting.close();
  });

  test('are stored and acknowledged, held until recovery, then each answered exactly once', async () => {
    const early = newUserId();
    const late = newUserId();
    // One event a previous run left pending …
    const leftOver = parseCallback(JSON.parse(callbackBody([eventFrom(starting.messenger, 'follow', early)])));
    if (!leftOver.ok) throw new Error(leftOver.issues);
    await new EventIngest(starting.app.deps.events, starting.clock).ingest(leftOver.value.events);
    // … and one arriving by webhook after the server listens, before recovery has read the pending ones.
    const res = await starting.post([eventFrom(starting.messenger, 'follow', late)], { wait: false });
    expect(res.status).toBe(200);
    await new Promise((r) => setImmediate(r));
    await starting.app.queue.whenIdle();
    expect(starting.messenger.sent).toEqual([]);
    expect(await starting.testDb.db.webhookEvent.count({ where: { status: 'pending' } })).toBe(2);

    // Recovery reads both as pending, while the webhook's copy of the second is held: each is processed once.
    await starting.app.recover();
    await starting.app.queue.whenIdle();
    expect(await starting.testDb.db.webhookEvent.count({ where: { status: 'done' } })).toBe(2);
    expect(starting.messenger.sent.filter((s) => s.to === early)).toHaveLength(1);
    expect(starting.messenger.sent.filter((s) => s.to === late)).toHaveLength(1);
    expect(await starting.testDb.db.outboundMessage.count()).toBe(2);

    // After recovery, webhooks pass straight through.
    const next = await starting.post([eventFrom(starting.messenger, 'message-text', late, { text: 'こんにちは' })]);
    expect(next.status).toBe(200);
    expect(starting.messenger.sent.filter((s) => s.to === late)).toHaveLength(2);
  });
});
