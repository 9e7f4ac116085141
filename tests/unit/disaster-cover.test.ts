// Under test: coveredOn (natural-disaster insurance cover on a day) and the check-in text format (readCheckIn,
// checkInText, checkInLink) of src/domain/disaster. Pure functions; nothing is faked.
import { describe, expect, it } from 'vitest';
import { checkInLink, checkInText, readCheckIn } from '../../src/domain/disaster/check-in';
import { coveredOn } from '../../src/domain/disaster/cover';

const rules = { sameDayException: false, disasterPlans: ['disaster'] };

describe('coveredOn', () => {
  it('covers from the day after enrolment to 31 March of its fiscal year', () => {
    const cover = { plan: 'disaster', enrolledOn: '2026-11-24' };
    expect(coveredOn(cover, '2026-11-24', rules)).toEqual({ covered: false, reason: 'notYet' });
    expect(coveredOn(cover, '2026-11-25', rules)).toEqual({ covered: true });
    expect(coveredOn(cover, '2027-03-31', rules)).toEqual({ covered: true });
    expect(coveredOn(cover, '2027-04-01', rules)).toEqual({ covered: false, reason: 'expired' });
  });

  it('covers the day of enrolment under the large-disaster exception', () => {
    expect(coveredOn({ plan: 'disaster', enrolledOn: '2026-11-24' }, '2026-11-24', { ...rules, sameDayException: true })).toEqual({ covered: true });
  });

  it('places an enrolment in January to March in the fiscal year that began the April before', () => {
    const cover = { plan: 'disaster', enrolledOn: '2027-02-10' };
    expect(coveredOn(cover, '2027-03-31', rules)).toEqual({ covered: true });
    expect(coveredOn(cover, '2027-04-01', rules)).toEqual({ covered: false, reason: 'expired' });
    // 31 March itself: cover would start on 1 April, after the year it belongs to has ended.
    expect(coveredOn({ plan: 'disaster', enrolledOn: '2027-03-31' }, '2027-04-01', rules)).toEqual({ covered: false, reason: 'expired' });
  });

  it('counts only the disaster plans, and nothing without a plan or a date', () => {
    expect(coveredOn({ plan: 'basic', enrolledOn: '2026-05-01' }, '2026-11-24', rules)).toEqual({ covered: false, reason: 'notDisasterPlan' });
    expect(coveredOn({ plan: null, enrolledOn: null }, '2026-11-24', rules)).toEqual({ covered: false, reason: 'none' });
    expect(coveredOn({ plan: 'disaster', enrolledOn: null }, '2026-11-24', rules)).toEqual({ covered: false, reason: 'none' });
  });
});

describe('the check-in text', () => {
  it('is the word and the code, and the poster links to it in the chat with the account', () => {
    expect(checkInText('ABCD1234')).toBe('受付 ABCD1234');
    expect(checkInLink('@tsunagu-demo', 'ABCD1234')).toBe('https://line.me/R/oaMessage/@tsunagu-demo/?%E5%8F%97%E4%BB%98%20ABCD1234');
  });

  it('reads the poster message, a typed code in any width or case, and the word alone', () => {
    expect(readCheckIn('受付 ABCD1234')).toEqual({ word: true, code: 'ABCD1234' });
    expect(readCheckIn('受付：ａｂｃｄ１２３４')).toEqual({ word: true, code: 'ABCD1234' });
    expect(readCheckIn('check-in abcd1234')).toEqual({ word: true, code: 'ABCD1234' });
    expect(readCheckIn(' abcd1234 ')).toEqual({ word: false, code: 'ABCD1234' });
    expect(readCheckIn('受付はどこですか')).toEqual({ word: true, code: null });
    expect(readCheckIn('こんにちは')).toBeNull();
    expect(readCheckIn('ok')).toBeNull();
  });
});
