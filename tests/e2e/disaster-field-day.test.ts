// Under test: one drill day (活動日) of the disaster volunteer centre from the morning's teams to the evening's
// figures, in a real Chromium with two tabs — the staff console and the LINE simulator page, both on the real app in
// simulator mode (signed webhooks, flows, SQLite, the broadcast engine, the disaster module's jobs). Five volunteers
// check in by typing the day's code; the coordinator sets the day's heat level and reminder interval, registers the
// equipment, and forms two teams on the console for two needs (one reported in LINE by a resident, with a map pin;
// one taken by phone). Each member gets a dispatch notice in LINE — the leader's with the requester's contact, the
// others' without — and the requester hears a team is on the way. Twenty minutes on, the leaders are reminded to
// rest and drink; a member presses 「緊急」 and the alert is acknowledged on the console; the leaders report in LINE,
// one 完了 and one 継続; the needs, the requester and the volunteers' hours follow; the day's figures show on the
// dashboard and in its CSV. Every message of the drill carries 【訓練】. Set up straight in the database (tested on
// their own pages elsewhere): the drill centre, its activity date, the pool and the two needs. Faked: the clock
// (FakeClock) and LINE (the app's fake Messaging API, which validates every call).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { DRILL_MARK } from '../../src/domain/disaster/centre';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { FakeClock } from '../fakes/fake-clock';
import { describeInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { openConsolePage, signInThroughPage } from '../helpers/console';
import { jst, seedCentre } from '../helpers/disaster-centre';
import { seedNeed } from '../helpers/disaster-needs';
import type { SimulatorApp } from '../helpers/simulator-app';
import { openTwoTabs, type TwoTabs } from '../helpers/two-tabs';
import { SimulatorPage, STEP_MS } from '../helpers/simulator-page';

/** Thu 10 Dec 2026, the activity date; its check-in code. */
const DATE = '2026-12-10';
const CODE = 'KAIGAN7';
const PIN = { latitude: 35.3101, longitude: 139.5502 };
const REQUESTER = '山田 花子';
const VOLUNTEERS = ['佐藤 一郎', '鈴木 二郎', '高橋 三郎', '田中 四郎', '伊藤 五郎'] as const;
const PHONES: Record<(typeof VOLUNTEERS)[number], string> = { '佐藤 一郎': '09011110001', '鈴木 二郎': '09011110002', '高橋 三郎': '09011110003', '田中 四郎': '09011110004', '伊藤 五郎': '09011110005' };
const REQUESTER_PHONE = '0467-55-1234';
const PHONE_HOUSEHOLD = '木村 とし子';
const PHONE_HOUSEHOLD_PHONE = '0467-55-9876';

describeInBrowser('a disaster centre drill day: teams, dispatch notices, safety in the field, reports and figures (Chromium)', () => {
  let sim: SimulatorApp;
  let state: FakeLineState;
  let browser: TestBrowser;
  let line: SimulatorPage;
  let staff: Page;
  const clock = new FakeClock(`${DATE}T08:30:00+09:00`);
  const db = () => sim.app.db;
  const userIds = new Map<string, string>();
  const residentIds = new Map<string, string>();
  const memberIds = new Map<string, string>();
  let centreId = '';
  let dayId = '';
  let need1 = { id: '', referenceNo: '' };
  let need2 = { id: '', referenceNo: '' };
  let volunteerId = '';

  let tabs: TwoTabs | undefined;

  beforeAll(async () => {
    tabs = await openTwoTabs({ clock });
    ({ sim, state, browser, line, staff } = tabs);
  });

  afterAll(async () => {
    await tabs?.close();
  });

  /** Messages sent to `name` (replies and paid messages alike), each as its JSON. */
  const sentTo = (name: string) => state.delivered(userIds.get(name)).map((d) => JSON.stringify(d.messages));
  /** How many messages `name` received containing `text`. */
  const times = (name: string, text: string) => sentTo(name).filter((m) => m.includes(text)).length;
  /** The jobs of the clock's minute (reminders) and the broadcast engine: queued notices are sent. */
  async function minuteAt(at: string) {
    clock.set(at);
    await sim.app.runBroadcasts();
    await sim.app.queue.whenIdle();
  }
  async function consoleAt(path: string) {
    await openConsolePage(staff, `${sim.base}${path}`, 'tanaka');
  }
  const staffStatus = () => staff.getByRole('status').first().innerText();

  test('two teams formed and dispatched, reminded, an alert acknowledged, reported 完了 and 継続, the day counted', { timeout: 400_000 }, async () => {
    // The drill centre and its date (set up by the centre's pages elsewhere), six friends in the simulator.
    const seeded = await seedCentre(db(), { drill: true, days: [{ date: DATE, code: CODE, opensAt: '2026-12-07T09:00', closesAt: '2026-12-08T12:00', capacity: 10 }] });
    centreId = seeded.centreId;
    dayId = seeded.dayIds[DATE]!;
    await screenshotOnFailure(browser.page, 'disaster-field-day-line', async () => {
      await line.page.goto(`${sim.base}/simulator`);
      await line.page.locator('body[data-ready="true"]').waitFor({ timeout: STEP_MS });
      for (const name of [REQUESTER, ...VOLUNTEERS]) {
        await line.onboard(name);
        const userId = state.friends().find((f) => f.displayName === name)!.userId;
        userIds.set(name, userId);
        residentIds.set(name, (await db().resident.findUniqueOrThrow({ where: { lineUserId: userId } })).id);
      }
    });

    // The pool: five insured volunteers with a confirmed place; 佐藤 brings a light truck and has been out before.
    for (const [i, name] of VOLUNTEERS.entries()) {
      const member = await db().poolMember.create({
        data: {
          centreId,
          residentId: residentIds.get(name)!,
          kind: 'individual',
          name,
          size: 1,
          origin: 'local',
          skills: JSON.stringify(i === 0 ? ['kei-truck'] : []),
          availableDates: JSON.stringify([DATE]),
          phone: PHONES[name],
          coverPlan: 'disaster',
          coverEnrolledOn: '2026-12-01',
          joinedAt: jst(`2026-12-0${i + 1}T10:00`),
          updatedAt: jst(`2026-12-0${i + 1}T10:00`),
        },
      });
      memberIds.set(name, member.id);
      // 佐藤 is also a registered volunteer of the council: the day's hours count in his year.
      if (i === 0) {
        const at = jst('2026-04-10T09:00');
        const v = await db().volunteer.create({ data: { residentId: residentIds.get(name)!, name, skills: '[]', availability: '{}', status: 'active', registeredAt: at, updatedAt: at } });
        await db().poolMember.update({ where: { id: member.id }, data: { volunteerId: v.id } });
        volunteerId = v.id;
      }
      await db().dayApplication.create({ data: { dayId, memberId: member.id, status: 'reconfirmed', appliedAt: jst('2026-12-07T10:00') } });
    }
    // Two needs: the requester's own, reported in LINE with a map pin; and a household's, taken by phone.
    need1 = await seedNeed(db(), centreId, { status: 'scheduled', reporters: [residentIds.get(REQUESTER)!], householdName: REQUESTER, phone: REQUESTER_PHONE, address: 'つなぐ市海岸町1丁目2-3', work: ['mud'] });
    await db().need.update({ where: { id: need1.id }, data: { latitude: PIN.latitude, longitude: PIN.longitude, scheduledOn: DATE } });
    need2 = await seedNeed(db(), centreId, { status: 'coordinating', reporters: [null], householdName: PHONE_HOUSEHOLD, phone: PHONE_HOUSEHOLD_PHONE, address: 'つなぐ市海岸町5丁目8-1', work: ['furniture'] });

    // Morning: each volunteer types the day's code at reception and is checked in with a free reply.
    await screenshotOnFailure(browser.page, 'disaster-field-day-line', async () => {
      for (const name of VOLUNTEERS) {
        await line.switchTo(name);
        await line.type(`受付 ${CODE}`);
        await line.botSays('受付しました。ようこそ。');
      }
    });
    expect(await db().dayApplication.count({ where: { dayId, checkedInAt: { not: null } } })).toBe(5);

    // The coordinator: a hot day (警戒), reminders every 20 minutes; ten shovels and two wheelbarrows.
    await screenshotOnFailure(staff, 'disaster-field-day-console', async () => {
      await signInThroughPage(staff, `${sim.base}/console/disaster/days/${dayId}`, 'tanaka', 'この日の安全(暑さ・休憩・注意事項)');
      await staff.getByLabel('暑さの段階(暑さ指数)').selectOption('warning');
      await staff.getByLabel('休憩・水分補給の連絡の間隔(分)').fill('20');
      await staff.getByRole('button', { name: '安全の設定を保存する' }).click();
      await staff.getByRole('status').first().waitFor();
      await consoleAt(`/console/disaster/centres/${centreId}/equipment`);
      for (const [name, count] of [['スコップ', '10'], ['一輪車', '2']] as const) {
        await staff.locator('#eq-name').fill(name);
        await staff.locator('#eq-count').fill(count);
        await staff.getByRole('button', { name: '追加する' }).click();
        await staff.getByRole('status').first().waitFor();
      }
    });
    expect(await db().activityDay.findUniqueOrThrow({ where: { id: dayId } })).toMatchObject({ heatLevel: 'warning', reminderMinutes: 20 });
    expect(await db().equipmentKind.count({ where: { centreId } })).toBe(2);
    // Team 1 for the LINE need: three people and three shovels, the suggestion taken as it is; team 2 from the other two.
    // On a tablet held upright (800 px wide): nothing to scroll sideways, and the send button is big.
    await staff.setViewportSize({ width: 800, height: 1100 });
    await screenshotOnFailure(staff, 'disaster-field-day-console', async () => {
      for (const [need, size, shovels] of [[need1, '3', '3'], [need2, '2', '0']] as const) {
        await consoleAt(`/console/disaster/needs/${need.id}/team`);
        expect(await staff.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(800);
        await staff.getByLabel(/^班の人数/).fill(size);
        await staff.getByRole('button', { name: 'この人数で提案し直す' }).click();
        await staff.getByLabel(/^スコップ/).fill(shovels);
        const send = staff.getByRole('button', { name: `この班で派遣する(${size}人)` });
        expect((await send.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        await send.click();
        await expect(staffStatus()).resolves.toContain('班を編成し、派遣のお知らせをLINEで送る準備をしました。');
      }
    });
    await staff.setViewportSize({ width: 1280, height: 1000 });
    const teams = await db().team.findMany({ where: { centreId }, include: { members: { include: { member: true } } }, orderBy: { number: 'asc' } });
    expect(teams.map((t) => [t.needId, t.number, t.status, t.members.length])).toEqual([
      [need1.id, 1, 'out', 3],
      [need2.id, 2, 'out', 2],
    ]);
    expect(JSON.parse(teams[0]!.equipment)).toEqual([{ code: expect.any(String), count: 3 }]);
    const namesOf = (t: (typeof teams)[number]) => ({ leader: t.members.find((m) => m.leader)!.member.name, others: t.members.filter((m) => !m.leader).map((m) => m.member.name) });
    const team1 = namesOf(teams[0]!);
    const team2 = namesOf(teams[1]!);
    expect(new Set([team1.leader, ...team1.others, team2.leader, ...team2.others]).size).toBe(5);
    expect(await db().need.findMany({ where: { centreId }, select: { status: true }, orderBy: { referenceNo: 'asc' } })).toEqual([{ status: 'active' }, { status: 'active' }]);

    // The notices go out: one to each member, the leader's with the requester's contact, the others' without.
    await minuteAt(`${DATE}T08:31:00+09:00`);
    for (const [team, household, phone, pin] of [[team1, REQUESTER, REQUESTER_PHONE, true], [team2, PHONE_HOUSEHOLD, PHONE_HOUSEHOLD_PHONE, false]] as const) {
      for (const name of [team.leader, ...team.others]) {
        expect(times(name, '【活動のお知らせ】')).toBe(1);
        const notice = sentTo(name).find((m) => m.includes('【活動のお知らせ】'))!;
        expect(notice).toContain(DRILL_MARK);
        expect(notice).toContain('暑さに警戒');
        expect(notice.includes('"type":"location"')).toBe(pin);
        const leads = name === team.leader;
        expect(notice).toContain(leads ? 'あなたはこの班のリーダーです' : `リーダー:${team.leader}さん`);
        expect(notice.includes(phone)).toBe(leads);
        expect(notice.includes(household)).toBe(leads);
        expect(notice.includes('帰着・活動報告')).toBe(leads);
        expect(notice).toContain('緊急');
      }
      expect(sentTo(team.leader).find((m) => m.includes('【活動のお知らせ】'))).toContain(PHONES[team.others[0] as keyof typeof PHONES]);
    }
    expect(times(REQUESTER, 'ボランティアのチームがお宅に向かっています')).toBe(1);
    await screenshotOnFailure(browser.page, 'disaster-field-day-line', async () => {
      await line.switchTo(team1.leader);
      await line.botSays('あなたはこの班のリーダーです');
      await line.switchTo(team1.others[0]!);
      await line.botSays(`リーダー:${team1.leader}さん`);
    });

    // Twenty minutes out, each leader is reminded to rest and drink, once; ten minutes later, not again.
    await minuteAt(`${DATE}T08:50:00+09:00`);
    await minuteAt(`${DATE}T09:00:00+09:00`);
    for (const team of [team1, team2]) {
      expect(times(team.leader, '休憩・水分補給の時間です')).toBe(1);
      for (const name of team.others) expect(times(name, '休憩・水分補給の時間です')).toBe(0);
    }

    // A member of team 2 presses 「緊急」: told at once; the alert shows on the console and is acknowledged.
    const presser = team2.others[0]!;
    await screenshotOnFailure(browser.page, 'disaster-field-day-line', async () => {
      await line.switchTo(presser);
      await line.tap('緊急');
      await expect((await line.botSays('の「緊急」をセンターに知らせました')).innerText()).resolves.toContain('119');
    });
    await screenshotOnFailure(staff, 'disaster-field-day-console', async () => {
      await consoleAt('/console/disaster/alerts');
      const row = staff.locator('tbody tr').filter({ hasText: presser });
      await expect(row.innerText()).resolves.toMatch(new RegExp(`第2班[\\s\\S]*${need2.referenceNo}[\\s\\S]*${team2.leader}`));
      await row.getByRole('button', { name: '確認しました' }).click();
      await staff.getByRole('status').first().waitFor();
    });
    const alerts = await db().fieldAlert.findMany({ where: { centreId } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ teamId: teams[1]!.id, memberId: memberIds.get(presser), acknowledgedAt: expect.any(Date) });

    // Back at the centre, the leaders report in LINE: team 1 完了 with a near miss, team 2 継続 with what remains.
    clock.set(`${DATE}T14:30:00+09:00`);
    await screenshotOnFailure(browser.page, 'disaster-field-day-line', async () => {
      for (const [team, people, outcome] of [[team1, '3人', '完了'], [team2, '2人', '継続(まだ残っている)']] as const) {
        await line.switchTo(team.leader);
        await line.tap('帰着・活動報告');
        await line.botSays('いまどこですか');
        await line.tap('センターに戻った');
        await line.botSays('活動した人数を選ぶか');
        await line.tapChip(people);
        await line.botSays('1人あたりの活動時間を選ぶか');
        await line.type('3.5');
        await line.botSays('どんな活動をしましたか');
        await line.type('床下の泥出しと家具の運び出し');
        await line.botSays('依頼した人が話していたことがあれば');
        await line.type('押し入れの奥がまだ濡れている');
        await line.botSays('けがや、ヒヤリとしたこと');
        if (team === team1) {
          await line.tap('ヒヤリハットがあった');
          await line.botSays('どんなことがありましたか');
          await line.type('腐った床板を踏み抜きそうになった');
        } else {
          await line.tap('なし');
        }
        await line.botSays('活動の写真があれば送ってください');
        await line.tap('スキップ');
        await line.botSays('このお宅の作業は終わりましたか');
        await line.tap(outcome);
        if (team === team2) {
          await line.botSays('残っている作業を書いて送ってください');
          await line.type('2階の家具の運び出しが残っている');
        } else {
          await line.botSays('借りた資機材は、すべて返しましたか');
          await line.tap('すべて返却');
        }
        await line.botSays('この内容で送りますか');
        await line.tap('送信');
        await line.botSays('活動報告を受け付けました');
      }
    });
    await minuteAt(`${DATE}T14:31:00+09:00`);
    const after = await db().need.findMany({ where: { centreId }, orderBy: { referenceNo: 'asc' } });
    expect(after.map((n) => n.status)).toEqual(['done', 'continuing']);
    expect(after[1]!.notes).toContain('2階の家具の運び出しが残っている');
    expect(times(REQUESTER, '作業が終わりました')).toBe(1);
    const back = await db().team.findMany({ where: { centreId }, include: { members: true, report: true }, orderBy: { number: 'asc' } });
    expect(back.map((t) => [t.status, t.equipment, t.report?.outcome, t.report?.nearMiss ?? null])).toEqual([
      ['back', '[]', 'done', '腐った床板を踏み抜きそうになった'],
      ['back', '[]', 'continuing', null],
    ]);
    expect(back.flatMap((t) => t.members.map((m) => m.hours))).toEqual([3.5, 3.5, 3.5, 3.5, 3.5]);

    // The hours on a volunteer's record: 佐藤 is a registered volunteer, and his page counts the day.
    await screenshotOnFailure(staff, 'disaster-field-day-console', async () => {
      await consoleAt(`/console/volunteers/${volunteerId}`);
      await expect(staff.locator('main').innerText()).resolves.toMatch(/災害ボランティア[\s\S]*3\.5/);
    });

    // The day's figures on the dashboard and in its CSV, labelled 訓練.
    await screenshotOnFailure(staff, 'disaster-field-day-console', async () => {
      await consoleAt(`/console/disaster/figures?centre=${centreId}&date=${DATE}`);
      const figures = await staff.locator('main').innerText();
      expect(figures).toContain('訓練');
      const csv = await (await staff.request.get(`${sim.base}/console/disaster/figures.csv?centre=${centreId}&date=${DATE}`)).text();
      const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
      const day = Object.fromEntries(header!.map((h, i) => [h, rows.find((r) => r[0] === DATE)![i]]));
      expect(day).toMatchObject({ 日付: DATE, 種類: '訓練', '受付したボランティア(人)': '5', '派遣した班': '2', '完了したニーズ(この日)': '1', '継続(いま)': '1', 'ヒヤリハット': '1', 'けが': '0' });
    });
  });
});
