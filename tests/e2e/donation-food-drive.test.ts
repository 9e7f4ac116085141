// Under test: a food-drive offer from LINE to the console and back — a resident offers three foods through signed
// webhooks (the real /webhook, flows and SQLite, best-before dates picked in LINE's date picker): one is refused
// by the profile's rules (best-before too soon) and the resident is told why at once, two are taken, and the offer
// is sent with a D- reference number; a coordinator in a real Chromium opens 寄付・寄贈 from the menu, finds the
// offer, sees the foods taken and the one refused with its reason, accepts it with a message (受け入れる), then
// records its arrival (受け取った) and sees the receipt number; the broadcast engine tells the donor both, in
// Japanese, with the staff message and the receipt number. Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST,
// fiscal year 2026) and LINE (RecordingMessenger).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openAppInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import type { SaidInput } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** What the coordinator writes to the donor when accepting. */
const MESSAGE = '11月26日(木)の午後に事務所でお待ちしています';

describeInBrowser('a food-drive offer from LINE to the console and back (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let talk: ResidentTalk;
  const say = (user: string, ...inputs: SaidInput[]) => talk.say(user, ...inputs);
  const textsTo = (user: string) => t.messenger.textsTo(user);

  beforeAll(async () => {
    t = await createTestApp();
    talk = new ResidentTalk(t);
    t.clock.set('2026-11-24T10:00:00+09:00');
    await createStaff(t.app.db, { role: 'coordinator', loginId: 'tanaka', displayName: '田中 みのる' });
    ({ base, browser, page } = await openAppInBrowser(t.app.server));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('offer three foods (one refused at once), find, accept with a message, receive with a receipt number, both told on LINE', { timeout: 120_000 }, async () => {
    const db = t.app.db;

    // 1. A resident offers three foods through LINE. The canned food's best-before is 16 days away (the rules
    //    ask for 30): refused, and told why straight away. Rice and dried noodles are taken.
    const donor = await talk.follows();
    await say(donor, 'menu=donate', 'c=yes', 'dk=food', 'fc=canned', 'fu=yes', { data: 'fb=date', date: '2026-12-10' });
    expect(textsTo(donor).at(-2)).toBe('賞味期限まで30日以上あるものをお預かりしています。この食品は期限が近いため、お預かりできません。');
    expect(textsTo(donor).at(-1)).toContain('ほかにも食品はありますか?');
    await say(donor, 'fm=more', 'fc=rice', 'fu=yes', { data: 'fb=date', date: '2027-06-01' });
    expect(textsTo(donor).at(-2)).toBe('「米・穀類」はお預かりできます。');
    await say(donor, 'fm=more', 'fc=noodles', 'fu=yes', { data: 'fb=date', date: '2027-03-15' });
    expect(textsTo(donor).at(-2)).toBe('「乾麺」はお預かりできます。');
    expect(textsTo(donor).at(-1)).toContain('お預かりできる食品:2品');
    await say(donor, 'fm=done', '佐藤 一郎', '045-000-9999', 'ds=office-pm');
    // Nothing is stored before the resident sends the summary.
    expect(await db.donationOffer.count()).toBe(0);
    await say(donor, 'dy=send');

    const offer = await db.donationOffer.findFirstOrThrow({ include: { items: { orderBy: { position: 'asc' } } } });
    expect(offer).toMatchObject({ kind: 'food', name: '佐藤 一郎', phone: '0450009999', slot: 'office-pm', address: null, status: 'received', receiptNo: null, receivedAt: null, staffMessage: null });
    expect(offer.referenceNo).toMatch(/^D-261124-[2-9A-Z]{4}$/);
    expect(offer.items.map(({ position, category, unopened, bestBefore, accepted, refusedReason }) => ({ position, category, unopened, bestBefore, accepted, refusedReason }))).toEqual([
      { position: 0, category: 'canned', unopened: true, bestBefore: '2026-12-10', accepted: false, refusedReason: 'best_before_too_soon' },
      { position: 1, category: 'rice', unopened: true, bestBefore: '2027-06-01', accepted: true, refusedReason: null },
      { position: 2, category: 'noodles', unopened: true, bestBefore: '2027-03-15', accepted: true, refusedReason: null },
    ]);
    expect(textsTo(donor).join('\n')).toContain(`お申し出を受け付けました。受付番号は ${offer.referenceNo} です。`);
    const resident = await db.resident.findUniqueOrThrow({ where: { lineUserId: donor } });
    expect(offer.residentId).toBe(resident.id);

    // 2. The coordinator signs in, opens 寄付・寄贈 from the menu, finds the offer and opens it.
    await screenshotOnFailure(page, 'donation-food-drive', async () => {
      await signInThroughPage(page, `${base}/console`, 'tanaka', 'ようこそ、田中 みのるさん');
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '寄付・寄贈' }).click();
      await page.getByRole('heading', { level: 1, name: '寄付・寄贈' }).waitFor();
      const row = page.locator('tbody tr').filter({ hasText: offer.referenceNo });
      await expect(row.innerText()).resolves.toMatch(
        /食品\(フードドライブ\)[\s\S]*米・穀類\(賞味期限 2027\/06\/01\)、乾麺\(賞味期限 2027\/03\/15\)[\s\S]*受け入れ 2品 \/ お断り 1品[\s\S]*平日 13〜16時 持ちこみ[\s\S]*受付[\s\S]*2026\/11\/24 10:00/,
      );
      await page.getByRole('link', { name: offer.referenceNo }).click();
      await page.getByRole('heading', { level: 1, name: `寄付・寄贈 ${offer.referenceNo}` }).waitFor();

      // The two foods taken, and the refused one with its reason, in the order given.
      await expect(page.locator('#items tbody tr').allInnerTexts()).resolves.toEqual([
        expect.stringMatching(/缶詰・レトルト\s+開けていない\s+2026\/12\/10\s+お断り\(賞味期限が近い\)/),
        expect.stringMatching(/米・穀類\s+開けていない\s+2027\/06\/01\s+お預かりする/),
        expect.stringMatching(/乾麺\s+開けていない\s+2027\/03\/15\s+お預かりする/),
      ]);
      await expect(page.locator('#items tbody tr').filter({ hasText: '缶詰・レトルト' }).locator('.badge-danger').innerText()).resolves.toBe('お断り(賞味期限が近い)');
      await expect(page.locator('#donor').innerText()).resolves.toMatch(/佐藤 一郎[\s\S]*045-000-9999/);
      await expect(page.locator('.facts').first().innerText()).resolves.toMatch(/状態\s+受付/);

      // 受け入れる, with a message for the donor.
      await page.getByLabel('メッセージ(なくてもかまいません)').fill(MESSAGE);
      await page.getByRole('button', { name: '受け入れる' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('「受け入れ決定」にしました');
      await expect.poll(() => page.locator('#done:focus').count()).toBe(1);
      await expect(page.locator('.facts').first().innerText()).resolves.toMatch(/状態\s+受け入れ決定[\s\S]*担当者からのメッセージ\s+11月26日\(木\)の午後に事務所でお待ちしています/);
      await expect(page.getByRole('button', { name: '受け入れる' }).count()).resolves.toBe(0);
    });
    expect(await db.donationOffer.findUniqueOrThrow({ where: { id: offer.id } })).toMatchObject({ status: 'accepted', staffMessage: MESSAGE, receiptNo: null });

    // The food is brought in a little later (within the console session): 受け取った gives the fiscal year's
    // first receipt number.
    t.clock.advance(20 * 60_000);
    await screenshotOnFailure(page, 'donation-food-drive', async () => {
      await page.getByRole('button', { name: '受け取った(受領番号をつける)' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('「受領済み」にしました。受領番号は R-2026-0001 です。');
      await expect(page.locator('.facts').first().innerText()).resolves.toMatch(/状態\s+受領済み[\s\S]*受領番号\s+R-2026-0001[\s\S]*受け取った日時\s+2026\/11\/24 10:20/);
      await expect(page.locator('#status-change').count()).resolves.toBe(0);
    });
    const received = await db.donationOffer.findUniqueOrThrow({ where: { id: offer.id } });
    expect(received).toMatchObject({ status: 'received_goods', receiptNo: 'R-2026-0001', receivedAt: new Date('2026-11-24T10:20:00+09:00'), staffMessage: MESSAGE });
    expect(received.receiptNo).toMatch(/^R-\d{4}-\d{4}$/);

    // 3. The engine tells the donor: the acceptance with the coordinator's words, then the receipt number.
    const before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    const pushed = t.messenger.sent.slice(before);
    expect(pushed.map((s) => [s.method, s.to])).toEqual([
      ['push', donor],
      ['push', donor],
    ]);
    const told = pushed.map((s) => s.messages.map((m) => (m.type === 'text' ? m.text : '')).join('\n'));
    expect(told[0]).toBe(
      `【お申し出をお受けします】\n受付番号 ${offer.referenceNo}(食品の寄贈(フードドライブ))のお申し出を、ありがたくお受けします。お渡しの日にちなどは、担当からご連絡します。\n\n担当者より:${MESSAGE}`,
    );
    expect(told[1]).toBe(`【受け取りました】\n受付番号 ${offer.referenceNo}(食品の寄贈(フードドライブ))を、たしかに受け取りました。ご協力ありがとうございました。\n受領番号:R-2026-0001`);

    const actions = (await db.auditLog.findMany({ where: { action: 'donation.status' }, orderBy: { at: 'asc' } })).map((a) => JSON.parse(a.detail!));
    expect(actions).toEqual([
      { from: 'received', to: 'accepted', messageLength: MESSAGE.length },
      { from: 'accepted', to: 'received_goods', receiptNo: 'R-2026-0001' },
    ]);
  });
});
