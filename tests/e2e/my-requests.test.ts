// Under test: わたしの申し込み and a consultation's referral notice in Chromium — the LINE simulator page and the staff
// console on the real app (simulator mode, SQLite, broadcast engine); faked: the clock (FakeClock) and LINE (the app's
// fake Messaging API).
//
// A resident who onboarded in the simulator has an open consultation (in its thread with staff), a request for
// volunteers' help and a place at a council event (written into the database, as the flows would). She types 「状況」
// and sees all three in one free reply. A coordinator refers the consultation in the console (他機関へつないだ, with
// where to); the broadcast engine runs, and the referral notice reaches the resident in the simulator — once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, screenshotOnFailure } from '../helpers/browser';
import { openConsolePage } from '../helpers/console';
import { seedOpenItems } from '../helpers/my-requests';
import type { SimulatorApp } from '../helpers/simulator-app';
import { SimulatorPage, STEP_MS } from '../helpers/simulator-page';
import { openTwoTabs, type TwoTabs } from '../helpers/two-tabs';

/** Tue 24 Nov 2026, daytime in Japan (quiet hours hold notices from 21:00 to 08:00). */
const START = '2026-11-24T10:00:00+09:00';
const REFERENCE = 'S-261124-MINE';
const TARGET = 'みなと区役所 生活支援課';

describeInBrowser('わたしの申し込み and a referral notice (Chromium)', () => {
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

  /** A consultation sent from LINE as the consultation flow stores it: in a thread waiting for the livelihood team. */
  async function openConsultation(residentId: string): Promise<string> {
    const now = clock.now();
    const thread = await sim.app.db.conversation.create({ data: { residentId, owner: 'waiting', teamCode: 'livelihood', openedAt: now, waitingSince: now, lastMessageAt: now } });
    await sim.app.db.consultation.create({
      data: {
        referenceNo: REFERENCE, residentId, conversationId: thread.id, categoryCode: 'food_hardship', teamCode: 'livelihood', forWhom: 'self', districtCode: 'kaigan', contactMethod: 'line',
        contactTime: 'anytime', urgency: 'soon', description: '今月の食費が足りません。', replyDueAt: new Date(now.getTime() + 86_400_000), createdAt: now, updatedAt: now,
      },
    });
    return thread.id;
  }

  test('「状況」 lists the consultation, the request for help and the event place; a referral reaches the resident', { timeout: 180_000 }, async () => {
    await screenshotOnFailure(line.page, 'my-requests-line', async () => {
      await line.page.goto(`${sim.base}/simulator`);
      await line.page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_MS });
      await line.onboard('山田 花子');
    });
    const user = state.friends().find((f) => f.displayName === '山田 花子')!.userId;
    const resident = await sim.app.db.resident.findUniqueOrThrow({ where: { lineUserId: user } });
    const threadId = await openConsultation(resident.id);
    const items = await seedOpenItems(sim.app.db, resident.id, clock.now(), { offer: false });

    const paid = () => state.delivered(user).filter((d) => d.via !== 'reply');
    const paidBefore = paid().length;
    await screenshotOnFailure(line.page, 'my-requests-status', async () => {
      await line.type('状況');
      const answer = await (await line.botSays('あなたの申し込み(3件)の状況です')).innerText();
      expect(answer).toContain(`ご相談 ${REFERENCE}`);
      expect(answer).toContain('担当者が内容を確かめて、ご連絡します');
      expect(answer).toContain(`ボランティアのお願い ${items.request}`);
      expect(answer).toContain(`行事 ${items.event}`);
      expect(answer).toContain('申し込み済みです');
    });
    // A free reply: nothing paid for.
    expect(paid().length).toBe(paidBefore);
    expect(state.delivered(user).at(-1)?.via).toBe('reply');

    await screenshotOnFailure(staff, 'my-requests-console', async () => {
      await openConsolePage(staff, `${sim.base}/console/threads/${threadId}`, 'tanaka');
      await staff.getByRole('heading', { name: '相談の内容' }).waitFor();
      await staff.getByLabel('相談の状態').selectOption('referred');
      await staff.getByLabel('つないだ先(「他機関へつないだ」のとき)').fill(TARGET);
      await staff.getByRole('button', { name: '状態を保存' }).click();
      await staff.getByRole('heading', { name: `受付番号 ${REFERENCE}(他機関へつないだ)` }).waitFor();
    });

    await sim.app.runBroadcasts();
    await sim.app.queue.whenIdle();
    await screenshotOnFailure(line.page, 'my-requests-notice', async () => {
      const notice = await (await line.botSays('【ご相談をつなぎました】')).innerText();
      expect(notice).toContain(REFERENCE);
      expect(notice).toContain(`${TARGET}におつなぎしました`);
      expect(notice).toContain(`このあとは、${TARGET}がご相談にのります`);
    });
    // Sent once, paid for (a push by the broadcast engine); a second run sends nothing more.
    await sim.app.runBroadcasts();
    expect(state.delivered(user).filter((d) => JSON.stringify(d.messages).includes('【ご相談をつなぎました】'))).toHaveLength(1);
    expect(paid().length).toBe(paidBefore + 1);
  });
});
