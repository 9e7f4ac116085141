// Under test: composing and scheduling an announcement in the console in a real Chromium (form, confirmation with
// count and per-language preview, the list), then the broadcast engine sending it in each recipient's language.
// Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openAppInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

describeInBrowser('broadcast compose (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  const ja = `U${'a'.repeat(32)}`;
  const en = `U${'b'.repeat(32)}`;

  beforeAll(async () => {
    t = await createTestApp();
    const now = t.clock.now();
    await t.app.db.resident.createMany({
      data: [
        { lineUserId: ja, language: 'ja', followed: true, consent: 'granted', districtCode: 'kaigan', followedAt: now, createdAt: now, updatedAt: now },
        { lineUserId: en, language: 'en', followed: true, consent: 'granted', districtCode: 'kaigan', followedAt: now, createdAt: now, updatedAt: now },
      ],
    });
    await createStaff(t.app.db, { role: 'coordinator', loginId: 'kimura', displayName: '木村 まこと' });
    ({ base, browser, page } = await openAppInBrowser(t.app.server));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('a coordinator schedules an announcement to one district; it goes out in each language', { timeout: 60_000 }, async () => {
    await screenshotOnFailure(page, 'console-broadcast', async () => {
      await signInThroughPage(page, `${base}/console/broadcasts/new`, 'kimura', 'お知らせを作る');

      await page.getByLabel('件名').fill('海岸地区のサロン');
      await page.getByLabel('本文(日本語・必須)').fill('12月のサロンは公民館で開きます。');
      await page.getByLabel('本文(英語・なければやさしい日本語か日本語で送ります)').fill('The December salon is at the community hall.');
      await page.getByLabel('友だち全員').uncheck();
      await page.getByLabel('海岸地区社会福祉協議会').check();
      await page.getByLabel('送る日時(日本時間)').fill('2026-11-24T10:10');
      await page.getByRole('button', { name: '確認する' }).click();

      await page.getByRole('heading', { name: 'お知らせの確認' }).waitFor();
      await expect(page.getByText('対象の人数(いまの見込み):2人').count()).resolves.toBe(1);
      await expect(page.locator('.line-preview').nth(2).innerText()).resolves.toContain('The December salon is at the community hall.');
      await page.getByRole('button', { name: 'この内容で予約する' }).click();

      await page.getByRole('status').waitFor();
      await expect(page.getByRole('status').innerText()).resolves.toContain('予約しました');
      await expect(page.getByRole('row').filter({ hasText: '海岸地区のサロン' }).innerText()).resolves.toContain('予約済み');
    });

    t.clock.set('2026-11-24T10:10:00+09:00');
    await t.app.runBroadcasts();
    expect(t.messenger.textsTo(ja)).toEqual(['12月のサロンは公民館で開きます。']);
    expect(t.messenger.textsTo(en)).toEqual(['The December salon is at the community hall.']);

    await page.reload();
    const row = page.getByRole('row').filter({ hasText: '海岸地区のサロン' });
    await expect(row.innerText()).resolves.toContain('送信済み');
  });
});
