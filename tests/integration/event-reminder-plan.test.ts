// Under test: when an event's day-before reminder is planned — creating an event less than a day ahead plans none
// (it used to go out at once, to no one), and editing an event's time re-plans it (a reminder already sent for the
// old date is followed by one for the new date; a move to tomorrow after 10:00 reminds those registered at once;
// an edit that keeps the time sends nothing again) — through the console forms on the real app and a temp SQLite
// file, with the broadcast engine run to see who is reached. Registrations are written straight to the database.
// Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (login: ConsoleLogin, url: string, fields: Record<string, string>) => postForm(t.app.server, login, url, fields);
const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

const FORM = { titleJa: '手話入門講座', titleEasy: '', titleEn: '', descriptionJa: 'はじめての方向けです。', descriptionEasy: '', descriptionEn: '', place: '福祉センター', capacity: '10' };

/** An event from `startsAt` for two hours, registration open until its start; returns its id. */
async function createEvent(login: ConsoleLogin, startsAt: string): Promise<string> {
  const res = await post(login, '/console/events', { ...FORM, ...times(startsAt) });
  expect(res.statusCode, res.body).toBe(303);
  return /^\/console\/events\/([^/?]+)/.exec(String(res.headers.location))![1]!;
}

/** The form's start, end (two hours later) and deadline (the start), for a JST local time like 2026-12-05T13:30. */
function times(startsAt: string) {
  const end = new Date(Date.parse(`${startsAt}:00+09:00`) + 2 * 3_600_000 + 9 * 3_600_000).toISOString().slice(0, 16);
  return { startsAt, endsAt: end, deadline: startsAt };
}

let residents = 0;
/** A following resident registered for the event. */
async function registrant(eventId: string): Promise<string> {
  residents += 1;
  const now = t.clock.now();
  const lineUserId = `U${String(residents).padStart(32, '0')}`;
  const r = await db().resident.create({ data: { lineUserId, language: 'ja', followed: true, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
  await db().eventRegistration.create({ data: { eventId, residentId: r.id, status: 'registered', at: now, name: '申込 花子', updatedAt: now } });
  return lineUserId;
}

/** Edits the event's time (and anything else given) as a coordinator signed in now (a session ends after 30 idle minutes). */
async function edit(id: string, startsAt: string, changes: Record<string, string> = {}): Promise<void> {
  const coordinator = await loginAs(t.app, 'coordinator');
  const res = await post(coordinator, `/console/events/${id}/edit`, { ...FORM, ...changes, ...times(startsAt) });
  expect(res.headers.location, res.body).toMatch(new RegExp(`^/console/events/${id}\\?done=`));
}

const reminders = () => db().broadcast.findMany({ where: { kind: 'event_reminder' }, orderBy: { createdAt: 'asc' } });
/** Runs the broadcast engine at `at` and returns who received something. */
async function sendDueAt(at: string): Promise<string[]> {
  t.clock.set(at);
  const before = t.messenger.sent.length;
  await t.app.runBroadcasts();
  return t.messenger.sent.slice(before).map((s) => s.to);
}

describe('creating an event less than a day ahead', () => {
  test('plans no reminder (nobody can have registered yet); the console says so; nothing goes out', async () => {
    t.clock.set('2026-12-04T15:00:00+09:00');
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, '2026-12-05T13:30');
    expect(await reminders()).toEqual([]);
    expect((await db().councilEvent.findUniqueOrThrow({ where: { id } })).reminderId).toBeNull();
    expect((await get(coordinator, `/console/events/${id}`)).body).toContain('<dt>前日のお知らせ</dt><dd>なし(前日の10時を過ぎてから作ったか、日時を変えたため)');

    const lineUserId = await registrant(id);
    expect(await sendDueAt('2026-12-04T15:01:00+09:00')).toEqual([]);
    expect(await sendDueAt('2026-12-05T10:00:00+09:00')).not.toContain(lineUserId);
  });

  test('created the day before but before 10:00, the reminder is still planned for 10:00', async () => {
    t.clock.set('2026-12-04T09:00:00+09:00');
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, '2026-12-05T13:30');
    expect((await reminders()).map((r) => [r.status, r.scheduledAt])).toEqual([['scheduled', new Date('2026-12-04T10:00:00+09:00')]]);
    const lineUserId = await registrant(id);
    expect(await sendDueAt('2026-12-04T10:00:00+09:00')).toEqual([lineUserId]);
  });
});

describe('editing an event’s time', () => {
  test('after its reminder went out, moving the event later plans a new reminder for the new day before', async () => {
    t.clock.set('2026-11-24T10:00:00+09:00');
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, '2026-12-05T13:30');
    const lineUserId = await registrant(id);
    expect(await sendDueAt('2026-12-04T10:00:00+09:00')).toEqual([lineUserId]);

    t.clock.set('2026-12-04T11:00:00+09:00');
    await edit(id, '2026-12-12T13:30');
    const planned = await reminders();
    expect(planned.map((r) => [r.status, r.scheduledAt])).toEqual([
      ['sent', new Date('2026-12-04T10:00:00+09:00')],
      ['scheduled', new Date('2026-12-11T10:00:00+09:00')],
    ]);
    expect((await db().councilEvent.findUniqueOrThrow({ where: { id } })).reminderId).toBe(planned[1]!.id);
    expect(JSON.parse(planned[1]!.content).ja).toContain('12月12日');
    expect(await sendDueAt('2026-12-11T10:00:00+09:00')).toEqual([lineUserId]);
  });

  test('moving the event to tomorrow after 10:00 reminds those registered at once; moving it to today plans none', async () => {
    t.clock.set('2026-11-24T10:00:00+09:00');
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, '2026-12-05T13:30');
    const lineUserId = await registrant(id);

    t.clock.set('2026-11-24T15:00:00+09:00');
    await edit(id, '2026-11-25T13:30');
    expect((await reminders()).map((r) => [r.status, r.scheduledAt])).toEqual([['scheduled', new Date('2026-11-24T15:00:00+09:00')]]);
    expect(await sendDueAt('2026-11-24T15:00:00+09:00')).toEqual([lineUserId]);

    // The next morning it is moved to later today: no day before is left, so nothing more is planned or sent.
    t.clock.set('2026-11-25T08:00:00+09:00');
    await edit(id, '2026-11-25T16:00');
    expect((await reminders()).map((r) => r.status)).toEqual(['sent']);
    expect(await sendDueAt('2026-11-25T08:01:00+09:00')).toEqual([]);
  });

  test('moving an event with no one registered to tomorrow after 10:00 plans nothing, and the planned reminder is withdrawn', async () => {
    t.clock.set('2026-11-24T10:00:00+09:00');
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, '2026-12-05T13:30');
    t.clock.set('2026-11-24T15:00:00+09:00');
    await edit(id, '2026-11-25T13:30');
    expect((await reminders()).map((r) => r.status)).toEqual(['cancelled']);
    expect(await sendDueAt('2026-11-24T15:01:00+09:00')).toEqual([]);
  });

  test('an edit that keeps the time, after the reminder went out, sends nothing again', async () => {
    t.clock.set('2026-11-24T10:00:00+09:00');
    const coordinator = await loginAs(t.app, 'coordinator');
    const id = await createEvent(coordinator, '2026-12-05T13:30');
    const lineUserId = await registrant(id);
    expect(await sendDueAt('2026-12-04T10:00:00+09:00')).toEqual([lineUserId]);
    t.clock.set('2026-12-04T12:00:00+09:00');
    await edit(id, '2026-12-05T13:30', { place: '福祉センター 3階' });
    expect((await reminders()).map((r) => r.status)).toEqual(['sent']);
    expect(await sendDueAt('2026-12-04T12:01:00+09:00')).toEqual([]);
  });
});
