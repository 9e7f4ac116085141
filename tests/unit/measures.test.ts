// Under test: business-minute arithmetic and the console's service measures (pure; the demo profile's hours, no I/O).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { businessMinutesBetween } from '../../src/domain/business-hours';
import { serviceMeasures } from '../../src/domain/measures';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { PROJECT_ROOT } from '../../src/infra/project-root';

const hours = loadCouncilProfile(path.join(PROJECT_ROOT, 'profiles', 'demo-council.yaml')).businessHours; // Mon–Fri 8:45–17:15 JST
const jst = (s: string) => new Date(`${s}+09:00`);

describe('businessMinutesBetween', () => {
  it('counts only open time: Friday 17:00 to Monday 9:00 is 30 minutes', () => {
    expect(businessMinutesBetween(hours, jst('2026-11-27T17:00:00'), jst('2026-11-30T09:00:00'))).toBe(30);
  });
  it('skips a holiday (Mon 23 Nov 2026, 勤労感謝の日)', () => {
    expect(businessMinutesBetween(hours, jst('2026-11-20T17:00:00'), jst('2026-11-24T09:00:00'))).toBe(30);
  });
  it('is zero at night and when the end is not after the start', () => {
    expect(businessMinutesBetween(hours, jst('2026-11-24T20:00:00'), jst('2026-11-24T23:00:00'))).toBe(0);
    expect(businessMinutesBetween(hours, jst('2026-11-24T12:00:00'), jst('2026-11-24T10:00:00'))).toBe(0);
  });
  it('spans whole days: Tuesday 10:00 to Wednesday 10:00 is one business day (510 minutes)', () => {
    expect(businessMinutesBetween(hours, jst('2026-11-24T10:00:00'), jst('2026-11-25T10:00:00'))).toBe(510);
  });
});

describe('serviceMeasures', () => {
  const now = jst('2026-12-04T12:00:00');
  const threads = [
    { openedAt: jst('2026-12-04T09:00:00'), waitingSince: jst('2026-12-04T09:00:00'), firstStaffReplyAt: jst('2026-12-04T09:20:00'), closedAt: jst('2026-12-04T11:00:00') },
    { openedAt: jst('2026-12-03T17:00:00'), waitingSince: jst('2026-12-03T17:00:00'), firstStaffReplyAt: jst('2026-12-04T09:00:00'), closedAt: null },
    { openedAt: jst('2026-11-30T10:00:00'), waitingSince: null, firstStaffReplyAt: null, closedAt: null },
    { openedAt: jst('2026-11-20T10:00:00'), waitingSince: null, firstStaffReplyAt: null, closedAt: null },
  ];
  const m = serviceMeasures(hours, threads, [5, 4, 4, 1, 9], now);

  it('times to first reply and to close in business minutes', () => {
    expect(m.firstReply).toEqual({ count: 2, median: 20, p90: 30 });
    expect(m.toClose).toEqual({ count: 1, median: 120, p90: 120 });
  });
  it('open threads by age', () => {
    expect(m.openByAge).toEqual({ underDay: 1, oneToThreeDays: 0, threeToSevenDays: 1, overWeek: 1 });
  });
  it('survey scores ignore values outside 1–5', () => {
    expect(m.survey).toEqual({ count: 4, average: 3.5, byScore: { 1: 1, 2: 0, 3: 0, 4: 2, 5: 1 } });
  });
});
