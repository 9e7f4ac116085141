// Under test: the やさしい日本語 check in a real Chromium, as a coordinator writes an announcement: the check runs in
// the browser (a worker with kuromoji and its dictionary, served by the app) as they type, underlines an honorific
// form and a long sentence with why and a suggestion, gives a score, and adds readings in brackets on request; the
// announcement can still be sent as written. Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openAppInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Loading the dictionary (about 17 MB) into the worker the first time takes a few seconds on a slow machine. */
const CHECK_MS = 45_000;

describeInBrowser('easy-Japanese check (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await createStaff(t.app.db, { role: 'coordinator', loginId: 'kimura', displayName: '木村 まこと' });
    ({ base, browser, page } = await openAppInBrowser(t.app.server));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('typing easy Japanese shows the places to fix; readings are added on request; it can still be sent', { timeout: 120_000 }, async () => {
    await screenshotOnFailure(page, 'easy-japanese-check', async () => {
      await signInThroughPage(page, `${base}/console/broadcasts/new`, 'kimura', 'お知らせを作る');
      const easy = page.getByLabel('本文(やさしい日本語・なければ日本語で送ります)');
      const panel = page.locator('.ej-panel');
      await page.getByLabel('件名').fill('年末のお休み');
      await page.getByLabel('本文(日本語・必須)').fill('年末年始は休館します。');

      await easy.fill('ご来場の際は、受付で名前をおっしゃってください。');
      await panel.locator('.ej-status[data-score]').waitFor({ timeout: CHECK_MS });
      const score = Number(await panel.locator('.ej-status').getAttribute('data-score'));
      expect(score).toBeLessThan(100);
      await expect(panel.locator('.ej-status').innerText()).resolves.toMatch(/やさしい日本語チェック \d+点/);
      // おっしゃる is an honorific; 来場 and 〜の際 difficult words; each listed with its excerpt and a suggestion.
      const honorific = panel.locator('.ej-finding[data-rule="honorific"]');
      await expect(honorific.count()).resolves.toBeGreaterThan(0);
      await expect(honorific.first().innerText()).resolves.toContain('おっしゃ');
      const difficult = panel.locator('.ej-finding[data-rule="difficultWord"]');
      await expect(difficult.filter({ hasText: '来場' }).count()).resolves.toBe(1);
      await expect(difficult.filter({ hasText: '際' }).first().innerText()).resolves.toContain('→');
      await expect(panel.locator('.ej-preview .ej-mark').count()).resolves.toBeGreaterThan(1);

      // Tapping a finding selects its place in the text.
      await honorific.first().locator('.ej-excerpt').click();
      const selected = await easy.evaluate((el) => { const area = el as unknown as { value: string; selectionStart: number; selectionEnd: number }; return area.value.slice(area.selectionStart, area.selectionEnd); });
      expect(selected).toContain('おっしゃ');

      // Rewritten to the guideline: no findings, 100 points.
      await easy.fill('かいじょうに きたら、うけつけで なまえを いって ください。');
      await panel.locator('.ej-status[data-score="100"]').waitFor({ timeout: CHECK_MS });
      await expect(panel.locator('.ej-finding').count()).resolves.toBe(0);

      // Readings for every kanji, in brackets after the word (LINE shows no ruby).
      await easy.fill('申し込みは受付で行います。');
      await panel.locator('.ej-status[data-score]').waitFor({ timeout: CHECK_MS });
      await panel.getByRole('button', { name: 'すべての漢字にふりがなをつける' }).click();
      await expect.poll(() => easy.inputValue(), { timeout: CHECK_MS }).toContain('申(もう)し込(こ)み');
      const withReadings = await easy.inputValue();
      expect(withReadings).toContain('受付(うけつけ)');

      // Advice only: the announcement goes to confirmation as written.
      await page.getByLabel('送る日時(日本時間)').fill('2026-11-24T12:00');
      await page.getByRole('button', { name: '確認する' }).click();
      await page.getByRole('heading', { name: 'お知らせの確認' }).waitFor();
      await expect(page.locator('body').innerText()).resolves.toContain('申(もう)し込(こ)み');
    });
  });
});
