// Under test: business-hours arithmetic in Japan time (isOpen, nextOpening, addBusinessMinutes).
// Nothing is faked: every function takes `now` as a value; instants are written as JST (+09:00).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, isOpen, nextOpening } from '../../src/domain/business-hours';
import type { BusinessHours } from '../../src/domain/council-profile';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';

const jst = (local: string) => new Date(`${local}+09:00`);
const weekdays = (open: string, close: string) => [{ open, close }];

/** Mon–Fri 8:30–17:15, FY2026 holidays around the dates the tests use. */
const hours: BusinessHours = {
  timezone: 'Asia/Tokyo',
  weekly: {
    mon: weekdays('08:30', '17:15'),
    tue: weekdays('08:30', '17:15'),
    wed: weekdays('08:30', '17:15'),
    thu: weekdays('08:30', '17:15'),
    fri: weekdays('08:30', '17:15'),
    sat: [],
    sun: [],
  },
  holidays: ['2026-09-21', '2026-09-22', '2026-09-23', '2026-10-12', '2027-01-01', '2027-01-11'],
  closedRanges: [{ from: '2026-12-29', to: '2027-01-03' }],
};

describe('isOpen', () => {
  it('is open from the opening minute up to, not including, the closing minute', () => {
    expect(isOpen(hours, jst('2026-10-07T08:29:59'))).toBe(false);
    expect(isOpen(hours, jst('2026-10-07T08:30:00'))).toBe(true);
    expect(isOpen(hours, jst('2026-10-07T17:14:59'))).toBe(true);
    expect(isOpen(hours, jst('2026-10-07T17:15:00'))).toBe(false);
  });

  it('uses the Japan date, not the UTC date (Tuesday 08:45 JST is Monday 23:45 UTC)', () => {
    expect(isOpen(hours, new Date('2026-10-05T23:45:00Z'))).toBe(true);
  });

  it('is closed on a holiday weekday and on weekends', () => {
    expect(isOpen(hours, jst('2026-10-12T10:00:00'))).toBe(false);
    expect(isOpen(hours, jst('2026-10-10T10:00:00'))).toBe(false);
  });
});

describe('nextOpening', () => {
  it('returns now when open now', () => {
    const now = jst('2026-10-07T11:00:00');
    expect(nextOpening(hours, now)).toEqual(now);
  });

  it('goes from Friday evening to Monday 8:30', () => {
    expect(nextOpening(hours, jst('2026-10-02T18:00:00'))).toEqual(jst('2026-10-05T08:30:00'));
  });

  it('opens the same morning when asked before opening', () => {
    expect(nextOpening(hours, jst('2026-10-07T06:00:00'))).toEqual(jst('2026-10-07T08:30:00'));
  });

  it('skips a holiday Monday to Tuesday', () => {
    expect(nextOpening(hours, jst('2026-10-09T17:30:00'))).toEqual(jst('2026-10-13T08:30:00'));
  });

  it('skips a run of holidays (silver week 9/19–9/23)', () => {
    expect(nextOpening(hours, jst('2026-09-18T20:00:00'))).toEqual(jst('2026-09-24T08:30:00'));
  });

  it('skips the New Year closure and the holiday list', () => {
    expect(nextOpening(hours, jst('2026-12-28T17:20:00'))).toEqual(jst('2027-01-04T08:30:00'));
    const onlyHolidays: BusinessHours = {
      ...hours,
      holidays: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'],
      closedRanges: undefined,
    };
    expect(nextOpening(onlyHolidays, jst('2026-12-28T17:20:00'))).toEqual(jst('2027-01-04T08:30:00'));
  });

  it('handles a lunch break', () => {
    const split: BusinessHours = {
      ...hours,
      weekly: {
        ...hours.weekly,
        wed: [
          { open: '09:00', close: '12:00' },
          { open: '13:00', close: '17:00' },
        ],
      },
    };
    expect(nextOpening(split, jst('2026-10-07T12:30:00'))).toEqual(jst('2026-10-07T13:00:00'));
    expect(isOpen(split, jst('2026-10-07T12:30:00'))).toBe(false);
  });

  it('throws a profile error when nothing ever opens', () => {
    const never: BusinessHours = { ...hours, closedRanges: [{ from: '2026-01-01', to: '2099-12-31' }] };
    expect(() => nextOpening(never, jst('2026-10-07T11:00:00'))).toThrow(/no opening/);
  });
});

describe('addBusinessMinutes', () => {
  it('adds within the same open period', () => {
    expect(addBusinessMinutes(hours, jst('2026-10-07T10:00:00'), 90)).toEqual(jst('2026-10-07T11:30:00'));
  });

  it('carries the rest over the weekend', () => {
    // 30 minutes on Friday (16:45–17:15), the other 30 from Monday 8:30.
    expect(addBusinessMinutes(hours, jst('2026-10-02T16:45:00'), 60)).toEqual(jst('2026-10-05T09:00:00'));
  });

  it('starts counting at the next opening when closed', () => {
    expect(addBusinessMinutes(hours, jst('2026-10-09T20:00:00'), 15)).toEqual(jst('2026-10-13T08:45:00'));
  });

  it('ends exactly at closing time rather than the next morning', () => {
    expect(addBusinessMinutes(hours, jst('2026-10-07T17:00:00'), 15)).toEqual(jst('2026-10-07T17:15:00'));
  });

  it('spans several days: two full days of 525 minutes', () => {
    expect(addBusinessMinutes(hours, jst('2026-10-07T08:30:00'), 2 * 525)).toEqual(jst('2026-10-08T17:15:00'));
  });

  it('returns from for zero minutes and refuses negative ones', () => {
    const from = jst('2026-10-10T10:00:00');
    expect(addBusinessMinutes(hours, from, 0)).toEqual(from);
    expect(() => addBusinessMinutes(hours, from, -1)).toThrow(RangeError);
  });
});

describe('the demo profile', () => {
  const demo = loadCouncilProfile(
    fileURLToPath(new URL('../../profiles/demo-council.yaml', import.meta.url)),
  ).businessHours;

  it('opens at 8:45 on Monday after a Friday evening', () => {
    expect(nextOpening(demo, jst('2026-06-05T18:00:00'))).toEqual(jst('2026-06-08T08:45:00'));
  });

  it('is closed over New Year and reopens on 4 January 2027', () => {
    expect(isOpen(demo, jst('2026-12-30T10:00:00'))).toBe(false);
    expect(nextOpening(demo, jst('2026-12-28T17:30:00'))).toEqual(jst('2027-01-04T08:45:00'));
  });

  it('skips Golden Week including the substitute holiday on 6 May', () => {
    expect(nextOpening(demo, jst('2026-05-01T17:30:00'))).toEqual(jst('2026-05-07T08:45:00'));
  });
});
