// Under test: council events end to end — registering and cancelling through signed webhooks (real flows, runner
// and Prisma on a temp SQLite file), capacity decided in SQL, waitlist promotion and its notice, the day-before
// reminder sent by the broadcast engine in each registrant's language, and the corrections when two residents
// take the last place at once. Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eventNotice } from '../../src/bot/events/notices';
import type { EventInput } from '../../src/domain/event-registration';
import { collector, registerStatements } from '../../src/infra/prisma/event-registration-statements';
import { eventRepositories } from '../../src/infra/prisma/prisma-event-admin';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { createEvent as createEventAsStaff } from '../../src/usecases/events/create-event';
import { eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let ts: number;
const jst = (s: string) => new Date(`${s}+09:00`);
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  ts = t.clock.now().getTime();
});
afterEach(async () => {
  await t.close();
});

const COURSE: EventInput = {
  title: { ja: '手話入門講座', en: 'Sign language for beginners' },
  description: { ja: '初めての方向けです。' },
  place: '福祉センター 2階',
  startsAt: jst('2026-12-05T13:30:00'),
  endsAt: jst('2026-12-05T15:30:00'),
  capacity: 1,
  deadline: jst('2026-12-01T17:00:00'),
};

/** Creates an event the way the console does: with its day-before reminder. */
async function createEvent(e: EventInput = COURSE): Promise<string> {
  const translator = t.app.deps.translator;
  const now = t.clock.now();
  return createEventAsStaff({ work: new PrismaUnitOfWork(db(), eventRepositories), notices: { notice: (kind, s) => eventNotice(translator, kind, s) } }, e, { staffId: 'staff-1', ip: '127.0.0.1', at: now });
}

const tap = (user: string, data: string) => t.post([postbackFrom(t.messenger, user, data, { timestamp: ++ts })]);
const say = (user: string, text: string) => t.post([textFrom(t.messenger, user, text, { timestamp: ++ts })]);
/** Every text LINE was asked to show the user, in order. */
const textsTo = (user: string) => t.messenger.sent.filter((s) => s.to === user).flatMap((s) => s.messages.map((m) => (m.type === 'text' ? m.text : 'altText' in m ? String(m.altText) : '')));
const residentId = async (user: string) => (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id;
const registration = async (eventId: string, user: string) => db().eventRegistration.findFirst({ where: { eventId, residentId: await residentId(user) } });

/** A friend who agreed to the privacy notice at onboarding, in `language`. */
async function friend(language: 'ja' | 'en' = 'ja'): Promise<string> {
  const user = newUserId();
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ++ts })]);
  await tap(user, 'c=yes');
  if (language !== 'ja') await tap(user, `lang=${language}`);
  return user;
}

/** Opens the event from the menu and goes up to the summary. */
async function upToSummary(user: string, eventId: string, name: string): Promise<void> {
  await tap(user, 'menu=events');
  await tap(user, 'ev=list');
  await tap(user, `el=${eventId}`);
  await tap(user, 'ed=register');
  await say(user, name);
  await tap(user, 'ep=skip');
}

describe('registering through LINE', () => {
  test('the first resident gets the place; the next is offered and given the waitlist', async () => {
    const eventId = await createEvent();
    const a = await friend();
    const b = await friend();
    await upToSummary(a, eventId, '山田 花子');
    await tap(a, 'ec=yes');
    expect(await registration(eventId, a)).toMatchObject({ status: 'registered', name: '山田 花子', phone: null });
    expect(textsTo(a).join('\n')).toContain('申し込みました');

    await upToSummary(b, eventId, '佐藤 一郎');
    expect(textsTo(b).at(-1)).toContain('キャンセル待ち');
    await tap(b, 'ec=yes');
    expect(await registration(eventId, b)).toMatchObject({ status: 'waitlisted', name: '佐藤 一郎' });
    expect(textsTo(b).join('\n')).toContain('キャンセル待ちの1番目');
    // Told the truth at once: no correction notice was needed.
    expect(await db().broadcast.count({ where: { kind: 'event_notice' } })).toBe(0);
  });

  test('a cancellation through LINE promotes the first waiting resident, who is told in their language', async () => {
    const eventId = await createEvent();
    const a = await friend();
    const b = await friend('en');
    const c = await friend();
    for (const [user, name] of [[a, 'A'], [b, 'B'], [c, 'C']] as const) {
      await upToSummary(user, eventId, name);
      await tap(user, 'ec=yes');
    }
    expect((await registration(eventId, c))?.status).toBe('waitlisted');

    await tap(a, 'menu=events');
    await tap(a, 'ev=mine');
    await tap(a, `em=${eventId}`);
    await tap(a, 'ed=cancel');
    await tap(a, 'ex=yes');
    expect((await registration(eventId, a))?.status).toBe('cancelled');
    expect((await registration(eventId, b))?.status).toBe('registered');
    expect((await registration(eventId, c))?.status).toBe('waitlisted');

    const before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    const notices = t.messenger.sent.slice(before);
    expect(notices.map((s) => s.to)).toEqual([b]);
    expect(JSON.stringify(notices[0]!.messages)).toContain('moved up from the waiting list');
    expect(JSON.stringify(notices[0]!.messages)).toContain('Sign language for beginners');
    // C now waits first in line, and sees so.
    await tap(c, 'menu=events');
    await tap(c, 'ev=mine');
    expect(textsTo(c).at(-1)).toContain('キャンセル待ちの1番目');
  });

  test('two residents confirming the last place in the same batch: one place, one waitlist, each told the truth', async () => {
    const eventId = await createEvent();
    const a = await friend();
    const b = await friend();
    await upToSummary(a, eventId, 'A');
    await upToSummary(b, eventId, 'B');
    // Both summaries offered the place; both confirm in one webhook call (one batch).
    await t.post([postbackFrom(t.messenger, a, 'ec=yes', { timestamp: ++ts }), postbackFrom(t.messenger, b, 'ec=yes', { timestamp: ++ts })]);
    const statuses = [(await registration(eventId, a))?.status, (await registration(eventId, b))?.status].sort();
    expect(statuses).toEqual(['registered', 'waitlisted']);
    const waiting = (await registration(eventId, a))?.status === 'waitlisted' ? a : b;
    expect(textsTo(waiting).join('\n')).toContain('キャンセル待ちの1番目');
  });
});

describe('capacity is decided when the registration is written', () => {
  async function write(eventId: string, user: string, expected: 'registered' | 'waitlisted') {
    const translator = t.app.deps.translator;
    const notices = { registered: eventNotice(translator, 'promoted', COURSE), waitlisted: eventNotice(translator, 'waitlistedInstead', COURSE), closed: eventNotice(translator, 'closedInstead', COURSE) };
    const ops: Array<Promise<unknown>> = [];
    registerStatements(collector(db(), ops), { residentId: await residentId(user), eventId, expected, name: 'X', phone: null, now: t.clock.now(), notices });
    await db().$transaction(ops as never);
  }

  test('told "registered" but the place went meanwhile: waitlisted, and a correction notice is queued for them alone', async () => {
    const eventId = await createEvent();
    const a = await friend();
    const b = await friend();
    await write(eventId, a, 'registered');
    await write(eventId, b, 'registered');
    expect((await registration(eventId, b))?.status).toBe('waitlisted');
    const notices = await db().broadcast.findMany({ where: { kind: 'event_notice' } });
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0]!.targeting)).toEqual({ residentIds: [await residentId(b)] });
    expect(JSON.parse(notices[0]!.content).ja).toContain('キャンセル待ちでの登録になりました');
  });

  test('told "waitlisted" but a place opened meanwhile: registered, and told so', async () => {
    const eventId = await createEvent();
    const a = await friend();
    await write(eventId, a, 'waitlisted');
    expect((await registration(eventId, a))?.status).toBe('registered');
    const [notice] = await db().broadcast.findMany({ where: { kind: 'event_notice' } });
    expect(JSON.parse(notice!.content).ja).toContain('参加が決まりました');
  });

  test('after the deadline nothing is written but the closed notice; registering twice keeps one row and sends nothing', async () => {
    const eventId = await createEvent();
    const a = await friend();
    await write(eventId, a, 'registered');
    await write(eventId, a, 'registered');
    expect(await db().eventRegistration.count()).toBe(1);
    expect(await db().broadcast.count({ where: { kind: 'event_notice' } })).toBe(0);
    t.clock.set('2026-12-01T17:00:00+09:00');
    const b = await friend();
    await write(eventId, b, 'registered');
    expect(await registration(eventId, b)).toBeNull();
    const [closed] = await db().broadcast.findMany({ where: { kind: 'event_notice' } });
    expect(JSON.parse(closed!.content).ja).toContain('申し込めませんでした');
  });
});

describe('the day-before reminder', () => {
  test('goes at 10:00 JST the day before, to registered residents only, each in their own language, once', async () => {
    const eventId = await createEvent({ ...COURSE, capacity: 2 });
    const ja = await friend();
    const en = await friend('en');
    const waiting = await friend();
    const cancelled = await friend();
    for (const [user, name] of [[ja, 'A'], [en, 'B'], [waiting, 'C']] as const) {
      await upToSummary(user, eventId, name);
      await tap(user, 'ec=yes');
    }
    // A fourth registers and cancels while still waiting: nobody moves, and they get nothing.
    await upToSummary(cancelled, eventId, 'D');
    await tap(cancelled, 'ec=yes');
    await tap(cancelled, 'menu=events');
    await tap(cancelled, 'ev=mine');
    await tap(cancelled, `em=${eventId}`);
    await tap(cancelled, 'ed=cancel');
    await tap(cancelled, 'ex=yes');

    const before = t.messenger.sent.length;
    t.clock.set('2026-12-04T09:59:00+09:00');
    await t.app.runBroadcasts();
    expect(t.messenger.sent.length).toBe(before);

    t.clock.set('2026-12-04T10:00:00+09:00');
    await t.app.runBroadcasts();
    await t.app.runBroadcasts();
    const reminders = t.messenger.sent.slice(before);
    expect(reminders.map((s) => s.to).sort()).toEqual([ja, en].sort());
    expect(JSON.stringify(reminders.find((s) => s.to === ja)!.messages)).toContain('明日の行事のお知らせ');
    expect(JSON.stringify(reminders.find((s) => s.to === en)!.messages)).toContain("Tomorrow's event");
    const event = await db().councilEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(await db().broadcast.findUniqueOrThrow({ where: { id: event.reminderId! } })).toMatchObject({ kind: 'event_reminder', status: 'sent', targeted: 2, sent: 2 });
  });
});
