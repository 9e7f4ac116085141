// Under test: a council's staff change its settings in the console and a resident sees each change at once — in
// Chromium, the LINE simulator page and the staff console on the real app (simulator mode, SQLite); faked: the clock
// (FakeClock, Mon 7 Dec 2026) and LINE (the app's fake Messaging API).
//
// The profile is the demo council's with no plan for FY2026 yet. An admin adds a salon with its schedule (the
// resident then finds it under サロン・集いの場), starts FY2026's allocation plan from FY2025's (the resident offering
// money then sees the plan's purposes instead of "not made yet"), and renames a consultation area: a button label
// over LINE's 20 characters is refused with the reason, a short one is saved and is the resident's button at once.
// The audit log shows the change with before and after; the history undoes it and the resident's button is back.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import type { Page } from 'playwright-core';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, screenshotOnFailure } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import type { SimulatorApp } from '../helpers/simulator-app';
import { SimulatorPage } from '../helpers/simulator-page';
import { openTwoTabs, type TwoTabs } from '../helpers/two-tabs';

const START = '2026-12-07T10:00:00+09:00';
const AREA_LABEL = 'あんしんセンター(お金の管理)';

/** The demo council's profile with its FY2026 plan taken out (as a council stands in December before the copy). */
function profileWithoutFy2026(dir: string): string {
  const doc = parseDocument(readFileSync(path.resolve(__dirname, '../../profiles/demo-council.yaml'), 'utf8'));
  const plans = doc.getIn(['donations', 'allocationPlans']) as { items: Array<{ get(k: string): unknown }> };
  plans.items = plans.items.filter((p) => p.get('fiscalYear') !== 2026);
  const file = path.join(dir, 'council.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

describeInBrowser('council settings changed in the console reach LINE at once (Chromium)', () => {
  let sim: SimulatorApp;
  let line: SimulatorPage;
  let staff: Page;
  let tabs: TwoTabs | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'council-settings-'));
  const clock = new FakeClock(START);

  beforeAll(async () => {
    tabs = await openTwoTabs({ clock, env: { COUNCIL_PROFILE: profileWithoutFy2026(dir) } });
    ({ sim, line, staff } = tabs);
    await createStaff(sim.app.db, { role: 'admin', loginId: 'suzuki', displayName: '鈴木 事務局長' });
  });

  afterAll(async () => {
    await tabs?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a salon, a new year\'s plan and a renamed area; audited with before and after; undone', { timeout: 240_000 }, async () => {
    await screenshotOnFailure(line.page, 'council-settings-onboard', async () => {
      await line.page.goto(`${sim.base}/simulator`);
      await line.page.locator('body[data-ready="true"]').waitFor();
      await line.onboard('山田 花子');
    });

    // A salon with its schedule.
    await screenshotOnFailure(staff, 'council-settings-salon', async () => {
      await signInThroughPage(staff, `${sim.base}/console/settings`, 'suzuki', '設定');
      await staff.goto(`${sim.base}/console/settings/salons/new`);
      await staff.getByLabel(/^コード/).fill('kaigan-tea');
      await staff.getByLabel('サロンの名前（日本語・必須）').fill('海岸お茶のみサロン');
      await staff.getByLabel('地区', { exact: true }).selectOption('kaigan');
      await staff.getByLabel('場所（必須）').fill('海岸集会所');
      await staff.getByLabel('参加費（必須。例：100円）').fill('100円');
      await staff.getByLabel('問い合わせ先').fill('海岸地区社協 045-000-1111');
      await staff.getByLabel('くり返し').selectOption('monthlyNth');
      await staff.getByLabel('曜日（毎週・第何曜日のとき）').selectOption('wed');
      await staff.getByLabel('第1').check();
      await staff.getByLabel('第3').check();
      await staff.getByLabel('始まる時刻（例：13:30）').fill('13:30');
      await staff.getByLabel('終わる時刻（例：15:30）').fill('15:00');
      await staff.getByRole('button', { name: '確認する（まだ保存しません）' }).click();
      await expect(staff.locator('#preview').innerText()).resolves.toContain('海岸お茶のみサロン');
      await expect(staff.locator('#resident-preview').innerText()).resolves.toContain('海岸集会所');
      await staff.getByRole('button', { name: '保存する' }).click();
      await staff.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    });
    await screenshotOnFailure(line.page, 'council-settings-salon-line', async () => {
      await line.tapMenu('サロン・行事');
      await line.tap('サロン・集いの場');
      await line.botSays('海岸お茶のみサロン');
    });

    // FY2026's plan from FY2025's.
    await screenshotOnFailure(line.page, 'council-settings-no-plan', async () => {
      await line.tapMenu('寄付・寄贈');
      await line.tap('お金');
      await line.botSays('2026年度の配分計画は、まだできていません');
    });
    await screenshotOnFailure(staff, 'council-settings-plan', async () => {
      await staff.goto(`${sim.base}/console/settings/plans`);
      await staff.getByRole('button', { name: '2026年度の計画を2025年度からつくる' }).click();
      await staff.getByRole('status').filter({ hasText: '新しい年度の計画をつくりました' }).waitFor();
      await expect(staff.getByRole('heading', { name: '2026年度（令和8年度）' }).count()).resolves.toBe(1);
    });
    await screenshotOnFailure(line.page, 'council-settings-plan-line', async () => {
      await line.tapMenu('寄付・寄贈');
      await line.tap('お金');
      await line.botSays('2026年度の配分計画:');
      await line.log().locator('.row-bot').last().getByRole('button', { name: '食を通じた居場所', exact: true }).waitFor();
    });

    // A consultation area renamed: too long a label refused with the reason, then a short one.
    await screenshotOnFailure(staff, 'council-settings-area', async () => {
      await staff.goto(`${sim.base}/console/settings/areas/anshin_center`);
      await staff.getByLabel('ボタンの文字（日本語）').fill('あんしんセンターでお金の管理を手伝ってもらう');
      await staff.getByRole('button', { name: '保存する' }).click();
      await expect(staff.locator('#label-error').innerText()).resolves.toContain('LINEのボタンには20文字までしか出ません');
      await staff.getByLabel('ボタンの文字（日本語）').fill('お金の管理の手伝い');
      await staff.getByRole('button', { name: '保存する' }).click();
      await staff.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    });
    expect(await sim.app.db.settingsVersion.count({ where: { section: 'consultationCategories' } })).toBe(1);
    await screenshotOnFailure(line.page, 'council-settings-area-line', async () => {
      await line.tapMenu('相談する');
      await line.botSays('どんなことでお困りですか');
      await line.log().locator('.row-bot').getByRole('button', { name: 'お金の管理の手伝い', exact: true }).last().waitFor();
    });

    // The audit log, with before and after; the history undoes the change.
    await screenshotOnFailure(staff, 'council-settings-audit', async () => {
      await staff.goto(`${sim.base}/console/audit?action=settings.change`);
      const row = staff.locator('tbody tr').filter({ hasText: 'consultationCategories[anshin_center].label' }).first();
      await expect(row.innerText()).resolves.toContain(`「${AREA_LABEL}」 → 「お金の管理の手伝い」`);
      await row.getByRole('link', { name: '変更前と変更後' }).click();
      await expect(staff.locator('table').innerText()).resolves.toContain('お金の管理の手伝い');
      await staff.getByRole('button', { name: 'この変更を取り消す' }).click();
      await staff.getByRole('status').filter({ hasText: 'もとに戻しました' }).waitFor();
    });
    await screenshotOnFailure(line.page, 'council-settings-undone-line', async () => {
      await line.tapMenu('相談する');
      await line.botSays('どんなことでお困りですか');
      await line.log().locator('.row-bot').last().getByRole('button', { name: AREA_LABEL, exact: true }).waitFor();
    });
    const undo = await sim.app.db.auditLog.findFirstOrThrow({ where: { action: 'settings.undo' } });
    expect(undo.detail).toContain('お金の管理の手伝い');
  });
});
