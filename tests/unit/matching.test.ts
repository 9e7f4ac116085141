// Under test: rankVolunteers, the volunteer centre's ranking rules (status, insurance cover on the date, availability,
// skills, district, fairness, tie-break) and the reasons it gives. Pure; nothing is faked.
import { describe, expect, it } from 'vitest';
import { MATCH_WEIGHTS, rankVolunteers, type VolunteerRequestNeed } from '../../src/domain/matching';
import type { VolunteerProfile } from '../../src/domain/volunteer';

// 2026-11-24 is a Tuesday, in fiscal year 2026.
const TUESDAY = '2026-11-24';

/** An insured, active volunteer available all Tuesday, with no skills and no district, unless overridden. */
const vol = (id: string, over: Partial<VolunteerProfile> = {}): VolunteerProfile => ({
  id,
  name: `Volunteer ${id}`,
  phone: null,
  districtCode: null,
  skills: [],
  availability: { tue: ['am', 'pm', 'evening'] },
  insurance: { fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-04-01' },
  status: 'active',
  ...over,
});

const need = (over: Partial<VolunteerRequestNeed> = {}): VolunteerRequestNeed => ({
  skills: [],
  districtCode: null,
  date: TUESDAY,
  people: 1,
  ...over,
});

const NONE = new Map<string, number>();
const order = (n: VolunteerRequestNeed, vs: VolunteerProfile[], asks: ReadonlyMap<string, number> = NONE) =>
  rankVolunteers(n, vs, asks).map((r) => r.volunteer.id);

describe('rankVolunteers', () => {
  it('lists only active volunteers: paused and left are excluded', () => {
    const vs = [vol('a'), vol('b', { status: 'paused' }), vol('c', { status: 'left' })];
    expect(order(need(), vs)).toEqual(['a']);
  });

  it('a volunteer with a needed skill beats one with none', () => {
    const vs = [vol('a'), vol('b', { skills: ['driving'] })];
    expect(order(need({ skills: ['driving'] }), vs)).toEqual(['b', 'a']);
  });

  it('the main (first) skill beats another needed skill', () => {
    const vs = [vol('a', { skills: ['listening'] }), vol('b', { skills: ['driving'] })];
    expect(order(need({ skills: ['driving', 'listening'] }), vs)).toEqual(['b', 'a']);
    expect(order(need({ skills: ['listening', 'driving'] }), vs)).toEqual(['a', 'b']);
  });

  it("availability on the date's weekday counts strongly, above skill and district", () => {
    const vs = [
      vol('a', { availability: { wed: ['am'] }, skills: ['driving'], districtCode: 'north' }),
      vol('b', { availability: { tue: ['pm'] } }),
    ];
    expect(order(need({ skills: ['driving'], districtCode: 'north' }), vs)).toEqual(['b', 'a']);
  });

  it('availability must match the requested part of the day; with no part, any part of that weekday will do', () => {
    const vs = [vol('a', { availability: { tue: ['am'] } }), vol('b', { availability: { tue: ['evening'] } })];
    expect(order(need({ part: 'evening' }), vs)).toEqual(['b', 'a']);
    expect(order(need({ part: 'am' }), vs)).toEqual(['a', 'b']);
    const anyPart = rankVolunteers(need(), vs, NONE);
    expect(anyPart.map((r) => r.reasons.find((x) => x.kind === 'available' || x.kind === 'notAvailable'))).toEqual([
      { kind: 'available' },
      { kind: 'available' },
    ]);
  });

  it('a volunteer with no availability recorded for that weekday is not available', () => {
    const [r] = rankVolunteers(need(), [vol('a', { availability: {} })], NONE);
    expect(r!.reasons).toContainEqual({ kind: 'notAvailable' });
  });

  it('the same district beats another or unknown district', () => {
    const vs = [vol('a', { districtCode: 'south' }), vol('b', { districtCode: null }), vol('c', { districtCode: 'north' })];
    expect(order(need({ districtCode: 'north' }), vs)).toEqual(['c', 'a', 'b']);
  });

  it('fewer recent invitations rank higher (fairness)', () => {
    const vs = [vol('a'), vol('b'), vol('c')];
    const asks = new Map([
      ['a', 3],
      ['b', 1],
    ]);
    expect(order(need(), vs, asks)).toEqual(['c', 'b', 'a']);
  });

  it('fairness is capped: it never outweighs having a needed skill or being available', () => {
    const busy = new Map([['a', 50]]);
    expect(order(need({ skills: ['x', 'y'] }), [vol('a', { skills: ['y'] }), vol('b')], busy)).toEqual(['a', 'b']);
    expect(order(need(), [vol('a'), vol('b', { availability: {} })], busy)).toEqual(['a', 'b']);
    expect(MATCH_WEIGHTS.PER_RECENT_ASK * MATCH_WEIGHTS.RECENT_ASK_CAP).toBeLessThan(MATCH_WEIGHTS.OTHER_SKILL);
  });

  it('uninsured volunteers are listed but below every insured one, whatever else they offer', () => {
    const vs = [
      vol('a', { insurance: null, skills: ['driving'], districtCode: 'north' }),
      vol('b', { availability: {} }),
    ];
    const ranked = rankVolunteers(need({ skills: ['driving'], districtCode: 'north' }), vs, new Map([['b', 9]]));
    expect(ranked.map((r) => r.volunteer.id)).toEqual(['b', 'a']);
    expect(ranked[1]!.reasons).toContainEqual({ kind: 'notInsured' });
  });

  it('insurance covers its fiscal year only: 31 March is the last day, 1 April needs the new year', () => {
    const lastYear = vol('a', { insurance: { fiscalYear: 2025, plan: 'basic', enrolledOn: '2025-04-01' } });
    const thisYear = vol('b', { insurance: { fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-03-10' } });
    const kinds = (date: string) =>
      rankVolunteers(need({ date }), [lastYear, thisYear], NONE).map((r) => [r.volunteer.id, r.reasons[0]!.kind]);
    // 2026-03-31 is a Tuesday; 2026-04-01 a Wednesday (availability does not matter for cover).
    expect(kinds('2026-03-31')).toEqual([
      ['a', 'insured'],
      ['b', 'notInsured'],
    ]);
    expect(kinds('2026-04-01')).toEqual([
      ['b', 'insured'],
      ['a', 'notInsured'],
    ]);
  });

  it('a mid-year joiner is covered from the day after enrolment', () => {
    const v = vol('a', { insurance: { fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-11-24' } });
    expect(rankVolunteers(need({ date: '2026-11-24' }), [v], NONE)[0]!.reasons).toContainEqual({ kind: 'notInsured' });
    expect(rankVolunteers(need({ date: '2026-11-25' }), [v], NONE)[0]!.reasons).toContainEqual({ kind: 'insured' });
  });

  it('an unknown enrolment date counts as covered from 1 April, and is not confused with a known one', () => {
    const unknown = vol('a', { insurance: { fiscalYear: 2026, plan: 'basic', enrolledOn: null } });
    const known = vol('b', { insurance: { fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-11-24' } });
    const kinds = rankVolunteers(need(), [unknown, known], NONE).map((r) => [r.volunteer.id, r.reasons[0]!.kind]);
    expect(kinds).toEqual([
      ['a', 'insured'],
      ['b', 'notInsured'],
    ]);
  });

  it('disaster work needs the disaster plan; the basic plan counts as not insured for it', () => {
    const basic = vol('a', { skills: ['mud'] });
    const disaster = vol('b', { insurance: { fiscalYear: 2026, plan: 'disaster', enrolledOn: '2026-04-01' } });
    expect(order(need({ skills: ['mud'] }), [basic, disaster])).toEqual(['a', 'b']);
    const ranked = rankVolunteers(need({ skills: ['mud'], disasterWork: true }), [basic, disaster], NONE);
    expect(ranked.map((r) => [r.volunteer.id, r.reasons[0]])).toEqual([
      ['b', { kind: 'insured' }],
      ['a', { kind: 'notInsured' }],
    ]);
  });

  it('equal scores are ordered by id, whatever the input order', () => {
    const vs = [vol('v10'), vol('v02'), vol('v1'), vol('v2')];
    expect(order(need(), vs)).toEqual(['v02', 'v1', 'v10', 'v2']);
    expect(order(need(), [...vs].reverse())).toEqual(['v02', 'v1', 'v10', 'v2']);
  });

  it('limit returns the best few', () => {
    const vs = [vol('a'), vol('b', { districtCode: 'n' }), vol('c')];
    expect(rankVolunteers(need({ districtCode: 'n' }), vs, NONE, { limit: 2 }).map((r) => r.volunteer.id)).toEqual(['b', 'a']);
    expect(rankVolunteers(need(), vs, NONE, { limit: 0 })).toEqual([]);
  });

  it('gives every reason with its details, and the score they add up to', () => {
    const v = vol('a', { skills: ['listening', 'driving'], districtCode: 'north', availability: { tue: ['pm'] } });
    const [r] = rankVolunteers(
      need({ skills: ['driving', 'listening', 'sign'], districtCode: 'north', part: 'pm' }),
      [v],
      new Map([['a', 2]]),
    );
    expect(r!.reasons).toEqual([
      { kind: 'insured' },
      { kind: 'available', part: 'pm' },
      { kind: 'skill', skill: 'driving', main: true },
      { kind: 'skill', skill: 'listening', main: false },
      { kind: 'district', same: true },
      { kind: 'recentlyAsked', times: 2 },
    ]);
    const w = MATCH_WEIGHTS;
    expect(r!.score).toBe(w.INSURED + w.AVAILABLE + w.MAIN_SKILL + w.SAME_DISTRICT - 2 * w.PER_RECENT_ASK);
  });

  it('reasons for a poor match: not insured, not available, other district, no skill reason, no fairness reason', () => {
    const v = vol('a', { insurance: null, availability: { mon: ['am'] }, districtCode: 'south', skills: ['cooking'] });
    const [r] = rankVolunteers(need({ skills: ['driving'], districtCode: 'north' }), [v], NONE);
    expect(r!.reasons).toEqual([{ kind: 'notInsured' }, { kind: 'notAvailable' }, { kind: 'district', same: false }]);
    expect(r!.score).toBe(0);
  });

  it('a request without a district gives no district reason', () => {
    const [r] = rankVolunteers(need(), [vol('a', { districtCode: 'north' })], NONE);
    expect(r!.reasons.some((x) => x.kind === 'district')).toBe(false);
  });

  it('the result survives structuredClone and does not alter the input', () => {
    const vs = [vol('b'), vol('a')];
    const before = structuredClone(vs);
    const ranked = rankVolunteers(need({ skills: ['x'] }), vs, NONE);
    expect(structuredClone(ranked)).toEqual(ranked);
    expect(vs).toEqual(before);
  });
});
