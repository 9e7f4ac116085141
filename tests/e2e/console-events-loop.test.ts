// Under test: an event from the console to LINE and back — a coordinator in a real Chromium creates an event
// through the form; two residents (signed webhooks through the real /webhook, flows and SQLite) register, the
// second onto the waitlist; the coordinator sees both, cancels the first on their behalf, sees the second moved
// up, and downloads the registrant CSV; the broadcast engine tells the promoted resident, and the day-before
// reminder reaches the registrant. Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE
// (RecordingMessenger).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openAppInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

describeInBrowser('an event from the console to LINE and back (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let talk: ResidentTalk;
  const say = (user: string, ...inputs: string[]) => talk.say(user, ...inputs);
  const textsTo = (user: string) => talk.sentTo(user);

  /** A friend who agreed to the privacy notice and registers for the event through the menu. */
  async function registers(name: string, eventId: string): Promise<string> {
    const user = await talk.follows();
    await say(user, 'c=yes', 'lang=ja', 'd=skip', 't=done');
    await say(user, 'menu=events', 'ev=list', `el=${eventId}`, 'ed=register', name, '０９０－１２３４－５６７８', 'ec=yes');
    return user;
  }

  beforeAll(async () => {
    t = await createTestApp();
    talk = new ResidentTalk(t);
    t.clock.set('2026-11-24T10:00:00+09:00');
    await createStaff(t.app.db, { role: 'coordinator', loginId: 'tanaka', displayName: '田中 みのる' });
    ({ base, browser, page } = await openAppInBrowser(t.app.server));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('create, register, waitlist, cancel on behalf, promotion notice, CSV, reminder', { timeout: 120_000 }, async () => {
    await screenshotOnFailure(page, 'console-events-loop', async () => {
      await signInThroughPage(page, `${base}/console/events`, 'tanaka', '行事・講座');
      await page.getByRole('link', { name: '行事・講座を登録する' }).click();
      await page.getByLabel('行事の名前(日本語・必須)').fill('手話入門講座');
      await page.getByLabel('内容の説明(日本語・必須)').fill('初めての方向けの手話講座です。');
      await page.getByLabel('場所').fill('福祉センター 2階');
      await page.getByLabel('始まる日時(日本時間)').fill('2026-12-05T13:30');
      await page.getByLabel('終わる日時(日本時間・始まる日時より後)').fill('2026-12-05T15:30');
      await page.getByLabel('定員(人・1〜10000)').fill('1');
      await page.getByLabel('申し込みの締切(日本時間・始まる日時まで)').fill('2026-12-01T17:00');
      await page.getByRole('button', { name: '登録する' }).click();
      await page.getByRole('heading', { level: 1, name: /手話入門講座/ }).waitFor();
    });
    const event = await t.app.db.councilEvent.findFirstOrThrow();
    expect(event).toMatchObject({ capacity: 1, place: '福祉センター 2階', startsAt: new Date('2026-12-05T04:30:00Z') });

    const first = await registers('山田 花子', event.id);
    expect(textsTo(first).at(-1)).toContain('申し込みました');
    const second = await registers('佐藤 一郎', event.id);
    expect(textsTo(second).at(-1)).toContain('キャンセル待ちの1番目');

    await screenshotOnFailure(page, 'console-events-loop', async () => {
      await page.reload();
      const rows = page.locator('#registrants tbody tr');
      await expect(rows.nth(0).innerText()).resolves.toMatch(/山田 花子[\s\S]*090-1234-5678[\s\S]*参加/);
      await expect(rows.nth(1).innerText()).resolves.toMatch(/佐藤 一郎[\s\S]*キャンセル待ち\(1番目\)/);

      const csv = await page.request.get(`${base}/console/events/${event.id}/registrants.csv`);
      expect(csv.status()).toBe(200);
      const bytes = await csv.body();
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString('utf8').split('\r\n').slice(1, 3)).toEqual([expect.stringMatching(/^1,山田 花子,090-1234-5678,参加,/), expect.stringMatching(/^2,佐藤 一郎,090-1234-5678,キャンセル待ち\(1番目\),/)]);

      await page.getByRole('button', { name: '山田 花子さんの申し込みを取り消す' }).click();
      await page.getByRole('status').waitFor();
      await expect(page.locator('#registrants tbody tr').filter({ hasText: '佐藤 一郎' }).innerText()).resolves.toContain('参加');
    });

    const before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    expect(t.messenger.sent.slice(before).map((s) => s.to)).toEqual([second]);
    expect(textsTo(second).at(-1)).toContain('参加が決まりました');

    t.clock.set('2026-12-04T10:00:00+09:00');
    await t.app.runBroadcasts();
    expect(textsTo(second).at(-1)).toContain('明日の行事のお知らせ');
    expect(textsTo(first).some((s) => s.includes('明日の行事のお知らせ'))).toBe(false);
  });
});
