// Under test: natural-disaster insurance cover on a day (coveredOn) — from the day after enrolment or the same day
// under the 大規模災害特例, to 31 March of the enrolment's fiscal year, disaster plans only. Pure; nothing is faked.
import { describe, expect, it } from 'vitest';
import { coveredOn, type DisasterCover } from '../../src/domain/disaster/cover';

const opts = { sameDayException: false, disasterPlans: ['tensai-a', 'tensai-b'] };
const exception = { ...opts, sameDayException: true };
const enrolled = (enrolledOn: string, plan = 'tensai-a'): DisasterCover => ({ plan, enrolledOn });
const COVERED = { covered: true };
const not = (reason: string) => ({ covered: false, reason });

describe('coveredOn', () => {
  it('covers from the day after enrolment', () => {
    expect(coveredOn(enrolled('2026-08-10'), '2026-08-11', opts)).toEqual(COVERED);
    expect(coveredOn(enrolled('2026-08-10'), '2026-08-09', opts)).toEqual(not('notYet'));
  });

  it('the enrolment day is covered only under the same-day exception', () => {
    expect(coveredOn(enrolled('2026-08-10'), '2026-08-10', opts)).toEqual(not('notYet'));
    expect(coveredOn(enrolled('2026-08-10'), '2026-08-10', exception)).toEqual(COVERED);
    expect(coveredOn(enrolled('2026-08-10'), '2026-08-09', exception)).toEqual(not('notYet'));
  });

  it('31 March is the last day; 1 April of the next fiscal year is expired', () => {
    expect(coveredOn(enrolled('2026-08-10'), '2027-03-31', opts)).toEqual(COVERED);
    expect(coveredOn(enrolled('2026-08-10'), '2027-04-01', opts)).toEqual(not('expired'));
    expect(coveredOn(enrolled('2026-04-01'), '2027-03-31', opts)).toEqual(COVERED);
    expect(coveredOn(enrolled('2026-04-01'), '2027-04-01', opts)).toEqual(not('expired'));
  });

  it('an enrolment in March covers only until 31 March of that year', () => {
    expect(coveredOn(enrolled('2027-03-20'), '2027-03-21', opts)).toEqual(COVERED);
    expect(coveredOn(enrolled('2027-03-20'), '2027-03-31', opts)).toEqual(COVERED);
    expect(coveredOn(enrolled('2027-03-20'), '2027-04-01', opts)).toEqual(not('expired'));
    // Enrolled on the last day: without the exception cover would start on 1 April, after the year has ended.
    expect(coveredOn(enrolled('2027-03-31'), '2027-03-31', opts)).toEqual(not('notYet'));
    expect(coveredOn(enrolled('2027-03-31'), '2027-04-01', opts)).toEqual(not('expired'));
    expect(coveredOn(enrolled('2027-03-31'), '2027-03-31', exception)).toEqual(COVERED);
  });

  it('crosses month and leap-day ends', () => {
    expect(coveredOn(enrolled('2028-02-28'), '2028-02-29', opts)).toEqual(COVERED);
    expect(coveredOn(enrolled('2026-12-31'), '2027-01-01', opts)).toEqual(COVERED);
  });

  it('a plan not listed as a disaster plan is refused, on any day', () => {
    expect(coveredOn(enrolled('2026-08-10', 'basic'), '2026-09-01', opts)).toEqual(not('notDisasterPlan'));
    expect(coveredOn(enrolled('2026-08-10', 'tensai-b'), '2026-09-01', opts)).toEqual(COVERED);
    expect(coveredOn(enrolled('2026-08-10', 'tensai-a'), '2026-09-01', { ...opts, disasterPlans: [] })).toEqual(not('notDisasterPlan'));
  });

  it('no plan, or no enrolment date, is no cover', () => {
    expect(coveredOn({ plan: null, enrolledOn: null }, '2026-09-01', exception)).toEqual(not('none'));
    expect(coveredOn({ plan: null, enrolledOn: '2026-08-10' }, '2026-09-01', opts)).toEqual(not('none'));
    expect(coveredOn({ plan: 'tensai-a', enrolledOn: null }, '2026-09-01', opts)).toEqual(not('none'));
  });

  it('refuses dates that are not calendar dates', () => {
    expect(() => coveredOn(enrolled('2026-08-10'), '2026-02-30', opts)).toThrow(RangeError);
    expect(() => coveredOn(enrolled('2026/08/10'), '2026-09-01', opts)).toThrow(RangeError);
  });
});
