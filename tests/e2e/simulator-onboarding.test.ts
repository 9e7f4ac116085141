// Under test: the simulator page in a real Chromium, driving the real app (signed webhook, flows, SQLite) by
// taps only; the page signs events itself and shows what the bot sent. Faked: the LINE platform (the app's
// in-process fake Messaging API, which validates every message the bot sends).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { App } from '../../src/composition/app';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { SIMULATOR_ACCESS_TOKEN } from '../../src/simulator/simulator-line';
import { MAIN_RICH_MENU_IMAGE } from '../../src/simulator/deploy-simulator-rich-menu';
import { describeInBrowser, launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { startSimulatorApp, type SimulatorApp } from '../helpers/simulator-app';
import type { TestDb } from '../helpers/test-db';

/** Long enough for a bot reply through webhook → queue → LINE adapter → fake → SSE, on a slow CI machine. */
const STEP_MS = 15_000;

describeInBrowser('simulator page (Chromium)', () => {
  let testDb: TestDb;
  let sim: SimulatorApp;
  let app: App;
  let state: FakeLineState;
  let browser: TestBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    // No LINE variables: simulator mode, with the fake LINE API mounted in the app itself.
    sim = await startSimulatorApp();
    ({ app, state, base, testDb } = sim);
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  const log = () => page.locator('#chat-log');
  const chips = () => page.locator('#quick-replies');
  /** The chip with exactly this label, once the bot's latest message offers it. */
  const chip = (name: string): Locator => chips().getByRole('button', { name, exact: true });
  /** Waits until a bot bubble containing `text` is on screen. */
  const botSays = (text: string) => log().locator('.row-bot .msg').filter({ hasText: text }).last().waitFor({ timeout: STEP_MS });
  /** Waits until the user's own bubble with exactly this text is on screen. */
  const userSaid = (text: string) =>
    log()
      .locator('.row-user .msg-text')
      .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .last()
      .waitFor({ timeout: STEP_MS });
  const tapChip = async (name: string) => {
    await chip(name).waitFor({ timeout: STEP_MS });
    await chip(name).click();
  };

  // The tests share one browser profile and app, in order: the second meets the first one's user again.
  test('a new user follows, onboards by tapping, switches to English in Settings and returns to the menu', { timeout: 120_000 }, async () => {
    await screenshotOnFailure(page, 'simulator-onboarding', async () => {
      await page.goto(`${base}/simulator`);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_MS });

      // Phone-sized window: the user panel is a drawer, opened from the empty chat.
      await page.getByRole('button', { name: 'ユーザーを作成する' }).click();
      await page.getByLabel('表示名').fill('山田 花子');
      await page.getByLabel('LINEの言語設定').selectOption('ja');
      await page.getByRole('button', { name: 'ユーザーを作成', exact: true }).click();
      // The page creates the user through the simulator's API after the click: wait for it rather than race it.
      await expect.poll(() => state.friends().length, { timeout: STEP_MS }).toBe(1);
      const userId = state.friends()[0]!.userId;
      expect(state.friend(userId)).toMatchObject({ displayName: '山田 花子', language: 'ja', blocked: false });

      // Follow: greeting, privacy notice and the consent question as a Flex bubble with big buttons.
      await page.locator('#gate').getByRole('button', { name: '友だち追加' }).click();
      await botSays('友だち追加ありがとうございます');
      await botSays('この内容に同意いただけますか');
      await expect(chip('English').isVisible()).resolves.toBe(true);

      await log().locator('.msg-flex').getByRole('button', { name: '同意する' }).last().click();
      await userSaid('同意する');
      await botSays('ありがとうございます。');

      await tapChip('日本語');
      await userSaid('日本語');
      await botSays('お住まいの地区を選んでください');

      await tapChip('海岸地区社会福祉協議会');
      await botSays('知りたい情報を選んでください');
      await tapChip('サロン・行事');
      await chip('✓ サロン・行事').waitFor({ timeout: STEP_MS });
      await tapChip('災害の情報');
      await chip('✓ 災害の情報').waitFor({ timeout: STEP_MS });
      await tapChip('決定');
      await botSays('登録が終わりました');
      await chip('相談する').waitFor({ timeout: STEP_MS });

      // Settings from the rich menu (the deployed image with its tap areas), then the language.
      const richMenu = page.locator('#rich-menu');
      await expect(richMenu.isVisible()).resolves.toBe(true);
      await richMenu.getByRole('button', { name: '設定' }).click();
      await userSaid('設定を変えたい');
      await log().locator('.msg-flex').getByRole('button', { name: 'ことば' }).last().click();
      await botSays('ことばを選んでください');
      await tapChip('English');
      await botSays('Your settings have been saved.');
      await chip('Ask for help').waitFor({ timeout: STEP_MS });

      // Back to the menu from inside a flow, with the navigation chip (now in English).
      await richMenu.getByRole('button', { name: '設定' }).click();
      await botSays('Which setting would you like to change?');
      await tapChip('Back to menu');
      await userSaid('Back to menu');
      await botSays('What would you like to do?');
      await chip('Talk to staff').waitFor({ timeout: STEP_MS });

      // What the page shows: every tap left the user's bubble the bot's flow expects.
      const userBubbles = await log().locator('.row-user .msg-text').allInnerTexts();
      expect(userBubbles).toEqual([
        '同意する',
        '日本語',
        '海岸地区社会福祉協議会',
        'サロン・行事',
        '災害の情報',
        '決定',
        '設定を変えたい',
        'ことば',
        'English',
        '設定を変えたい',
        'Back to menu',
      ]);
      expect(await log().locator('.row-user .meta').filter({ hasText: '送信失敗' }).count()).toBe(0);
      expect(await chips().getByRole('button').allInnerTexts()).toEqual(['Ask for help', 'Volunteering', 'Donations', 'Salons & events', 'Complaints/opinions', 'Settings', 'My requests', 'Talk to staff']);

      // What the fake LINE API saw: only valid, accepted calls; replies (free), no pushes.
      await app.queue.whenIdle();
      const refused = state.requests.filter((r) => r.status >= 400);
      expect(refused).toEqual([]);
      const replies = state.requests.filter((r) => r.endpoint === 'reply');
      expect(replies.length).toBe(12);
      expect(replies.every((r) => r.status === 200)).toBe(true);
      expect(state.requests.some((r) => r.endpoint === 'push')).toBe(false);
      const delivered = state.delivered(userId);
      expect(delivered.every((d) => d.via === 'reply')).toBe(true);
      const sent = JSON.stringify(delivered.map((d) => d.messages));
      expect(sent).toContain('"data":"c=yes"');
      expect(JSON.stringify(delivered.at(-1)?.messages)).toContain('What would you like to do?');

      // What the database holds: consent, language, district and topics as tapped; every event processed once.
      const resident = await testDb.db.resident.findUniqueOrThrow({ where: { lineUserId: userId } });
      expect(resident).toMatchObject({ consent: 'granted', language: 'en', languageChosen: true, districtCode: 'kaigan', followed: true });
      expect(JSON.parse(resident.topics)).toEqual(['salons_events', 'disaster']);
      expect(resident.onboardedAt).not.toBeNull();
      const events = await testDb.db.webhookEvent.findMany();
      expect(events).toHaveLength(12);
      expect(events.every((e) => e.status === 'done')).toBe(true);
    });
  });

  test('block and unblock, typed text, a photo, a location, a datetime picker, live pushes and user switching', { timeout: 120_000 }, async () => {
    await screenshotOnFailure(page, 'simulator-interactions', async () => {
      const push = async (path: 'push' | 'multicast', body: object) => {
        const res = await fetch(`${base}/v2/bot/message/${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SIMULATOR_ACCESS_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(200);
      };
      const firstUser = state.friends()[0]!.userId;

      // A second user, with English as LINE language, created from the drawer.
      await page.getByRole('button', { name: 'ユーザーを切り替える' }).click();
      await page.getByLabel('表示名').fill('Ana');
      await page.getByLabel('LINEの言語設定').selectOption('en');
      await page.getByRole('button', { name: 'ユーザーを作成', exact: true }).click();
      const ana = state.friends().find((f) => f.displayName === 'Ana')!.userId;
      await page.locator('#gate').getByRole('button', { name: '友だち追加' }).click();
      await botSays('Thank you for adding us as a friend');

      // Block: LINE marks the friend blocked and sends unfollow (no reply token); unblock sends follow again.
      await page.getByRole('button', { name: 'ユーザーを切り替える' }).click();
      await page.locator('#panel').getByRole('button', { name: 'ブロックする' }).click();
      await page.locator('#gate').getByRole('button', { name: 'ブロック解除' }).waitFor({ timeout: STEP_MS });
      expect(state.friend(ana)?.blocked).toBe(true);
      await expect.poll(async () => (await testDb.db.resident.findUnique({ where: { lineUserId: ana } }))?.followed, { timeout: STEP_MS }).toBe(false);
      await page.locator('#gate').getByRole('button', { name: 'ブロック解除' }).click();
      await expect.poll(async () => (await testDb.db.resident.findUnique({ where: { lineUserId: ana } }))?.followed, { timeout: STEP_MS }).toBe(true);
      expect(state.friend(ana)?.blocked).toBe(false);
      await expect.poll(() => log().locator('.row-bot .msg').filter({ hasText: 'Do you agree?' }).count(), { timeout: STEP_MS }).toBe(2);

      // Typed text, from the keyboard bar.
      await page.getByRole('button', { name: '文字入力に切り替える' }).click();
      await page.getByLabel('メッセージ').fill('hello');
      await page.getByLabel('メッセージ').press('Enter');
      await userSaid('hello');
      await log().locator('.row-user').filter({ hasText: 'hello' }).getByText('既読').waitFor({ timeout: STEP_MS });

      // A photo: uploaded to the fake's content store, sent as an image message, shown as the user's bubble.
      const png = await readFile(MAIN_RICH_MENU_IMAGE);
      await page.locator('#image-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
      const photo = log().locator('.row-user .msg-image img').last();
      await photo.waitFor({ timeout: STEP_MS });
      await expect.poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: STEP_MS }).toBe(2500);

      // A location from the small form.
      await page.getByRole('button', { name: '位置情報を送る' }).click();
      await page.getByLabel('場所の名前(任意)').fill('区役所');
      await page.getByLabel('住所').fill('横浜市みなと区海岸通1-2-3');
      await page.locator('#location-dialog').getByRole('button', { name: '送信' }).click();
      await log().locator('.row-user .msg-location').filter({ hasText: '区役所' }).waitFor({ timeout: STEP_MS });

      // A push from the bot shows up live; its datetime picker opens a native date input and posts params.date.
      await push('push', {
        to: ana,
        messages: [
          {
            type: 'template',
            altText: 'date',
            template: {
              type: 'buttons',
              text: 'When can you come?',
              actions: [
                { type: 'datetimepicker', label: 'Pick a date', data: 'visit=1', mode: 'date', initial: '2026-12-01', min: '2026-11-01', max: '2027-03-31' },
                { type: 'uri', label: 'Website', uri: 'https://minato-shakyo.example/' },
              ],
            },
          },
        ],
      });
      await botSays('When can you come?');
      await log().getByRole('button', { name: 'Pick a date' }).click();
      await page.locator('#datetime-dialog').waitFor({ timeout: STEP_MS });
      const dateInput = page.getByLabel('日付');
      await expect(dateInput.getAttribute('type')).resolves.toBe('date');
      await expect(dateInput.inputValue()).resolves.toBe('2026-12-01');
      await dateInput.fill('2026-12-24');
      const webhook = page.waitForRequest((r) => r.url().endsWith('/webhook') && (r.postData() ?? '').includes('visit=1'));
      await page.locator('#datetime-dialog').getByRole('button', { name: '決定' }).click();
      const posted = JSON.parse((await webhook).postData() ?? '{}') as { events: Array<{ type: string; postback: unknown }> };
      expect(posted.events[0]).toMatchObject({ type: 'postback', postback: { data: 'visit=1', params: { date: '2026-12-24' } } });

      // A URI button opens a new tab (answered here: the test machine has no network).
      await page.context().route('https://minato-shakyo.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>stub</title>' }));
      const popup = page.context().waitForEvent('page');
      await log().getByRole('button', { name: 'Website' }).click();
      const tab = await popup;
      await tab.waitForLoadState();
      expect(tab.url()).toBe('https://minato-shakyo.example/');
      await tab.close();

      // A multicast reaches both; the other user's chat counts it as unread until opened.
      await push('multicast', { to: [firstUser, ana], messages: [{ type: 'text', text: '12月の防災訓練のお知らせ' }] });
      await botSays('12月の防災訓練のお知らせ');
      await page.getByRole('button', { name: 'ユーザーを切り替える' }).click();
      const yamada = page.locator('#user-list').getByRole('button', { name: /山田 花子/ });
      await yamada.getByText('1', { exact: true }).waitFor({ timeout: STEP_MS });
      await yamada.click();
      await page.locator('#current-user-label').filter({ hasText: '山田 花子' }).waitFor({ timeout: STEP_MS });
      await botSays('12月の防災訓練のお知らせ');
      await userSaid('Back to menu');

      // Everything the page sent was accepted: no refused webhook, no refused LINE call.
      expect(await log().locator('.meta .failed').count()).toBe(0);
      await app.queue.whenIdle();
      expect(state.requests.filter((r) => r.status >= 400)).toEqual([]);
      const kinds = (await testDb.db.webhookEvent.findMany({ where: { userKey: ana } })).map((e) => e.lineType);
      expect(kinds).toEqual(['follow', 'unfollow', 'follow', 'message', 'message', 'message', 'postback']);
    });
  });
});
