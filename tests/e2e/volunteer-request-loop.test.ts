// Under test: a request for a volunteer's help from LINE to the console and back — a resident asks for an escort
// through signed webhooks (the real /webhook, flows and SQLite, a date picked in LINE's date picker); two
// volunteers register through LINE; a coordinator in a real Chromium opens the request, sees both ranked, ticks
// both and invites them; the broadcast engine sends each an invitation with accept and decline buttons; the first
// declines and the second accepts by tapping them; the request becomes matched and the requester is told who is
// coming; the coordinator sees the answers, sets 日時決定 then (on the activity's day, not before) 完了, and the
// requester is told each time; the
// volunteer reports their hours with one tap and a note. Faked:
// the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openAppInBrowser, screenshotOnFailure, type TestBrowser } from '../helpers/browser';
import { createStaff, signInThroughPage } from '../helpers/console';
import type { SaidInput } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Sat 5 Dec 2026: the day help is asked for. */
const DAY = '2026-12-05';

describeInBrowser('a volunteer request from LINE to the console and back (Chromium)', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let talk: ResidentTalk;
  const say = (user: string, ...inputs: SaidInput[]) => talk.say(user, ...inputs);
  const textsTo = (user: string) => talk.sentTo(user);
  const follows = () => talk.follows();

  /** A friend who registers as a volunteer through LINE: insured this year, free on Saturday mornings, escorts. */
  async function registersAsVolunteer(name: string, district: string): Promise<string> {
    const user = await follows();
    await say(user, 'menu=volunteer', 'vo=register', 'c=yes', name, 'vp=line', `d=${district}`, 'vs=escort', 'vs=done', 'vd=sat', 'vd=done', 'vt=am', 'vt=done', 'vi=basic', { data: 've=date', date: '2026-06-10' }, 'vc=yes');
    expect(textsTo(user).at(-1)).toContain('登録しました');
    return user;
  }

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

  test('ask, rank, invite, decline and accept, matched notice, 日時決定, 完了, hours reported', { timeout: 120_000 }, async () => {
    const db = t.app.db;

    // A resident asks for an escort through LINE.
    const requester = await follows();
    await say(requester, 'menu=volunteer', 'vo=request', 'c=yes', 'rq=person', 'rk=escort', 'd=kaigan', '港区海岸通1-2-3 みなとハイツ101', { data: 'rd=date', date: DAY }, 'rp=am', 'rn=1', 'rx=skip', 'rc=line', 'ry=send');
    const request = await db.volunteerRequest.findFirstOrThrow();
    expect(request).toMatchObject({ requesterType: 'person', kind: 'escort', districtCode: 'kaigan', address: '港区海岸通1-2-3 みなとハイツ101', date: DAY, part: 'am', people: 1, phone: null, status: 'received' });
    expect(textsTo(requester).at(-1)).toContain(request.referenceNo);

    // Two volunteers register through LINE; the one from the same district ranks first.
    const yamadaUser = await registersAsVolunteer('山田 花子', 'kaigan');
    const satoUser = await registersAsVolunteer('佐藤 一郎', 'shiomidai');
    const yamada = await db.volunteer.findFirstOrThrow({ where: { name: '山田 花子' } });
    const sato = await db.volunteer.findFirstOrThrow({ where: { name: '佐藤 一郎' } });

    // The coordinator opens the request, sees both ranked with their reasons, ticks both and invites them.
    await screenshotOnFailure(page, 'volunteer-request-loop', async () => {
      await signInThroughPage(page, `${base}/console/volunteer-requests`, 'tanaka', 'ボランティア依頼');
      const row = page.locator('tbody tr').filter({ hasText: request.referenceNo });
      await expect(row.innerText()).resolves.toMatch(/12月5日\(土\)[\s\S]*午前[\s\S]*送迎・付き添い[\s\S]*海岸地区社会福祉協議会[\s\S]*1人 \/ 0人[\s\S]*受付/);
      await page.getByRole('link', { name: request.referenceNo }).click();
      await page.getByRole('heading', { level: 1, name: `ボランティア依頼 ${request.referenceNo}` }).waitFor();
      const candidates = page.locator('#candidates tbody tr');
      await expect(candidates.count()).resolves.toBe(2);
      await expect(candidates.nth(0).innerText()).resolves.toMatch(/山田 花子[\s\S]*保険 有効[\s\S]*その日に活動できる\(午前\)[\s\S]*得意:送迎・付き添い\(主\)[\s\S]*同じ地区/);
      await expect(candidates.nth(1).innerText()).resolves.toMatch(/佐藤 一郎[\s\S]*保険 有効[\s\S]*その日に活動できる\(午前\)[\s\S]*得意:送迎・付き添い\(主\)[\s\S]*ほかの地区/);
      await page.getByRole('checkbox', { name: '山田 花子さんを選ぶ' }).check();
      await page.getByRole('checkbox', { name: '佐藤 一郎さんを選ぶ' }).check();
      await page.getByRole('button', { name: '選んだ人に依頼する' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('2人に依頼しました');
      await expect.poll(() => page.locator('#done:focus').count()).toBe(1);
      await expect(page.locator('#invitations tbody tr').allInnerTexts()).resolves.toEqual([expect.stringMatching(/返事待ち/), expect.stringMatching(/返事待ち/)]);
    });
    const invitations = await db.volunteerInvitation.findMany({ where: { requestId: request.id } });
    expect(invitations).toHaveLength(2);
    expect(invitations.every((i) => i.status === 'invited')).toBe(true);
    const toYamada = invitations.find((i) => i.volunteerId === yamada.id)!;
    const toSato = invitations.find((i) => i.volunteerId === sato.id)!;
    expect(toYamada && toSato).toBeTruthy();

    // The engine sends each volunteer their invitation with the two buttons for it.
    let before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    expect(t.messenger.sent.slice(before).map((s) => s.to).sort()).toEqual([yamadaUser, satoUser].sort());
    for (const [user, inv] of [[yamadaUser, toYamada], [satoUser, toSato]] as const) {
      const sent = textsTo(user).at(-1) ?? '';
      expect(sent).toContain('【ボランティアのお願い】');
      expect(sent).toContain(request.referenceNo);
      expect(sent).toContain(`"data":"va=accept&i=${inv.id}"`);
      expect(sent).toContain(`"data":"va=decline&i=${inv.id}"`);
    }

    // The first declines, the second accepts: the place is filled and the request is matched.
    await say(yamadaUser, `va=decline&i=${toYamada.id}`);
    expect(textsTo(yamadaUser).at(-1)).toContain('見送りにしました');
    expect((await db.volunteerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('received');
    await say(satoUser, `va=accept&i=${toSato.id}`);
    expect(textsTo(satoUser).at(-1)).toContain('参加が決まりました');
    expect((await db.volunteerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('matched');
    expect(Object.fromEntries((await db.volunteerInvitation.findMany({ where: { requestId: request.id } })).map((i) => [i.volunteerId, i.status]))).toEqual({ [yamada.id]: 'declined', [sato.id]: 'accepted' });

    // The requester is told who is coming.
    before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    expect(t.messenger.sent.slice(before).map((s) => s.to)).toEqual([requester]);
    expect(textsTo(requester).at(-1)).toContain('【ボランティアが見つかりました】');
    expect(textsTo(requester).at(-1)).toContain('佐藤 一郎さんが来てくれます');

    // The coordinator sees the answers, then sets 日時決定.
    await screenshotOnFailure(page, 'volunteer-request-loop', async () => {
      await page.goto(`${base}/console/volunteer-requests/${request.id}`);
      await expect(page.locator('#invitations tbody tr').filter({ hasText: '山田 花子' }).innerText()).resolves.toContain('見送り');
      await expect(page.locator('#invitations tbody tr').filter({ hasText: '佐藤 一郎' }).innerText()).resolves.toContain('参加');
      await expect(page.locator('.facts').first().innerText()).resolves.toMatch(/状態\s+ボランティア決定/);
      await expect(page.locator('#candidates').count()).resolves.toBe(0);
      await page.getByRole('button', { name: '日時決定にする' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('「日時決定」にしました');
      await expect.poll(() => page.locator('#done:focus').count()).toBe(1);
    });
    expect((await db.volunteerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('scheduled');
    before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    expect(t.messenger.sent.slice(before).map((s) => s.to)).toEqual([requester]);
    expect(textsTo(requester).at(-1)).toContain('【日時が決まりました】');

    // 完了 waits for the activity's day; on the day, after it (signed in again), the requester is thanked.
    await expect(page.getByRole('button', { name: '完了にする' }).count()).resolves.toBe(0);
    await expect(page.locator('#status-change').innerText()).resolves.toContain('活動の日(12月5日(土))になったら、「完了」にできます。');
    t.clock.set(`${DAY}T15:00:00+09:00`);
    await screenshotOnFailure(page, 'volunteer-request-loop', async () => {
      await signInThroughPage(page, `${base}/console/volunteer-requests/${request.id}`, 'tanaka', `ボランティア依頼 ${request.referenceNo}`);
      await page.getByRole('button', { name: '完了にする' }).click();
      await expect(page.getByRole('status').innerText()).resolves.toContain('「完了」にしました');
      await expect(page.getByRole('button', { name: '完了にする' }).count()).resolves.toBe(0);
    });
    expect((await db.volunteerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('done');
    before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    expect(t.messenger.sent.slice(before).map((s) => s.to).sort()).toEqual([requester, satoUser].sort());
    expect(textsTo(requester).at(-1)).toContain('【活動が終わりました】');
    expect(textsTo(requester).at(-1)).toContain(request.referenceNo);

    // The volunteer who took part reports their hours with one tap, then a note.
    expect(textsTo(satoUser).at(-1)).toContain('活動の記録のお願い');
    await say(satoUser, `vr=${toSato.id}&h=2`, '玄関の段差に手すりがあると安心です');
    expect(await db.volunteerInvitation.findUniqueOrThrow({ where: { id: toSato.id } })).toMatchObject({ hours: 2, report: '玄関の段差に手すりがあると安心です' });

    const actions = (await db.auditLog.findMany({ where: { action: { startsWith: 'volunteerRequest.' } }, orderBy: { at: 'asc' } })).map((a) => a.action);
    expect(actions.filter((a) => a !== 'volunteerRequest.view')).toEqual(['volunteerRequest.invite', 'volunteerRequest.status', 'volunteerRequest.status']);
  });
});
