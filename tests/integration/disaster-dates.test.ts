// Under test: applying for dates, answering an offered place and checking in by code, end to end — signed webhooks
// through the real app, Prisma on a temp SQLite file — and the module's statements on their own against the rows they
// re-check (applied once, a place taken only while offered, a correction when it was not). Faked: the clock (Tue 24
// Nov 2026 10:00 JST) and LINE (RecordingMessenger); centres, dates, pool entries and draws are written straight into
// the database (the console's pages and jobs are not under test).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DisasterWrite } from '../../src/domain/disaster/store';
import type { StepCommit } from '../../src/domain/stores';
import { disasterWriter } from '../../src/infra/prisma/disaster-statements';
import { jst, seedCentre } from '../helpers/disaster-centre';
import type { SaidInput } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
let user: string;
let residentId: string;
let centreId: string;
let dayIds: Record<string, string>;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  talk = new ResidentTalk(t);
  ({ centreId, dayIds } = await seedCentre(db(), {
    days: [
      { date: '2026-11-24', code: 'TODAY123', opensAt: '2026-11-20T09:00', closesAt: '2026-11-22T18:00' },
      { date: '2026-11-28', code: 'SAT11280', opensAt: '2026-11-23T09:00', closesAt: '2026-11-26T18:00' },
      { date: '2026-11-29', code: 'SUN11290', opensAt: '2026-11-23T09:00', closesAt: '2026-11-27T18:00' },
    ],
  }));
  user = await talk.follows();
  await say('c=yes', 'lang=ja', 'd=kaigan', 't=done');
  residentId = (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id;
});
afterEach(async () => {
  await t.close();
});

const say = (...inputs: SaidInput[]) => talk.say(user, ...inputs);
const sends = () => t.messenger.sent.filter((s) => s.to === user);
const lastText = () => JSON.stringify(sends().at(-1)?.messages ?? []);

/** The resident's pool entry, written as joining would (insured with the disaster plan unless said otherwise). */
async function joined(cover: { plan: string | null; enrolledOn: string | null } = { plan: 'disaster', enrolledOn: '2026-05-01' }): Promise<string> {
  const now = t.clock.now();
  const m = await db().poolMember.create({
    data: { centreId, residentId, kind: 'individual', name: '佐藤 一郎', origin: 'local', skills: '[]', availableDates: '[]', phone: '09011112222', coverPlan: cover.plan, coverEnrolledOn: cover.enrolledOn, joinedAt: now, updatedAt: now },
  });
  return m.id;
}
/** An application as the draw left it. */
async function application(memberId: string, date: string, status: string, replyBy: Date | null = null): Promise<string> {
  const a = await db().dayApplication.create({ data: { dayId: dayIds[date]!, memberId, status, position: 1, replyBy, offeredAt: replyBy ? jst('2026-11-23T18:00') : null, appliedAt: jst('2026-11-21T12:00') } });
  return a.id;
}
const row = (id: string) => db().dayApplication.findUniqueOrThrow({ where: { id } });

/** Runs the module's statements for one step's write, in one transaction, as the conversation store does. */
async function write(data: DisasterWrite, now = t.clock.now()): Promise<void> {
  const c = { residentId, now } as StepCommit;
  await db().$transaction(disasterWriter.each!(db(), data, c) as never);
}

describe('applying for dates', () => {
  test('applying twice stores one application', async () => {
    const memberId = await joined();
    await say('dz=apply', `dzp=${dayIds['2026-11-28']}`, 'dzp=done');
    expect(lastText()).toContain('申し込みました');
    expect(lastText()).toContain('先着順ではありません。締め切り後に抽選します。');
    // Again: the date is no longer offered, and a stale button of it is no answer.
    await say('dz=apply');
    expect(lastText()).not.toContain(`dzp=${dayIds['2026-11-28']}`);
    await say(`dzp=${dayIds['2026-11-28']}`, 'dzp=done');
    expect(await db().dayApplication.findMany({ where: { memberId } })).toEqual([expect.objectContaining({ dayId: dayIds['2026-11-28'], status: 'applied', appliedAt: t.clock.now() })]);
  });

  test('the statements apply once, and only while the window is open', async () => {
    const memberId = await joined();
    const apply: DisasterWrite = { apply: { centreId, dayIds: [dayIds['2026-11-28']!, dayIds['2026-11-24']!] } };
    await write(apply);
    await write(apply);
    expect((await db().dayApplication.findMany({ where: { memberId } })).map((a) => a.dayId)).toEqual([dayIds['2026-11-28']]);
    await write({ apply: { centreId, dayIds: [dayIds['2026-11-29']!] } }, jst('2026-11-27T18:00'));
    expect(await db().dayApplication.count({ where: { memberId } })).toBe(1);
  });
});

describe('answering an offered place', () => {
  test('参加します before the deadline takes the place', async () => {
    const id = await application(await joined(), '2026-11-28', 'chosen', jst('2026-11-25T18:00'));
    await say(`dz=ok&a=${id}`);
    expect(lastText()).toContain('参加が決まりました');
    expect((await row(id)).status).toBe('reconfirmed');
    expect(sends().at(-1)?.method).toBe('reply');
  });

  test('reconfirming after the deadline is refused, and the place is left to the deadline job', async () => {
    const id = await application(await joined(), '2026-11-28', 'chosen', jst('2026-11-24T09:00'));
    await say(`dz=ok&a=${id}`);
    expect(lastText()).toContain('期限が過ぎたため');
    expect((await row(id)).status).toBe('chosen');
  });

  test('the statements take a place only while it is offered, and tell the member when it was not', async () => {
    const memberId = await joined();
    const late = await application(memberId, '2026-11-28', 'released', jst('2026-11-24T09:59'));
    const correction = { title: 'x', content: { ja: '期限に間に合いませんでした' } };
    await write({ reconfirm: { applicationId: late, correction } });
    expect((await row(late)).status).toBe('released');
    const notices = await db().broadcast.findMany();
    expect(notices).toEqual([expect.objectContaining({ kind: 'volunteer_notice', targeting: JSON.stringify({ residentIds: [residentId] }), content: JSON.stringify(correction.content) })]);

    const expired = await application(memberId, '2026-11-29', 'chosen', jst('2026-11-24T09:00'));
    await write({ reconfirm: { applicationId: expired, correction } });
    expect((await row(expired)).status).toBe('chosen');

    const offered = await application(memberId, '2026-11-24', 'chosen', jst('2026-11-24T12:00'));
    await write({ reconfirm: { applicationId: offered, correction } });
    expect((await row(offered)).status).toBe('reconfirmed');
    expect(await db().broadcast.count()).toBe(2);
  });

  test('行けなくなりました gives the place back once asked again; giving it back twice counts once', async () => {
    const id = await application(await joined(), '2026-11-28', 'reconfirmed');
    await say(`dz=cancel&a=${id}`);
    expect(lastText()).toContain('取り消すと、この枠は補欠の方にお回しします');
    expect((await row(id)).status).toBe('reconfirmed');
    await say(`dz=release&a=${id}`, `dz=release&a=${id}`);
    expect((await row(id)).status).toBe('released');
    expect(lastText()).toContain('もう取り消されています');
  });
});

describe('checking in by code', () => {
  test('answers with the orientation as a free reply and writes once', async () => {
    const id = await application(await joined(), '2026-11-24', 'reconfirmed');
    await say('受付 TODAY123');
    const reply = sends().at(-1)!;
    expect(reply.method).toBe('reply');
    const text = JSON.stringify(reply.messages);
    for (const words of ['受付しました', '佐藤 一郎さん', '【安全】2人以上で動き', '【熱中症】15分作業したら', '【持ち物】長靴', '【このあと】受付のあと、テント前のベンチ']) expect(text).toContain(words);
    const first = await row(id);
    expect(first).toMatchObject({ checkedInAt: t.clock.now(), checkedInBy: 'line', status: 'reconfirmed' });

    t.clock.advance(5 * 60_000);
    await say('today123');
    expect(sends().at(-1)?.method).toBe('reply');
    expect(lastText()).toContain('受付は済んでいます');
    expect(lastText()).toContain('【安全】');
    expect(await row(id)).toEqual(first);
  });

  test('a member without cover is told where to enrol and to see the desk, and flagged for it', async () => {
    const id = await application(await joined({ plan: null, enrolledOn: null }), '2026-11-24', 'reconfirmed');
    await say('受付 TODAY123');
    expect(lastText()).toContain('このままでは受付できません');
    expect(lastText()).toContain('https://www.fukushihoken.co.jp/fukushi/volunteer/');
    expect(lastText()).toContain('受付のスタッフに声をかけてください');
    expect(await row(id)).toMatchObject({ checkedInAt: null, checkedInBy: 'line', status: 'reconfirmed' });
  });

  test('a walk-in where the centre takes them gets a row of their own', async () => {
    await db().disasterCentre.update({ where: { id: centreId }, data: { walkIns: true } });
    const memberId = await joined();
    await say('受付 TODAY123', '受付 TODAY123');
    expect(await db().dayApplication.findMany({ where: { memberId } })).toEqual([expect.objectContaining({ dayId: dayIds['2026-11-24'], status: 'walkIn', checkedInBy: 'line', checkedInAt: t.clock.now() })]);
  });
});

describe('withdrawing consent', () => {
  test('the pool entry loses its personal fields and the places it held go back', async () => {
    const memberId = await joined();
    const id = await application(memberId, '2026-11-28', 'chosen', jst('2026-11-25T18:00'));
    await say('menu=settings', 's=consent');
    expect(lastText()).toContain('災害ボランティアの登録');
    await say('w=yes');
    expect(await db().poolMember.findUniqueOrThrow({ where: { id: memberId } })).toMatchObject({ name: '', phone: null, emergencyContact: null, coverPlan: null });
    expect((await row(id)).status).toBe('released');
  });
});
