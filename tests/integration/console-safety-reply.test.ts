// Under test: whether a safety reply reached the resident, on the conversation page and as the inbox's 「安全のための返信: 未確認」, through signed webhooks, the outbox and app.inject on the real app and a temp SQLite file; faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger, made to refuse or drop calls).
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LineApiError } from '../../src/domain/ports';
import { loginAs, type ConsoleLogin } from '../helpers/console';
import { eventFrom, newUserId, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';
import type { RecordingMessenger } from '../fakes/recording-messenger';

const MARKER = '安全のための返信: 未確認';

let t: TestApp;
let ts: number;
const db = () => t.app.db;

beforeEach(async () => {
  t = await createTestApp();
  ts = t.clock.now().getTime();
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

/** The resident follows, then writes that they want to die; `beforeDanger` sets LINE's faults just before. Returns the thread. */
async function inDanger(beforeDanger: (replyToken: string) => void = () => {}): Promise<{ user: string; threadId: string; eventId: string }> {
  const user = newUserId();
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: (ts += 1000) })]);
  const event = textFrom(t.messenger, user, 'もう死にたい', { timestamp: (ts += 1000) });
  beforeDanger(String(event.replyToken));
  await t.post([event]);
  const alert = await db().safetyAlert.findFirstOrThrow({ where: { conversation: { resident: { lineUserId: user } } } });
  return { user, threadId: alert.conversationId, eventId: alert.eventId! };
}

/** Makes LINE's next push fail with `error` (the reply is left as it is). */
function failNextPush(messenger: RecordingMessenger, error: Error): void {
  const push = messenger.push.bind(messenger);
  messenger.push = async () => {
    messenger.push = push;
    throw error;
  };
}

/** The safety reply's line of the conversation page. */
function replyLine(html: string): string {
  const m = /<section class="card safety-replies"[\s\S]*?<li[^>]*>([\s\S]*?)<\/li>/.exec(html);
  if (!m) throw new Error('no safety reply section on the page');
  return m[1]!.replace(/<[^>]+>/g, '');
}

describe('the safety reply on the conversation page and in the inbox', () => {
  test('a reply LINE could not take yet shows 送信中/再送待ち and 未確認; once the outbox sends it, 届きました with the time', async () => {
    const staff = await loginAs(t.app, 'counsellor');
    // The reply token is refused (so the reply becomes a push) and LINE is down for that push.
    const { user, threadId } = await inDanger((token) => {
      t.messenger.staleTokens.add(token);
      failNextPush(t.messenger, new LineApiError('push', 'server', 503, 'down'));
    });
    const row = await db().outboundMessage.findFirstOrThrow({ where: { lineUserId: user, safety: true } });
    expect(row).toMatchObject({ status: 'retry', method: 'push' });

    const waiting = await get(staff, `/console/threads/${threadId}`);
    expect(waiting.statusCode).toBe(200);
    expect(replyLine(waiting.body)).toContain('送信中/再送待ち');
    expect(waiting.body).toContain('安全のための返信(110・119や相談窓口の案内):送信中/再送待ち');
    const inbox = await get(staff, '/console/inbox?view=urgent');
    expect(inbox.body).toContain(MARKER);
    const rows = await t.app.server.inject({ method: 'GET', url: '/console/inbox/rows?view=urgent', headers: { cookie: staff.cookie, accept: 'application/json' } });
    expect(rows.json()).toMatchObject({ rows: [{ href: `/console/threads/${threadId}`, safetyReplyUnconfirmed: true }] });

    t.clock.set(row.nextAttemptAt!);
    expect(await t.app.runOutbox()).toBe(1);
    expect(t.messenger.sent.filter((s) => s.to === user && s.method === 'push')).toHaveLength(1);
    const sent = await get(staff, `/console/threads/${threadId}`);
    expect(replyLine(sent.body)).toContain('届きました(11/24(火) 10:00)');
    expect(sent.body).not.toContain('重複の可能性あり');
    expect((await get(staff, '/console/inbox?view=urgent')).body).not.toContain(MARKER);
  });

  test('a reply LINE took without answering, pushed as well, shows 届きました(重複の可能性あり)', async () => {
    const staff = await loginAs(t.app, 'coordinator');
    const { threadId } = await inDanger((token) => {
      // LINE takes the reply (the token is spent) but answers 500.
      const reply = t.messenger.reply.bind(t.messenger);
      t.messenger.reply = async () => {
        t.messenger.reply = reply;
        t.messenger.usedTokens.add(token);
        throw new LineApiError('reply', 'server', 500, 'no answer');
      };
    });
    const page = await get(staff, `/console/threads/${threadId}`);
    expect(replyLine(page.body)).toContain('届きました(重複の可能性あり)(11/24(火) 10:00)');
    expect(page.body).toContain('同じ返信が2回届いているかもしれません');
    expect((await get(staff, '/console/inbox?view=urgent')).body).not.toContain(MARKER);
  });

  test('a reply refused for the monthly limit shows 送れませんでした with the reason, and 未確認 in the inbox', async () => {
    const staff = await loginAs(t.app, 'counsellor');
    const { threadId } = await inDanger((token) => {
      t.messenger.staleTokens.add(token);
      failNextPush(t.messenger, new LineApiError('push', 'quotaExceeded', 429, 'You have reached your monthly limit.'));
    });
    const page = await get(staff, `/console/threads/${threadId}`);
    expect(replyLine(page.body)).toContain('送れませんでした(LINEの月間メッセージ上限)');
    expect(page.body).toContain('電話など別の方法で連絡してください');
    expect((await get(staff, '/console/inbox?view=urgent')).body).toContain(MARKER);
  });

  test('a reply LINE refused for good shows 送れませんでした', async () => {
    const staff = await loginAs(t.app, 'counsellor');
    const { threadId } = await inDanger(() => {
      t.messenger.failNext = new LineApiError('reply', 'badRequest', 400, 'refused');
    });
    const line = replyLine((await get(staff, `/console/threads/${threadId}`)).body);
    expect(line).toContain('送れませんでした');
    expect(line).not.toContain('月間メッセージ上限');
  });

  test('the unknown outcome of a reply shows 届いたか確認できません(LINEの応答なし); the on-duty notice of the same event does not count', async () => {
    const staff = await loginAs(t.app, 'counsellor');
    const { user, threadId, eventId } = await inDanger();
    // The notice pushed to on-duty staff for the same event, refused: not the resident's reply.
    await db().outboundMessage.create({
      data: { id: randomUUID(), lineUserId: newUserId(), eventId, method: 'push', retryKey: randomUUID(), messages: '[]', status: 'failed', safety: true, createdAt: t.clock.now() },
    });
    expect(replyLine((await get(staff, `/console/threads/${threadId}`)).body)).toContain('届きました');
    expect((await get(staff, '/console/inbox?view=urgent')).body).not.toContain(MARKER);

    // Past LINE's memory of the retry key an unconfirmed push is `unknown` (src/domain/delivery.ts).
    await db().outboundMessage.updateMany({ where: { lineUserId: user, safety: true }, data: { status: 'unknown', sentAt: null, ambiguous: true } });
    expect(replyLine((await get(staff, `/console/threads/${threadId}`)).body)).toContain('届いたか確認できません(LINEの応答なし)');
    expect((await get(staff, '/console/inbox?view=urgent')).body).toContain(MARKER);
  });
});
