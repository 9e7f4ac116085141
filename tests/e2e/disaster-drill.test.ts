// Under test: a set-up drill (立ち上げ訓練) of the disaster volunteer centre from end to end, in a real Chromium with
// two tabs — the staff console and the LINE simulator page, both on the real app in simulator mode (signed webhooks,
// flows, SQLite, the broadcast engine, the disaster module's jobs). A coordinator opens a drill centre and LINE
// switches to the disaster rich menu; three friends join the pool by tapping and typing (one new from another
// municipality, one already a registered volunteer, one without insurance) and apply for a date with 2 places,
// locals first; the draw at the window's end chooses the two locals; one reconfirms, the uninsured one does not and
// loses the place at the deadline, the waitlisted one is offered it and takes it; on the day two check in by the
// poster's QR code (its link read in the simulator's QR reader, the message sent as LINE prefills it), the third is
// checked in at the desk by name as a walk-in, flagged uninsured; closing the centre switches the menu back. Every
// message of the drill carries 【訓練】. Faked: the clock (FakeClock, the app's only time; the page keeps its own for
// LINE timestamps), the draw's randomness (seeded) and LINE (the app's fake Messaging API, which validates every call).
import QRCode from 'qrcode';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { MODULES } from '../../src/composition/modules';
import { disasterModuleWith } from '../../src/composition/modules/disaster';
import { DRILL_MARK } from '../../src/domain/disaster/centre';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { FakeClock } from '../fakes/fake-clock';
import { seededRandom } from '../fakes/seeded-random';
import { describeInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { openConsolePage, signInThroughPage } from '../helpers/console';
import type { SimulatorApp } from '../helpers/simulator-app';
import { openTwoTabs, type TwoTabs } from '../helpers/two-tabs';
import { SimulatorPage, STEP_MS } from '../helpers/simulator-page';

/** Thu 10 Dec 2026: the activity date; applications from Mon 7 Dec 09:00 to Tue 8 Dec 12:00, reconfirm by Wed 18:00. */
const DATE = '2026-12-10';
const DATE_CHIP = '12月10日(木)';
const CENTRE = '令和8年度 立ち上げ訓練';

describeInBrowser('a disaster volunteer centre drill: pool, draw, backfill and reception (Chromium)', () => {
  let sim: SimulatorApp;
  let state: FakeLineState;
  let browser: TestBrowser;
  let line: SimulatorPage;
  let staff: Page;
  const clock = new FakeClock('2026-12-07T09:00:00+09:00');
  const db = () => sim.app.db;
  const ids: Record<'yamada' | 'sato' | 'suzuki', string> = { yamada: '', sato: '', suzuki: '' };

  let tabs: TwoTabs | undefined;

  beforeAll(async () => {
    const disaster = disasterModuleWith({ random: seededRandom(20261207) });
    tabs = await openTwoTabs({ clock, modules: MODULES.map((m) => (m.id === 'disaster' ? disaster : m)) });
    ({ sim, state, browser, line, staff } = tabs);
  });

  afterAll(async () => {
    await tabs?.close();
  });

  /** A friend who has agreed to the privacy notice and chosen language, district and topics; returns the LINE user id. */
  async function onboarded(name: string): Promise<string> {
    await line.onboard(name);
    return state.friends().find((f) => f.displayName === name)!.userId;
  }

  /** The rest of joining after 個人/団体 and the name: where from, skills, days, phone, emergency contact, insurance. */
  async function answersTo(o: { origin: string; skill?: string; phone?: string; emergency: string; plan: string; enrolledOn?: string; days: 'every' | string }) {
    await line.botSays('どちらから来ますか');
    await line.tap(o.origin);
    await line.botSays('あてはまるものを選んでください');
    if (o.skill) {
      await line.tapChip(o.skill);
      await line.chip(`✓ ${o.skill}`).waitFor({ timeout: STEP_MS });
    }
    await line.tapChip('決定');
    await line.botSays('来られる日を選んでください');
    if (o.days === 'every') await line.tap('毎日来られる');
    else {
      await line.pickDate('日にちを選ぶ', o.days);
      await line.botSays('いま 1日 選んでいます');
      await line.tap('決定');
    }
    if (o.phone) {
      await line.botSays('当日連絡のつく電話番号');
      await line.type(o.phone);
    }
    await line.botSays('緊急連絡先');
    await line.type(o.emergency);
    await line.botSays('ボランティア活動保険に入っていますか');
    await line.tap(o.plan);
    if (o.enrolledOn) {
      await line.botSays('保険に入った日を選んでください');
      await line.pickDate('入った日を選ぶ', o.enrolledOn);
    }
    return line.botSays('この内容で登録します');
  }

  /** From the summary: 登録する, then 活動日に申し込む for the date. */
  async function joinsAndApplies() {
    await line.tap('登録する');
    await line.botSays('登録しました。ありがとうございます。');
    await line.tap('活動日に申し込む');
    await line.botSays('申し込む日を選んでください');
    await line.tapChip(DATE_CHIP);
    await line.botSays('いま 1日 選んでいます');
    await line.tap('申し込む');
    await line.botSays('申し込みました。');
  }

  /** The date's applications by member name. */
  async function applications() {
    const rows = await db().dayApplication.findMany({ include: { member: true }, orderBy: { position: 'asc' } });
    return Object.fromEntries(rows.map((r) => [r.member.name, r]));
  }

  /** Places held (chosen or reconfirmed): never more than the date's capacity. */
  async function placesHeld() {
    return db().dayApplication.count({ where: { status: { in: ['chosen', 'reconfirmed'] } } });
  }

  /** The jobs a minute's schedule runs (the draw, the deadline), then the notices they queued. */
  async function minuteAt(at: string) {
    clock.set(at);
    await sim.app.runBroadcasts();
  }

  /** Messages the council pays for (push, or multicast as the broadcast engine sends notices), as delivered. */
  const paid = () => state.delivered().filter((d) => d.via !== 'reply');

  /** Opens a console page the next day: the overnight session has ended, so the coordinator signs in again. */
  async function nextDayAt(path: string) {
    expect(await openConsolePage(staff, `${sim.base}${path}`, 'tanaka')).toBe(true);
    expect(new URL(staff.url()).pathname).toBe(path);
  }

  const staffStatus = () => staff.getByRole('status').first().innerText();

  let openedAtSeq = 0;
  let centreId = '';
  let dayId = '';

  test('a drill from opening to reception, every message marked 【訓練】', { timeout: 300_000 }, async () => {
    await staff.bringToFront();
    await screenshotOnFailure(browser.page, 'disaster-drill-line', async () => {
      await line.page.goto(`${sim.base}/simulator`);
      await line.page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_MS });
      // Friends of the account before anything happens; 佐藤 is already a registered volunteer.
      ids.yamada = await onboarded('山田 花子');
      ids.sato = await onboarded('佐藤 一郎');
      ids.suzuki = await onboarded('鈴木 次郎');
      const satoResident = await db().resident.findUniqueOrThrow({ where: { lineUserId: ids.sato } });
      await db().volunteer.create({
        data: { residentId: satoResident.id, name: '佐藤 一郎', phone: '09012345678', districtCode: 'kaigan', skills: JSON.stringify(['chainsaw']), insuranceFiscalYear: 2026, insurancePlan: 'disaster', insuranceEnrolledOn: '2026-05-10', registeredAt: clock.now(), updatedAt: clock.now() },
      });
      expect(await line.menuTiles()).toContain('相談する');
    });

    // The coordinator registers a drill centre and opens it; LINE's default menu becomes the disaster menu.
    await screenshotOnFailure(staff, 'disaster-drill-console', async () => {
      await signInThroughPage(staff, `${sim.base}/console/disaster/new`, 'tanaka', 'センターを登録する');
      await staff.getByLabel('災害の名前(センターの名前)').fill(CENTRE);
      await staff.getByRole('checkbox', { name: '海岸地区社会福祉協議会' }).check();
      await staff.getByLabel('開設日').fill('2026-12-07');
      await staff.getByRole('radio', { name: /訓練/ }).check();
      await staff.getByRole('button', { name: '登録する' }).click();
      await expect(staffStatus()).resolves.toContain('登録しました(準備中)');
      centreId = /\/console\/disaster\/centres\/([^/?]+)/.exec(staff.url())![1]!;
      openedAtSeq = state.delivered().length;
      await staff.getByRole('button', { name: '開設する' }).click();
      await expect(staffStatus()).resolves.toContain('開設しました。');
      await expect(staff.locator('.facts').first().innerText()).resolves.toMatch(/状態\s+開設中[\s\S]*種類\s+訓練/);
    });
    expect(await db().disasterCentre.findUniqueOrThrow({ where: { id: centreId } })).toMatchObject({ status: 'open', drill: true });
    const audits = await db().auditLog.findMany({ where: { subjectId: centreId }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['disaster.centre.create', 'disaster.centre.status']);
    await expect.poll(() => line.menuTiles(), { timeout: STEP_MS }).toEqual(['手伝ってほしい', '手伝いたい', 'わたしの予定', '受付', '通常メニュー', 'スタッフと話す']);

    // A date with 2 places, locals first, applications until Tue 12:00.
    await screenshotOnFailure(staff, 'disaster-drill-console', async () => {
      await staff.getByRole('link', { name: '活動日・抽選' }).click();
      await staff.getByLabel('活動日', { exact: true }).fill(DATE);
      await staff.getByLabel(/^定員/).fill('2');
      await staff.getByLabel(/^申し込みの受付を始める日時/).fill('2026-12-07T09:00');
      await staff.getByLabel(/^申し込みの締切/).fill('2026-12-08T12:00');
      await staff.getByLabel(/^繰り上げの返事を待つ時間/).fill('3');
      await staff.getByRole('checkbox', { name: '地元の人を先に選ぶ' }).check();
      await staff.getByRole('button', { name: '活動日を登録する' }).click();
      await expect(staffStatus()).resolves.toContain('活動日を登録しました');
      dayId = /\/console\/disaster\/days\/([^/?]+)/.exec(staff.url())![1]!;
    });
    const day = await db().activityDay.findUniqueOrThrow({ where: { id: dayId } });
    expect(day).toMatchObject({ date: DATE, capacity: 2, backfillHours: 3 });
    expect(day.reconfirmBy.toISOString()).toBe(new Date('2026-12-09T18:00:00+09:00').toISOString());

    await screenshotOnFailure(browser.page, 'disaster-drill-line', async () => {
      // 山田: new, from another municipality, a nurse, insured (天災タイプ since June), every day.
      await line.switchTo('山田 花子');
      await line.tapMenu('手伝いたい');
      await line.botSays('災害ボランティアの登録です。いくつか質問します。');
      await line.tap('ひとりで');
      await line.botSays('お名前(フルネーム)を送ってください。');
      await line.type('山田 花子');
      let summary = await answersTo({ origin: 'ほかの市町村から', skill: '看護師', phone: '090-1111-2222', emergency: '山田太郎 090-3333-4444', plan: '天災タイプに入っている', enrolledOn: '2026-06-01', days: 'every' });
      await expect(summary.innerText()).resolves.toMatch(/お名前:山田 花子[\s\S]*ほかの市町村から[\s\S]*できること:看護師[\s\S]*来られる日:14日[\s\S]*保険:天災タイプ\(6月1日\(月\)に加入\)[\s\S]*今日の活動は保険で補償されます/);
      await joinsAndApplies();

      // 佐藤: the registered volunteer — name, phone and chainsaw come from the registration and are not asked.
      await line.switchTo('佐藤 一郎');
      await line.tapMenu('手伝いたい');
      await line.botSays('ボランティア登録のお名前・電話番号・できることを使います');
      await line.tap('ひとりで');
      summary = await answersTo({ origin: '地元(市内)から', emergency: '佐藤花子 080-5555-6666', plan: '天災タイプに入っている', enrolledOn: '2026-05-10', days: 'every' });
      await expect(summary.innerText()).resolves.toMatch(/お名前:佐藤 一郎[\s\S]*できること:チェーンソー[\s\S]*電話:09012345678/);
      await joinsAndApplies();

      // 鈴木: local, not insured — told plainly where to enrol, and joins all the same.
      await line.switchTo('鈴木 次郎');
      await line.tapMenu('手伝いたい');
      await line.tap('ひとりで');
      await line.botSays('お名前(フルネーム)を送ってください。');
      await line.type('鈴木 次郎');
      summary = await answersTo({ origin: '地元(市内)から', phone: '070-7777-8888', emergency: '鈴木一子 070-9999-0000', plan: 'まだ入っていない', days: DATE });
      await expect(summary.innerText()).resolves.toContain('保険:まだ入っていない');
      await line.tap('登録する');
      const joined = await line.botSays('保険は、活動の日までに入ってください');
      await expect(joined.innerText()).resolves.toContain('区社協の窓口(つなぐ区福祉センター1階)');
      await joined.getByRole('button', { name: '保険に入る' }).waitFor();
      await line.tap('活動日に申し込む');
      await line.tapChip(DATE_CHIP);
      await line.botSays('いま 1日 選んでいます');
      await line.tap('申し込む');
      await line.botSays('申し込みました。');
    });

    const members = await db().poolMember.findMany({ orderBy: { joinedAt: 'asc' } });
    expect(members.map((m) => [m.name, m.origin, m.coverPlan, m.volunteerId !== null])).toEqual([
      ['山田 花子', 'outside', 'disaster', false],
      ['佐藤 一郎', 'local', 'disaster', true],
      ['鈴木 次郎', 'local', null, false],
    ]);
    expect(Object.values(await applications()).map((a) => a.status)).toEqual(['applied', 'applied', 'applied']);

    // The console shows the pool and the gap in cover.
    await screenshotOnFailure(staff, 'disaster-drill-console', async () => {
      await staff.goto(`${sim.base}/console/disaster/centres/${centreId}/pool`);
      const rows = staff.locator('table tbody tr');
      await expect(rows.count()).resolves.toBe(3);
      await expect(rows.filter({ hasText: '鈴木 次郎' }).innerText()).resolves.toContain('無保険');
      await expect(rows.filter({ hasText: '山田 花子' }).innerText()).resolves.not.toContain('無保険');
      await expect(staff.locator('.facts').innerText()).resolves.toMatch(/今日 無保険\s+1件/);
    });

    // Tue 12:01: the window has closed, the draw chooses the two locals; everyone is told.
    const pushesBefore = paid().length;
    await minuteAt('2026-12-08T12:01:00+09:00');
    let apps = await applications();
    expect(apps['佐藤 一郎']!.status).toBe('chosen');
    expect(apps['鈴木 次郎']!.status).toBe('chosen');
    expect(apps['山田 花子']).toMatchObject({ status: 'waitlisted', position: 3 });
    expect(await placesHeld()).toBe(2);
    const drawn = await db().activityDay.findUniqueOrThrow({ where: { id: dayId } });
    expect(drawn.drawSeed).toMatch(/\S/);
    expect(paid().length - pushesBefore).toBe(3);

    await screenshotOnFailure(staff, 'disaster-drill-console', async () => {
      await nextDayAt(`/console/disaster/days/${dayId}`);
      await expect(staff.locator('#draw-heading + p').innerText()).resolves.toContain(drawn.drawSeed!);
      const order = await staff.locator('table').filter({ hasText: '抽選の順番' }).locator('tbody tr').allInnerTexts();
      expect(order).toHaveLength(3);
      expect(order[2]).toMatch(/^3\s+山田 花子\s+地域外/);
    });

    await screenshotOnFailure(browser.page, 'disaster-drill-line', async () => {
      // 佐藤 reconfirms from the draw's notice; 鈴木 does not answer; 山田 is on the waitlist.
      await line.switchTo('佐藤 一郎');
      await line.botSays('参加が決まりました。');
      await line.tap('参加します');
      await line.botSays('の参加が決まりました。ありがとうございます。');
      await line.switchTo('山田 花子');
      await line.botSays('キャンセル待ちの1番目になりました');
    });
    expect((await applications())['佐藤 一郎']!.status).toBe('reconfirmed');

    // Wed 18:01: 鈴木's place is released at the deadline and offered to 山田, with three hours to answer.
    await minuteAt('2026-12-09T18:01:00+09:00');
    apps = await applications();
    expect(apps['鈴木 次郎']!.status).toBe('released');
    expect(apps['山田 花子']!.status).toBe('chosen');
    expect(apps['山田 花子']!.replyBy?.toISOString()).toBe(new Date('2026-12-09T21:01:00+09:00').toISOString());
    expect(await placesHeld()).toBe(2);
    await screenshotOnFailure(browser.page, 'disaster-drill-line', async () => {
      await line.switchTo('鈴木 次郎');
      await line.botSays('期限までに「参加します」のお返事がなかったため');
      await line.switchTo('山田 花子');
      await line.botSays('キャンセル待ちから参加できるようになりました');
      await line.tap('参加します');
      await line.botSays('の参加が決まりました。ありがとうございます。');
    });
    expect((await applications())['山田 花子']!.status).toBe('reconfirmed');
    expect(await placesHeld()).toBe(2);

    // The day, 08:30: walk-ins allowed; the reception page and the poster.
    clock.set('2026-12-10T08:30:00+09:00');
    let link = '';
    await screenshotOnFailure(staff, 'disaster-drill-console', async () => {
      await nextDayAt(`/console/disaster/centres/${centreId}`);
      await staff.getByRole('checkbox', { name: /当日参加を受け付ける/ }).check();
      await staff.getByRole('button', { name: '設定を保存する' }).click();
      await expect(staffStatus()).resolves.toContain('設定を保存しました');
      await staff.goto(`${sim.base}/console/disaster/days/${dayId}`);
      const counts = await staff.locator('#counts-heading + dl').innerText();
      expect(counts).toMatch(/定員\s+2[\s\S]*申込\s+3[\s\S]*参加確定\s+2[\s\S]*キャンセル待ち\s+0[\s\S]*辞退・期限切れ\s+1/);
      await staff.getByRole('link', { name: '受付のポスター(QRコード)を印刷する' }).click();
      await expect(staff.locator('.poster-drill').innerText()).resolves.toBe('訓練');
      link = await staff.locator('#check-in-link').innerText();
      const code = await staff.locator('#check-in-code').innerText();
      expect(code).toBe(day.checkInCode);
      expect(link).toBe(`https://line.me/R/oaMessage/%40tsunagu-demo/?${encodeURIComponent(`受付 ${code}`)}`);
      // The QR code drawn is the QR code of that link.
      const drawnPath = await staff.locator('.poster-qr svg path').last().getAttribute('d');
      const expected = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      expect(expected).toContain(`d="${drawnPath}"`);
      await staff.goBack();
      await staff.getByRole('link', { name: '受付の画面を開く' }).click();
      await expect(staff.locator('[data-count="expected"]').innerText()).resolves.toBe('2');
      await expect(staff.locator('[data-count="arrived"]').innerText()).resolves.toBe('0');
    });

    // 佐藤 and 山田 read the poster's QR code: LINE opens with the message typed in; they press send.
    const repliesBefore = state.requests.filter((r) => r.endpoint === 'reply').length;
    const pushesBeforeDay = paid().length;
    await screenshotOnFailure(browser.page, 'disaster-drill-line', async () => {
      for (const name of ['佐藤 一郎', '山田 花子']) {
        await line.switchTo(name);
        expect(await line.scanQr(link)).toBe(`受付 ${day.checkInCode}`);
        await line.send();
        const answer = await line.botSays('受付しました。ようこそ。');
        await expect(answer.innerText()).resolves.toMatch(/【安全】2人以上で動き[\s\S]*【熱中症】[\s\S]*【持ち物】長靴[\s\S]*【このあと】受付のあと、テント前のベンチ/);
      }
    });
    expect(state.requests.filter((r) => r.endpoint === 'reply').length - repliesBefore).toBe(2);
    expect(paid().length).toBe(pushesBeforeDay);

    // The reception page shows them arrived; 鈴木 came without a phone: found by name, checked in as a walk-in, flagged.
    await screenshotOnFailure(staff, 'disaster-drill-console', async () => {
      await staff.reload();
      await expect(staff.locator('[data-count="arrived"]').innerText()).resolves.toBe('2');
      await expect(staff.locator('[data-count="missing"]').innerText()).resolves.toBe('0');
      await expect(staff.locator('#reception-expected tr').allInnerTexts()).resolves.toEqual([expect.stringMatching(/佐藤 一郎[\s\S]*LINE/), expect.stringMatching(/山田 花子[\s\S]*LINE/)]);
      await staff.getByLabel('登録者を名前で探す(当日参加の受付)').fill('鈴木');
      await staff.getByRole('button', { name: '探す' }).click();
      await staff.getByRole('button', { name: '鈴木 次郎さんを当日参加で受付する' }).click();
      await expect(staffStatus()).resolves.toContain('当日参加として受付しました。');
      await expect(staff.locator('[data-count="walkIns"]').innerText()).resolves.toBe('1');
      await expect(staff.locator('#reception-walkins').innerText()).resolves.toMatch(/鈴木 次郎[\s\S]*無保険/);
    });
    apps = await applications();
    expect(apps['佐藤 一郎']).toMatchObject({ status: 'reconfirmed', checkedInBy: 'line' });
    expect(apps['山田 花子']).toMatchObject({ status: 'reconfirmed', checkedInBy: 'line' });
    expect(apps['鈴木 次郎']).toMatchObject({ status: 'walkIn', checkedInBy: 'desk' });
    for (const a of Object.values(apps)) expect(a.checkedInAt).toEqual(clock.now());
    const deskAudit = await db().auditLog.findMany({ where: { action: 'disaster.checkIn.desk' } });
    expect(deskAudit).toHaveLength(1);

    // Closing the centre switches LINE back to the main menu.
    await screenshotOnFailure(staff, 'disaster-drill-console', async () => {
      await staff.goto(`${sim.base}/console/disaster/centres/${centreId}`);
      await staff.getByRole('checkbox', { name: '終了すると元に戻せません' }).check();
      await staff.getByRole('button', { name: '終了する' }).click();
      await expect(staffStatus()).resolves.toContain('終了しました。');
    });
    await expect.poll(() => line.menuTiles(), { timeout: STEP_MS }).toContain('相談する');

    // Every message of the drill carried the mark; every LINE call was accepted; each notice was pushed once.
    await sim.app.queue.whenIdle();
    const drill = state.delivered().slice(openedAtSeq);
    expect(drill.length).toBeGreaterThan(30);
    for (const d of drill) for (const m of d.messages) expect(JSON.stringify(m), `a message to ${d.to}`).toContain(DRILL_MARK);
    expect(state.requests.filter((r) => r.status >= 400)).toEqual([]);
    const pushed = (user: string) => drill.filter((d) => d.to === user && d.via !== 'reply').length;
    expect([pushed(ids.sato), pushed(ids.suzuki), pushed(ids.yamada)]).toEqual([1, 2, 2]);
  });
});
