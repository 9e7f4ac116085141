// Under test: the lottery's agreed interface on the stand-in in src/domain/disaster/lottery.ts — repeatable from its
// seed, within capacity, places kept for skills, locals first, everyone listed once, seeds from the given randomness.
// Pure; randomness seeded.
import { describe, expect, test } from 'vitest';
import { drawLottery, newSeed } from '../../../src/domain/disaster/lottery';
import { seededRandom } from '../../fakes/seeded-random';

const applicants = Array.from({ length: 30 }, (_, i) => ({ id: `a${String(i).padStart(2, '0')}`, local: i % 3 !== 0, skills: i % 10 === 0 ? ['nurse'] : [], losses: 0 }));

describe('drawLottery', () => {
  test('is the same for the same seed, and lists every applicant once: chosen up to the capacity, the rest waiting', () => {
    const rules = { capacity: 8, localsFirst: false, skillPlaces: [] };
    const first = drawLottery(applicants, rules, 'seed-1');
    expect(drawLottery(applicants, rules, 'seed-1')).toEqual(first);
    expect(drawLottery([...applicants].reverse(), rules, 'seed-1')).toEqual(first);
    expect(first.seed).toBe('seed-1');
    expect(first.chosen).toHaveLength(8);
    expect([...first.chosen, ...first.waitlist].sort()).toEqual(applicants.map((a) => a.id));
    expect(drawLottery(applicants, rules, 'seed-2').chosen).not.toEqual(first.chosen);
  });

  test('keeps places for a skill, and chooses locals first', () => {
    const out = drawLottery(applicants, { capacity: 6, localsFirst: true, skillPlaces: [{ skill: 'nurse', places: 2 }] }, 'seed-3');
    const byId = new Map(applicants.map((a) => [a.id, a]));
    expect(out.chosen.filter((id) => byId.get(id)!.skills.includes('nurse'))).toHaveLength(2);
    // Outsiders get a place only once no local is left waiting (the nurses' places aside).
    const chosenOutsiders = out.chosen.filter((id) => !byId.get(id)!.local && !byId.get(id)!.skills.includes('nurse'));
    expect(chosenOutsiders).toEqual([]);
  });

  test('more applicants than places never over capacity; fewer all chosen', () => {
    expect(drawLottery(applicants.slice(0, 3), { capacity: 5, localsFirst: true, skillPlaces: [] }, 's').chosen).toHaveLength(3);
    expect(drawLottery(applicants, { capacity: 0, localsFirst: true, skillPlaces: [] }, 's').chosen).toHaveLength(0);
  });
});

describe('newSeed', () => {
  test('gives 16 hex digits from the randomness it is given', () => {
    const seed = newSeed(seededRandom(1));
    expect(seed).toMatch(/^[0-9a-f]{16}$/);
    expect(newSeed(seededRandom(1))).toBe(seed);
    expect(newSeed(seededRandom(2))).not.toBe(seed);
  });
});
