// Under test: coveredOn, whether a pool member's natural-disaster insurance covers an activity date — only the
// disaster plans, from the day after enrolment (the day itself under 大規模災害特例) to 31 March of the fiscal year of
// enrolment. Pure; nothing faked.
import { describe, expect, test } from 'vitest';
import { coveredOn } from '../../../src/domain/disaster/cover';

const rules = { sameDayException: false, disasterPlans: ['disaster'] };

describe('coveredOn', () => {
  test('covers from the day after enrolment to 31 March of its fiscal year', () => {
    const cover = { plan: 'disaster', enrolledOn: '2026-11-24' };
    expect(coveredOn(cover, '2026-11-24', rules)).toBe(false);
    expect(coveredOn(cover, '2026-11-25', rules)).toBe(true);
    expect(coveredOn(cover, '2027-03-31', rules)).toBe(true);
    expect(coveredOn(cover, '2027-04-01', rules)).toBe(false);
    expect(coveredOn(cover, '2026-11-23', rules)).toBe(false);
  });

  test('under the large-disaster exception, from the day of enrolment', () => {
    const cover = { plan: 'disaster', enrolledOn: '2026-11-24' };
    expect(coveredOn(cover, '2026-11-24', { ...rules, sameDayException: true })).toBe(true);
    expect(coveredOn(cover, '2026-11-23', { ...rules, sameDayException: true })).toBe(false);
  });

  test('an enrolment in January to March ends that 31 March; one on 31 March covers nothing without the exception', () => {
    expect(coveredOn({ plan: 'disaster', enrolledOn: '2027-02-10' }, '2027-03-31', rules)).toBe(true);
    expect(coveredOn({ plan: 'disaster', enrolledOn: '2027-02-10' }, '2027-04-01', rules)).toBe(false);
    expect(coveredOn({ plan: 'disaster', enrolledOn: '2027-03-31' }, '2027-04-01', rules)).toBe(false);
    expect(coveredOn({ plan: 'disaster', enrolledOn: '2027-03-31' }, '2027-03-31', { ...rules, sameDayException: true })).toBe(true);
  });

  test('only the disaster plans cover; no plan or no date covers nothing', () => {
    expect(coveredOn({ plan: 'basic', enrolledOn: '2026-04-01' }, '2026-11-24', rules)).toBe(false);
    expect(coveredOn({ plan: 'basic', enrolledOn: '2026-04-01' }, '2026-11-24', { ...rules, disasterPlans: ['basic', 'disaster'] })).toBe(true);
    expect(coveredOn({ plan: null, enrolledOn: null }, '2026-11-24', rules)).toBe(false);
    expect(coveredOn({ plan: 'disaster', enrolledOn: null }, '2026-11-24', rules)).toBe(false);
  });
});
