// Under test: needs intake and triage in the staff console, in a real Chromium on the real app (simulator mode,
// SQLite). A coordinator takes a phone need for a house whose neighbour already asked through LINE: the form
// shows the screening (屋根) and the likely duplicate before saving; she confirms it separate and reads the N-
// reference. On the triage board both needs show under 受付; she opens the LINE need, moves it to 現地調査 (its
// LINE reporter's notice is queued) and then, as 対応不可, the form insists on the reason and the referral. The
// LINE need is written straight to the database as the LINE side writes it. Faked: the clock (FakeClock).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, launchBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import { seedCentre } from '../helpers/disaster-centre';
import { lineResident, needNoticesQueued, seedNeed } from '../helpers/disaster-needs';
import { startSimulatorApp, type SimulatorApp } from '../helpers/simulator-app';

describeInBrowser('needs intake and the triage board (Chromium)', () => {
  let sim: SimulatorApp;
  let browser: TestBrowser;
  let page: Page;
  const clock = new FakeClock('2026-11-24T10:00:00+09:00');
  const db = () => sim.app.db;

  beforeAll(async () => {
    sim = await startSimulatorApp({ clock });
    await createStaff(db(), { role: 'coordinator', loginId: 'tanaka', displayName: '田中 みのる' });
    browser = await launchBrowser({ viewport: { width: 1280, height: 1000 } });
    page = browser.page;
    page.setDefaultTimeout(5000);
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
  });

  test('a phone need with a suspected duplicate, confirmed separate; the LINE need triaged from the board', async () => {
    const { centreId } = await seedCentre(db());
    const neighbour = await lineResident(db());
    const lineNeed = await seedNeed(db(), centreId, { reporters: [neighbour], phone: '09011112222', householdName: '山田 花子' });

    await screenshotOnFailure(page, 'disaster-needs-intake', async () => {
      await signInThroughPage(page, `${sim.base}/console/disaster/needs`, 'tanaka', 'ニーズの受付:つなぐ市災害ボランティアセンター');
      await page.getByLabel('受付方法').selectOption({ label: '電話' });
      await page.getByLabel('依頼した人', { exact: true }).selectOption({ label: '家族' });
      await page.getByLabel('代わりに依頼した人の名前(本人以外のとき)').fill('山田 一郎');
      await page.getByLabel('世帯(お名前)').fill('山田 花子');
      await page.getByLabel('住所', { exact: true }).fill('つなぐ市海岸町3丁目5番2号');
      await page.getByRole('checkbox', { name: '床上浸水' }).check();
      await page.getByRole('checkbox', { name: '土砂・泥出し' }).check();
      await page.getByLabel('連絡先の電話番号').fill('090-1111-2222');
      await page.getByLabel('備考', { exact: true }).fill('屋根の瓦も落ちています');
      await page.getByRole('button', { name: '受け付ける' }).click();
      await page.getByRole('heading', { name: '同じ世帯かもしれないニーズがあります(まだ保存していません)' }).waitFor();
      await expect(page.locator('section.alert').first().innerText()).resolves.toContain(lineNeed.referenceNo);
      await expect(page.locator('body').innerText()).resolves.toContain('屋根の工事は、工務店や屋根の業者にご相談ください');
      expect(await db().need.count()).toBe(1);
      await page.getByRole('radio', { name: '別の世帯のニーズとして保存する' }).check();
      await page.getByRole('button', { name: '選んだとおりに保存する' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toMatch(/受付番号は N-261124-\w{4} です/);
    });
    expect(await db().need.count()).toBe(2);

    await screenshotOnFailure(page, 'disaster-needs-board', async () => {
      await page.getByRole('link', { name: 'ニーズの一覧(トリアージ)へ' }).click();
      await page.getByRole('heading', { name: '受付(2件)' }).waitFor();
      await page.getByRole('link', { name: lineNeed.referenceNo }).click();
      await page.getByRole('heading', { name: `${lineNeed.referenceNo}(受付)` }).waitFor();
      await page.getByRole('button', { name: '「現地調査」にする' }).click();
      await page.getByRole('heading', { name: `${lineNeed.referenceNo}(現地調査)` }).waitFor();
      await expect(page.locator('body').innerText()).resolves.toMatch(/受付 → 現地調査/);
      // 対応不可 asks for the reason and the referral before the browser even posts.
      await page.getByText('「対応不可」にする(理由と紹介先を入力)').click();
      await page.getByRole('button', { name: '「対応不可」にする' }).click();
      await expect(page.getByLabel('理由').nth(1).evaluate((e) => (e as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).resolves.toBe(true);
      expect(page.url()).toContain(`/console/disaster/needs/${lineNeed.id}`);
    });
    const sent = await needNoticesQueued(db());
    expect(sent.map((n) => n.to)).toEqual([[neighbour]]);
    expect(sent[0]!.content.ja).toContain('現地の確認に伺います');
    expect((await db().need.findUniqueOrThrow({ where: { id: lineNeed.id } })).status).toBe('surveying');
  });
});
