// Under test: the console's event pages (行事・講座) through app.inject on the real app and a temp SQLite file —
// creating an event with its day-before reminder, validation (a deadline already past refused), the registrant
// list, a staff cancellation that moves the waitlist up, more places moving it up (a capacity raised to 10000 in
// one short transaction), calling an event off (two at once tell everyone once; someone registering meanwhile is
// told too), the CSV download (bytes as Japanese Excel needs them), auditing, refusals, a broadcast to an event's
// registrants, and that with the audit log failing no change is written and nobody is told. Registrations are written straight to the database (the
// LINE side is tested elsewhere). Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (a recording
// messenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eventNotice } from '../../src/bot/events/notices';
import type { Db } from '../../src/infra/prisma/database';
import { collector, registerStatements } from '../../src/infra/prisma/event-registration-statements';
import { eventRepositories, PrismaEventAdmin } from '../../src/infra/prisma/prisma-event-admin';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { callOffEvent } from '../../src/usecases/events/call-off-event';
import { breakAuditLog } from '../helpers/audit-outage';
import { loginAs, type ConsoleLogin, postForm } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (login: ConsoleLogin, url: string, fields: Parameters<typeof postForm>[3] = []) => postForm(t.app.server, login, url, fields);

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

const FORM: Record<string, string> = {
  titleJa: '手話入門講座',
  titleEasy: 'しゅわの こうざ',
  titleEn: 'Sign language for beginners',
  descriptionJa: 'はじめての方向けの手話講座です。\n筆記用具をお持ちください。',
  descriptionEasy: '',
  descriptionEn: '',
  place: '港区総合福祉センター 2階',
  startsAt: '2026-12-05T13:30',
  endsAt: '2026-12-05T15:30',
  capacity: '2',
  deadline: '2026-12-03T17:00',
};

const form = (changes: Record<string, string> = {}): Array<[string, string]> => Object.entries({ ...FORM, ...changes });

/** Creates an event through the form; returns its id. */
async function createEvent(login: ConsoleLogin, changes: Record<string, string> = {}): Promise<string> {
  const res = await post(login, '/console/events', form(changes));
  expect(res.statusCode).toBe(303);
  const m = /^\/console\/events\/([^/?]+)\?done=created$/.exec(String(res.headers.location));
  expect(m).not.toBeNull();
  return m![1]!;
}

let residents = 0;
/** A following, consenting resident; returns their id and LINE id. */
async function resident(opts: { followed?: boolean } = {}): Promise<{ id: string; lineUserId: string }> {
  residents += 1;
  const now = t.clock.now();
  const lineUserId = `U${String(residents).padStart(32, '0')}`;
  const r = await db().resident.create({ data: { lineUserId, language: 'ja', followed: opts.followed ?? true, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
  return { id: r.id, lineUserId };
}

/** A registration row as the LINE flow writes it; `minutesAgo` orders the waitlist. */
async function register(eventId: string, residentId: string, status: 'registered' | 'waitlisted' | 'cancelled', minutesAgo: number, name: string, phone: string | null = null) {
  const at = new Date(t.clock.now().getTime() - minutesAgo * 60_000);
  return db().eventRegistration.create({ data: { eventId, residentId, status, at, name, phone, updatedAt: at } });
}

const noticesTo = async (residentId: string) =>
  (await db().broadcast.findMany({ where: { kind: 'event_notice' } })).filter((b) => (JSON.parse(b.targeting) as { residentIds?: string[] }).residentIds?.includes(residentId));

describe('creating an event', () => {
  test('stores it with a day-before reminder to its registrants at 10:00 JST, audits it, and lists it', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const page = await get(coordinator, '/console/events/new');
    expect(page.statusCode).toBe(200);
    for (const label of ['行事の名前(日本語・必須)', '場所', '始まる日時(日本時間)', '定員(人・1〜10000)', '申し込みの締切']) expect(page.body).toContain(label);

    const id = await createEvent(coordinator);
    const e = await db().councilEvent.findUniqueOrThrow({ where: { id } });
    expect(e).toMatchObject({ place: '港区総合福祉センター 2階', capacity: 2, status: 'open', createdBy: coordinator.member.id });
    expect(JSON.parse(e.title)).toEqual({ ja: '手話入門講座', 'ja-x-easy': 'しゅわの こうざ', en: 'Sign language for beginners' });
    expect(JSON.parse(e.description)).toEqual({ ja: 'はじめての方向けの手話講座です。\n筆記用具をお持ちください。' });
    expect(e.startsAt).toEqual(new Date('2026-12-05T04:30:00Z'));
    expect(e.endsAt).toEqual(new Date('2026-12-05T06:30:00Z'));
    expect(e.deadline).toEqual(new Date('2026-12-03T08:00:00Z'));

    const reminder = await db().broadcast.findUniqueOrThrow({ where: { id: e.reminderId! } });
    expect(reminder).toMatchObject({ kind: 'event_reminder', status: 'scheduled', urgent: false });
    expect(reminder.scheduledAt).toEqual(new Date('2026-12-04T10:00:00+09:00'));
    expect(JSON.parse(reminder.targeting)).toEqual({ events: [id] });
    const content = JSON.parse(reminder.content) as Record<string, string>;
    expect(content.ja).toContain('手話入門講座');
    expect(content.en).toContain('Sign language for beginners');
    expect(await db().auditLog.count({ where: { action: 'event.create', subjectId: id, staffId: coordinator.member.id } })).toBe(1);

    const detail = await get(coordinator, `/console/events/${id}?done=created`);
    expect(detail.body).toContain('登録しました');
    const list = await get(coordinator, '/console/events');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('手話入門講座');
    expect(list.body).toContain('12/5(土) 13:30〜15:30');
    expect(list.body).toContain('受付中');
    expect(list.body).toContain('予約済み(12/4(金) 10:00)');
    expect(list.body).toContain('href="/console/events/new"');
  });

  test('bad forms come back with the values and the problem in Japanese (400), and nothing is stored', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const cases: Array<[Record<string, string>, string]> = [
      [{ titleJa: ' ' }, '行事の名前(日本語)を入力してください'],
      [{ endsAt: '2026-12-05T13:00' }, '終わる日時は、始まる日時より後にしてください'],
      [{ deadline: '2026-12-05T14:00' }, '申し込みの締切は、始まる日時までにしてください'],
      [{ capacity: '0' }, '定員は1〜10000の数字で入力してください'],
      [{ capacity: '10001' }, '定員は1〜10000の数字で入力してください'],
      [{ capacity: 'たくさん' }, '定員は1〜10000の数字で入力してください'],
      [{ startsAt: '2026-11-20T13:30', endsAt: '2026-11-20T15:30', deadline: '2026-11-19T17:00' }, '始まる日時が過ぎています'],
      [{ startsAt: '2027-02-30T13:30', endsAt: '2027-02-30T15:30' }, '日時を確かめてください'],
    ];
    for (const [changes, message] of cases) {
      const res = await post(coordinator, '/console/events', form({ ...changes, place: 'ボランティアセンター' }));
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain(message);
      expect(res.body).toContain('value="ボランティアセンター"');
    }
    // Fields left out altogether get the same Japanese messages.
    const partial = await post(coordinator, '/console/events', [['titleJa', '手話入門講座']]);
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('内容の説明(日本語)を入力してください');
    expect(await db().councilEvent.count()).toBe(0);
    expect(await db().broadcast.count()).toBe(0);
  });

  test('a new event whose application deadline has already passed is refused (400), and nothing is stored', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    // Now is 24 Nov 2026 10:00 JST; the event itself is still ahead.
    for (const deadline of ['2026-11-23T17:00', '2026-11-24T10:00']) {
      const res = await post(coordinator, '/console/events', form({ deadline }));
      expect(res.statusCode, deadline).toBe(400);
      expect(res.body).toContain('申し込みの締切が過ぎています。締切は、これからの日時にしてください');
      expect(res.body).toContain(`value="${deadline}"`);
    }
    expect(await db().councilEvent.count()).toBe(0);
    expect(await db().broadcast.count()).toBe(0);
    await createEvent(coordinator, { deadline: '2026-11-24T10:01' });
  });

  test('the council\'s defaults: the new form starts with its place and capacity; an end and a deadline left empty are filled', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const admin = await loginAs(t.app, 'admin');
    const saved = await post(admin, '/console/settings/section/events', { version: '0', 'f.events.place': '港区総合福祉センター 2階', 'f.events.capacity': '40', 'f.events.durationMinutes': '90', 'f.events.deadlineDaysBefore': '3', 'f.events.deadlineTime': '12:00', intent: 'save' });
    expect(saved.statusCode).toBe(303);
    const page = await get(coordinator, '/console/events/new');
    expect(page.body).toContain('value="港区総合福祉センター 2階"');
    expect(page.body).toContain('value="40"');
    expect(page.body).toContain('始まる日時の90分後');

    const id = await createEvent(coordinator, { endsAt: '', deadline: '' });
    const e = await db().councilEvent.findUniqueOrThrow({ where: { id } });
    expect(e.endsAt).toEqual(new Date('2026-12-05T15:00:00+09:00'));
    expect(e.deadline).toEqual(new Date('2026-12-02T12:00:00+09:00'));

    // A start the deadline rule would put after: the deadline is the start.
    await post(admin, '/console/settings/section/events', { version: '1', 'f.events.capacity': '40', 'f.events.durationMinutes': '90', 'f.events.deadlineDaysBefore': '0', 'f.events.deadlineTime': '23:00', intent: 'save' });
    const late = await db().councilEvent.findUniqueOrThrow({ where: { id: await createEvent(coordinator, { endsAt: '', deadline: '' }) } });
    expect(late.deadline).toEqual(new Date('2026-12-05T13:30:00+09:00'));
  });

  test('full-width digits are accepted for the capacity', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, { capacity: '３０' });
    expect((await db().councilEvent.findUniqueOrThrow({ where: { id } })).capacity).toBe(30);
  });
});

describe('the registrant list', () => {
  test('shows registrants in queue order with their status, and each opening is audited; an unknown id is 404', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const [a, b, c, d] = [await resident(), await resident(), await resident(), await resident()];
    await register(id, a.id, 'registered', 50, '山田 花子', '09011112222');
    await register(id, b.id, 'registered', 40, '佐藤 一郎');
    await register(id, c.id, 'waitlisted', 30, '鈴木 次郎');
    await register(id, d.id, 'cancelled', 20, '高橋 三郎');

    const res = await get(coordinator, `/console/events/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('山田 花子');
    expect(res.body).toContain('090-1111-2222');
    expect(res.body).toContain('キャンセル待ち(1番目)');
    expect(res.body).toContain('取り消し');
    expect(res.body).toContain('参加 2人 / キャンセル待ち 1人');
    expect(res.body.indexOf('佐藤 一郎')).toBeLessThan(res.body.indexOf('鈴木 次郎'));
    expect(res.body.indexOf('鈴木 次郎')).toBeLessThan(res.body.indexOf('高橋 三郎'));
    // One 取り消す button per active registration (3), none for the cancelled one.
    expect(res.body.match(/\/registrations\/[^/]+\/cancel/g)).toHaveLength(3);
    expect(res.body).toContain('キャンセル待ちの1番目の人が繰り上がり');
    expect(res.body).toContain('(いま3人)全員に、LINEで中止のお知らせを送ります');
    expect(await db().auditLog.count({ where: { action: 'event.registrants.view', subjectId: id } })).toBe(1);

    const missing = await get(coordinator, '/console/events/no-such-event');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('行事が見つかりません');
    expect((await get(coordinator, '/console/events/no-such-event/registrants.csv')).statusCode).toBe(404);
    expect((await get(coordinator, '/console/events/no-such-event/edit')).statusCode).toBe(404);
  });
});

describe('staff cancelling a registration', () => {
  test('moves the first on the waitlist up and writes them a notice; the cancellation is audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const [a, b, first, second] = [await resident(), await resident(), await resident(), await resident()];
    const ra = await register(id, a.id, 'registered', 50, '山田 花子');
    await register(id, b.id, 'registered', 40, '佐藤 一郎');
    const rFirst = await register(id, first.id, 'waitlisted', 30, '鈴木 次郎');
    const rSecond = await register(id, second.id, 'waitlisted', 20, '高橋 三郎');

    const res = await post(coordinator, `/console/events/${id}/registrations/${ra.id}/cancel`, []);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/events/${id}?done=regPromoted#registrants`);
    expect((await db().eventRegistration.findUniqueOrThrow({ where: { id: ra.id } })).status).toBe('cancelled');
    expect((await db().eventRegistration.findUniqueOrThrow({ where: { id: rFirst.id } })).status).toBe('registered');
    expect((await db().eventRegistration.findUniqueOrThrow({ where: { id: rSecond.id } })).status).toBe('waitlisted');

    const notices = await noticesTo(first.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'event_notice', status: 'scheduled' });
    expect(JSON.parse(notices[0]!.targeting)).toEqual({ residentIds: [first.id] });
    expect(JSON.parse(notices[0]!.content).ja).toContain('手話入門講座');
    expect(await noticesTo(second.id)).toHaveLength(0);

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'event.registration.cancel', subjectId: ra.id } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ eventId: id, was: 'registered', promoted: 1 });

    const page = await get(coordinator, String(res.headers.location).replace('#registrants', ''));
    expect(page.body).toContain('キャンセル待ちの1番目の人が繰り上がりました');

    // The notice goes out with the next run of the broadcast engine.
    await t.app.runBroadcasts();
    expect(t.messenger.sent.map((s) => s.to)).toEqual([first.lineUserId]);

    // A second press on the same (now cancelled) registration is refused.
    expect((await post(coordinator, `/console/events/${id}/registrations/${ra.id}/cancel`, [])).statusCode).toBe(409);
  });

  test('cancelling a waitlisted person moves no one up', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, { capacity: '1' });
    const [a, w] = [await resident(), await resident()];
    await register(id, a.id, 'registered', 50, '山田 花子');
    const rw = await register(id, w.id, 'waitlisted', 30, '鈴木 次郎');
    const res = await post(coordinator, `/console/events/${id}/registrations/${rw.id}/cancel`, []);
    expect(res.headers.location).toBe(`/console/events/${id}?done=regCancelled#registrants`);
    expect(await db().broadcast.count({ where: { kind: 'event_notice' } })).toBe(0);
  });
});

describe('editing an event', () => {
  test('more places move that many people up (each told); the reminder follows a new date; audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const [a, b, w1, w2, w3] = [await resident(), await resident(), await resident(), await resident(), await resident()];
    await register(id, a.id, 'registered', 50, 'A');
    await register(id, b.id, 'registered', 40, 'B');
    const r1 = await register(id, w1.id, 'waitlisted', 30, 'W1');
    const r2 = await register(id, w2.id, 'waitlisted', 20, 'W2');
    const r3 = await register(id, w3.id, 'waitlisted', 10, 'W3');

    const edit = await get(coordinator, `/console/events/${id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="2026-12-05T13:30"');
    expect(edit.body).toContain('value="手話入門講座"');

    const res = await post(coordinator, `/console/events/${id}/edit`, form({ capacity: '4', startsAt: '2026-12-06T13:30', endsAt: '2026-12-06T15:30' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/events/${id}?done=promoted`);
    const statuses = await Promise.all([r1, r2, r3].map(async (r) => (await db().eventRegistration.findUniqueOrThrow({ where: { id: r.id } })).status));
    expect(statuses).toEqual(['registered', 'registered', 'waitlisted']);
    expect(await noticesTo(w1.id)).toHaveLength(1);
    expect(await noticesTo(w2.id)).toHaveLength(1);
    expect(await noticesTo(w3.id)).toHaveLength(0);

    const e = await db().councilEvent.findUniqueOrThrow({ where: { id } });
    expect(e.capacity).toBe(4);
    const reminder = await db().broadcast.findUniqueOrThrow({ where: { id: e.reminderId! } });
    expect(reminder.scheduledAt).toEqual(new Date('2026-12-05T10:00:00+09:00'));
    expect(reminder.status).toBe('scheduled');
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'event.update', subjectId: id } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ capacity: { from: 2, to: 4 }, promoted: 2 });
  });

  test('a capacity raised from 1 to 10000 moves everyone waiting up in queue order, each told once', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, { capacity: '1' });
    const [a, w1, w2, w3] = [await resident(), await resident(), await resident(), await resident()];
    await register(id, a.id, 'registered', 50, 'A');
    const waiting = [await register(id, w3.id, 'waitlisted', 10, 'W3'), await register(id, w1.id, 'waitlisted', 30, 'W1'), await register(id, w2.id, 'waitlisted', 20, 'W2')];

    const res = await post(coordinator, `/console/events/${id}/edit`, form({ capacity: '10000' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/events/${id}?done=promoted`);

    for (const r of waiting) expect((await db().eventRegistration.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('registered');
    const notices = await db().broadcast.findMany({ where: { kind: 'event_notice' }, orderBy: { createdAt: 'asc' } });
    expect(notices.map((n) => JSON.parse(n.targeting))).toEqual([{ residentIds: [w1.id] }, { residentIds: [w2.id] }, { residentIds: [w3.id] }]);
    for (const n of notices) {
      expect(n).toMatchObject({ status: 'scheduled', urgent: false, scheduledAt: t.clock.now() });
      expect(JSON.parse(n.content).ja).toContain('手話入門講座');
    }
    expect(new Set(notices.map((n) => n.id)).size).toBe(3);
    expect(await noticesTo(a.id)).toHaveLength(0);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'event.update', subjectId: id } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ capacity: { from: 1, to: 10000 }, promoted: 3 });

    // Raising it again with nobody waiting moves nobody and tells nobody.
    expect((await post(coordinator, `/console/events/${id}/edit`, form({ capacity: '9999' }))).statusCode).toBe(303);
    expect(await db().broadcast.count({ where: { kind: 'event_notice' } })).toBe(3);
  });

  test('a bad edit comes back with the problem and changes nothing', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const res = await post(coordinator, `/console/events/${id}/edit`, form({ endsAt: '2026-12-05T12:00' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('終わる日時は、始まる日時より後にしてください');
    expect(res.body).toContain(`action="/console/events/${id}/edit"`);
    expect((await db().councilEvent.findUniqueOrThrow({ where: { id } })).endsAt).toEqual(new Date('2026-12-05T06:30:00Z'));
  });
});

describe('calling an event off', () => {
  test('needs the confirmation; then cancels the event and its reminder and tells everyone registered or waiting', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const [a, w, gone] = [await resident(), await resident(), await resident()];
    await register(id, a.id, 'registered', 50, 'A');
    await register(id, w.id, 'waitlisted', 30, 'W');
    await register(id, gone.id, 'cancelled', 20, 'G');

    const unconfirmed = await post(coordinator, `/console/events/${id}/cancel`, []);
    expect(unconfirmed.statusCode).toBe(400);
    expect((await db().councilEvent.findUniqueOrThrow({ where: { id } })).status).toBe('open');

    const res = await post(coordinator, `/console/events/${id}/cancel`, [['confirm', 'on']]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/events/${id}?done=cancelled`);
    const e = await db().councilEvent.findUniqueOrThrow({ where: { id } });
    expect(e.status).toBe('cancelled');
    expect((await db().broadcast.findUniqueOrThrow({ where: { id: e.reminderId! } })).status).toBe('cancelled');
    const notices = await db().broadcast.findMany({ where: { kind: 'event_notice' } });
    expect(notices).toHaveLength(1);
    expect(new Set((JSON.parse(notices[0]!.targeting) as { residentIds: string[] }).residentIds)).toEqual(new Set([a.id, w.id]));
    expect(JSON.parse(notices[0]!.content).ja).toContain('中止');
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'event.cancel', subjectId: id } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ told: 2 });

    const page = await get(coordinator, res.headers.location as string);
    expect(page.body).toContain('中止にしました');
    expect(page.body).not.toContain('/registrations/');
    expect(page.body).not.toContain(`/console/events/${id}/edit`);
    expect((await get(coordinator, '/console/events')).body).toContain('中止');
    // Done once: a second call-off, an edit or a cancelled registration are refused.
    expect((await post(coordinator, `/console/events/${id}/cancel`, [['confirm', 'on']])).statusCode).toBe(409);
    expect((await post(coordinator, `/console/events/${id}/edit`, form())).statusCode).toBe(409);
    expect(await db().broadcast.count({ where: { kind: 'event_notice' } })).toBe(1);
  });
});

/** The notices of an event in the bot's words, and the call-off as the console makes it, on `on` (a client the test may watch); true when it was made. */
async function callOff(id: string, staffId: string) {
  const e = await db().councilEvent.findUniqueOrThrow({ where: { id } });
  const subject = { title: JSON.parse(e.title) as { ja: string }, startsAt: e.startsAt, place: e.place };
  const notice = (kind: Parameters<typeof eventNotice>[1]) => eventNotice(t.app.deps.translator, kind, subject);
  const seen = (await new PrismaEventAdmin(t.app.db).get(id))!;
  const run = async (on: Db, at = t.clock.now()) =>
    (await callOffEvent({ work: new PrismaUnitOfWork(on, eventRepositories), notices: { notice: (kind, s) => eventNotice(t.app.deps.translator, kind, s) } }, seen, true, { staffId, ip: '127.0.0.1', at })).ok;
  return { notice, run };
}

/**
 * The app's client, starting `meanwhile` (once, without waiting for it) right after the first read of event
 * registrations: the moment a call-off has read whom to tell.
 */
function afterRegistrationsRead(meanwhile: () => unknown): Db {
  let started = false;
  return t.app.db.$extends({
    query: {
      eventRegistration: {
        async findMany({ args, query }) {
          const rows = await query(args);
          if (!started) {
            started = true;
            void meanwhile();
          }
          return rows;
        },
      },
    },
  }) as unknown as Db;
}

describe('calling an event off at the same moment as', () => {
  test('another coordinator: one succeeds, the other is refused (409); everyone registered or waiting is told once', async () => {
    const [first, second] = [await loginAs(t.app, 'coordinator'), await loginAs(t.app, 'coordinator')];
    const id = await createEvent(first);
    const [a, w] = [await resident(), await resident()];
    await register(id, a.id, 'registered', 50, 'A');
    await register(id, w.id, 'waitlisted', 30, 'W');

    const both = await Promise.all([post(first, `/console/events/${id}/cancel`, [['confirm', 'on']]), post(second, `/console/events/${id}/cancel`, [['confirm', 'on']])]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    expect(both.find((r) => r.statusCode === 409)!.body).toContain('この行事は、もう中止になっています。');
    expect((await db().councilEvent.findUniqueOrThrow({ where: { id } })).status).toBe('cancelled');
    expect(await noticesTo(a.id)).toHaveLength(1);
    expect(await noticesTo(w.id)).toHaveLength(1);
    expect(await db().auditLog.count({ where: { action: 'event.cancel', subjectId: id } })).toBe(1);
  });

  test('another call-off just after this one has read whom to tell: it is refused, and no one is told twice', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const [a, w] = [await resident(), await resident()];
    await register(id, a.id, 'registered', 50, 'A');
    await register(id, w.id, 'waitlisted', 30, 'W');
    const { run } = await callOff(id, coordinator.member.id);
    let second: Promise<boolean> | null = null;
    const watched = afterRegistrationsRead(() => (second = run(t.app.db)));

    expect(await run(watched)).toBe(true);
    expect(second).not.toBeNull();
    expect(await second).toBe(false);
    expect(await noticesTo(a.id)).toHaveLength(1);
    expect(await noticesTo(w.id)).toHaveLength(1);
    expect(await db().auditLog.count({ where: { action: 'event.cancel', subjectId: id } })).toBe(1);
  });

  test('a resident registering just after it has read whom to tell: they are told it is off, or that registration has closed', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const a = await resident();
    await register(id, a.id, 'registered', 50, 'A');
    const late = await resident();
    const now = t.clock.now();
    const { notice, run } = await callOff(id, coordinator.member.id);
    let registering: Promise<unknown> | null = null;
    const watched = afterRegistrationsRead(() => {
      const ops: Array<Promise<unknown>> = [];
      registerStatements(collector(t.app.db, ops), { residentId: late.id, eventId: id, expected: 'registered', name: 'L', phone: null, now, notices: { registered: notice('promoted'), waitlisted: notice('waitlistedInstead'), closed: notice('closedInstead') } });
      return (registering = t.app.db.$transaction(ops as never));
    });

    expect(await run(watched, now)).toBe(true);
    expect(registering).not.toBeNull();
    await registering;
    const reg = await db().eventRegistration.findFirst({ where: { eventId: id, residentId: late.id } });
    const told = (await db().broadcast.findMany({ where: { kind: 'event_notice', title: notice('cancelledEvent').title } })).map((b) => (JSON.parse(b.targeting) as { residentIds: string[] }).residentIds);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(a.id);
    if (reg && reg.status !== 'cancelled') expect(told[0]).toContain(late.id);
    else expect((await noticesTo(late.id)).map((b) => b.title)).toEqual([notice('closedInstead').title]);
    expect(JSON.parse((await db().auditLog.findFirstOrThrow({ where: { action: 'event.cancel', subjectId: id } })).detail!)).toEqual({ told: told[0]!.length });
  });
});

describe('when the audit log cannot be written', () => {
  test('creating, editing (with places moving people up), cancelling a registration and calling off fail with the error page; nothing changes and nobody is told', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const [a, b, w] = [await resident(), await resident(), await resident()];
    const ra = await register(id, a.id, 'registered', 50, 'A');
    await register(id, b.id, 'registered', 40, 'B');
    const rw = await register(id, w.id, 'waitlisted', 30, 'W');
    const before = await db().councilEvent.findUniqueOrThrow({ where: { id } });
    const broadcasts = await db().broadcast.findMany();
    expect(broadcasts.map((x) => x.id)).toEqual([before.reminderId]);
    await breakAuditLog(db());

    const created = await post(coordinator, '/console/events', form({ titleJa: '別の講座' }));
    expect(created.statusCode).toBe(500);
    expect(created.body).toContain('処理中に問題が発生しました');
    expect(await db().councilEvent.count()).toBe(1);

    expect((await post(coordinator, `/console/events/${id}/edit`, form({ capacity: '3', place: '別の場所' }))).statusCode).toBe(500);
    expect(await db().councilEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({ capacity: 2, place: before.place, updatedAt: before.updatedAt });
    expect((await db().eventRegistration.findUniqueOrThrow({ where: { id: rw.id } })).status).toBe('waitlisted');

    expect((await post(coordinator, `/console/events/${id}/registrations/${ra.id}/cancel`, [])).statusCode).toBe(500);
    expect((await db().eventRegistration.findUniqueOrThrow({ where: { id: ra.id } })).status).toBe('registered');
    expect((await db().eventRegistration.findUniqueOrThrow({ where: { id: rw.id } })).status).toBe('waitlisted');

    expect((await post(coordinator, `/console/events/${id}/cancel`, [['confirm', 'on']])).statusCode).toBe(500);
    expect((await db().councilEvent.findUniqueOrThrow({ where: { id } })).status).toBe('open');

    expect(await db().broadcast.findMany()).toEqual(broadcasts);
    for (const r of [a, b, w]) expect(await noticesTo(r.id)).toHaveLength(0);
  });
});

describe('the registrant CSV', () => {
  test('is UTF-8 with a BOM, CRLF, RFC 4180 quoting and formula cells defused, named in Japanese; the export is audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, { titleJa: '手話入門講座 "冬"' });
    const [a, b, c, d] = [await resident(), await resident(), await resident(), await resident()];
    await register(id, a.id, 'registered', 50, '山田, 花子', '09011112222');
    await register(id, b.id, 'registered', 40, '佐藤 "いっちゃん" 一郎');
    await register(id, c.id, 'waitlisted', 30, '=HYPERLINK("http://x.example","押して")', '+81-90-0000-0000');
    await register(id, d.id, 'waitlisted', 20, '改行\nあり', '0312345678');

    const res = await get(coordinator, `/console/events/${id}/registrants.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const fileName = encodeURIComponent('申込者一覧_手話入門講座 _冬__20261205.csv');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="registrants.csv"; filename*=UTF-8''${fileName}`);
    expect(res.headers['cache-control']).toBe('no-store');

    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toBe(
      [
        '番号,お名前,電話,状態,申込日時',
        '1,"山田, 花子",090-1111-2222,参加,2026/11/24 09:10',
        '2,"佐藤 ""いっちゃん"" 一郎",,参加,2026/11/24 09:20',
        `3,"'=HYPERLINK(""http://x.example"",""押して"")",'+81-90-0000-0000,キャンセル待ち(1番目),2026/11/24 09:30`,
        '4,"改行\nあり",03-1234-5678,キャンセル待ち(2番目),2026/11/24 09:40',
        '',
      ].join('\r\n'),
    );
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'event.registrants.export', subjectId: id } });
    expect(audit.staffId).toBe(coordinator.member.id);
    expect(JSON.parse(audit.detail!)).toEqual({ rows: 4 });
  });
});

describe('permissions', () => {
  test('counsellors cannot open, export, or change events; the nav shows 行事・講座 only to those who may', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const counsellor = await loginAs(t.app, 'counsellor');
    for (const url of ['/console/events', '/console/events/new', `/console/events/${id}`, `/console/events/${id}/registrants.csv`, `/console/events/${id}/edit`]) {
      expect((await get(counsellor, url)).statusCode, url).toBe(403);
    }
    expect((await post(counsellor, '/console/events', form())).statusCode).toBe(403);
    expect((await post(counsellor, `/console/events/${id}/cancel`, [['confirm', 'on']])).statusCode).toBe(403);
    expect(await db().councilEvent.count()).toBe(1);
    expect(await db().auditLog.count({ where: { action: { startsWith: 'event.registrants' } } })).toBe(0);
    expect((await get(counsellor, '/console')).body).not.toContain('href="/console/events"');
    expect((await get(coordinator, '/console')).body).toContain('href="/console/events"');
    const admin = await loginAs(t.app, 'admin');
    expect((await get(admin, '/console/events')).statusCode).toBe(200);
  });
});

describe('a broadcast to an event’s registrants', () => {
  test('counts and reaches only the registered followers (not the waitlist), and names the event', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const other = await createEvent(coordinator, { titleJa: 'ふくしまつり' });
    const [a, b, unfollowed, waiting, elsewhere, bystander] = [await resident(), await resident(), await resident({ followed: false }), await resident(), await resident(), await resident()];
    await register(id, a.id, 'registered', 50, 'A');
    await register(id, b.id, 'registered', 40, 'B');
    await register(id, unfollowed.id, 'registered', 35, 'U');
    await register(id, waiting.id, 'waitlisted', 30, 'W');
    await register(other, elsewhere.id, 'registered', 30, 'E');
    void bystander;

    const page = await get(coordinator, '/console/broadcasts/new');
    expect(page.body).toContain(`<option value="${id}">手話入門講座(12/5(土) 13:30)</option>`);
    const fields: Array<[string, string]> = [
      ['kind', 'event_reminder'],
      ['title', '持ち物のお知らせ'],
      ['textJa', '手話入門講座の持ち物:筆記用具'],
      ['scheduledAt', '2026-11-25T10:00'],
      ['event', id],
      ['everyone', 'on'],
    ];
    const preview = await post(coordinator, '/console/broadcasts/preview', fields);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('対象の人数(いまの見込み):2人');
    expect(preview.body).toContain('行事「手話入門講座(12/5(土) 13:30)」に申し込んだ人');
    expect(preview.body).toContain(`name="event" value="${id}"`);

    expect((await post(coordinator, '/console/broadcasts', fields)).statusCode).toBe(303);
    const sent = await db().broadcast.findFirstOrThrow({ where: { title: '持ち物のお知らせ' } });
    expect(JSON.parse(sent.targeting)).toEqual({ events: [id] });
    expect(sent.targeted).toBe(2);

    t.clock.set('2026-11-25T10:00:00+09:00');
    await t.app.runBroadcasts();
    expect(new Set(t.messenger.sent.map((s) => s.to))).toEqual(new Set([a.lineUserId, b.lineUserId]));
  });

  test('a called-off event cannot be chosen, nor a salon and an event together', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator);
    const base: Array<[string, string]> = [
      ['kind', 'announcement'],
      ['title', 'x'],
      ['textJa', 'x'],
      ['scheduledAt', '2026-11-25T10:00'],
    ];
    const both = await post(coordinator, '/console/broadcasts/preview', [...base, ['event', id], ['salon', 'kaigan-ikiiki']]);
    expect(both.statusCode).toBe(400);
    expect(both.body).toContain('どちらか一つを選んでください');
    await post(coordinator, `/console/events/${id}/cancel`, [['confirm', 'on']]);
    const res = await post(coordinator, '/console/broadcasts/preview', [...base, ['event', id]]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('行事を選び直してください');
    expect((await get(coordinator, '/console/broadcasts/new')).body).not.toContain(`value="${id}"`);
  });
});
