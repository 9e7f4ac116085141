// Under test: a disaster centre's activity dates and the draw, on the real app and a temp SQLite file — setting a
// date (capacity, window, default reconfirmation deadline, priorities, its check-in code; validation in Japanese;
// after the draw only capacity and backfill hours change), the draw as the module's minute job (once, even two at
// once; seed stored; capacity and priorities kept; the waitlist in drawn order; losses counted; one notice per
// applicant with the reconfirmation buttons, 【訓練】 in a drill; sent by the broadcast engine), the push budget (the
// notices go over it, the overrun audited and shown), and releasing and backfilling places while reconfirmations and
// give-backs race with the job (never over capacity), with a second database connection playing the LINE side.
// Pool members and applications are written straight to the database, as the LINE side writes them. Faked: the clock
// (FakeClock, from Tue 24 Nov 2026 10:00 JST), LINE (a recording messenger), the menu switch and the randomness
// (seeded).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { defaultReconfirmBy } from '../../src/domain/disaster/days';
import { drawLottery } from '../../src/domain/disaster/lottery';
import { disasterRepositories, PrismaDisasterRepository } from '../../src/infra/prisma/prisma-disaster-admin';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { placeNotices } from '../../src/bot/disaster/place-notices';
import type { DisasterJobDeps } from '../../src/usecases/disaster/disaster-deps';
import { drawDueDays } from '../../src/usecases/disaster/draw-due-days';
import { offerReleasedPlaces } from '../../src/usecases/disaster/offer-released-places';
import { seededRandom } from '../fakes/seeded-random';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { apply, createDisasterApp, giveBack, openCentre, placesHeld, poolMember, reconfirm, type DisasterTestApp } from '../helpers/disaster';

let t: DisasterTestApp;

beforeEach(async () => {
  t = await createDisasterApp();
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

const DAY_FORM: Record<string, string> = {
  date: '2026-11-28',
  capacity: '3',
  opensAt: '2026-11-24T10:00',
  closesAt: '2026-11-26T12:00',
  reconfirmBy: '',
  backfillHours: '3',
  localsFirst: 'on',
  skill_nurse: '1',
};
const CLOSES = new Date('2026-11-26T12:00:00+09:00');
const RECONFIRM_BY = new Date('2026-11-27T18:00:00+09:00');

/** Adds a date through the form; returns its id. */
async function addDay(login: ConsoleLogin, centreId: string, changes: Record<string, string> = {}): Promise<string> {
  const res = await postForm(t.app.server, login, `/console/disaster/centres/${centreId}/days`, Object.entries({ ...DAY_FORM, ...changes }));
  expect(res.statusCode, res.body.slice(0, 400)).toBe(303);
  return /^\/console\/disaster\/days\/([^/?]+)\?done=created$/.exec(String(res.headers.location))![1]!;
}

/** An open centre, a date (capacity 3, a nurse's place kept, locals first) and `n` applicants. */
async function dateWithApplicants(n: number, o: { drill?: boolean; capacity?: number } = {}) {
  const { coordinator, centreId } = await openCentre(t, { drill: o.drill });
  const dayId = await addDay(coordinator, centreId, o.capacity ? { capacity: String(o.capacity), skill_nurse: '' } : {});
  const people = [];
  for (let i = 0; i < n; i++) {
    const p = await poolMember(t.db, centreId, { name: `応募者${i + 1}`, origin: i % 2 === 0 ? 'local' : 'outside', skills: i === 3 ? ['nurse'] : [], losses: i === 4 ? 2 : 0 });
    const a = await apply(t.db, dayId, p.memberId, new Date(t.clock.now().getTime() + i * 60_000));
    people.push({ ...p, applicationId: a.id });
  }
  return { coordinator, centreId, dayId, people };
}

const notices = () => t.db.broadcast.findMany({ where: { kind: 'disaster_notice' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
const noticeTo = (rows: Awaited<ReturnType<typeof notices>>, residentId: string) => rows.filter((b) => (JSON.parse(b.targeting) as { residentIds: string[] }).residentIds.includes(residentId));

describe('activity dates', () => {
  test('are set with capacity, window, the default reconfirmation deadline, backfill hours and priorities, with a check-in code; audited', async () => {
    const { coordinator, centreId } = await openCentre(t);
    const form = await get(coordinator, `/console/disaster/centres/${centreId}/days`);
    for (const label of ['定員(件・1〜10000。個人は1人、グループは1組で1件)', '申し込みの締切(日本時間・この時刻に自動で抽選します)', '再確認の期限(日本時間・空けておくと 活動日の前日 18:00)', '地元の人を先に選ぶ', '「看護師」の人に取っておく件数']) {
      expect(form.body).toContain(label);
    }
    const id = await addDay(coordinator, centreId);
    const d = await t.db.activityDay.findUniqueOrThrow({ where: { id } });
    expect(d).toMatchObject({ centreId, date: '2026-11-28', capacity: 3, backfillHours: 3, drawSeed: null, drawnAt: null });
    expect(d.opensAt).toEqual(new Date('2026-11-24T10:00:00+09:00'));
    expect(d.closesAt).toEqual(CLOSES);
    expect(d.reconfirmBy).toEqual(RECONFIRM_BY);
    expect(JSON.parse(d.priorities)).toEqual({ localsFirst: true, skillPlaces: [{ skill: 'nurse', places: 1 }] });
    expect(d.checkInCode).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{8}$/);
    expect(await t.db.auditLog.count({ where: { action: 'disaster.day.create', subjectId: id, staffId: coordinator.member.id } })).toBe(1);

    const page = await get(coordinator, `/console/disaster/days/${id}?done=created`);
    expect(page.body).toContain('活動日を登録しました');
    expect(page.body).toContain(d.checkInCode);
    expect(page.body).toContain('地元の人を先に、看護師の人に1件');
    expect(page.body).toContain('11/27(金) 18:00');
  });

  test('settings that cannot stand come back in Japanese (400), and nothing is stored; a date is set once', async () => {
    const { coordinator, centreId } = await openCentre(t);
    const cases: Array<[Record<string, string>, string]> = [
      [{ capacity: '0' }, '定員は1〜10000の数字で入力してください'],
      [{ date: '2026-11-31' }, '活動日を入力してください'],
      [{ closesAt: '2026-11-24T09:00' }, '申し込みの締切は、受付を始める日時より後にしてください'],
      [{ reconfirmBy: '2026-11-26T11:00' }, '再確認の期限は、申し込みの締切(抽選)より後にしてください'],
      [{ reconfirmBy: '2026-11-28T09:00' }, '再確認の期限は、活動日の前(前日まで)にしてください'],
      [{ skill_nurse: '4' }, '特技の枠の合計が、定員をこえています'],
      [{ date: '2026-11-23', opensAt: '2026-11-20T10:00', closesAt: '2026-11-21T10:00', reconfirmBy: '2026-11-22T10:00' }, '活動日が過ぎています'],
      [{ backfillHours: '49' }, '繰り上げの返事を待つ時間は1〜48時間で入力してください'],
    ];
    for (const [changes, message] of cases) {
      const res = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/days`, Object.entries({ ...DAY_FORM, ...changes }));
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain(message);
    }
    expect(await t.db.activityDay.count()).toBe(0);
    await addDay(coordinator, centreId);
    const twice = await postForm(t.app.server, coordinator, `/console/disaster/centres/${centreId}/days`, Object.entries(DAY_FORM));
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('この日の活動日は、もう登録されています');
    expect(await t.db.activityDay.count()).toBe(1);
  });

  test('change freely before the draw; after it only capacity and backfill hours change (audited as such)', async () => {
    const first = await dateWithApplicants(2);
    const { dayId } = first;
    let coordinator = first.coordinator;
    const edit = (fields: Record<string, string>) => postForm(t.app.server, coordinator, `/console/disaster/days/${dayId}`, Object.entries(fields));
    expect((await edit({ ...DAY_FORM, capacity: '5', closesAt: '2026-11-26T15:00' })).statusCode).toBe(303);
    expect(await t.db.activityDay.findUniqueOrThrow({ where: { id: dayId } })).toMatchObject({ capacity: 5, closesAt: new Date('2026-11-26T15:00:00+09:00') });

    t.clock.set('2026-11-26T15:00:00+09:00');
    await t.app.runBroadcasts();
    const drawn = await t.db.activityDay.findUniqueOrThrow({ where: { id: dayId } });
    expect(drawn.drawnAt).not.toBeNull();
    // Two days on, the morning's session has ended: sign in again.
    coordinator = await loginAs(t.app, 'coordinator');
    const page = await get(coordinator, `/console/disaster/days/${dayId}`);
    expect(page.body).toContain('抽選が済んだため、変えられるのは定員と繰り上げの時間だけです');
    expect(page.body).not.toContain('name="closesAt"');
    // A stale form posting the window too: only capacity and backfill hours are taken.
    expect((await edit({ ...DAY_FORM, capacity: '7', backfillHours: '6', closesAt: '2026-11-27T15:00', localsFirst: '' })).statusCode).toBe(303);
    const after = await t.db.activityDay.findUniqueOrThrow({ where: { id: dayId } });
    expect(after).toMatchObject({ capacity: 7, backfillHours: 6, closesAt: drawn.closesAt, priorities: drawn.priorities, drawSeed: drawn.drawSeed });
    const rows = await t.db.auditLog.findMany({ where: { action: 'disaster.day.update' }, orderBy: { at: 'asc' } });
    expect(rows.map((r) => JSON.parse(r.detail!).afterDraw)).toEqual([false, true]);
  });
});

describe('the draw', () => {
  test('runs once when the window closes: seed stored, capacity and priorities kept, the rest waiting in drawn order, losses counted, one notice each', async () => {
    const { dayId, people } = await dateWithApplicants(6);
    const before = await t.db.poolMember.findMany();
    await t.app.runBroadcasts();
    expect((await t.db.activityDay.findUniqueOrThrow({ where: { id: dayId } })).drawnAt).toBeNull();
    expect(await t.db.dayApplication.count({ where: { status: 'applied' } })).toBe(6);

    t.clock.set(CLOSES);
    await t.app.runBroadcasts();
    const day = await t.db.activityDay.findUniqueOrThrow({ where: { id: dayId } });
    expect(day.drawnAt).toEqual(CLOSES);
    expect(day.drawSeed).toMatch(/^[0-9a-f]{32}$/);

    const apps = await t.db.dayApplication.findMany({ where: { dayId }, include: { member: true }, orderBy: { position: 'asc' } });
    const chosen = apps.filter((a) => a.status === 'chosen');
    const waiting = apps.filter((a) => a.status === 'waitlisted');
    expect(chosen).toHaveLength(3);
    expect(waiting).toHaveLength(3);
    expect(apps.map((a) => a.position)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const a of chosen) expect(a).toMatchObject({ offeredAt: CLOSES, replyBy: RECONFIRM_BY });
    for (const a of waiting) expect(a).toMatchObject({ offeredAt: null, replyBy: null });
    // The order is the lottery's for the stored seed, over the applicants as they were.
    const lottery = drawLottery(
      before.map((m) => ({ id: apps.find((a) => a.memberId === m.id)!.id, local: m.origin === 'local', skills: JSON.parse(m.skills) as string[], losses: m.losses })),
      { capacity: 3, localsFirst: true, skillPlaces: [{ skill: 'nurse', places: 1 }] },
      day.drawSeed!,
    );
    expect(chosen.map((a) => a.id)).toEqual(lottery.chosen);
    expect(waiting.map((a) => a.id)).toEqual(lottery.waitlist);
    expect(chosen.some((a) => a.memberId === people[3]!.memberId)).toBe(true);
    // A lost draw counts for next time; the chosen lose nothing.
    for (const m of await t.db.poolMember.findMany()) {
      const was = before.find((b) => b.id === m.id)!.losses;
      expect(m.losses, m.name).toBe(waiting.some((a) => a.memberId === m.id) ? was + 1 : was);
    }

    const sent = await notices();
    expect(sent).toHaveLength(6);
    for (const p of people) expect(noticeTo(sent, p.residentId)).toHaveLength(1);
    for (const a of chosen) {
      const [n] = noticeTo(sent, a.member.residentId);
      const content = JSON.parse(n!.content) as { ja: string; en: string; actions: Array<{ data: string; label: { ja: string } }> };
      expect(content.ja).toContain('参加が決まりました');
      expect(content.ja).toContain('11月27日(金) 18:00までに');
      expect(content.actions.map((x) => [x.data, x.label.ja])).toEqual([
        [`dz=ok&a=${a.id}`, '参加します'],
        [`dz=cancel&a=${a.id}`, '行けなくなりました'],
      ]);
      expect(content.ja).not.toContain('【訓練】');
    }
    waiting.forEach((a, i) => {
      const content = JSON.parse(noticeTo(sent, a.member.residentId)[0]!.content) as { ja: string; actions?: unknown };
      expect(content.ja).toContain(`キャンセル待ちの${i + 1}番目`);
      expect(content.actions).toBeUndefined();
    });
    // The broadcast engine sent them in the same run, one to each applicant.
    expect(new Set(t.messenger.sent.map((s) => s.to))).toEqual(new Set(people.map((p) => p.lineUserId)));
    expect(JSON.stringify(t.messenger.sent)).toContain(`dz=ok&a=${chosen[0]!.id}`);
    const [audit] = await t.db.auditLog.findMany({ where: { action: 'disaster.day.draw' } });
    expect(JSON.parse(audit!.detail!)).toMatchObject({ seed: day.drawSeed, applicants: 6, chosen: 3, waitlisted: 3, capacity: 3, drill: false });
    expect(audit!.staffId).toBeNull();

    // Later runs draw nothing again.
    t.clock.advance(60_000);
    await t.app.runBroadcasts();
    expect(await notices()).toHaveLength(6);
    expect((await t.db.activityDay.findUniqueOrThrow({ where: { id: dayId } })).drawSeed).toBe(day.drawSeed);
    expect(await t.db.auditLog.count({ where: { action: 'disaster.day.draw' } })).toBe(1);

    // The date's page shows the counts and the draw, seed and order; the dates page its counts.
    const coordinator = await loginAs(t.app, 'coordinator');
    const page = await get(coordinator, `/console/disaster/days/${dayId}`);
    expect(page.body).toContain(day.drawSeed!);
    expect(page.body).toContain('キャンセル待ち1番');
    expect(page.body).toContain('<dt>当選(再確認待ち)</dt><dd>3</dd>');
    expect(await t.db.auditLog.count({ where: { action: 'disaster.day.view', subjectId: dayId } })).toBe(1);
    const list = await get(coordinator, `/console/disaster/centres/${(await t.db.activityDay.findUniqueOrThrow({ where: { id: dayId } })).centreId}/days`);
    expect(list.body).toMatch(/<td>3<\/td><td>6<\/td><td>3<\/td><td>0<\/td><td>3<\/td><td>0<\/td><td>0<\/td>/);
  });

  test('two draws at the same moment draw once: one seed, one set of notices', async () => {
    const { dayId } = await dateWithApplicants(5);
    const profile = t.app.profile;
    const deps = (seed: number): DisasterJobDeps => ({
      work: new PrismaUnitOfWork(t.db, disasterRepositories),
      notices: { place: (kind, s, id) => ({ title: kind, content: { ja: `${kind} ${id}` } }) },
      random: seededRandom(seed),
      monthlyPushBudget: profile.messaging.monthlyPushBudget,
      quietHours: profile.messaging.quietHours,
    });
    const counts = await Promise.all([drawDueDays(deps(1), CLOSES), drawDueDays(deps(2), CLOSES), drawDueDays(deps(3), new Date(CLOSES.getTime() + 1))]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await notices()).toHaveLength(5);
    expect(await t.db.dayApplication.count({ where: { dayId, status: 'chosen' } })).toBe(3);
    expect(await t.db.auditLog.count({ where: { action: 'disaster.day.draw' } })).toBe(1);
  });

  test('in a drill every notice starts with 【訓練】, in every language, and the console lists them as disaster notices', async () => {
    const { people } = await dateWithApplicants(4, { drill: true });
    t.clock.set(CLOSES);
    await t.app.runBroadcasts();
    const sent = await notices();
    expect(sent).toHaveLength(4);
    for (const n of sent) {
      expect(n.title.startsWith('【訓練】')).toBe(true);
      const content = JSON.parse(n.content) as Record<string, unknown>;
      for (const lang of ['ja', 'ja-x-easy', 'en']) expect(String(content[lang]).startsWith('【訓練】'), lang).toBe(true);
    }
    for (const p of people) {
      const pushed = t.messenger.sent.filter((s) => s.to === p.lineUserId);
      expect(pushed).toHaveLength(1);
      expect(JSON.stringify(pushed[0]!.messages)).toContain('【訓練】');
    }
    const broadcasts = await get(await loginAs(t.app, 'coordinator'), '/console/broadcasts');
    expect(broadcasts.body).toContain('災害ボランティアの個別の連絡(抽選の結果・繰り上げなど)');
  });

  test('notices that take the month over its push budget still go; the overrun is audited and shown on the dates page', async () => {
    const { coordinator, centreId, dayId } = await dateWithApplicants(4);
    // Composed sends already scheduled this month take the whole budget.
    const budget = t.app.profile.messaging.monthlyPushBudget;
    await t.db.broadcast.create({ data: { kind: 'announcement', title: '歳末のお知らせ', content: '{"ja":"x"}', targeting: '{"everyone":true}', scheduledAt: new Date('2026-11-30T10:00:00+09:00'), createdAt: t.clock.now(), status: 'scheduled', targeted: budget } });
    const before = await get(coordinator, `/console/disaster/centres/${centreId}/days`);
    expect(before.body).toContain('4通の見込み');
    expect(before.body).toContain('上限をこえます');
    expect(before.body).toContain('今月の配信の上限をこえても送ります');

    t.clock.set(CLOSES);
    await t.app.runBroadcasts();
    expect(await notices()).toHaveLength(4);
    const [overrun] = await t.db.auditLog.findMany({ where: { action: 'disaster.notices.overBudget' } });
    expect(overrun).toMatchObject({ staffId: null, subjectId: dayId });
    expect(JSON.parse(overrun!.detail!)).toMatchObject({ reason: 'draw', cost: 4, remaining: 0, centreId });
    const after = await get(await loginAs(t.app, 'coordinator'), `/console/disaster/centres/${centreId}/days`);
    expect(after.body).toContain('11月28日(土)の抽選の結果のお知らせ 4通を、上限をこえて送りました');
  });

  test('within the budget no overrun is written', async () => {
    await dateWithApplicants(3);
    t.clock.set(CLOSES);
    await t.app.runBroadcasts();
    expect(await notices()).toHaveLength(3);
    expect(await t.db.auditLog.count({ where: { action: 'disaster.notices.overBudget' } })).toBe(0);
  });
});

describe('releasing and backfilling places', () => {
  /** A drawn date of capacity 2 with five applicants: two chosen, three waiting. */
  async function drawn() {
    const d = await dateWithApplicants(5, { capacity: 2 });
    t.clock.set(CLOSES);
    await t.app.runBroadcasts();
    const byPosition = await t.db.dayApplication.findMany({ where: { dayId: d.dayId }, orderBy: { position: 'asc' }, include: { member: true } });
    return { ...d, chosen: byPosition.slice(0, 2), waiting: byPosition.slice(2) };
  }

  test('a place not reconfirmed by its deadline goes to the next waiting, who is told with their own deadline; a give-back too; none once the quiet hours or the day begin', async () => {
    const { dayId, chosen, waiting } = await drawn();
    const [a, b] = chosen;
    const [w1, w2, w3] = waiting;
    const before = (await notices()).length;

    t.clock.set(new Date(RECONFIRM_BY.getTime() - 60_000));
    expect(await reconfirm(t.db, a!.id, t.clock.now())).toBe(1);
    await t.app.runBroadcasts();
    expect(await t.db.dayApplication.count({ where: { dayId, status: 'released' } })).toBe(0);

    // At the deadline: B's late answer is refused, B's place goes to the first waiting.
    t.clock.set(RECONFIRM_BY);
    expect(await reconfirm(t.db, b!.id, t.clock.now())).toBe(0);
    await t.app.runBroadcasts();
    expect((await t.db.dayApplication.findUniqueOrThrow({ where: { id: b!.id } })).status).toBe('released');
    const offered = await t.db.dayApplication.findUniqueOrThrow({ where: { id: w1!.id } });
    expect(offered).toMatchObject({ status: 'chosen', offeredAt: RECONFIRM_BY, replyBy: new Date('2026-11-27T21:00:00+09:00') });
    expect(await placesHeld(t.db, dayId)).toBe(2);
    const [told] = noticeTo(await notices(), w1!.member.residentId).slice(-1);
    const content = JSON.parse(told!.content) as { ja: string; actions: Array<{ data: string }> };
    expect(content.ja).toContain('キャンセル待ちから参加できるようになりました');
    expect(content.ja).toContain('11月27日(金) 21:00までに');
    expect(content.actions.map((x) => x.data)).toEqual([`dz=ok&a=${w1!.id}`, `dz=cancel&a=${w1!.id}`]);
    // B is told the place has gone, so B does not come on the day; no buttons to answer.
    const [gone] = noticeTo(await notices(), b!.member.residentId).slice(-1);
    const goneContent = JSON.parse(gone!.content) as { ja: string; actions?: unknown[] };
    expect(goneContent.ja).toContain('期限までに「参加します」のお返事がなかったため');
    expect(goneContent.actions).toBeUndefined();
    expect((await notices()).length).toBe(before + 2);

    // W1 gives the place back at once: W2 is offered it on the next run.
    t.clock.set('2026-11-27T18:30:00+09:00');
    expect(await giveBack(t.db, w1!.id)).toBe(1);
    await t.app.runBroadcasts();
    expect((await t.db.dayApplication.findUniqueOrThrow({ where: { id: w2!.id } })).status).toBe('chosen');
    expect(await placesHeld(t.db, dayId)).toBe(2);

    // W2 does not answer by 21:30; in the quiet hours the place is released but offered to nobody.
    t.clock.set('2026-11-27T21:30:00+09:00');
    await t.app.runBroadcasts();
    expect((await t.db.dayApplication.findUniqueOrThrow({ where: { id: w2!.id } })).status).toBe('released');
    expect((await t.db.dayApplication.findUniqueOrThrow({ where: { id: w3!.id } })).status).toBe('waitlisted');
    // 08:00 on the day itself: the day has begun, so W3 is not offered it either.
    t.clock.set('2026-11-28T08:00:00+09:00');
    await t.app.runBroadcasts();
    expect((await t.db.dayApplication.findUniqueOrThrow({ where: { id: w3!.id } })).status).toBe('waitlisted');
    expect(await placesHeld(t.db, dayId)).toBe(1);
    // Told: B and W2 that their places went (W2's waits for the morning), W1 and W2 of their offers.
    expect((await notices()).length).toBe(before + 4);
  });

  test('more places after the draw are offered to the waiting in drawn order, up to the new capacity', async () => {
    const { dayId, waiting } = await drawn();
    t.clock.set('2026-11-26T13:00:00+09:00');
    await postForm(t.app.server, await loginAs(t.app, 'coordinator'), `/console/disaster/days/${dayId}`, [['capacity', '4'], ['backfillHours', '3']]);
    await t.app.runBroadcasts();
    expect(await placesHeld(t.db, dayId)).toBe(4);
    const statuses = await Promise.all(waiting.map(async (w) => (await t.db.dayApplication.findUniqueOrThrow({ where: { id: w.id } })).status));
    expect(statuses).toEqual(['chosen', 'chosen', 'waitlisted']);
  });

  /** Job parts on the app's database, with the bot's wording. */
  const jobDeps = (): DisasterJobDeps => ({
    work: new PrismaUnitOfWork(t.db, disasterRepositories),
    notices: { place: placeNotices(t.app.deps.translator) },
    random: seededRandom(5),
    monthlyPushBudget: t.app.profile.messaging.monthlyPushBudget,
    quietHours: t.app.profile.messaging.quietHours,
  });

  /** A drawn date of capacity 2 with five applicants on `centreId`, straight in the database: [a, b] chosen, three waiting. */
  async function drawnDay(centreId: string, round: number, deps: DisasterJobDeps) {
    const date = new Date(Date.UTC(2026, 11, 1 + round)).toISOString().slice(0, 10);
    const day = await t.db.activityDay.create({
      data: {
        centreId,
        date,
        capacity: 2,
        opensAt: new Date('2026-11-24T10:00:00+09:00'),
        closesAt: CLOSES,
        reconfirmBy: defaultReconfirmBy(date),
        priorities: JSON.stringify({ localsFirst: false, skillPlaces: [] }),
        backfillHours: 3,
        checkInCode: `RACE${String(round).padStart(4, '0')}`,
        createdAt: t.clock.now(),
      },
    });
    for (let i = 0; i < 5; i++) await apply(t.db, day.id, (await poolMember(t.db, centreId)).memberId);
    await drawDueDays(deps, CLOSES);
    const apps = await t.db.dayApplication.findMany({ where: { dayId: day.id }, orderBy: { position: 'asc' } });
    return { day, a: apps[0]!, b: apps[1]! };
  }

  test('reconfirmations and give-backs racing with the deadline and two job runs never take a date over its capacity; everyone offered is told once', async () => {
    const deps = jobDeps();
    const shuffle = seededRandom(99);
    const { centreId } = await openCentre(t);
    for (let round = 0; round < 12; round++) {
      const { day, a, b } = await drawnDay(centreId, round, deps);
      const deadline = day.reconfirmBy;
      // B answered a moment before the deadline, but the answer reaches the database as the deadline's job runs; A
      // gives the place back; a second job run overlaps the first. Their order is shuffled each round.
      const acts: Array<() => Promise<unknown>> = [
        () => reconfirm(t.db, b.id, new Date(deadline.getTime() - 1)),
        () => giveBack(t.db, a.id),
        () => offerReleasedPlaces(deps, deadline),
        () => offerReleasedPlaces(deps, new Date(deadline.getTime() + 1)),
      ].sort(() => shuffle() - 0.5);
      await Promise.all(acts.map((act) => act()));
      expect(await placesHeld(t.db, day.id), `round ${round}`).toBeLessThanOrEqual(2);
      expect(['reconfirmed', 'released'], `round ${round}`).toContain((await t.db.dayApplication.findUniqueOrThrow({ where: { id: b.id } })).status);
      // A later run fills what a give-back after the job left free, and never more.
      await offerReleasedPlaces(deps, new Date(deadline.getTime() + 60_000));
      expect(await placesHeld(t.db, day.id), `round ${round}`).toBe(2);
      const offered = await t.db.dayApplication.findMany({ where: { dayId: day.id, offeredAt: { gt: CLOSES } }, include: { member: true } });
      expect(offered.length, `round ${round}`).toBeGreaterThan(0);
      for (const o of offered) {
        const told = noticeTo(await notices(), o.member.residentId).filter((n) => (JSON.parse(n.content) as { actions?: Array<{ data: string }> }).actions?.some((x) => x.data === `dz=ok&a=${o.id}`));
        expect(told, `round ${round}`).toHaveLength(1);
      }
    }
  });

  test('statement by statement, in every order (no transaction around them), release, backfill, a late reconfirmation and a give-back never exceed the capacity', async () => {
    const deps = jobDeps();
    const { centreId } = await openCentre(t);
    const repository = new PrismaDisasterRepository(t.db);
    const orders = permutations([0, 1, 2, 3]);
    for (const [round, order] of orders.entries()) {
      const { day, a, b } = await drawnDay(centreId, round, deps);
      const deadline = day.reconfirmBy;
      const statements = [
        () => repository.releaseExpired(day.id, deadline),
        () => repository.backfill(day.id, deadline, new Date(deadline.getTime() + 3 * 3600_000)),
        () => reconfirm(t.db, b.id, new Date(deadline.getTime() - 1)),
        () => giveBack(t.db, a.id),
      ];
      for (const i of order) {
        await statements[i]!();
        expect(await placesHeld(t.db, day.id), `order ${order.join('')}`).toBeLessThanOrEqual(2);
      }
      const bNow = (await t.db.dayApplication.findUniqueOrThrow({ where: { id: b.id } })).status;
      // B keeps the place only when the answer came before the release.
      expect(bNow, `order ${order.join('')}`).toBe(order.indexOf(2) < order.indexOf(0) ? 'reconfirmed' : 'released');
    }
  }, 30_000);
});

/** Every order of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}
