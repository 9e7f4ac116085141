// Under test: disaster mode and the volunteer pool end to end — signed webhooks through the real app with the default
// modules, Prisma on a temp SQLite file: the disaster menu only while a centre runs, a new friend's greeting, joining
// (new, prefilled from a volunteer registration, without insurance cover, joining again to change the entry) and a
// drill's 【訓練】 on every message. Faked: the clock (Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger);
// centres and dates are written straight into the database (the console's pages are not under test).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { LineMessage } from '../../src/domain/line-message';
import { seedCentre } from '../helpers/disaster-centre';
import type { SaidInput } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
let user: string;
const db = () => t.testDb.db;

const DAYS = [
  { date: '2026-11-24', code: 'TODAY123', opensAt: '2026-11-20T09:00', closesAt: '2026-11-22T18:00' },
  { date: '2026-11-28', code: 'SAT11280', opensAt: '2026-11-23T09:00', closesAt: '2026-11-26T18:00' },
];

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  talk = new ResidentTalk(t);
});
afterEach(async () => {
  await t.close();
});

const say = (...inputs: SaidInput[]) => talk.say(user, ...inputs);
/** A friend who went through onboarding (consent, Japanese, 海岸地区). */
async function onboarded(): Promise<void> {
  user = await talk.follows();
  await say('c=yes', 'lang=ja', 'd=kaigan', 't=done');
}
const sends = () => t.messenger.sent.filter((s) => s.to === user);
const lastText = () => JSON.stringify(sends().at(-1)?.messages ?? []);
/** What a message says first: a text's text, a Flex message's alternative text. */
const opening = (m: LineMessage) => (m.type === 'text' ? m.text : m.type === 'flex' ? m.altText : '');
const member = async () => db().poolMember.findFirst({ where: { residentId: (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id } });
const joinAnswers: SaidInput[] = ['dzk=individual', '鈴木 一郎', 'dzo=local', 'dzs=mud', 'dzs=done', { data: 'dzd=date', date: '2026-11-28' }, 'dzd=done', '090-1234-5678', '鈴木 花子 090-2222-3333'];

describe('disaster mode', () => {
  test('the disaster menu appears only while a centre runs', async () => {
    await onboarded();
    await say('メニュー');
    expect(lastText()).toContain('相談する');
    expect(lastText()).not.toContain('手伝いたい');

    const { centreId } = await seedCentre(db(), { days: DAYS });
    await say('メニュー');
    expect(lastText()).toContain('【つなぐ市災害ボランティアセンター】開設中');
    expect(lastText()).toContain('手伝いたい');
    expect(lastText()).toContain('定員20人');
    expect(sends().at(-1)?.method).toBe('reply');

    await db().disasterCentre.update({ where: { id: centreId }, data: { status: 'closed' } });
    await say('メニュー');
    expect(lastText()).toContain('相談する');
    expect(lastText()).not.toContain('手伝いたい');
  });

  test('a new friend is told about the centre and onboarded as usual', async () => {
    await seedCentre(db(), { days: DAYS });
    user = await talk.follows();
    const first = sends()[0]!.messages;
    expect(opening(first[0]!)).toContain('いま「つなぐ市災害ボランティアセンター」を開いています');
    expect(JSON.stringify(first)).toContain('個人情報');
    expect((await db().flowState.findFirstOrThrow({ where: { resident: { lineUserId: user } } })).flowId).toBe('onboarding');
  });
});

describe('joining the pool', () => {
  test('a new volunteer joins through LINE after consent', async () => {
    const { centreId } = await seedCentre(db(), { days: DAYS });
    user = await talk.follows();
    await say('c=no', 'dz=join', 'c=yes', ...joinAnswers, 'dzi=disaster', { data: 'dze=date', date: '2026-06-01' });
    expect(lastText()).toContain('この内容で登録します');
    expect(lastText()).toContain('今日の活動は保険で補償されます');
    expect(await member()).toBeNull();
    await say('dzc=yes');
    expect(await member()).toMatchObject({
      centreId, volunteerId: null, kind: 'individual', name: '鈴木 一郎', groupName: null, size: 1, origin: 'local', skills: '["mud"]', availableDates: '["2026-11-28"]',
      phone: '09012345678', emergencyContact: '鈴木 花子 090-2222-3333', coverPlan: 'disaster', coverEnrolledOn: '2026-06-01', losses: 0, joinedAt: t.clock.now(),
    });
    expect(lastText()).toContain('登録しました');
    expect((await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).consent).toBe('granted');
  });

  test('a registered volunteer joins with their name, phone and skills on the list filled in', async () => {
    await seedCentre(db(), { days: DAYS });
    await onboarded();
    const resident = await db().resident.findUniqueOrThrow({ where: { lineUserId: user } });
    const volunteer = await db().volunteer.create({ data: { residentId: resident.id, name: '山田 花子', phone: '09055556666', skills: '["listening","truck"]', status: 'active', registeredAt: t.clock.now(), updatedAt: t.clock.now() } });
    await say('dz=join');
    expect(lastText()).toContain('ボランティア登録のお名前・電話番号・できることを使います');
    await say('dzk=individual', 'dzo=outside', 'dzs=done', 'dzd=every', '山田 次郎 090-1111-2222', 'dzi=disaster', { data: 'dze=date', date: '2026-06-01' }, 'dzc=yes');
    expect(await member()).toMatchObject({ volunteerId: volunteer.id, name: '山田 花子', phone: '09055556666', skills: '["truck"]', origin: 'outside', emergencyContact: '山田 次郎 090-1111-2222' });
    expect(JSON.parse((await member())!.availableDates)).toHaveLength(14);
  });

  test('a volunteer without valid cover is told where to enrol, and joins all the same', async () => {
    await seedCentre(db(), { days: DAYS });
    await onboarded();
    await say('dz=join', ...joinAnswers, 'dzi=basic', { data: 'dze=date', date: '2026-06-01' });
    expect(lastText()).toContain('天災を補償しません');
    await say('dzc=yes');
    const reply = lastText();
    expect(reply).toContain('登録しました');
    expect(reply).toContain('区社協の窓口(つなぐ区福祉センター1階)');
    expect(reply).toContain('"uri":"https://www.fukushihoken.co.jp/fukushi/volunteer/"');
    expect(await member()).toMatchObject({ coverPlan: 'basic', coverEnrolledOn: '2026-06-01' });
  });

  test('joining again changes the one entry', async () => {
    await seedCentre(db(), { days: DAYS });
    await onboarded();
    await say('dz=join', ...joinAnswers, 'dzi=none', 'dzc=yes');
    // 手伝いたい, once in the pool, applies for dates; the entry is behind its own button.
    await say('dz=join');
    expect(lastText()).toContain('申し込む日を選んでください');
    await say('dz=entry', 'dzc=fix', 'dzf=phone', '080-7777-8888', 'dzc=yes');
    expect(await db().poolMember.count()).toBe(1);
    expect(await member()).toMatchObject({ phone: '08077778888', name: '鈴木 一郎' });
    expect(lastText()).toContain('登録内容を変えました');
  });
});

describe('a drill', () => {
  test('every message of the module starts with 【訓練】', async () => {
    const { dayIds } = await seedCentre(db(), { drill: true, days: DAYS });
    await onboarded();
    const before = sends().length;
    await say('メニュー', 'dz=join', ...joinAnswers, 'x', 'dzi=disaster', { data: 'dze=date', date: '2026-06-01' }, 'dzc=yes', 'dz=apply', `dzp=${dayIds['2026-11-28']}`, 'dzp=done', 'dz=mine', 'dz=desk', '受付 TODAY123');
    const messages = sends().slice(before).flatMap((s) => s.messages);
    expect(messages.length).toBeGreaterThanOrEqual(17);
    for (const m of messages) expect(opening(m)).toMatch(/^【訓練】/);
    // The conversation went where it meant to: joined, applied.
    expect(await member()).toMatchObject({ name: '鈴木 一郎' });
    expect(await db().dayApplication.count({ where: { dayId: dayIds['2026-11-28'] } })).toBe(1);
  });
});
