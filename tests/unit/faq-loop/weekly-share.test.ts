// Under test: the share of questions the FAQ answered, week by week in Japan time (src/domain/faq-loop/weekly-share.ts).
// Pure; nothing faked.
import { describe, expect, test } from 'vitest';
import { answeredByFaq, jstWeekStart, shareSince, weeklyShare, type AskedQuestion } from '../../../src/domain/faq-loop/weekly-share';

const at = (iso: string) => new Date(iso);
const asked = (iso: string, outcome: string, entryId: string | null = null): AskedQuestion => ({ at: at(iso), outcome, entryId });

describe('Japan-time weeks', () => {
  test('a week starts on Monday 00:00 in Japan, whatever the UTC date', () => {
    // Mon 23 Nov 2026 00:30 JST is Sun 22 Nov 15:30 UTC.
    expect(new Date(jstWeekStart(at('2026-11-22T15:30:00Z'))).toISOString()).toBe('2026-11-22T15:00:00.000Z');
    // Sun 29 Nov 23:59 JST is still that week.
    expect(new Date(jstWeekStart(at('2026-11-29T23:59:00+09:00'))).toISOString()).toBe('2026-11-22T15:00:00.000Z');
    // Sun 22 Nov 23:59 JST belongs to the week before.
    expect(new Date(jstWeekStart(at('2026-11-22T23:59:00+09:00'))).toISOString()).toBe('2026-11-15T15:00:00.000Z');
    expect(shareSince(at('2026-11-24T10:00:00+09:00')).toISOString()).toBe('2026-10-04T15:00:00.000Z'); // Mon 5 Oct JST
  });
});

describe('answered by the FAQ', () => {
  test('one entry at the top, or candidates with one picked', () => {
    expect(answeredByFaq({ outcome: 'answered', entryId: 'e1' })).toBe(true);
    expect(answeredByFaq({ outcome: 'candidates', entryId: 'e1' })).toBe(true);
    expect(answeredByFaq({ outcome: 'candidates', entryId: null })).toBe(false);
    expect(answeredByFaq({ outcome: 'unanswered', entryId: null })).toBe(false);
    expect(answeredByFaq({ outcome: 'staff', entryId: null })).toBe(false);
  });
});

describe('weeklyShare', () => {
  test('eight weeks, oldest first, each with answered / all; empty weeks have no share; older and future questions are ignored', () => {
    const now = at('2026-11-24T10:00:00+09:00'); // Tuesday
    const weeks = weeklyShare(
      [
        asked('2026-11-23T00:10:00+09:00', 'answered', 'e1'),
        asked('2026-11-24T09:00:00+09:00', 'candidates', 'e2'),
        asked('2026-11-24T09:30:00+09:00', 'candidates'),
        asked('2026-11-22T23:50:00+09:00', 'unanswered'), // the week before
        asked('2026-11-16T08:00:00+09:00', 'staff'),
        asked('2026-11-17T08:00:00+09:00', 'answered', 'e1'),
        asked('2026-10-05T00:00:00+09:00', 'answered', 'e1'), // first day of the oldest week
        asked('2026-10-04T23:59:00+09:00', 'answered', 'e1'), // before it
        asked('2026-11-24T11:00:00+09:00', 'answered', 'e1'), // after now
      ],
      now,
    );
    expect(weeks.map((w) => w.weekStart)).toEqual(['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeks[0]).toEqual({ weekStart: '2026-10-05', answered: 1, total: 1, share: 1 });
    expect(weeks[1]).toEqual({ weekStart: '2026-10-12', answered: 0, total: 0, share: null });
    expect(weeks[6]).toEqual({ weekStart: '2026-11-16', answered: 1, total: 3, share: 1 / 3 });
    expect(weeks[7]).toEqual({ weekStart: '2026-11-23', answered: 2, total: 3, share: 2 / 3 });
  });
});
