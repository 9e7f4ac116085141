// Under test: consent per topic and a referral with consent in Chromium — the LINE simulator page and the staff console
// on the real app (simulator mode, SQLite, broadcast engine); faked: the clock (FakeClock) and LINE (the app's fake
// Messaging API).
//
// A resident gives the general consent at onboarding, declines the health topic when an 高齢者 consultation needs it
// (the consultation still goes ahead, without the details), starts a volunteering consultation (not asked), then a
// second 高齢者 one (asked again: yes). In Settings → 同意の確認 she withdraws health. A coordinator refers her
// consultation on the console; she is asked in LINE, taps はい; the console shows the referral and she is told where
// she was referred and what happens next.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, screenshotOnFailure } from '../helpers/browser';
import { openConsolePage } from '../helpers/console';
import type { SimulatorApp } from '../helpers/simulator-app';
import { SimulatorPage, STEP_MS } from '../helpers/simulator-page';
import { openTwoTabs, type TwoTabs } from '../helpers/two-tabs';

/** Tue 24 Nov 2026, daytime in Japan (quiet hours hold notices from 21:00 to 08:00). */
const START = '2026-11-24T10:00:00+09:00';
const QUESTION = 'このことを記録してもよいですか';
const MINUTE = 60_000;

describeInBrowser('consent per topic and a referral with consent (Chromium)', () => {
  let sim: SimulatorApp;
  let state: FakeLineState;
  let line: SimulatorPage;
  let staff: Page;
  const clock = new FakeClock(START);
  let tabs: TwoTabs | undefined;

  beforeAll(async () => {
    tabs = await openTwoTabs({ clock });
    ({ sim, state, line, staff } = tabs);
  });

  afterAll(async () => {
    await tabs?.close();
  });

  /** Opens a consultation in the area typed by its name, up to its first question after the explanation. */
  async function startConsultation(area: string): Promise<void> {
    await line.tapMenu('相談する');
    await line.botSays('どんなことでお困りですか');
    await line.type(area);
    await line.tap('この内容で相談する');
  }

  const questionsAsked = () => line.log().locator('.row-bot .msg').filter({ hasText: QUESTION }).count();

  test('declined, not asked, asked again; withdrawn in Settings; referred with consent', { timeout: 240_000 }, async () => {
    await screenshotOnFailure(line.page, 'consent-topics-onboard', async () => {
      await line.page.goto(`${sim.base}/simulator`);
      await line.page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_MS });
      await line.onboard('山田 花子');
    });
    const user = state.friends().find((f) => f.displayName === '山田 花子')!.userId;
    const resident = await sim.app.db.resident.findUniqueOrThrow({ where: { lineUserId: user } });
    expect(resident.consent).toBe('granted');
    const decisions = async () => (await sim.app.db.topicConsent.findMany({ where: { residentId: resident.id }, orderBy: { at: 'asc' } })).map((r) => `${r.topic}:${r.decision}`);

    await screenshotOnFailure(line.page, 'consent-topics-decline', async () => {
      await startConsultation('高齢者の暮らし');
      await line.botSays(QUESTION);
      await line.tap('いいえ');
      await line.botSays('詳しい内容は記録しません');
      await line.tap('自分のこと');
      await line.tap('この地区でよい');
      await line.botSays('詳しいことはお電話かお会いして伺います');
      await line.tap('電話で');
      await line.type('045-000-1234');
      await line.tap('いつでもよい');
      await line.tap('急がない');
      await line.botSays('詳しい内容:記録しません');
      await line.tap('この内容で送る');
      await line.botSays('詳しい内容は記録していません');
    });
    expect(await decisions()).toEqual(['health:declined']);
    expect(await sim.app.db.consultation.findFirstOrThrow({ where: { residentId: resident.id } })).toMatchObject({ categoryCode: 'elderly', description: '' });

    clock.advance(MINUTE); // a person's answers are apart in time: the latest decision is the current one
    await screenshotOnFailure(line.page, 'consent-topics-not-asked', async () => {
      await startConsultation('ボランティア(したい・来てほしい)');
      await line.botSays('どなたについての相談ですか');
      expect(await questionsAsked()).toBe(1);
      await line.tapChip('やめる');
    });

    let reference = '';
    clock.advance(MINUTE);
    await screenshotOnFailure(line.page, 'consent-topics-asked-again', async () => {
      await startConsultation('高齢者の暮らし');
      await expect.poll(questionsAsked, { timeout: STEP_MS }).toBe(2);
      await line.tap('はい');
      await line.botSays('このまま相談を続けます');
      await line.tap('自分のこと');
      await line.tap('この地区でよい');
      await line.tap('このLINEで');
      await line.tap('いつでもよい');
      await line.tap('急がない');
      await line.type('ひとり暮らしで、最近体調がすぐれません。');
      await line.tap('入力おわり');
      await line.tap('この内容で送る');
      await expect.poll(() => sim.app.db.consultation.count({ where: { residentId: resident.id } }), { timeout: STEP_MS }).toBe(2);
      reference = (await sim.app.db.consultation.findFirstOrThrow({ where: { residentId: resident.id, categoryCode: 'elderly', description: { not: '' } } })).referenceNo;
      await line.botSays(reference);
    });
    expect(reference).not.toBe('');
    expect(await decisions()).toEqual(['health:declined', 'health:granted']);
    const second = await sim.app.db.consultation.findUniqueOrThrow({ where: { referenceNo: reference } });
    expect(second.description).toContain('体調がすぐれません');

    clock.advance(MINUTE);
    await screenshotOnFailure(line.page, 'consent-topics-withdraw', async () => {
      await line.tapMenu('設定');
      await line.tap('同意の確認');
      const list = await (await line.botSays('【同意の確認】')).innerText();
      expect(list).toContain('健康・病気:同意しています');
      expect(list).toContain('お金・生活費・貸付:まだ聞かれていません');
      await line.tap('健康の同意を取り消す');
      await line.botSays('取り消しますか');
      await line.tap('取り消す');
      await line.botSays('同意を取り消しました');
    });
    expect(await decisions()).toEqual(['health:declined', 'health:granted', 'health:withdrawn']);
    expect((await sim.app.db.consultation.findUniqueOrThrow({ where: { id: second.id } })).description).toBe('');

    await screenshotOnFailure(staff, 'consent-topics-console', async () => {
      await openConsolePage(staff, `${sim.base}/console/threads/${second.conversationId}`, 'tanaka');
      await staff.getByRole('heading', { name: '本人の同意' }).waitFor();
      const article = staff.locator('article.consultation').filter({ hasText: reference });
      await expect(article.innerText()).resolves.toContain('紹介:まだしていない');
      await article.getByLabel('紹介先').selectOption('houkatsu_kaigan');
      await article.getByRole('button', { name: '紹介する' }).click();
      await staff.getByText('紹介してよいか、本人にLINEで確認しています').waitFor();
    });

    await sim.app.runBroadcasts();
    await sim.app.queue.whenIdle();
    await screenshotOnFailure(line.page, 'consent-topics-referral', async () => {
      await line.botSays('あなたの相談内容とお名前・連絡先を伝えてもよいですか');
      await line.tap('はい、伝えてよい');
      const told = await (await line.botSays('に紹介しました')).innerText();
      expect(told).toContain('海岸地域包括支援センター');
      expect(told).toContain('045-000-2001');
    });
    expect(await sim.app.db.consultation.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: 'referred', referralTarget: '海岸地域包括支援センター' });

    await screenshotOnFailure(staff, 'consent-topics-console-referred', async () => {
      await staff.reload();
      const article = staff.locator('article.consultation').filter({ hasText: reference });
      await expect(article.innerText()).resolves.toContain('海岸地域包括支援センター:紹介済み');
      await expect(staff.locator('.consents').innerText()).resolves.toContain('取り消し');
    });
  });
});
