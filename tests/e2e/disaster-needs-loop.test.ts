// Under test: a running disaster centre's needs loop in Chromium, LINE simulator page and staff console on the real app (simulator mode, SQLite, broadcast engine); faked: the clock (FakeClock) and LINE (the app's fake Messaging API).
//
// A coordinator opens a real (not drill) centre in the console, and LINE switches to the disaster menu. A resident
// asks for help for her own home through 手伝ってほしい: an address, a map pin, a photo and roof work — told at once
// that volunteers cannot do it and where to turn, she sends the rest and gets an N- reference. A neighbour reports
// the same house, its address written another way (一丁目 and full-width 番/号); on the needs board it shows as a
// suspected duplicate (重複の疑い) and the coordinator links it to the first need: the neighbour is told the existing
// reference and status. A counsellor's phone need is entered in the console (ニーズの受付). The coordinator triages:
// the resident's need 受付 → 現地調査 → 活動予定 (a date) → 活動中 → 完了, the phone need → 調整中. Each change that
// concerns them reaches the resident and the linked neighbour once; the phone household (no LINE) gets nothing; 「状況」
// is answered as a free reply at any time.
import QRCode from 'qrcode';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { openConsolePage, signInThroughPage } from '../helpers/console';
import type { SimulatorApp } from '../helpers/simulator-app';
import { openTwoTabs, type TwoTabs } from '../helpers/two-tabs';
import { SimulatorPage, STEP_MS } from '../helpers/simulator-page';

/** Mon 14 Dec 2026, daytime in Japan (quiet hours hold notices from 21:00 to 08:00). */
const START = '2026-12-14T09:30:00+09:00';
const CENTRE = '令和8年12月 海岸地区大雨災害 災害ボランティアセンター';
const VISIT = '2026-12-16';
const REF = /N-\d{6}-[A-Z0-9]{4}/;
/** The house, as the resident writes it and as the neighbour does. */
const ADDRESS = 'つなぐ市海岸町1丁目2-3';
const ADDRESS_AGAIN = 'つなぐ市海岸町一丁目２番３号';
const PIN = { title: '自宅', address: ADDRESS, latitude: 35.4481, longitude: 139.6428 };

/** The notices' headings (the disasterNeedNotice namespace of locales/ja.json). */
const NOTICE = {
  linked: '【同じお宅の依頼としてまとめました】',
  surveying: '【現地の確認に伺います】',
  scheduled: '【活動日が決まりました】',
  onTheWay: '【ボランティアが向かっています】',
  done: '【作業が終わりました】',
};

describeInBrowser('a running centre\'s needs: LINE intake, a duplicate linked, a phone need, triage and the status loop (Chromium)', () => {
  let sim: SimulatorApp;
  let state: FakeLineState;
  let browser: TestBrowser;
  let line: SimulatorPage;
  let staff: Page;
  const clock = new FakeClock(START);
  const db = () => sim.app.db;

  let tabs: TwoTabs | undefined;

  beforeAll(async () => {
    tabs = await openTwoTabs({ clock });
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

  /** Taps a quick-reply choice of a 決定 question, waits for its ✓, then presses 決定. */
  async function choose(label: string) {
    await line.tapChip(label);
    await line.chip(`✓ ${label}`).waitFor({ timeout: STEP_MS });
    await line.tap('決定');
  }

  /** The form's last questions answered the short way (nobody to mention, any day, this LINE, no notes); sent; the N- reference. */
  async function sendsTheRest(summary: RegExp): Promise<string> {
    await line.botSays('当てはまる方はいますか');
    await line.tap('答えない・いない');
    await line.botSays('来てほしい日はありますか');
    await line.tap('いつでもよい');
    await line.botSays('センターからの連絡は、どちらがよいですか');
    await line.tap('このLINEで');
    await line.botSays('ほかに伝えたいことがあれば送ってください');
    await line.tap('なし');
    await expect((await line.botSays('この内容で送りますか')).innerText()).resolves.toMatch(summary);
    await line.tap('送る');
    const saved = await line.botSays('ご依頼を受け付けました。受付番号は');
    const text = await saved.innerText();
    expect(text).toContain('119番');
    return REF.exec(text)![0];
  }

  /** Messages the council pays for (push, or multicast as the broadcast engine sends notices), as delivered. */
  const paid = (user?: string) => state.delivered(user).filter((d) => d.via !== 'reply');
  const replies = (user?: string) => state.delivered(user).filter((d) => d.via === 'reply');
  /** How many times `user` was sent a message containing `text`. */
  const times = (user: string, text: string) => state.delivered(user).filter((d) => JSON.stringify(d.messages).includes(text)).length;

  /** The module's jobs and the broadcast engine for the clock's minute: queued notices are sent. */
  async function sendNotices() {
    await sim.app.runBroadcasts();
    await sim.app.queue.whenIdle();
  }

  /** Opens a console page, signing in again if the session has ended (30 minutes idle). */
  async function consoleAt(path: string) {
    await openConsolePage(staff, `${sim.base}${path}`, 'tanaka');
  }

  /** On a need's page: moves it to `label` (活動予定 with its date), a minute after the last move. */
  async function moveTo(ref: string, label: string, date?: string) {
    clock.advance(60_000);
    if (date) await staff.getByLabel('活動日', { exact: true }).fill(date);
    await staff.getByRole('button', { name: `「${label}」にする`, exact: true }).click();
    await staff.getByRole('heading', { name: `${ref}(${label})` }).waitFor();
  }

  /** The resident types 「状況」: the answer must come as a reply, with no paid message; returns its text. */
  async function asksStatus(user: string): Promise<string> {
    const paidBefore = paid().length;
    const repliesBefore = replies(user).length;
    await line.type('状況');
    await expect.poll(() => replies(user).length, { timeout: STEP_MS }).toBe(repliesBefore + 1);
    expect(paid().length).toBe(paidBefore);
    return JSON.stringify(replies(user).at(-1)!.messages);
  }

  const staffStatus = () => staff.getByRole('status').first().innerText();

  test('a need reported, a duplicate linked, a phone need taken, both triaged; the resident hears each change', { timeout: 300_000 }, async () => {
    let resident = '';
    let neighbour = '';
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      await line.page.goto(`${sim.base}/simulator`);
      await line.page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_MS });
      resident = await onboarded('山田 花子');
      neighbour = await onboarded('佐藤 次郎');
    });

    // A real centre, registered and opened in the console: LINE's menu becomes the disaster menu.
    let centreId = '';
    await screenshotOnFailure(staff, 'disaster-needs-loop-console', async () => {
      await signInThroughPage(staff, `${sim.base}/console/disaster/new`, 'tanaka', 'センターを登録する');
      await staff.getByLabel('災害の名前(センターの名前)').fill(CENTRE);
      await staff.getByRole('checkbox', { name: '海岸地区社会福祉協議会' }).check();
      await staff.getByLabel('開設日').fill('2026-12-14');
      await staff.getByRole('radio', { name: '実際の災害', exact: true }).check();
      await staff.getByRole('button', { name: '登録する' }).click();
      await expect(staffStatus()).resolves.toContain('登録しました(準備中)');
      centreId = /\/console\/disaster\/centres\/([^/?]+)/.exec(staff.url())![1]!;
      await staff.getByRole('button', { name: '開設する' }).click();
      await expect(staffStatus()).resolves.toContain('開設しました。');
    });
    expect(await db().disasterCentre.findUniqueOrThrow({ where: { id: centreId } })).toMatchObject({ status: 'open', drill: false });
    await expect.poll(() => line.menuTiles(), { timeout: STEP_MS }).toContain('手伝ってほしい');

    // The resident asks for help for her own home: address, pin, roof work ticked (told at once), a photo; the rest sent.
    let ref1 = '';
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      await line.switchTo('山田 花子');
      await line.tapMenu('手伝ってほしい');
      await line.botSays('手伝ってほしいことを伺います');
      await line.botSays('どなたの家のご依頼ですか');
      await line.tap('自分の家');
      await line.botSays('家の住所を送ってください');
      await line.type(ADDRESS);
      await line.botSays('地図で家の場所を送れます');
      await line.sendLocation(PIN, '位置情報を送る');
      await line.botSays('どんな被害がありましたか');
      await choose('床上浸水');
      await line.botSays('手伝ってほしい作業は何ですか');
      await choose('土砂・泥出し');
      await line.botSays('次の作業は含まれますか');
      await choose('屋根の上の作業');
      const told = await line.botSays('センターのボランティアではお受けできません');
      await expect(told.innerText()).resolves.toMatch(/■屋根の上の作業\s*屋根の工事は、工務店や屋根の業者にご相談ください。市の住宅相談窓口でも業者を案内しています。[\s\S]*ほかの作業は、このまま続けてご依頼いただけます/);
      await line.botSays('被害の写真があれば送ってください');
      await line.sendImage({ name: 'kitchen.png', mimeType: 'image/png', buffer: await QRCode.toBuffer('浸水した台所の写真') });
      await line.botSays('写真を1枚受け取りました');
      await line.tap('決定');
      ref1 = await sendsTheRest(/住所:つなぐ市海岸町1丁目2-3[\s\S]*地図の場所:受け取りました[\s\S]*被害:床上浸水[\s\S]*作業:土砂・泥出し[\s\S]*ボランティアではお受けできない作業:屋根の上の作業[\s\S]*写真:1枚/);
    });
    const need1 = await db().need.findUniqueOrThrow({ where: { referenceNo: ref1 }, include: { reports: true } });
    expect(need1).toMatchObject({ centreId, status: 'received', address: ADDRESS, latitude: PIN.latitude, longitude: PIN.longitude, contactMethod: 'line', districtCode: 'kaigan', mergedIntoId: null });
    expect(JSON.parse(need1.screening)).toEqual(['roof']);
    expect(JSON.parse(need1.work)).toEqual(['mud']);
    const [photoId] = JSON.parse(need1.reports[0]!.photoIds) as string[];
    expect(await db().attachment.findUniqueOrThrow({ where: { id: photoId! } })).toMatchObject({ status: 'stored', contentType: 'image/png' });

    // 「状況」 at once: a free reply with the need just received.
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      const answer = await asksStatus(resident);
      expect(answer).toContain(`■${ref1}:受け付けました`);
    });

    // The neighbour reports the same house, its address written another way; saved as a need of its own, suspected.
    let ref2 = '';
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      await line.switchTo('佐藤 次郎');
      await line.tapMenu('手伝ってほしい');
      await line.botSays('どなたの家のご依頼ですか');
      await line.tap('近所の人の家');
      await line.botSays('その家の方のお名前を送ってください');
      await line.type('山田 花子');
      await line.botSays('その家の方の電話番号を送ってください');
      await line.tap('わからない');
      await line.botSays('あなたのお名前を送ってください');
      await line.type('佐藤 次郎');
      await line.botSays('家の住所を送ってください');
      await line.type(ADDRESS_AGAIN);
      await line.botSays('地図で家の場所を送れます');
      await line.tap('送らない');
      await line.botSays('どんな被害がありましたか');
      await line.tap('わからない');
      await line.botSays('手伝ってほしい作業は何ですか');
      await choose('清掃');
      await line.botSays('次の作業は含まれますか');
      await line.tap('どれも含まない');
      await line.botSays('被害の写真があれば送ってください');
      await line.tap('写真なし');
      ref2 = await sendsTheRest(/依頼:近所の人の家\(山田 花子さん\)\/依頼した人:佐藤 次郎さん[\s\S]*住所:つなぐ市海岸町一丁目2番3号/);
    });
    expect(ref2).not.toBe(ref1);
    const need2 = await db().need.findUniqueOrThrow({ where: { referenceNo: ref2 }, include: { reports: true } });
    expect(JSON.parse(need2.reports[0]!.suspects)).toEqual([expect.objectContaining({ needId: need1.id, referenceNo: ref1, reasons: ['sameAddress'] })]);

    // The board shows it as a suspected duplicate; the coordinator links it to the first need.
    await screenshotOnFailure(staff, 'disaster-needs-loop-console', async () => {
      await consoleAt(`/console/disaster/centres/${centreId}/needs`);
      await staff.getByRole('heading', { name: '受付(2件)' }).waitFor();
      await expect(staff.locator(`tr[data-ref="${ref2}"]`).innerText()).resolves.toContain('重複の疑い');
      await expect(staff.locator(`tr[data-ref="${ref1}"]`).innerText()).resolves.not.toContain('重複の疑い');
      await expect(staff.locator('.facts').first().innerText()).resolves.toMatch(/重複の疑い\(未確認\)\s+1件/);
      await staff.getByRole('link', { name: ref2 }).click();
      await staff.getByRole('heading', { name: `${ref2}(受付)` }).waitFor();
      await expect(staff.locator('.report .alert').innerText()).resolves.toContain(`${ref1}(同じ住所)`);
      clock.advance(60_000);
      await staff.getByRole('button', { name: `${ref1} にまとめる` }).click();
      await staff.getByRole('heading', { name: `${ref1}(受付)` }).waitFor();
      await expect(staffStatus()).resolves.toContain('報告をまとめました。');
      await expect(staff.getByRole('heading', { name: '報告(2件)' }).count()).resolves.toBe(1);
    });
    expect((await db().need.findUniqueOrThrow({ where: { id: need2.id } })).mergedIntoId).toBe(need1.id);
    expect(await db().needReport.count({ where: { needId: need1.id } })).toBe(2);

    // The neighbour is told the existing need's reference and status.
    await sendNotices();
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      const linked = await line.botSays(NOTICE.linked);
      await expect(linked.innerText()).resolves.toMatch(new RegExp(`${CENTRE}です。[\\s\\S]*依頼 ${ref1} と同じお宅[\\s\\S]*いまの状況:受け付けました`));
    });
    expect(times(neighbour, NOTICE.linked)).toBe(1);
    expect(times(resident, NOTICE.linked)).toBe(0);

    // A counsellor's call taken by the coordinator: a phone need for another household, no duplicate.
    let ref3 = '';
    await screenshotOnFailure(staff, 'disaster-needs-loop-console', async () => {
      clock.advance(60_000);
      await consoleAt('/console/disaster/needs');
      await staff.getByRole('heading', { name: `ニーズの受付:${CENTRE}` }).waitFor();
      await staff.getByLabel('受付方法').selectOption({ label: '電話' });
      await staff.getByLabel('依頼した人', { exact: true }).selectOption({ label: '本人' });
      await staff.getByLabel('世帯(お名前)').fill('鈴木 トメ');
      await staff.getByLabel('住所', { exact: true }).fill('つなぐ市海岸町4丁目8番1号');
      await staff.getByLabel('地区').selectOption({ label: '海岸地区社会福祉協議会' });
      await staff.getByRole('checkbox', { name: '床下浸水' }).check();
      await staff.getByRole('checkbox', { name: '家財の運び出し' }).check();
      await staff.getByLabel('連絡先の電話番号').fill('045-222-3333');
      await staff.getByLabel('現地調査').selectOption({ label: '不要' });
      await staff.getByLabel('備考', { exact: true }).fill('濡れた畳を運び出してほしい');
      await staff.getByRole('button', { name: '受け付ける' }).click();
      const saved = await staffStatus();
      expect(saved).toMatch(/受付番号は N-\d{6}-[A-Z0-9]{4} です/);
      ref3 = REF.exec(saved)![0];
    });
    const need3 = await db().need.findUniqueOrThrow({ where: { referenceNo: ref3 }, include: { reports: true } });
    expect(need3).toMatchObject({ status: 'received', contactMethod: 'phone', phone: '0452223333', surveyDecision: 'notNeeded', mergedIntoId: null });
    expect(need3.reports).toHaveLength(1);
    expect(need3.reports[0]).toMatchObject({ channel: 'phone', residentId: null });
    expect(JSON.parse(need3.reports[0]!.suspects)).toEqual([]);

    // Triage on the board and the needs' pages: the phone need → 調整中; the resident's → 現地調査 → 活動予定.
    const paidBeforeTriage = paid().length;
    await screenshotOnFailure(staff, 'disaster-needs-loop-console', async () => {
      await consoleAt(`/console/disaster/centres/${centreId}/needs`);
      await staff.getByRole('heading', { name: '受付(2件)' }).waitFor();
      await expect(staff.locator(`tr[data-ref="${ref2}"]`).count()).resolves.toBe(0);
      await staff.getByRole('link', { name: ref3 }).click();
      await moveTo(ref3, '調整中');
      await staff.getByRole('link', { name: 'ニーズの一覧に戻る' }).click();
      await staff.getByRole('heading', { name: '調整中(1件)' }).waitFor();
      await staff.getByRole('link', { name: ref1 }).click();
      await moveTo(ref1, '現地調査');
    });
    await sendNotices();
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      await line.botSays(NOTICE.surveying);
      await line.switchTo('山田 花子');
      await expect((await line.botSays(NOTICE.surveying)).innerText()).resolves.toContain(`依頼 ${ref1} について`);
    });

    await screenshotOnFailure(staff, 'disaster-needs-loop-console', async () => {
      await consoleAt(`/console/disaster/needs/${need1.id}`);
      await moveTo(ref1, '活動予定', VISIT);
      await expect(staff.locator('.facts').first().innerText()).resolves.toMatch(/活動予定日\s+2026-12-16/);
    });
    await sendNotices();
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      await expect((await line.botSays(NOTICE.scheduled)).innerText()).resolves.toContain('12月16日(水)に伺う予定です');
      const answer = await asksStatus(resident);
      expect(answer).toContain(`■${ref1}:活動日が決まりました`);
      expect(answer).toContain('活動日:12月16日(水)');
    });

    // The day of the visit: the team sets off, then the work is done (the coordinator signs in again).
    clock.set('2026-12-16T09:00:00+09:00');
    await screenshotOnFailure(staff, 'disaster-needs-loop-console', async () => {
      await consoleAt(`/console/disaster/needs/${need1.id}`);
      await moveTo(ref1, '活動中');
    });
    await sendNotices();
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      await line.botSays(NOTICE.onTheWay);
      expect(await asksStatus(resident)).toContain(`■${ref1}:活動中です`);
    });
    clock.set('2026-12-16T15:00:00+09:00');
    await screenshotOnFailure(staff, 'disaster-needs-loop-console', async () => {
      await consoleAt(`/console/disaster/needs/${need1.id}`);
      await moveTo(ref1, '完了');
      const history = await staff.locator('#history-heading + table tbody tr').allInnerTexts();
      // The history, newest first.
      expect(history.map((r) => r.split('\t').slice(1, 3).join(' ').trim())).toEqual([
        '状態 活動中 → 完了',
        '状態 活動予定 → 活動中',
        '状態 現地調査 → 活動予定',
        '状態 受付 → 現地調査',
        '重複のまとめ',
        '状態 — → 受付',
      ]);
    });
    await sendNotices();
    await screenshotOnFailure(browser.page, 'disaster-needs-loop-line', async () => {
      await line.botSays(NOTICE.done);
      // Done is no longer open: nothing left to list.
      expect(await asksStatus(resident)).toContain('いま手続き中のお申し込みはありません');
      await line.switchTo('佐藤 次郎');
      await line.botSays(NOTICE.done);
    });

    // Rows: the statuses, the link, the history.
    const done = await db().need.findUniqueOrThrow({ where: { id: need1.id }, include: { reports: { orderBy: { createdAt: 'asc' } }, events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } } });
    expect(done).toMatchObject({ status: 'done', scheduledOn: VISIT, mergedIntoId: null });
    expect(done.reports.map((r) => [r.channel, r.relation, r.reporterName])).toEqual([['line', 'self', null], ['line', 'neighbour', '佐藤 次郎']]);
    const coordinator = await db().staffUser.findUniqueOrThrow({ where: { loginId: 'tanaka' } });
    expect(done.events.map((e) => [e.kind, e.from, e.to, e.staffId])).toEqual([
      ['status', null, 'received', null],
      ['link', need2.id, need1.id, coordinator.id],
      ['status', 'received', 'surveying', coordinator.id],
      ['status', 'surveying', 'scheduled', coordinator.id],
      ['status', 'scheduled', 'active', coordinator.id],
      ['status', 'active', 'done', coordinator.id],
    ]);
    expect((await db().need.findUniqueOrThrow({ where: { id: need2.id } })).mergedIntoId).toBe(need1.id);
    expect(await db().needReport.count({ where: { needId: need2.id } })).toBe(0);
    const phone = await db().need.findUniqueOrThrow({ where: { id: need3.id }, include: { events: { orderBy: { at: 'asc' } } } });
    expect(phone.status).toBe('coordinating');
    expect(phone.events.map((e) => [e.kind, e.from, e.to, e.staffId])).toEqual([['status', null, 'received', coordinator.id], ['status', 'received', 'coordinating', coordinator.id]]);

    // Audit rows for each staff action, by the coordinator; who was told.
    const audit = await db().auditLog.findMany({ where: { action: { in: ['disaster.need.create', 'disaster.need.link', 'disaster.need.status'] } }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => [a.action, a.subjectId, a.staffId, (JSON.parse(a.detail!) as { told?: number }).told ?? null])).toEqual([
      ['disaster.need.link', need1.id, coordinator.id, 1],
      ['disaster.need.create', need3.id, coordinator.id, null],
      ['disaster.need.status', need3.id, coordinator.id, 0],
      ['disaster.need.status', need1.id, coordinator.id, 2],
      ['disaster.need.status', need1.id, coordinator.id, 2],
      ['disaster.need.status', need1.id, coordinator.id, 2],
      ['disaster.need.status', need1.id, coordinator.id, 2],
    ]);

    // Messages: each notice to the resident and the neighbour once; 「状況」 only ever replies; nothing else paid for.
    for (const heading of [NOTICE.surveying, NOTICE.scheduled, NOTICE.onTheWay, NOTICE.done]) {
      expect([times(resident, heading), times(neighbour, heading)], heading).toEqual([1, 1]);
    }
    expect(paid(resident)).toHaveLength(4);
    expect(paid(neighbour)).toHaveLength(5);
    expect(paid().length - paidBeforeTriage).toBe(8);
    expect(paid().every((d) => d.to === resident || d.to === neighbour)).toBe(true);
    expect(state.requests.filter((r) => r.status >= 400)).toEqual([]);
  });
});
