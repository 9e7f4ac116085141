// Under test: the suggested team for a need (suggestTeam, chooseLeader) and the default team size (teamSizeFor). Pure; nothing is faked.
import { describe, expect, it } from 'vitest';
import { chooseLeader, suggestTeam, teamSizeFor, type Volunteer } from '../../src/domain/disaster/teams';

const v = (memberId: string, o: Partial<Volunteer> = {}): Volunteer => ({
  memberId,
  name: memberId,
  kind: 'individual',
  size: 1,
  local: false,
  skills: [],
  experience: 0,
  phone: '090-0000-0000',
  insured: true,
  ...o,
});

describe('suggestTeam', () => {
  it('covers each needed skill first, even from lower-ranked volunteers', () => {
    const pool = [v('a', { experience: 9 }), v('b', { experience: 8 }), v('c', { experience: 7 }), v('d', { experience: 6 }), v('z', { skills: ['kei-truck'] }), v('y', { skills: ['chainsaw'] })];
    const t = suggestTeam({ size: 4, skills: ['kei-truck', 'chainsaw'] }, pool);
    expect(t.members).toEqual(['a', 'b', 'y', 'z']);
    expect(t.missingSkills).toEqual([]);
    expect(t.people).toBe(4);
  });

  it('never splits a group: takes all of it or none', () => {
    const pool = [v('g1', { kind: 'group', size: 3, experience: 9 }), v('a'), v('b')];
    const t = suggestTeam({ size: 4, skills: [] }, pool);
    expect(t.members).toEqual(['a', 'g1']);
    expect(t.people).toBe(4);
    const entries = [v('m1', { groupId: 'G' }), v('m2', { groupId: 'G' }), v('m3', { groupId: 'G' }), v('x')];
    expect(suggestTeam({ size: 2, skills: [] }, entries).members).toEqual(['x']);
    expect(suggestTeam({ size: 3, skills: [] }, entries).members).toEqual(['m1', 'm2', 'm3']);
  });

  it('a group carrying the only needed skill is kept whole and the oversize is said', () => {
    const pool = [v('a', { experience: 5 }), v('g', { kind: 'group', size: 4, skills: ['chainsaw'] })];
    const t = suggestTeam({ size: 2, skills: ['chainsaw'] }, pool);
    expect(t.members).toEqual(['g']);
    expect(t.people).toBe(4);
    expect(t.reasons).toContainEqual({ code: 'groupOverSize', memberId: 'g', by: 2 });
  });

  it('an individual never overfills a full team: the skill is reported missing instead', () => {
    const t = suggestTeam({ size: 1, skills: ['kei-truck', 'chainsaw'] }, [v('a', { skills: ['kei-truck'] }), v('b', { skills: ['chainsaw'] })]);
    expect(t).toMatchObject({ members: ['a'], people: 1, missingSkills: ['chainsaw'] });
    expect(t.reasons).toEqual([{ code: 'missingSkill', skill: 'chainsaw' }]);
  });

  it('prefers locals of the same district, then other locals, then insured, then experience', () => {
    const pool = [
      v('out', { experience: 30 }),
      v('uninsuredLocal', { local: true, districtCode: 'D1', insured: false, experience: 20 }),
      v('local', { local: true, districtCode: 'D2', experience: 1 }),
      v('same', { local: true, districtCode: 'D1', experience: 0 }),
    ];
    expect(suggestTeam({ size: 1, skills: [], districtCode: 'D1' }, pool).members).toEqual(['same']);
    expect(suggestTeam({ size: 2, skills: [], districtCode: 'D1' }, pool).members).toEqual(['same', 'uninsuredLocal']);
    expect(suggestTeam({ size: 1, skills: [], districtCode: 'D9' }, pool).members).toEqual(['local']);
    const t = suggestTeam({ size: 2, skills: [], districtCode: 'D1' }, pool);
    expect(t.reasons).toContainEqual({ code: 'uninsured', memberId: 'uninsuredLocal' });
  });

  it('the leader is the most experienced member with a phone, else null with a reason', () => {
    const pool = [v('a', { experience: 10, phone: null }), v('b', { experience: 3 }), v('c', { experience: 3 })];
    const t = suggestTeam({ size: 3, skills: [] }, pool);
    expect(t.leader).toBe('b');
    const none = suggestTeam({ size: 1, skills: [] }, [v('a', { phone: '  ' })]);
    expect(none.leader).toBeNull();
    expect(none.reasons).toContainEqual({ code: 'noLeaderPhone' });
  });

  it('with too few people returns who there is, the shortfall and the missing skills', () => {
    const t = suggestTeam({ size: 5, skills: ['kei-truck'] }, [v('a'), v('b')]);
    expect(t.members).toEqual(['a', 'b']);
    expect(t.shortfall).toBe(3);
    expect(t.missingSkills).toEqual(['kei-truck']);
    expect(t.reasons).toEqual(expect.arrayContaining([{ code: 'short', missing: 3 }, { code: 'missingSkill', skill: 'kei-truck' }]));
    expect(suggestTeam({ size: 3, skills: [] }, [])).toMatchObject({ members: [], leader: null, people: 0, shortfall: 3 });
  });

  it('is deterministic: ties by memberId, whatever the input order', () => {
    const pool = [v('d'), v('b'), v('a'), v('c'), v('e')];
    const first = suggestTeam({ size: 4, skills: [] }, pool);
    expect(first.members).toEqual(['a', 'b', 'c', 'd']);
    expect(suggestTeam({ size: 4, skills: [] }, [...pool].reverse())).toEqual(first);
    expect(first.leader).toBe('a');
  });

  it('never exceeds the size without a skill group', () => {
    const t = suggestTeam({ size: 4, skills: [] }, [v('g', { kind: 'group', size: 3 }), v('h', { kind: 'group', size: 2 }), v('a', { experience: -1 })]);
    expect(t.people).toBe(4);
    expect(t.members).toEqual(['a', 'g']);
  });
});

describe('chooseLeader', () => {
  it('ignores members without a phone', () => {
    expect(chooseLeader([v('a', { phone: null, experience: 5 }), v('b')])).toBe('b');
  });
});

describe('teamSizeFor', () => {
  it('takes the largest work kind and one more for heavy mud or furniture, at most 6', () => {
    expect(teamSizeFor(['mud'], 'floodBelow')).toBe(5);
    expect(teamSizeFor(['mud', 'transport'], 'floodAbove')).toBe(6);
    expect(teamSizeFor(['furniture'], 'sediment')).toBe(5);
    expect(teamSizeFor(['transport'], 'floodAbove')).toBe(2);
    expect(teamSizeFor(['cleaning', 'garbage'], null)).toBe(3);
    expect(teamSizeFor([], null)).toBe(3);
  });
});
