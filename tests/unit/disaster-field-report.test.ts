// Under test: the leader's return report (reportProblems), the need after it (needAfterReport), hours per member (memberHours) and overdue teams (overdueTeams). Pure; nothing is faked.
import { describe, expect, it } from 'vitest';
import { memberHours, needAfterReport, overdueTeams, reportProblems, type FieldReport } from '../../src/domain/disaster/field-report';

const report = (o: Partial<FieldReport> = {}): FieldReport => ({ back: true, people: 4, hours: 3, done: '床下の泥出し', outcome: 'done', ...o });

describe('reportProblems', () => {
  it('accepts a complete report', () => {
    expect(reportProblems(report(), 4)).toEqual([]);
    expect(reportProblems(report({ hours: 0.5, people: 1 }), 4)).toEqual([]);
    expect(reportProblems(report({ hours: 12, outcome: 'continuing', remaining: '押し入れの奥' }), 4)).toEqual([]);
  });

  it('refuses hours outside 0.5–12, people outside 1…the team, nothing done, and continuing without what remains', () => {
    expect(reportProblems(report({ hours: 0.4 }), 4)).toEqual(['hours']);
    expect(reportProblems(report({ hours: 12.5 }), 4)).toEqual(['hours']);
    expect(reportProblems(report({ hours: Number.NaN }), 4)).toEqual(['hours']);
    expect(reportProblems(report({ people: 0 }), 4)).toEqual(['people']);
    expect(reportProblems(report({ people: 5 }), 4)).toEqual(['people']);
    expect(reportProblems(report({ people: 2.5 }), 4)).toEqual(['people']);
    expect(reportProblems(report({ done: '  ', outcome: 'continuing', remaining: ' ' }), 4)).toEqual(['done', 'remaining']);
  });
});

describe('needAfterReport', () => {
  it('moves an active need to done or continuing', () => {
    expect(needAfterReport('active', 'done')).toBe('done');
    expect(needAfterReport('active', 'continuing')).toBe('continuing');
  });

  it('keeps a need already at the outcome, and refuses moves the need rules do not allow', () => {
    expect(needAfterReport('done', 'done')).toBe('done');
    expect(needAfterReport('continuing', 'done')).toBe('done');
    expect(needAfterReport('cancelled', 'done')).toBeNull();
    expect(needAfterReport('received', 'continuing')).toBeNull();
  });
});

describe('memberHours', () => {
  const team = { members: [{ memberId: 'a', kind: 'individual' as const, size: 1 }, { memberId: 'g', kind: 'group' as const, size: 3 }, { memberId: 'b', kind: 'individual' as const, size: 1 }] };

  it('credits each member the report hours; a group its size in person-hours', () => {
    expect(memberHours(team, { hours: 3 })).toEqual([
      { memberId: 'a', hours: 3, personHours: 3 },
      { memberId: 'g', hours: 3, personHours: 9 },
      { memberId: 'b', hours: 3, personHours: 3 },
    ]);
  });

  it('uses given hours, clamped between 0 and the report hours', () => {
    const r = memberHours(team, { hours: 3 }, new Map([['a', 1.5], ['b', 9], ['g', -1]]));
    expect(r.map((m) => m.hours)).toEqual([1.5, 0, 3]);
  });
});

describe('overdueTeams', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 7, 10, h));
  const teams = [
    { id: 't2', dispatchedAt: at(1), backAt: null },
    { id: 't1', dispatchedAt: at(1), backAt: null },
    { id: 't0', dispatchedAt: at(0), backAt: null },
    { id: 'back', dispatchedAt: at(0), backAt: at(5) },
  ];

  it('flags teams not back once the day has ended, longest out first', () => {
    expect(overdueTeams(teams, at(8), at(8))).toEqual(['t0', 't1', 't2']);
  });

  it('flags nothing before the day ends', () => {
    expect(overdueTeams(teams, at(8), at(7))).toEqual([]);
  });
});
