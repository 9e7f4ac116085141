// Under test: the slot of a scheduled job (the latest cron time at or before now, Japan time) for the schedules the
// service uses and the cron forms it accepts. Pure; no I/O, no clock.
import { describe, expect, it } from 'vitest';
import { cronSlot } from '../../src/domain/cron-slot';

const jst = (s: string) => new Date(`${s}+09:00`);

describe('cronSlot', () => {
  it('every minute: the start of the current minute, also exactly on it', () => {
    expect(cronSlot('* * * * *', jst('2026-11-24T10:07:42.500'))).toEqual(jst('2026-11-24T10:07:00'));
    expect(cronSlot('* * * * *', jst('2026-11-24T10:07:00'))).toEqual(jst('2026-11-24T10:07:00'));
  });

  it('every five seconds (six fields): the last multiple of five seconds, across a minute boundary', () => {
    expect(cronSlot('*/5 * * * * *', jst('2026-11-24T10:07:04.999'))).toEqual(jst('2026-11-24T10:07:00'));
    expect(cronSlot('*/5 * * * * *', jst('2026-11-24T10:07:05'))).toEqual(jst('2026-11-24T10:07:05'));
    expect(cronSlot('*/5 * * * * *', jst('2026-11-24T10:07:59'))).toEqual(jst('2026-11-24T10:07:55'));
    expect(cronSlot('10 * * * * *', jst('2026-11-24T10:07:05'))).toEqual(jst('2026-11-24T10:06:10'));
  });

  it('daily at 03:30 Japan time: a start later in the day belongs to this morning, one before 03:30 to yesterday', () => {
    expect(cronSlot('30 3 * * *', jst('2026-11-24T10:00:00'))).toEqual(jst('2026-11-24T03:30:00'));
    expect(cronSlot('30 3 * * *', jst('2026-11-24T03:29:59'))).toEqual(jst('2026-11-23T03:30:00'));
    expect(cronSlot('30 3 * * *', jst('2026-11-24T03:30:00'))).toEqual(jst('2026-11-24T03:30:00'));
    // 03:30 in Japan is 18:30 UTC the day before: the host's zone plays no part.
    expect(cronSlot('30 3 * * *', new Date('2026-11-23T18:45:00Z')).toISOString()).toBe('2026-11-23T18:30:00.000Z');
  });

  it('ranges, lists and steps; weekday and day of month either matching when both are restricted', () => {
    // 2026-11-24 is a Tuesday.
    expect(cronSlot('0 9-17/4 * * 1-5', jst('2026-11-24T16:00:00'))).toEqual(jst('2026-11-24T13:00:00'));
    expect(cronSlot('15,45 8 * * *', jst('2026-11-24T08:44:00'))).toEqual(jst('2026-11-24T08:15:00'));
    expect(cronSlot('0 0 * * 0', jst('2026-11-24T12:00:00'))).toEqual(jst('2026-11-22T00:00:00'));
    expect(cronSlot('0 0 * * 7', jst('2026-11-24T12:00:00'))).toEqual(jst('2026-11-22T00:00:00'));
    expect(cronSlot('0 0 1 * 1', jst('2026-11-24T12:00:00'))).toEqual(jst('2026-11-23T00:00:00'));
    expect(cronSlot('0 0 1 * *', jst('2026-11-24T12:00:00'))).toEqual(jst('2026-11-01T00:00:00'));
    expect(cronSlot('0 0 1 1 *', jst('2026-11-24T12:00:00'))).toEqual(jst('2026-01-01T00:00:00'));
  });

  it('refuses what it does not understand rather than guessing', () => {
    expect(() => cronSlot('* * * *', new Date())).toThrow(/5 or 6 fields/);
    expect(() => cronSlot('0 0 * * MON', new Date())).toThrow(/unsupported/);
    expect(() => cronSlot('61 * * * *', new Date())).toThrow(/out of range/);
    expect(() => cronSlot('0 0 31 2 *', new Date())).toThrow(/no time in the past year/);
  });
});
