// Under test: the whole consultation loop — a resident (signed webhooks through the real /webhook, flows and
// SQLite) consults and asks for staff; a counsellor in a real Chromium signs in, claims the thread, replies
// (a push with a retry key), sees the resident's next message appear without reloading, closes the thread;
// the resident answers the survey. A second test follows a danger message to the console's urgent alert.
// Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST, open) and LINE (RecordingMessenger).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openAppInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import { eventFrom } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Long enough for the conversation page's 5 s poll on a slow CI machine. */
const LIVE_MS = 15_000;

describeInBrowser('consultation loop through the console (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let talk: ResidentTalk;
  const say = (user: string, ...inputs: string[]) => talk.say(user, ...inputs);
  /** Every send LINE was asked to make to `user`, in order. */
  const textsTo = (user: string) => talk.sentTo(user);

  beforeAll(async () => {
    t = await createTestApp();
    talk = new ResidentTalk(t);
    await createStaff(t.app.db, { role: 'counsellor', loginId: 'sato', displayName: '佐藤 はるか', teams: ['livelihood'] });
    ({ base, browser, page } = await openAppInBrowser(t.app.server));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('consult, hand off, claim, reply, live message, close, survey', { timeout: 120_000 }, async () => {
    const user = await talk.follows();
    await say(user, 'c=yes', 'lang=ja', 'd=skip', 't=done');
    await say(user, 'menu=consult', 'cat=food_hardship', 'about=go', 'tc=yes', 'forWhom=self', 'd=kaigan', 'contact=line', 'contactTime=anytime', 'urgency=soon');
    await say(user, '今月の食費が足りません。子どもが二人います。', 'desc=done', 'confirm=send');
    const consultation = await t.app.db.consultation.findFirstOrThrow();
    expect(consultation).toMatchObject({ categoryCode: 'food_hardship', teamCode: 'livelihood', status: 'new' });
    expect(textsTo(user).at(-1)).toContain(consultation.referenceNo);
    await say(user, 'スタッフと話したい');
    expect(textsTo(user).at(-1)).toContain('スタッフにおつなぎしています');
    await t.post([eventFrom(t.messenger, 'message-image', user, { timestamp: talk.nextTimestamp() })]);

    await screenshotOnFailure(page, 'console-consultation-loop', async () => {
      await signInThroughPage(page, `${base}/console/inbox`, 'sato', '受信箱');
      const row = page.getByRole('row').filter({ hasText: consultation.referenceNo });
      await expect(row.innerText()).resolves.toContain('対応待ち');
      await row.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: new RegExp(consultation.referenceNo) }).waitFor();
      await expect(page.locator('#consultations').innerText()).resolves.toContain('子どもが二人います');
      // The photo sent while waiting was copied from LINE and is shown in the history.
      const photo = page.locator('#history img.photo');
      await photo.waitFor();
      const src = await photo.getAttribute('src');
      const fetched = await page.request.get(`${base}${src}`);
      expect(fetched.status()).toBe(200);
      expect(fetched.headers()['content-type']).toBe('image/jpeg');
      expect(await t.app.db.auditLog.count({ where: { action: 'conversation.view', staffId: { not: null } } })).toBe(1);

      await page.getByRole('button', { name: '自分が担当する' }).click();
      await expect(page.locator('.facts').first().innerText()).resolves.toContain('佐藤 はるか');

      await page.getByText('定型文を使う').click();
      await page.getByRole('button', { name: '受付のごあいさつ' }).click();
      await expect(page.getByLabel(/相談者への返信/).inputValue()).resolves.toContain('ご連絡ありがとうございます');
      await page.getByLabel(/相談者への返信/).fill('佐藤です。食料のお届けができます。ご住所を教えていただけますか。');
      await page.getByRole('button', { name: '返信を送る' }).click();
      await page.locator('#history .msg-staff').filter({ hasText: 'ご住所を教えていただけますか' }).waitFor();

      // The push goes out after the page answers.
      await expect.poll(() => t.messenger.sent.filter((s) => s.to === user && s.method === 'push').length).toBeGreaterThan(0);
      const push = t.messenger.sent.filter((s) => s.to === user && s.method === 'push').at(-1);
      expect(push?.retryKey).toMatch(/[0-9a-f-]{36}/);
      expect(JSON.stringify(push?.messages)).toContain('佐藤 はるか(スタッフ)より');
      expect(JSON.stringify(push?.messages)).toContain('ご住所を教えていただけますか');
      expect(await t.app.db.conversation.findFirstOrThrow()).toMatchObject({ owner: 'staff', firstStaffReplyAt: expect.any(Date) });

      // The resident answers; the bot stays silent and the message appears on the open page by itself.
      const sentBefore = t.messenger.sent.length;
      await say(user, 'みなと区海岸通3-4-5です');
      expect(t.messenger.sent.length).toBe(sentBefore);
      await page.locator('#history .msg-resident').filter({ hasText: 'みなと区海岸通3-4-5です' }).waitFor({ timeout: LIVE_MS });

      await page.getByRole('button', { name: /対応を終了する/ }).click();
      await page.getByText('終了').first().waitFor();
      expect(await t.app.db.conversation.findFirstOrThrow()).toMatchObject({ owner: 'closed', survey: 'asked' });
      await expect.poll(() => textsTo(user).at(-1)).toContain('満足度');
    });

    await say(user, 'score=5', 'とても助かりました');
    expect(await t.app.db.surveyResponse.findFirstOrThrow()).toMatchObject({ score: 5, comment: 'とても助かりました' });
    expect(await t.app.db.conversation.findFirstOrThrow()).toMatchObject({ survey: 'answered' });

    await screenshotOnFailure(page, 'console-consultation-loop-measures', async () => {
      await page.goto(`${base}/console/measures`);
      const survey = page.getByRole('region', { name: '満足度アンケート' });
      await expect(survey.innerText()).resolves.toContain('5.0 / 5');
      // Free-text comments are for coordinators and admins; a counsellor sees the scores.
      await expect(survey.innerText()).resolves.not.toContain('とても助かりました');
    });
  });

  test('a danger message reaches the console as an urgent alert that staff acknowledge', { timeout: 120_000 }, async () => {
    const user = await talk.follows();
    await say(user, 'もう死にたい');
    expect(textsTo(user).at(-1)).toContain('119');
    const alert = await t.app.db.safetyAlert.findFirstOrThrow({ where: { residentId: (await t.app.db.resident.findUniqueOrThrow({ where: { lineUserId: user } })).id } });
    expect(alert).toMatchObject({ category: 'suicide', acknowledgedAt: null });

    await screenshotOnFailure(page, 'console-danger-alert', async () => {
      await page.goto(`${base}/console/inbox?view=urgent`);
      const row = page.getByRole('row').filter({ hasText: '未確認の警告' });
      await expect(row.innerText()).resolves.toContain('緊急');
      await row.getByRole('link').click();
      const banner = page.getByRole('alert');
      await expect(banner.innerText()).resolves.toContain('自殺の危険');
      await expect(page.locator('#history').innerText()).resolves.toContain('もう死にたい');
      await banner.getByRole('button', { name: '確認した' }).click();
      await page.getByRole('heading', { name: '概要' }).waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
    });
    expect(await t.app.db.safetyAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ acknowledgedAt: expect.any(Date), acknowledgedBy: expect.any(String) });
  });
});
