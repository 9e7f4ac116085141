// Under test: a need's life in src/domain/disaster/needs.ts — status moves, open statuses, stale coordination, what
// the person who asked is told, the follow-up after 完了 — and the N- reference number. Pure; nothing is faked.
import { describe, expect, test } from 'vitest';
import { referenceNumber } from '../../src/domain/consultation';
import { followUpDue, isOpenNeed, isStale, mayMoveNeed, NEED_STATUSES, requesterHears, type NeedStatus } from '../../src/domain/disaster/needs';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

describe('status moves', () => {
  // Every allowed move, from each status; every other pair of statuses is refused.
  const allowed: Record<NeedStatus, NeedStatus[]> = {
    received: ['surveying', 'coordinating', 'scheduled', 'cancelled', 'impossible'],
    surveying: ['coordinating', 'scheduled', 'cancelled', 'impossible'],
    coordinating: ['scheduled', 'cancelled', 'impossible'],
    scheduled: ['coordinating', 'active', 'cancelled', 'impossible'],
    active: ['continuing', 'done', 'cancelled', 'impossible'],
    continuing: ['coordinating', 'scheduled', 'done', 'cancelled', 'impossible'],
    done: ['continuing'],
    cancelled: ['received'],
    impossible: ['received'],
  };

  test.each(NEED_STATUSES.map((from) => [from]))('from %s, exactly the moves in the table', (from) => {
    expect(NEED_STATUSES.filter((to) => mayMoveNeed(from, to))).toEqual(NEED_STATUSES.filter((to) => allowed[from].includes(to)));
  });

  test('no status moves to itself', () => {
    expect(NEED_STATUSES.filter((s) => mayMoveNeed(s, s))).toEqual([]);
  });

  test('done, cancelled and impossible are closed; everything before them is open', () => {
    expect(NEED_STATUSES.filter(isOpenNeed)).toEqual(['received', 'surveying', 'coordinating', 'scheduled', 'active', 'continuing']);
  });
});

describe('isStale', () => {
  const since = at('2026-09-01T00:00:00Z');

  test('a need in coordinating is stale only after more than the threshold', () => {
    const need = { status: 'coordinating' as const, statusSince: since };
    expect(isStale(need, new Date(since.getTime() + 48 * HOUR), 48)).toBe(false);
    expect(isStale(need, new Date(since.getTime() + 48 * HOUR + 1), 48)).toBe(true);
  });

  test('no other status is ever stale', () => {
    const later = new Date(since.getTime() + 30 * DAY);
    expect(NEED_STATUSES.filter((status) => isStale({ status, statusSince: since }, later, 48))).toEqual(['coordinating']);
  });
});

describe('requesterHears', () => {
  test.each([
    [null, 'received', 'received'],
    ['cancelled', 'received', 'received'],
    ['received', 'surveying', 'surveying'],
    ['received', 'coordinating', null],
    ['surveying', 'coordinating', null],
    ['continuing', 'coordinating', null],
    ['scheduled', 'coordinating', 'postponed'],
    ['coordinating', 'scheduled', 'scheduled'],
    ['continuing', 'scheduled', 'scheduled'],
    ['scheduled', 'active', 'onTheWay'],
    ['active', 'continuing', 'continuing'],
    ['done', 'continuing', 'continuing'],
    ['active', 'done', 'done'],
    ['surveying', 'impossible', 'impossible'],
    ['scheduled', 'cancelled', 'cancelled'],
  ] as const)('%s → %s: %s', (from, to, heard) => {
    expect(requesterHears(from, to)).toBe(heard);
  });

  test('a move the table refuses tells nobody anything', () => {
    expect(requesterHears('done', 'active')).toBeNull();
    expect(requesterHears('cancelled', 'done')).toBeNull();
    expect(requesterHears('active', 'active')).toBeNull();
  });
});

describe('followUpDue', () => {
  const doneAt = at('2026-09-01T09:00:00Z');
  const need = { status: 'done' as const, statusSince: doneAt, followedUpAt: null };

  test('is due from the given number of days after 完了', () => {
    expect(followUpDue(need, new Date(doneAt.getTime() + 7 * DAY - 1), 7)).toBe(false);
    expect(followUpDue(need, new Date(doneAt.getTime() + 7 * DAY), 7)).toBe(true);
  });

  test('is asked once: not after the follow-up was sent', () => {
    const followed = { ...need, followedUpAt: new Date(doneAt.getTime() + 7 * DAY) };
    expect(followUpDue(followed, new Date(doneAt.getTime() + 30 * DAY), 7)).toBe(false);
  });

  test('a need done again after its follow-up is asked again', () => {
    const doneAgain = { status: 'done' as const, statusSince: new Date(doneAt.getTime() + 10 * DAY), followedUpAt: new Date(doneAt.getTime() + 7 * DAY) };
    expect(followUpDue(doneAgain, new Date(doneAt.getTime() + 16 * DAY), 7)).toBe(false);
    expect(followUpDue(doneAgain, new Date(doneAt.getTime() + 17 * DAY), 7)).toBe(true);
  });

  test('only a done need is followed up', () => {
    const later = new Date(doneAt.getTime() + 30 * DAY);
    expect(NEED_STATUSES.filter((status) => followUpDue({ status, statusSince: doneAt, followedUpAt: null }, later, 7))).toEqual(['done']);
  });
});

test('a need\'s reference number is N-YYMMDD-XXXX on the Japan-time date', () => {
  expect(referenceNumber(at('2026-09-01T15:30:00Z'), 'abcd', 'N')).toMatch(/^N-260902-[2-9A-HJKMNP-Z]{4}$/);
});
