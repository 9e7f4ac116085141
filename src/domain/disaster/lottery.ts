/**
 * The draw for an activity date's places: fair (a seeded random order, weighted towards those who lost earlier
 * draws), with the date's priorities (places kept for skills, locals first), repeatable from its stored seed.
 * Pure.
 *
 * A minimal stand-in with the lottery's agreed interface (`drawLottery`, `newSeed`); the full lottery replaces it.
 */

export interface LotteryApplicant {
  id: string;
  /** From the council's own area (地元). */
  local: boolean;
  skills: readonly string[];
  /** Draws lost before: each one weighs the applicant's chance up. */
  losses: number;
}

export interface LotteryRules {
  capacity: number;
  localsFirst: boolean;
  skillPlaces: ReadonlyArray<{ skill: string; places: number }>;
}

export interface LotteryOutcome {
  /** Who got a place, in drawn order. */
  chosen: string[];
  /** Everyone else, in the order they move up. */
  waitlist: string[];
  seed: string;
}

/** A new seed: 16 hex digits from `random` (values in [0, 1)). */
export function newSeed(random: () => number): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

/** A 32-bit hash of a string (FNV-1a), to start the generator from a seed of any shape. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32 from a string seed: the same seed gives the same numbers. */
function generator(seed: string): () => number {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws the places: a random order where each applicant's weight is 1 + losses (keys u^(1/w), largest first);
 * the places kept for each skill go first to those with it, in that order; then the rest of the places in that
 * order, locals before others when `localsFirst`. The waitlist follows the same order. Applicants are read in
 * id order, so the outcome depends only on who applied, the rules and the seed.
 */
export function drawLottery(applicants: readonly LotteryApplicant[], rules: LotteryRules, seed: string): LotteryOutcome {
  const next = generator(seed);
  const ordered = [...applicants]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((a) => ({ a, key: Math.pow(next(), 1 / (1 + Math.max(0, a.losses))) }))
    .sort((x, y) => y.key - x.key)
    .map((x) => x.a);
  const byPriority = rules.localsFirst ? [...ordered.filter((a) => a.local), ...ordered.filter((a) => !a.local)] : ordered;
  const capacity = Math.max(0, rules.capacity);
  const chosen = new Set<string>();
  for (const { skill, places } of rules.skillPlaces) {
    let left = places;
    for (const a of byPriority) {
      if (left <= 0 || chosen.size >= capacity) break;
      if (!chosen.has(a.id) && a.skills.includes(skill)) {
        chosen.add(a.id);
        left -= 1;
      }
    }
  }
  for (const a of byPriority) {
    if (chosen.size >= capacity) break;
    chosen.add(a.id);
  }
  const skilled = byPriority.filter((a) => chosen.has(a.id));
  return { chosen: skilled.map((a) => a.id), waitlist: byPriority.filter((a) => !chosen.has(a.id)).map((a) => a.id), seed };
}
