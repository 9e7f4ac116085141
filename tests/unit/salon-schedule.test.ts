// Under test: salon schedules as councils write them (every Tuesday, every other week, the 2nd and 4th
// Tuesday, the last Friday, the 15th), with skipped and extra dates, in Japan time. Pure; no I/O.
import { describe, expect, it } from 'vitest';
import { upcomingSessions, type SalonSchedule } from '../../src/domain/salon-schedule';

const jst = (s: string) => new Date(`${s}+09:00`);
const dates = (s: SalonSchedule, from: string, days: number) => upcomingSessions(s, jst(from), days).map((x) => x.date);

describe('upcomingSessions', () => {
  it('every second and fourth Tuesday, 10:00–12:00 JST', () => {
    const s: SalonSchedule = { rule: { kind: 'monthlyNth', weekday: 'tue', nth: [2, 4] }, start: '10:00', end: '12:00' };
    expect(dates(s, '2026-11-24T08:00:00', 40)).toEqual(['2026-11-24', '2026-12-08', '2026-12-22']);
    const [first] = upcomingSessions(s, jst('2026-11-24T08:00:00'), 40);
    expect(first!.start).toEqual(jst('2026-11-24T10:00:00'));
    expect(first!.end).toEqual(jst('2026-11-24T12:00:00'));
  });

  it('a session that has ended is not upcoming; one in progress still is', () => {
    const s: SalonSchedule = { rule: { kind: 'weekly', weekday: 'tue' }, start: '10:00', end: '12:00' };
    expect(dates(s, '2026-11-24T11:00:00', 7)[0]).toBe('2026-11-24');
    expect(dates(s, '2026-11-24T12:00:00', 7)[0]).toBe('2026-12-01');
  });

  it('every other week from an anchor date', () => {
    const s: SalonSchedule = { rule: { kind: 'weekly', weekday: 'wed', everyNWeeks: 2, anchor: '2026-11-18' }, start: '13:30', end: '15:00' };
    expect(dates(s, '2026-11-24T00:00:00', 36)).toEqual(['2026-12-02', '2026-12-16', '2026-12-30']);
  });

  it('the last Friday of the month, and the 15th of each month', () => {
    const last: SalonSchedule = { rule: { kind: 'monthlyNth', weekday: 'fri', nth: [-1] }, start: '10:00', end: '11:30' };
    expect(dates(last, '2026-11-01T00:00:00', 90)).toEqual(['2026-11-27', '2026-12-25', '2027-01-29']);
    const day: SalonSchedule = { rule: { kind: 'monthlyDay', day: 15 }, start: '10:00', end: '11:00' };
    expect(dates(day, '2026-11-24T00:00:00', 60)).toEqual(['2026-12-15', '2027-01-15']);
  });

  it('skipped dates are left out and extra sessions added, in order, with their own times', () => {
    const s: SalonSchedule = {
      rule: { kind: 'weekly', weekday: 'tue' },
      start: '10:00',
      end: '12:00',
      skip: ['2026-12-29'],
      extra: [{ date: '2026-12-26', start: '13:00', end: '15:00' }],
    };
    const got = upcomingSessions(s, jst('2026-12-20T00:00:00'), 14);
    expect(got.map((x) => x.date)).toEqual(['2026-12-22', '2026-12-26']);
    expect(got[1]!.start).toEqual(jst('2026-12-26T13:00:00'));
  });
});
