// Under test: the FAQ and its knowledge loop from end to end, in a real Chromium with two tabs — the LINE simulator
// page and the staff console, both on the real app in simulator mode (signed webhooks, the FAQ module with the real
// Japanese analyser, SQLite). A resident's question that a seeded entry answers gets that answer as a free reply; a
// question nothing answers gets the idle reply and is kept for the loop; on the console's よくある質問の見直し page the
// coordinator turns it into an entry; the next resident asking it gets the new answer, as a reply. Faked: the clock
// and LINE (the app's fake Messaging API, which validates every call).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { signInThroughPage } from '../helpers/console';
import type { SimulatorApp } from '../helpers/simulator-app';
import type { SimulatorPage } from '../helpers/simulator-page';
import { openTwoTabs, type TwoTabs } from '../helpers/two-tabs';

/** A question none of the seeded entries answers (the community hall's rooms are the town's, not the council's). */
const UNKNOWN = '公民館の和室は予約できますか';
const ANSWER = '公民館の和室の予約は、市の公民館の窓口で受け付けています。電話でも予約できます。';

describeInBrowser('the FAQ answers, and what it could not answer becomes an entry (Chromium)', () => {
  let sim: SimulatorApp;
  let state: FakeLineState;
  let browser: TestBrowser;
  let line: SimulatorPage;
  let staff: Page;
  let tabs: TwoTabs | undefined;
  const clock = new FakeClock('2026-12-14T10:00:00+09:00');
  const db = () => sim.app.db;

  beforeAll(async () => {
    tabs = await openTwoTabs({ clock });
    ({ sim, state, browser, line, staff } = tabs);
  });

  afterAll(async () => {
    await tabs?.close();
  });

  /** Replies and paid messages `userId` received. */
  const paid = () => state.delivered().filter((d) => d.via !== 'reply').length;
  const userOf = (name: string) => state.friends().find((f) => f.displayName === name)!.userId;

  test('a seeded answer, an unanswered question turned into an entry, the next resident answered', { timeout: 240_000 }, async () => {
    await screenshotOnFailure(browser.page, 'faq-loop-line', async () => {
      await line.page.goto(`${sim.base}/simulator`);
      await line.page.locator('body[data-ready="true"]').waitFor();
      await line.onboard('山田 花子');
    });
    const paidBefore = paid();
    const insurance = await db().faqEntry.findUniqueOrThrow({ where: { seedCode: 'volunteer-insurance' } });
    const insuranceAnswer = (JSON.parse(insurance.answer) as { ja: string }).ja;

    // A question a seeded entry answers: its answer as a reply, with the two feedback buttons.
    await screenshotOnFailure(browser.page, 'faq-loop-line', async () => {
      await line.type('ボランティア保険はいくらですか');
      await line.botSays(insuranceAnswer.slice(0, 20));
      await line.tapChip('役に立った');
      await line.botSays('お役に立ててよかったです');
      // One nothing answers: the idle reply, with the way to staff.
      await line.type(UNKNOWN);
      await line.botSays('ご用件をメニューから選んでください');
    });
    expect(paid()).toBe(paidBefore);
    const asked = await db().faqQuestion.findMany({ orderBy: { at: 'asc' } });
    expect(asked.map((q) => [q.text, q.outcome, q.entryId, q.feedback])).toEqual([
      ['ボランティア保険はいくらですか', 'answered', insurance.id, 'helpful'],
      [UNKNOWN, 'unanswered', null, null],
    ]);

    // The coordinator reviews the loop: the question is there; made an entry with a Japanese answer.
    await screenshotOnFailure(staff, 'faq-loop-console', async () => {
      await signInThroughPage(staff, `${sim.base}/console/faq-loop`, 'tanaka', 'よくある質問の見直し');
      const group = staff.locator('section.group').filter({ hasText: UNKNOWN });
      await expect(group.getByRole('heading').innerText()).resolves.toBe(`「${UNKNOWN}」など 1件`);
      await group.getByText('よくある質問にする').click();
      await expect(group.locator('textarea[name="questions"]').inputValue()).resolves.toContain(UNKNOWN);
      await group.locator('textarea[name="answerJa"]').fill(ANSWER);
      await group.getByRole('button', { name: 'よくある質問に追加する' }).click();
      await staff.getByRole('status').first().waitFor();
      await expect(staff.locator('section.group').filter({ hasText: UNKNOWN }).count()).resolves.toBe(0);
    });
    const made = await db().faqEntry.findMany({ where: { seedCode: null } });
    expect(made).toHaveLength(1);
    expect(JSON.parse(made[0]!.answer)).toMatchObject({ ja: ANSWER });
    expect(await db().faqQuestion.findFirstOrThrow({ where: { text: UNKNOWN } })).toMatchObject({ resolvedAt: expect.any(Date) });

    // The next resident asks the same: the new answer, as a reply.
    await screenshotOnFailure(browser.page, 'faq-loop-line', async () => {
      await line.onboard('佐藤 一郎');
      await line.type('公民館の和室って予約できる？');
      await line.botSays(ANSWER);
    });
    expect(paid()).toBe(paidBefore);
    const last = state.delivered(userOf('佐藤 一郎')).at(-1)!;
    expect(last.via).toBe('reply');
    expect((await db().faqQuestion.findMany({ where: { entryId: made[0]!.id } })).map((q) => q.outcome)).toEqual(['answered']);
  });
});
