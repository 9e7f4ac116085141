// Under test: event registration rules — capacity, deadline, waitlist order, promotion on cancellation, and the
// day-before reminder (when it is planned, and how an edit re-plans it) in Japan time. Pure; no I/O.
import { describe, expect, it } from 'vitest';
import { cancel, isDayBefore, register, registerByCount, reminderAt, replanReminder, textIn, type EventInfo, type Registration } from '../../src/domain/event-registration';

const jst = (s: string) => new Date(`${s}+09:00`);
const event: EventInfo = { id: 'e1', capacity: 2, deadline: jst('2026-12-01T17:00:00'), startsAt: jst('2026-12-05T13:30:00') };
const now = jst('2026-11-24T10:00:00');
const reg = (residentId: string, status: Registration['status'], at: string): Registration => ({ residentId, status, at: jst(at) });

describe('register', () => {
  it('registers while places remain, then offers the waitlist with a position', () => {
    expect(register(event, [], 'a', now)).toEqual({ kind: 'registered' });
    const full = [reg('a', 'registered', '2026-11-20T09:00:00'), reg('b', 'registered', '2026-11-21T09:00:00')];
    expect(register(event, full, 'c', now)).toEqual({ kind: 'waitlisted', position: 1 });
    expect(register(event, [...full, reg('c', 'waitlisted', '2026-11-22T09:00:00')], 'd', now)).toEqual({ kind: 'waitlisted', position: 2 });
  });
  it('a cancelled place is free again; someone already in is told so', () => {
    const regs = [reg('a', 'registered', '2026-11-20T09:00:00'), reg('b', 'cancelled', '2026-11-21T09:00:00')];
    expect(register(event, regs, 'c', now)).toEqual({ kind: 'registered' });
    expect(register(event, regs, 'a', now)).toEqual({ kind: 'already', status: 'registered' });
    expect(register(event, regs, 'b', now)).toEqual({ kind: 'registered' });
  });
  it('closes at the deadline', () => {
    expect(register(event, [], 'a', jst('2026-12-01T17:00:00'))).toEqual({ kind: 'closed' });
    expect(register(event, [], 'a', jst('2026-12-01T16:59:00'))).toEqual({ kind: 'registered' });
  });
});

describe('cancel', () => {
  const full = [reg('a', 'registered', '2026-11-20T09:00:00'), reg('b', 'registered', '2026-11-21T09:00:00'), reg('d', 'waitlisted', '2026-11-23T09:00:00'), reg('c', 'waitlisted', '2026-11-22T09:00:00')];
  it('a registered cancellation promotes the first on the waitlist by time', () => {
    expect(cancel(event, full, 'a', now)).toEqual({ cancelled: true, promoted: 'c' });
  });
  it('leaving the waitlist promotes no one; nothing to cancel is said so', () => {
    expect(cancel(event, full, 'd', now)).toEqual({ cancelled: true, promoted: null });
    expect(cancel(event, full, 'z', now)).toEqual({ cancelled: false, promoted: null });
  });
  it('after the start no one is promoted', () => {
    expect(cancel(event, full, 'a', jst('2026-12-05T13:30:00'))).toEqual({ cancelled: true, promoted: null });
  });
});

describe('isDayBefore', () => {
  it('is the whole Japan-time day before the start', () => {
    expect(isDayBefore(event, jst('2026-12-04T00:00:00'))).toBe(true);
    expect(isDayBefore(event, jst('2026-12-04T23:59:00'))).toBe(true);
    expect(isDayBefore(event, jst('2026-12-03T23:59:00'))).toBe(false);
    expect(isDayBefore(event, jst('2026-12-05T08:00:00'))).toBe(false);
  });
});

describe('registerByCount', () => {
  it('gives the same answers from counts alone', () => {
    expect(registerByCount(event, { registered: 1, waitlisted: 0 }, null, now)).toEqual({ kind: 'registered' });
    expect(registerByCount(event, { registered: 2, waitlisted: 3 }, null, now)).toEqual({ kind: 'waitlisted', position: 4 });
    expect(registerByCount(event, { registered: 2, waitlisted: 3 }, 'waitlisted', now)).toEqual({ kind: 'already', status: 'waitlisted' });
    expect(registerByCount(event, { registered: 0, waitlisted: 0 }, null, jst('2026-12-05T13:30:00'))).toEqual({ kind: 'closed' });
  });
});

describe('reminderAt', () => {
  it('is 10:00 Japan time the day before the start', () => {
    expect(reminderAt(event.startsAt, now)).toEqual(jst('2026-12-04T10:00:00'));
    // An event at 09:00 is still reminded at 10:00 the day before (not 24 h ahead).
    expect(reminderAt(jst('2026-12-05T09:00:00'), now)).toEqual(jst('2026-12-04T10:00:00'));
  });
  it('none once 10:00 the day before has passed (created later, nobody has registered yet)', () => {
    expect(reminderAt(event.startsAt, jst('2026-12-04T09:59:00'))).toEqual(jst('2026-12-04T10:00:00'));
    expect(reminderAt(event.startsAt, jst('2026-12-04T10:00:00'))).toBeNull();
    expect(reminderAt(event.startsAt, jst('2026-12-04T15:00:00'))).toBeNull();
    expect(reminderAt(event.startsAt, jst('2026-12-05T08:00:00'))).toBeNull();
  });
});

describe('replanReminder', () => {
  const scheduled = { status: 'scheduled', scheduledAt: jst('2026-12-04T10:00:00') };
  const sent = { status: 'sent', scheduledAt: jst('2026-12-04T10:00:00') };
  it('keeps the reminder when the start does not change, even one already sent', () => {
    expect(replanReminder(scheduled, event.startsAt, event.startsAt, now, 3)).toEqual({ kind: 'keep' });
    expect(replanReminder(sent, event.startsAt, event.startsAt, jst('2026-12-04T15:00:00'), 3)).toEqual({ kind: 'keep' });
  });
  it('moves a waiting reminder to the new day before, or withdraws it when none is left', () => {
    expect(replanReminder(scheduled, event.startsAt, jst('2026-12-10T13:00:00'), now, 0)).toEqual({ kind: 'move', at: jst('2026-12-09T10:00:00') });
    expect(replanReminder(scheduled, event.startsAt, jst('2026-11-24T18:00:00'), now, 2)).toEqual({ kind: 'cancel' });
  });
  it('after one was sent (or there was none), a later start gets a new one', () => {
    expect(replanReminder(sent, event.startsAt, jst('2026-12-12T13:00:00'), jst('2026-12-04T15:00:00'), 1)).toEqual({ kind: 'create', at: jst('2026-12-11T10:00:00') });
    expect(replanReminder(null, event.startsAt, jst('2026-12-12T13:00:00'), jst('2026-12-04T15:00:00'), 0)).toEqual({ kind: 'create', at: jst('2026-12-11T10:00:00') });
  });
  it('moved to tomorrow after 10:00: at once when people are registered, else none', () => {
    const at = jst('2026-12-04T15:00:00');
    expect(replanReminder(scheduled, event.startsAt, jst('2026-12-05T09:00:00'), at, 0)).toEqual({ kind: 'cancel' });
    expect(replanReminder({ ...scheduled, scheduledAt: jst('2026-12-08T10:00:00') }, jst('2026-12-09T13:00:00'), jst('2026-12-05T09:00:00'), at, 2)).toEqual({ kind: 'move', at });
    expect(replanReminder(sent, jst('2026-12-09T13:00:00'), jst('2026-12-05T09:00:00'), at, 2)).toEqual({ kind: 'create', at });
    expect(replanReminder(null, jst('2026-12-09T13:00:00'), jst('2026-12-05T09:00:00'), at, 0)).toEqual({ kind: 'keep' });
  });
});

describe('textIn', () => {
  it('uses the language given, else the Japanese', () => {
    expect(textIn({ ja: 'まつり', en: 'Festival' }, 'en')).toBe('Festival');
    expect(textIn({ ja: 'まつり', en: '  ' }, 'en')).toBe('まつり');
    expect(textIn({ ja: 'まつり' }, 'ja-x-easy')).toBe('まつり');
  });
});
