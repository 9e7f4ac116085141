// Under test: volunteer rules — the April–March fiscal year, insurance cover from the day after enrolment, the
// disaster plan, availability by weekday, and the renewal reminder's window. Pure; no I/O.
import { describe, expect, it } from 'vitest';
import { availableOn, fiscalYearOf, insuranceCovers, renewalReminderYear, weekdayOf } from '../../src/domain/volunteer';

const jst = (s: string) => new Date(`${s}+09:00`);

describe('fiscal year and insurance cover', () => {
  it('a fiscal year runs 1 April to 31 March', () => {
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
  });
  it('cover starts the day after a mid-year enrolment and ends on 31 March; unknown enrolment covers the year', () => {
    const mid = { fiscalYear: 2026, plan: 'basic' as const, enrolledOn: '2026-06-10' };
    expect(insuranceCovers(mid, '2026-06-10')).toBe(false);
    expect(insuranceCovers(mid, '2026-06-11')).toBe(true);
    expect(insuranceCovers(mid, '2027-03-31')).toBe(true);
    expect(insuranceCovers(mid, '2027-04-01')).toBe(false);
    expect(insuranceCovers({ fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-03-20' }, '2026-04-01')).toBe(true);
    expect(insuranceCovers({ fiscalYear: 2026, plan: 'basic', enrolledOn: null }, '2026-04-01')).toBe(true);
    expect(insuranceCovers(null, '2026-06-11')).toBe(false);
  });
  it('disaster work needs the disaster plan', () => {
    expect(insuranceCovers({ fiscalYear: 2026, plan: 'basic', enrolledOn: null }, '2026-09-01', true)).toBe(false);
    expect(insuranceCovers({ fiscalYear: 2026, plan: 'disaster', enrolledOn: null }, '2026-09-01', true)).toBe(true);
  });
});

describe('availability', () => {
  it('reads the weekday of a date and the parts of the day given', () => {
    expect(weekdayOf('2026-12-05')).toBe('sat');
    expect(availableOn({ sat: ['am'] }, '2026-12-05')).toBe(true);
    expect(availableOn({ sat: ['am'] }, '2026-12-05', 'pm')).toBe(false);
    expect(availableOn({ sat: ['am'] }, '2026-12-06')).toBe(false);
  });
});

describe('renewal reminder window', () => {
  it('is open from 30 days before 31 March to 31 March, for the year that is ending', () => {
    expect(renewalReminderYear(jst('2027-02-28T23:59:00'))).toBeNull();
    expect(renewalReminderYear(jst('2027-03-01T00:00:00'))).toBe(2026);
    expect(renewalReminderYear(jst('2027-03-31T23:59:00'))).toBe(2026);
    expect(renewalReminderYear(jst('2027-04-01T00:00:00'))).toBeNull();
  });
});
