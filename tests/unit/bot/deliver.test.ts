// Under test: the delivery rules for one outbound row (attemptDelivery, attemptInOrder in src/bot/deliver.ts).
// Faked: LINE (a scripted messenger answering each call as told), the clock (FakeClock, moved by the injected
// sleep) and the outbox (an in-memory record of the rows switched to push).
import { describe, expect, test } from 'vitest';
import { attemptDelivery, attemptInOrder, type DeliveryDeps } from '../../../src/bot/pipeline/deliver';
import { REPLY_TOKEN_LIFE_MS, RETRY_KEY_LIFE_MS } from '../../../src/domain/delivery';
import type { LineMessage } from '../../../src/domain/line-message';
import { LineApiError, type Messenger, type SendReceipt } from '../../../src/domain/ports';
import type { OutboundRow } from '../../../src/domain/stores';
import { FakeClock } from '../../fakes/fake-clock';

type Answer = 'ok' | 'duplicate' | LineApiError;
const server = (op: string) => new LineApiError(op, 'server', 500, 'internal');
const network = (op: string) => new LineApiError(op, 'network', undefined, 'no answer within 1000 ms');
const rateLimited = (op: string, retryAfterMs?: number) => new LineApiError(op, 'rateLimited', 429, 'rate limit', retryAfterMs);
const tokenUsed = () => new LineApiError('reply', 'invalidReplyToken', 400, 'Invalid reply token');
const quota = () => new LineApiError('push', 'quotaExceeded', 429, 'You have reached your monthly limit.');

/** A messenger that answers each reply and push from a script, and records the calls. */
function scripted(replies: Answer[], pushes: Answer[] = []) {
  const calls: Array<{ method: 'reply' | 'push'; key?: string }> = [];
  const answer = (a: Answer | undefined): SendReceipt => {
    if (a === undefined) throw new Error('unexpected call');
    if (a instanceof LineApiError) throw a;
    return { duplicate: a === 'duplicate', requestId: `req-${calls.length}` };
  };
  const messenger: Messenger = {
    async reply() {
      calls.push({ method: 'reply' });
      return answer(replies.shift());
    },
    async push(_to, _m, key) {
      calls.push({ method: 'push', key });
      return answer(pushes.shift());
    },
    multicast: () => Promise.reject(new Error('not used')),
    getProfile: async () => null,
    showLoading: async () => {},
    getContent: async () => null,
  };
  return { messenger, calls };
}

function world(replies: Answer[], pushes: Answer[] = []) {
  const clock = new FakeClock('2026-12-06T10:00:00+09:00');
  const { messenger, calls } = scripted(replies, pushes);
  const switched: Array<{ id: string; ambiguous: boolean }> = [];
  const deps: DeliveryDeps = {
    messenger,
    clock,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    sleep: async (ms) => clock.advance(ms),
    outbox: {
      insert: async () => {},
      claim: async (ids) => ids,
      claimDue: async () => [],
      switchToPush: async (id, ambiguous) => void switched.push({ id, ambiguous }),
      recordOutcomes: async () => {},
      isFollowed: async () => true,
    },
  };
  return { deps, calls, clock, switched };
}

const MESSAGES: LineMessage[] = [{ type: 'text', text: 'こんにちは' }];
function row(clock: FakeClock, o: Partial<OutboundRow> = {}): OutboundRow {
  const now = clock.now();
  return { id: 'r1', lineUserId: 'U1', method: 'reply', retryKey: 'key-1', messages: MESSAGES, replyToken: 'tok', replyBy: new Date(now.getTime() + REPLY_TOKEN_LIFE_MS), safety: false, ambiguous: false, attempts: 1, createdAt: now, ...o };
}

describe('a reply', () => {
  test('accepted at once is sent by reply, free', async () => {
    const w = world(['ok']);
    expect(await attemptDelivery(w.deps, row(w.clock))).toMatchObject({ status: 'sent', method: 'reply' });
    expect(w.calls).toEqual([{ method: 'reply' }]);
  });

  test('refused by a rate limit waits for Retry-After and goes by reply', async () => {
    const w = world([rateLimited('reply', 1000), rateLimited('reply', 1000), 'ok']);
    const start = w.clock.now().getTime();
    expect(await attemptDelivery(w.deps, row(w.clock))).toMatchObject({ status: 'sent', method: 'reply' });
    expect(w.calls.map((c) => c.method)).toEqual(['reply', 'reply', 'reply']);
    expect(w.clock.now().getTime() - start).toBe(2000);
  });

  test('after a 500 LINE may have taken: a second try that finds the token used leaves it unknown, never pushed', async () => {
    const w = world([server('reply'), tokenUsed()]);
    expect(await attemptDelivery(w.deps, row(w.clock))).toMatchObject({ status: 'unknown' });
    expect(w.calls).toEqual([{ method: 'reply' }, { method: 'reply' }]);
    expect(w.switched).toEqual([]);
  });

  test('after a timeout, a second try that is accepted is sent (the first never reached LINE)', async () => {
    const w = world([network('reply'), 'ok']);
    expect(await attemptDelivery(w.deps, row(w.clock))).toMatchObject({ status: 'sent', method: 'reply', ambiguous: true });
  });

  test('a safety reply whose outcome is unknown is pushed as well, with its retry key', async () => {
    const w = world([network('reply'), tokenUsed()], ['ok']);
    expect(await attemptDelivery(w.deps, row(w.clock, { safety: true }))).toMatchObject({ status: 'sent', method: 'push', ambiguous: true });
    expect(w.calls).toEqual([{ method: 'reply' }, { method: 'reply' }, { method: 'push', key: 'key-1' }]);
    expect(w.switched).toEqual([{ id: 'r1', ambiguous: true }]);
  });

  test('whose token was spent or stale before any doubtful attempt becomes a push with its key', async () => {
    const w = world([tokenUsed()], ['ok']);
    expect(await attemptDelivery(w.deps, row(w.clock))).toMatchObject({ status: 'sent', method: 'push' });
    expect(w.switched).toEqual([{ id: 'r1', ambiguous: false }]);
    expect(w.calls.at(-1)).toEqual({ method: 'push', key: 'key-1' });
  });

  test('rate-limited until its token dies becomes a push (nothing reached LINE)', async () => {
    const w = world(Array.from({ length: 20 }, () => rateLimited('reply', 20_000)), ['ok']);
    expect(await attemptDelivery(w.deps, row(w.clock))).toMatchObject({ status: 'sent', method: 'push' });
    expect(w.calls.filter((c) => c.method === 'reply').length).toBe(3);
  });

  test('with 500s until its token dies is unknown, not pushed', async () => {
    const w = world(Array.from({ length: 20 }, () => server('reply')));
    expect(await attemptDelivery(w.deps, row(w.clock))).toMatchObject({ status: 'unknown' });
    expect(w.calls.every((c) => c.method === 'reply')).toBe(true);
  });

  test('a row a crash left attempting (ambiguous) whose token has died is unknown; a safety one is pushed', async () => {
    const w = world([], ['ok']);
    const dead = { ambiguous: true, replyBy: new Date(w.clock.now().getTime() - 1) };
    expect(await attemptDelivery(w.deps, row(w.clock, dead))).toMatchObject({ status: 'unknown' });
    expect(w.calls).toEqual([]);
    expect(await attemptDelivery(w.deps, row(w.clock, { ...dead, safety: true }))).toMatchObject({ status: 'sent', method: 'push', ambiguous: true });
  });
});

describe('a push', () => {
  test('a 409 for its key counts as sent', async () => {
    const w = world([], ['duplicate']);
    expect(await attemptDelivery(w.deps, row(w.clock, { method: 'push' }))).toMatchObject({ status: 'sent', method: 'push' });
  });

  test('a 500 or a rate limit leaves it waiting to retry (after Retry-After at the earliest), keeping whether it is ambiguous', async () => {
    const w = world([], [server('push')]);
    const a = await attemptDelivery(w.deps, row(w.clock, { method: 'push' }));
    expect(a).toMatchObject({ status: 'retry', ambiguous: true });
    const w2 = world([], [rateLimited('push', 30_000)]);
    const b = await attemptDelivery(w2.deps, row(w2.clock, { method: 'push' }));
    expect(b).toMatchObject({ status: 'retry', ambiguous: false });
    expect(b.status === 'retry' && b.nextAttemptAt.getTime() - w2.clock.now().getTime()).toBe(30_000);
  });

  test('the monthly quota fails it at once with reason quota', async () => {
    const w = world([], [quota()]);
    expect(await attemptDelivery(w.deps, row(w.clock, { method: 'push' }))).toMatchObject({ status: 'failed', error: expect.stringMatching(/^quota/) });
  });

  test('past LINE\'s memory of its key it is not repeated: unknown if an attempt may have been taken, else failed', async () => {
    const w = world([], []);
    const old = new Date(w.clock.now().getTime() - RETRY_KEY_LIFE_MS - 1);
    expect(await attemptDelivery(w.deps, row(w.clock, { method: 'push', createdAt: old, ambiguous: true }))).toMatchObject({ status: 'unknown' });
    expect(await attemptDelivery(w.deps, row(w.clock, { method: 'push', createdAt: old }))).toMatchObject({ status: 'failed' });
    expect(w.calls).toEqual([]);
  });
});

test('a resident\'s later rows wait behind one that has to retry, so nothing overtakes it', async () => {
  const w = world([], [server('push')]);
  const rows = [row(w.clock, { id: 'a', method: 'push' }), row(w.clock, { id: 'b', method: 'push', retryKey: 'key-2' })];
  const outcomes = await attemptInOrder(w.deps, rows);
  expect(outcomes.map((o) => [o.id, o.status])).toEqual([
    ['a', 'retry'],
    ['b', 'retry'],
  ]);
  expect(w.calls).toHaveLength(1);
});
