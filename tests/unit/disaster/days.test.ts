// Under test: the rules of an activity date — the default reconfirmation deadline (the day before, 18:00 JST), the
// check-in code (8 characters from an alphabet without look-alikes), the settings' problems — and the draw's outcome
// as stored whatever a lottery returns (settledDraw: never over capacity, everyone once). Pure; randomness seeded.
import { describe, expect, test } from 'vitest';
import { CHECK_IN_ALPHABET, dayProblem, defaultReconfirmBy, newCheckInCode, type DayInput } from '../../../src/domain/disaster/days';
import { settledDraw } from '../../../src/usecases/disaster/draw-due-days';
import { seededRandom } from '../../fakes/seeded-random';

const day = (changes: Partial<DayInput> = {}): DayInput => ({
  date: '2026-11-28',
  capacity: 10,
  opensAt: new Date('2026-11-24T12:00:00+09:00'),
  closesAt: new Date('2026-11-26T12:00:00+09:00'),
  reconfirmBy: new Date('2026-11-27T18:00:00+09:00'),
  backfillHours: 3,
  priorities: { localsFirst: true, skillPlaces: [] },
  ...changes,
});
const now = new Date('2026-11-24T10:00:00+09:00');

describe('an activity date', () => {
  test('is reconfirmed by the day before at 18:00 Japan time unless set otherwise', () => {
    expect(defaultReconfirmBy('2026-11-28')).toEqual(new Date('2026-11-27T18:00:00+09:00'));
    expect(defaultReconfirmBy('2026-12-01')).toEqual(new Date('2026-11-30T18:00:00+09:00'));
  });

  test('has a check-in code of 8 characters without look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B)', () => {
    const random = seededRandom(7);
    const codes = Array.from({ length: 500 }, () => newCheckInCode(random));
    for (const code of codes) expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{8}$/);
    expect(new Set(codes).size).toBe(500);
    expect(CHECK_IN_ALPHABET).not.toMatch(/[0O1IL2Z5S8B]/);
    // Every character of the alphabet is reached, the last one too.
    expect(new Set(codes.join('')).size).toBe(CHECK_IN_ALPHABET.length);
  });

  test('settings that cannot stand are named', () => {
    expect(dayProblem(day(), now, true)).toBeNull();
    expect(dayProblem(day({ date: '2026-11-23' }), now, true)).toBe('datePassed');
    // An existing date may lie in the past (a typo fixed afterwards).
    const past = { date: '2026-11-23', opensAt: new Date('2026-11-20T12:00:00+09:00'), closesAt: new Date('2026-11-22T12:00:00+09:00'), reconfirmBy: new Date('2026-11-22T18:00:00+09:00') };
    expect(dayProblem(day(past), now, false)).toBeNull();
    expect(dayProblem(day({ closesAt: new Date('2026-11-24T12:00:00+09:00') }), now, true)).toBe('windowOrder');
    expect(dayProblem(day({ reconfirmBy: new Date('2026-11-26T12:00:00+09:00') }), now, true)).toBe('reconfirmBeforeClose');
    expect(dayProblem(day({ reconfirmBy: new Date('2026-11-28T07:00:00+09:00') }), now, true)).toBe('reconfirmAfterStart');
    expect(dayProblem(day({ priorities: { localsFirst: false, skillPlaces: [{ skill: 'nurse', places: 6 }, { skill: 'truck', places: 5 }] } }), now, true)).toBe('skillPlacesOverCapacity');
  });
});

describe('settledDraw', () => {
  const applicants = ['a', 'b', 'c', 'd'].map((id) => ({ applicationId: id, memberId: id, residentId: id, local: true, skills: [], losses: 0 }));

  test('keeps a lottery outcome that is right as it is', () => {
    expect(settledDraw(applicants, { chosen: ['c', 'a'], waitlist: ['d', 'b'] }, 2)).toEqual({ chosen: ['c', 'a'], waitlist: ['d', 'b'] });
  });

  test('never chooses more than the capacity, lists everyone once, and drops ids nobody applied with', () => {
    expect(settledDraw(applicants, { chosen: ['c', 'a', 'b', 'c', 'x'], waitlist: ['b'] }, 2)).toEqual({ chosen: ['c', 'a'], waitlist: ['b', 'd'] });
    expect(settledDraw(applicants, { chosen: [], waitlist: [] }, 0)).toEqual({ chosen: [], waitlist: ['a', 'b', 'c', 'd'] });
  });
});
