// Under test: a complaint from LINE to the console and its outcome back, in Chromium — the LINE simulator page and the
// staff console on the real app (simulator mode, SQLite, broadcast engine); faked: the clock (FakeClock) and LINE (the
// app's fake Messaging API).
//
// A resident who onboarded in the simulator sends a complaint from the quick-reply menu's 苦情・ご意見 (about how
// staff acted, a reply wanted on LINE) and gets a K- reference number. The admin responsible for complaints finds it in
// /console/complaints, moves it to 対応中, resolves it with an outcome and sends it (結果を伝える); the broadcast engine
// runs and the outcome reaches the resident in the simulator — once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, screenshotOnFailure } from '../helpers/browser';
import { createStaff, openConsolePage } from '../helpers/console';
import type { SimulatorApp } from '../helpers/simulator-app';
import { SimulatorPage, STEP_MS } from '../helpers/simulator-page';
import { openTwoTabs, type TwoTabs } from '../helpers/two-tabs';

/** Tue 24 Nov 2026, daytime in Japan (quiet hours hold notices from 21:00 to 08:00). */
const START = '2026-11-24T10:00:00+09:00';
const OUTCOME = '担当職員と話し合い、窓口での順番のご案内を改めました。';

describeInBrowser('a complaint from LINE to the console and its outcome back (Chromium)', () => {
  let sim: SimulatorApp;
  let state: FakeLineState;
  let line: SimulatorPage;
  let staff: Page;
  const clock = new FakeClock(START);
  let tabs: TwoTabs | undefined;

  beforeAll(async () => {
    tabs = await openTwoTabs({ clock });
    ({ sim, state, line, staff } = tabs);
    await createStaff(sim.app.db, { role: 'admin', loginId: 'sato', displayName: '佐藤 事務局長' });
  });

  afterAll(async () => {
    await tabs?.close();
  });

  test('sent on LINE with a LINE reply, resolved in the console, the outcome received in LINE', { timeout: 180_000 }, async () => {
    let referenceNo = '';
    await screenshotOnFailure(line.page, 'complaint-line', async () => {
      await line.page.goto(`${sim.base}/simulator`);
      await line.page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_MS });
      await line.onboard('山田 花子');
      await line.tapChip('苦情・ご意見');
      await line.botSays('どちらですか');
      await line.tap('苦情(困ったこと)');
      await line.botSays('何についてですか');
      await line.tap('職員の対応');
      await line.botSays('どんなことがあったか');
      await line.type('窓口で1時間待たされ、説明もありませんでした。');
      await line.botSays('お返事の方法を選んでください');
      await line.tap('LINEで返事がほしい');
      await line.botSays('この内容で送りますか');
      await line.tap('送る');
      const received = await (await line.botSays('受け付けました')).innerText();
      referenceNo = /K-\d{6}-[2-9A-Z]{4}/.exec(received)?.[0] ?? '';
      expect(referenceNo).not.toBe('');
      expect(received).toContain('結果は、このLINEでお知らせします');
      expect(received).toContain('事務局長');
    });
    const user = state.friends().find((f) => f.displayName === '山田 花子')!.userId;
    const resident = await sim.app.db.resident.findUniqueOrThrow({ where: { lineUserId: user } });
    expect(await sim.app.db.complaint.findUniqueOrThrow({ where: { referenceNo } })).toMatchObject({ residentId: resident.id, contact: 'line', status: 'new' });

    await screenshotOnFailure(staff, 'complaint-console', async () => {
      await openConsolePage(staff, `${sim.base}/console/complaints`, 'sato');
      await staff.getByRole('heading', { name: '苦情・ご意見', exact: true }).waitFor();
      await staff.getByRole('link', { name: referenceNo }).click();
      await staff.getByRole('heading', { name: `苦情 ${referenceNo}` }).waitFor();
      await expect(staff.locator('#complaint-text').innerText()).resolves.toContain('窓口で1時間待たされ');
      await staff.getByRole('button', { name: '対応中にする' }).click();
      await staff.getByText('「対応中」にしました。').waitFor();
      await staff.getByRole('textbox', { name: '結果(何をしたか)' }).fill(OUTCOME);
      await staff.getByRole('button', { name: '解決にする' }).click();
      await staff.getByText('「解決」にしました。').waitFor();
      await staff.getByRole('button', { name: '結果を伝える' }).click();
      await staff.getByText('結果をLINEで送りました(その方の言語で)。').waitFor();
    });

    await sim.app.runBroadcasts();
    await sim.app.queue.whenIdle();
    await screenshotOnFailure(line.page, 'complaint-outcome', async () => {
      const notice = await (await line.botSays(OUTCOME)).innerText();
      expect(notice).toContain(referenceNo);
    });
    // Sent once: a second run of the broadcast engine sends nothing more.
    await sim.app.runBroadcasts();
    expect(state.delivered(user).filter((d) => JSON.stringify(d.messages).includes(OUTCOME))).toHaveLength(1);
    expect(await sim.app.db.complaint.findUniqueOrThrow({ where: { referenceNo } })).toMatchObject({ status: 'resolved', outcome: OUTCOME });
  });
});
