// Under test: a resident's data on request, in a real Chromium — a resident consults and registers as a volunteer
// through signed webhooks (the real /webhook, flows and SQLite), has reported hours and a donation with a receipt;
// an admin finds them by the consultation's number, exports the printable page and the JSON, erases after typing
// 消去; the receipt and the hours remain without the person, everything else personal is gone (checked in the
// database), and the audit log page shows each step. Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openAppInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import type { SaidInput } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

describeInBrowser("a resident's data: find, export, erase (Chromium)", () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let talk: ResidentTalk;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-11-24T10:00:00+09:00');
    talk = new ResidentTalk(t);
    await createStaff(t.app.db, { role: 'admin', loginId: 'kanri', displayName: '山田 管理' });
    ({ base, browser, page } = await openAppInBrowser(t.app.server));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('an admin finds, exports and erases a resident; the receipt and the hours remain without the person', { timeout: 120_000 }, async () => {
    const db = t.app.db;
    const user = await talk.follows();
    const say = (...inputs: SaidInput[]) => talk.say(user, ...inputs);
    await say('c=yes');
    await say('menu=consult', 'cat=livelihood_loan', 'about=go', 'tc=yes', 'forWhom=family', 'd=kaigan', 'contact=phone', '045-000-1234', 'contactTime=weekday_pm', 'urgency=soon', '母の年金だけでは家賃が払えません。', 'desc=done', 'confirm=send');
    await say('menu=volunteer', 'vo=register', 'c=yes', '佐藤 一郎', '090-1234-5678', 'd=kaigan', 'vs=escort', 'vs=done', 'vd=sat', 'vd=done', 'vt=am', 'vt=done', 'vi=basic', { data: 've=date', date: '2026-06-10' }, 'vc=yes');
    const resident = await db.resident.findUniqueOrThrow({ where: { lineUserId: user } });
    const consultation = await db.consultation.findFirstOrThrow({ where: { residentId: resident.id } });
    const volunteer = await db.volunteer.findUniqueOrThrow({ where: { residentId: resident.id } });
    const now = t.clock.now();
    const requester = await db.resident.create({ data: { lineUserId: `U${'f'.repeat(32)}`, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
    const help = await db.volunteerRequest.create({ data: { referenceNo: 'V-261010-HELP', residentId: requester.id, requesterType: 'person', kind: 'escort', date: '2026-10-10', part: 'am', people: 1, status: 'done', createdAt: now, updatedAt: now } });
    await db.volunteerInvitation.create({ data: { requestId: help.id, volunteerId: volunteer.id, status: 'accepted', invitedAt: now, answeredAt: now, hours: 3, report: '佐藤です。無事に終わりました', reportedAt: now } });
    const offer = await db.donationOffer.create({ data: { referenceNo: 'D-261120-GIFT', residentId: resident.id, kind: 'money', amountYen: 5000, name: '佐藤 一郎', phone: '09012345678', slot: 'counter', status: 'received_goods', receiptNo: 'R-2026-0007', receivedAt: now, createdAt: now, updatedAt: now } });

    await screenshotOnFailure(page, 'resident-data', async () => {
      await signInThroughPage(page, `${base}/console/residents`, 'kanri', '利用者の情報（開示・消去）');
      await page.getByLabel('受付番号・お名前・LINEのユーザーID').fill(consultation.referenceNo);
      await page.getByRole('button', { name: '探す' }).click();
      await page.getByRole('link', { name: new RegExp(consultation.referenceNo) }).click();
      await page.getByRole('heading', { level: 1, name: '利用者の情報' }).waitFor();
      const body = await page.locator('main').innerText();
      for (const shown of ['母の年金だけでは家賃が払えません。', '佐藤 一郎', 'R-2026-0007', 'V-261010-HELP', '山田 管理']) expect(body).toContain(shown);

      // The printable page.
      await page.getByRole('link', { name: '書き出す(HTML)' }).click();
      await page.getByRole('heading', { level: 1, name: '保有している個人情報' }).waitFor();
      await page.getByRole('button', { name: /印刷する/ }).waitFor();
      expect(await page.locator('main').innerText()).toContain('母の年金だけでは家賃が払えません。');
      await page.getByRole('link', { name: '利用者の情報に戻る' }).click();

      // The JSON download, with the page's session.
      const json = await page.request.get(`${base}/console/residents/${resident.id}/export.json`);
      expect(json.headers()['content-disposition']).toContain('attachment');
      const exported = (await json.json()) as { sections: Array<{ feature: string; rows: Array<Record<string, unknown>> }> };
      expect(exported.sections.find((s) => s.feature === 'consultation')?.rows[0]).toMatchObject({ referenceNo: consultation.referenceNo, description: '母の年金だけでは家賃が払えません。' });
      expect(exported.sections.find((s) => s.feature === 'volunteers')?.rows[0]).toMatchObject({ name: '佐藤 一郎' });

      // Erase: the confirmation says what is kept and what is in progress; the word must be typed.
      await page.getByRole('link', { name: '消去する' }).click();
      await page.getByRole('heading', { level: 1, name: '情報の消去' }).waitFor();
      const confirm = await page.locator('main').innerText();
      expect(confirm).toContain('残る記録');
      expect(confirm).toContain(`対応中の相談 ${consultation.referenceNo}`);
      await page.getByLabel('確認のため「消去」と入力してください').fill('消去');
      await page.getByRole('button', { name: '消去する' }).click();
      await page.getByText('この利用者の個人情報は消去されました。').waitFor();
      const after = await page.locator('main').innerText();
      expect(after).not.toContain('佐藤 一郎');
      expect(after).not.toContain('母の年金');
      expect(after).toContain('R-2026-0007');
      await expect(page.getByRole('link', { name: '消去する' }).count()).resolves.toBe(0);

      // In the database: the receipt and the hours remain without the person; the rest is gone.
      expect(await db.donationOffer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ receiptNo: 'R-2026-0007', amountYen: 5000, name: '', phone: null });
      expect(await db.volunteerInvitation.findFirstOrThrow({ where: { volunteerId: volunteer.id } })).toMatchObject({ hours: 3, report: null, reportedAt: now });
      expect(await db.volunteer.findUniqueOrThrow({ where: { id: volunteer.id } })).toMatchObject({ name: '', phone: null, districtCode: null });
      expect(await db.consultation.findUniqueOrThrow({ where: { id: consultation.id } })).toMatchObject({ referenceNo: consultation.referenceNo, description: '', phone: null });
      expect(await db.conversationMessage.count({ where: { conversation: { residentId: resident.id } } })).toBe(0);
      expect(await db.flowState.count({ where: { residentId: resident.id } })).toBe(0);
      expect(await db.webhookEvent.count({ where: { userKey: user } })).toBe(0);
      expect(await db.outboundMessage.count({ where: { lineUserId: user } })).toBe(0);
      expect((await db.resident.findUniqueOrThrow({ where: { id: resident.id } })).lineUserId).toMatch(/^erased:/);

      // The audit log shows each step, filtered by the resident.
      await page.goto(`${base}/console/audit?resident=${resident.id}`);
      const log = await page.locator('table').innerText();
      for (const step of ['利用者の情報(すべての機能)の閲覧', '利用者の情報の書き出し', '利用者の情報の消去']) expect(log).toContain(step);
      expect(log).not.toContain('佐藤');
    });
  });
});
