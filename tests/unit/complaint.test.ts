// Under test: the complaint rules in src/domain/complaint.ts — which moves staff may make from each status, when the
// outcome can be sent on LINE, and the instants a fiscal year spans in Japan time. Pure; nothing faked.
import { describe, expect, it } from 'vitest';
import { canMoveComplaint, canTellOutcome, COMPLAINT_MOVES, COMPLAINT_STATUSES } from '../../src/domain/complaint';

describe('moves', () => {
  it('受付 may go anywhere, 対応中 to 解決 or 取り下げ, and 解決 and 取り下げ are closed', () => {
    const allowed = COMPLAINT_STATUSES.flatMap((from) => COMPLAINT_MOVES.filter((to) => canMoveComplaint(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['new→in_progress', 'new→resolved', 'new→withdrawn', 'in_progress→resolved', 'in_progress→withdrawn']);
  });
});

describe('telling the outcome', () => {
  const resolved = { status: 'resolved' as const, contact: 'line' as const, residentId: 'r1', outcome: '改めました', outcomeToldAt: null };
  it('only once, only when resolved with an outcome, and only to a resident who chose LINE', () => {
    expect(canTellOutcome(resolved)).toBe(true);
    expect(canTellOutcome({ ...resolved, outcomeToldAt: new Date() })).toBe(false);
    expect(canTellOutcome({ ...resolved, status: 'in_progress' })).toBe(false);
    expect(canTellOutcome({ ...resolved, outcome: null })).toBe(false);
    expect(canTellOutcome({ ...resolved, contact: 'phone' })).toBe(false);
    expect(canTellOutcome({ ...resolved, contact: 'none', residentId: null })).toBe(false);
    // The resident's data was erased: the link is gone, so nothing can be sent.
    expect(canTellOutcome({ ...resolved, residentId: null })).toBe(false);
  });
});

