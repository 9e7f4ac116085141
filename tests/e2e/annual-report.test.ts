// Under test: the annual report in Chromium — a coordinator opens /console/report for fiscal year 2025, the charts
// are drawn by chart.js served from the console's own assets (no CDN; the CSP allows it, no console errors), the
// tables are there with the "<5" rule, another year is chosen from the select, and the CSV is downloaded (and
// audited). Rows are written straight through Prisma. Faked: the clock (FakeClock, 10 May 2026 JST) and LINE
// (RecordingMessenger).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openAppInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** In the page: chart.js is loaded and has drawn a chart on the canvas `id`. */
const drawn = (id: string) => `!!window.Chart && !!window.Chart.getChart(document.getElementById(${JSON.stringify(id)}))`;

describeInBrowser('the annual report (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-05-10T10:00:00+09:00');
    const db = t.app.db;
    const now = t.clock.now();
    await createStaff(db, { role: 'coordinator', loginId: 'sato', displayName: '佐藤 あき' });
    // Twelve friends over FY2025, three of whom blocked; a consultation each; a volunteer with hours.
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.UTC(2025, 3 + i, 10, 1));
      const r = await db.resident.create({ data: { lineUserId: `U${String(i).padStart(32, '0')}`, consent: 'granted', followedAt: at, unfollowedAt: i % 4 === 0 ? new Date(at.getTime() + 86_400_000) : null, createdAt: at, updatedAt: now } });
      await db.consultation.create({
        data: { referenceNo: `C-${i}`, residentId: r.id, categoryCode: i % 2 ? 'elderly' : 'childcare', teamCode: 't', forWhom: 'self', districtCode: 'kaigan', contactMethod: 'line', urgency: 'normal', description: 'x', replyDueAt: at, createdAt: at, updatedAt: now },
      });
    }
    const first = await db.resident.findFirstOrThrow();
    const v = await db.volunteer.create({ data: { residentId: first.id, name: 'V', registeredAt: new Date('2025-05-01T00:00:00Z'), updatedAt: now } });
    const req = await db.volunteerRequest.create({ data: { referenceNo: 'V-1', residentId: first.id, requesterType: 'person', kind: 'listening', date: '2025-06-01', part: 'am', people: 1, status: 'done', createdAt: now, updatedAt: now } });
    await db.volunteerInvitation.create({ data: { requestId: req.id, volunteerId: v.id, status: 'accepted', invitedAt: now, hours: 2.5 } });
    ({ base, browser, page } = await openAppInBrowser(t.app.server));
    page.on('console', (m) => {
      // The browser's own favicon request (the console has none) is not the page's.
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) problems.push(`${m.text()} ${m.location().url}`);
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('opens the report, the charts are drawn from the tables, another year is chosen, the CSV is downloaded', { timeout: 120_000 }, async () => {
    await screenshotOnFailure(page, 'annual-report', async () => {
      await signInThroughPage(page, `${base}/console/report?fy=2025`, 'sato', '事業報告の数字 2025年度(令和7年度)');
      // chart.js loaded from the service, and each chart drawn on its canvas.
      for (const id of ['chart-friends', 'chart-consultations', 'chart-volunteer-hours']) {
        await page.waitForFunction(drawn(id));
        expect(await page.locator(`#${id}`).getAttribute('aria-hidden')).toBe('true');
      }
      const scripts = await page.evaluate<string[]>("[...document.querySelectorAll('script[src]')].map((s) => s.src)");
      expect(scripts.every((s) => s.startsWith(base))).toBe(true);
      // The tables are the charts' text: friends by month, with the exact counts (not suppressed).
      const friends = page.getByRole('table', { name: '月別の友だち追加とブロック' });
      await expect(friends.getByRole('row', { name: /2025年4月/ }).innerText()).resolves.toMatch(/2025年4月\s+1\s+1/);
      await expect(friends.getByRole('row', { name: /合計/ }).innerText()).resolves.toMatch(/合計\s+12\s+3/);
      // Counts that could identify someone: 6 by area is shown as it is, 1 in a month by area as "<5".
      const byArea = page.getByRole('table', { name: '分野別の相談件数' });
      await expect(byArea.getByRole('row', { name: /^子育て/ }).innerText()).resolves.toContain('6');
      const byMonth = page.getByRole('table', { name: '月別・分野別の相談件数' });
      await expect(byMonth.getByRole('row', { name: /2025年5月/ }).innerText()).resolves.toContain('<5');
      // Download the CSV through its link.
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#report-csv').click()]);
      expect(download.suggestedFilename()).toBe('事業報告_2025年度.csv');
      const body = await readFile((await download.path())!, 'utf8');
      expect(body.startsWith('\uFEFF区分,内訳,項目,値\r\n')).toBe(true);
      expect(body).toContain('LINEの友だち,月別の友だち追加とブロック,合計 / 友だち追加,12\r\n');
      // Another year from the select.
      await page.locator('select#fy').selectOption('2024');
      await page.getByRole('button', { name: 'この年度にする' }).click();
      await page.getByRole('heading', { level: 1, name: /2024年度/ }).waitFor();
      await page.waitForFunction(drawn('chart-friends'));
    });
    expect(problems).toEqual([]);
    expect(await t.app.db.auditLog.count({ where: { action: 'report.annual.export' } })).toBe(1);
  });
});
