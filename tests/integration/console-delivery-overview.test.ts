// Under test: the home page's 「LINEへの送信」 counts and the monthly-quota banner on every console page, through app.inject on the real app and a temp SQLite file (rows written directly, and one staff reply LINE refuses for the quota); faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger).
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LineApiError } from '../../src/domain/ports';
import { QUOTA_CHECK_TTL_MS } from '../../src/console/quota-banner';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** What LINE's adapter stores for a multicast refused for the monthly limit (run-broadcasts keeps the message). */
const MULTICAST_QUOTA_ERROR = new LineApiError('multicast', 'quotaExceeded', 429, 'You have reached your monthly limit.').message;
const BANNER = 'LINEの月間メッセージ上限に達したため、お知らせや返信の一部が送れていません';

let t: TestApp;
const db = () => t.app.db;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

/** An outbound row in `status`, written `ago` ms before now. */
async function outbound(status: string, ago: number, extra: { error?: string } = {}): Promise<void> {
  await db().outboundMessage.create({
    data: { id: randomUUID(), lineUserId: newUserId(), method: 'push', retryKey: randomUUID(), messages: '[]', status, createdAt: new Date(t.clock.now().getTime() - ago), ...extra },
  });
}

/** A broadcast batch in `status` for `recipients` residents, written at `at`. */
async function batch(status: string, at: Date, opts: { recipients?: number; error?: string } = {}): Promise<void> {
  const broadcastId = randomUUID();
  await db().broadcast.create({ data: { id: broadcastId, kind: 'announcement', title: 'お知らせ', content: '{"ja":"お知らせです"}', targeting: '{"everyone":true}', scheduledAt: at, status: 'sent', createdAt: at } });
  const recipients = JSON.stringify(Array.from({ length: opts.recipients ?? 1 }, () => newUserId()));
  await db().broadcastBatch.create({ data: { broadcastId, language: 'ja', recipients, retryKey: randomUUID(), status, createdAt: at, ...(opts.error ? { error: opts.error } : {}) } });
}

/** The count the home panel shows for figure `key`. */
function figure(html: string, key: string): number {
  const m = new RegExp(`id="delivery-${key}"><dt>[^<]*</dt><dd><strong class="delivery-count">(\\d+)件`).exec(html);
  if (!m) throw new Error(`no figure ${key} on the page`);
  return Number(m[1]);
}

describe('the home page panel 「LINEへの送信」', () => {
  test('counts the last 7 days by state and this month’s failed broadcast batches, for any member, without an audit row', async () => {
    const now = t.clock.now().getTime();
    // Waiting to be sent again: retry rows, and pending/attempting rows left for more than a minute.
    await outbound('retry', 5 * MINUTE);
    await outbound('retry', 6 * DAY);
    await outbound('pending', 2 * MINUTE);
    await outbound('attempting', 10 * MINUTE);
    await outbound('pending', 10_000); // just written: being sent now
    await outbound('attempting', 20_000);
    await outbound('retry', 8 * DAY); // older than the window
    await outbound('unknown', 3 * DAY);
    await outbound('unknown', 9 * DAY);
    await outbound('failed', DAY, { error: 'LINE refused the call (refused)' });
    await outbound('failed', 2 * DAY, { error: 'quota: the monthly message limit is reached' });
    await outbound('failed', 10 * DAY);
    await outbound('skipped', 4 * DAY, { error: 'unfollowed' });
    for (let i = 0; i < 5; i++) await outbound('sent', i * DAY);
    // Broadcast batches: the month starts at midnight Japan time (15:00 UTC the day before).
    await batch('failed', new Date('2026-10-31T15:30:00Z'), { error: 'LINE multicast failed: badRequest (400): refused' }); // 1 Nov 00:30 JST
    await batch('failed', new Date(now - DAY), { error: MULTICAST_QUOTA_ERROR });
    await batch('failed', new Date('2026-10-31T14:59:00Z')); // 31 Oct 23:59 JST: last month
    await batch('sent', new Date(now - DAY));

    const counsellor = await loginAs(t.app, 'counsellor');
    const page = await get(counsellor, '/console');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('LINEへの送信');
    expect({
      waiting: figure(page.body, 'waiting'),
      unknown: figure(page.body, 'unknown'),
      failed: figure(page.body, 'failed'),
      skipped: figure(page.body, 'skipped'),
      broadcastBatchesFailed: figure(page.body, 'broadcastBatchesFailed'),
    }).toEqual({ waiting: 4, unknown: 1, failed: 2, skipped: 1, broadcastBatchesFailed: 2 });
    expect(page.body).toContain('二重に届かないよう、送り直していません');
    // Counts only: no LINE user id appears, and viewing it writes no audit row (only the login's).
    expect(page.body).not.toMatch(/U[0-9a-f]{32}/);
    expect(await db().auditLog.count({ where: { action: { not: { startsWith: 'login' } } } })).toBe(0);
  });

  test('with nothing to report every figure is 0', async () => {
    await outbound('sent', MINUTE);
    const coordinator = await loginAs(t.app, 'coordinator');
    const page = await get(coordinator, '/console');
    for (const key of ['waiting', 'unknown', 'failed', 'skipped', 'broadcastBatchesFailed']) expect(figure(page.body, key)).toBe(0);
  });
});

describe('the monthly-quota banner', () => {
  test('a refusal this month shows on the home page and the inbox with the count of messages not sent', async () => {
    await outbound('failed', DAY, { error: 'quota: the monthly message limit is reached' });
    await outbound('failed', DAY, { error: 'LINE refused the call (refused)' });
    await batch('failed', new Date(t.clock.now().getTime() - 2 * DAY), { recipients: 3, error: MULTICAST_QUOTA_ERROR });
    await batch('failed', new Date(t.clock.now().getTime() - 2 * DAY), { recipients: 5, error: 'LINE multicast failed: badRequest (400): refused' });

    const counsellor = await loginAs(t.app, 'counsellor');
    for (const url of ['/console', '/console/inbox']) {
      const page = await get(counsellor, url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`${BANNER}(4件)。LINE公式アカウントの管理画面でプランと上限を確認してください。`);
    }
  });

  test('refusals of an earlier month show no banner, and a new month clears it', async () => {
    // 31 Oct 23:59 JST: the month before.
    await db().outboundMessage.create({
      data: { id: randomUUID(), lineUserId: newUserId(), method: 'push', messages: '[]', status: 'failed', error: 'quota: the monthly message limit is reached', createdAt: new Date('2026-10-31T14:59:00Z') },
    });
    await batch('failed', new Date('2026-10-20T00:00:00Z'), { recipients: 2, error: MULTICAST_QUOTA_ERROR });
    const admin = await loginAs(t.app, 'admin');
    for (const url of ['/console', '/console/inbox']) expect((await get(admin, url)).body).not.toContain(BANNER);

    await outbound('failed', MINUTE, { error: 'quota: the monthly message limit is reached' });
    t.clock.advance(QUOTA_CHECK_TTL_MS);
    expect((await get(admin, '/console')).body).toContain(`${BANNER}(1件)`);
    t.clock.set('2026-12-01T00:00:00+09:00');
    // A week later the session has lapsed: sign in again.
    const december = await get(await loginAs(t.app, 'admin'), '/console/inbox');
    expect(december.statusCode).toBe(200);
    expect(december.body).not.toContain(BANNER);
  });

  test('a staff reply LINE refuses for the monthly limit is failed with the quota reason and raises the banner', async () => {
    const user = newUserId();
    const ts = t.clock.now().getTime();
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts + 1000 })]);
    await t.post([postbackFrom(t.messenger, user, 'c=yes', { timestamp: ts + 2000 })]);
    await t.post([textFrom(t.messenger, user, 'スタッフと話したい', { timestamp: ts + 3000 })]);
    const thread = await db().conversation.findFirstOrThrow({ where: { resident: { lineUserId: user } } });
    const staff = await loginAs(t.app, 'coordinator', { displayName: '佐藤 はるか' });
    expect((await get(staff, '/console')).body).not.toContain(BANNER);

    t.messenger.failNext = new LineApiError('push', 'quotaExceeded', 429, 'You have reached your monthly limit.');
    expect((await postForm(t.app.server, staff, `/console/threads/${thread.id}/reply`, { text: 'ご連絡ありがとうございます。' })).statusCode).toBe(303);
    const out = await db().conversationMessage.findFirstOrThrow({ where: { conversationId: thread.id, direction: 'out' } });
    await vi.waitFor(async () => expect(await db().outboundMessage.findUniqueOrThrow({ where: { id: out.outboundId! } })).toMatchObject({ status: 'failed', error: expect.stringMatching(/^quota/) }));

    // The count is read again once the last one is older than the cache's life.
    t.clock.advance(QUOTA_CHECK_TTL_MS);
    const home = await get(staff, '/console');
    expect(home.body).toContain(`${BANNER}(1件)`);
    expect(figure(home.body, 'failed')).toBe(1);
    expect((await get(staff, `/console/threads/${thread.id}`)).body).toContain(BANNER);
  });
});
