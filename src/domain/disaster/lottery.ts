import { createHash } from 'node:crypto';

/**
 * The daily lottery of a disaster volunteer centre (災害ボランティアセンター): who of those who applied for one
 * activity date gets a place, and in what order the rest wait. It replaces first-come booking, where hundreds of
 * places went in minutes (DOMAIN.md §4), so the moment someone applied gives no advantage. Pure: the seed comes
 * in as a value, minted at the edge and stored with the draw so anyone can redo it.
 *
 * Algorithm (weighted sampling without replacement, Efraimidis–Spirakis):
 * 1. Each applicant gets one uniform number u in (0, 1), the first 53 bits of
 *    SHA-256(`<seed length>:<seed>:<applicant id>`). It depends only on the seed and the id, never on the input
 *    order or on who else applied, so a person's number can be checked from the published seed alone.
 * 2. Weight w = 1 + losses (earlier draws this person lost), and key = ln(u) / w — the logarithm of the
 *    textbook u^(1/w), which orders the same without losing precision for large w. Sorting by key, highest
 *    first (equal keys by id, code-unit order), gives a weighted random order of everyone: the draw order. Any
 *    subset taken in that order is itself a weighted draw without replacement from that subset, so every stage
 *    below stays weighted. Someone who lost 3 draws holds 4 tickets to a newcomer's 1.
 * 3. Places are filled in stages, each taking the not-yet-chosen applicants in draw order, never past capacity:
 *    a. each entry of `skillPlaces`, in the order given: up to `places` applicants holding that skill (a person
 *       fills one place at most, so a second entry takes other people);
 *    b. when `localsFirst`: locals;
 *    c. everyone else.
 * 4. The waitlist is everyone not chosen, in draw order: those with more losses tend to be earlier.
 */

/** One person who applied for a place on the activity date. */
export interface LotteryApplicant {
  id: string;
  /** Lives in the affected area (or the council's own area, as the centre defines it). */
  local: boolean;
  /** Skill codes (driving, chainsaw, nursing …). */
  skills: string[];
  /** How many earlier draws this person applied for and lost: a non-negative integer. */
  losses: number;
}

/** How the places of one activity date are given out. */
export interface LotteryRules {
  /** How many people the centre can take that day: a non-negative integer. */
  capacity: number;
  /** Places left after the skill places go to locals before anyone else. */
  localsFirst: boolean;
  /** Places kept for people with a skill, filled first, in this order; each `places` a non-negative integer. */
  skillPlaces: Array<{ skill: string; places: number }>;
}

/** The outcome of one draw: ids only, with the seed that reproduces it. */
export interface LotteryResult {
  /** Those given a place, in the order they were picked (skill places, then locals, then the rest). */
  chosen: string[];
  /** Everyone else, in draw order: the first to be offered a place someone gives up. */
  waitlist: string[];
  seed: string;
}

/** Bytes of randomness a seed must carry: 128 bits, so no one can guess or search the seed space. */
export const SEED_BYTES = 16;

/**
 * Pure: a seed (lowercase hex) from random bytes minted at the edge — `randomBytes(SEED_BYTES)` from
 * `node:crypto`, not `Math.random`, since a predictable seed would let someone foresee the draw. Throws a
 * `RangeError` when given fewer than `SEED_BYTES` bytes.
 */
export function newSeed(bytes: Uint8Array): string {
  if (bytes.length < SEED_BYTES) throw new RangeError(`a lottery seed needs at least ${SEED_BYTES} random bytes, got ${bytes.length}`);
  return Buffer.from(bytes).toString('hex');
}

/** Pure: the weight of an applicant's ticket — one, plus one per draw lost. */
export function lotteryWeight(losses: number): number {
  return 1 + losses;
}

/**
 * Pure: draws the places of one activity date (algorithm in this file's header). The same applicants (in any
 * order), rules and seed always give the same result; at most `capacity` are chosen and every applicant is in
 * exactly one of `chosen` and `waitlist`. Throws a `RangeError` on a repeated id, or on a capacity, a number of
 * places or a number of losses that is not a non-negative integer.
 */
export function drawLottery(applicants: LotteryApplicant[], rules: LotteryRules, seed: string): LotteryResult {
  checkCount('capacity', rules.capacity);
  for (const s of rules.skillPlaces) checkCount(`places for ${s.skill}`, s.places);
  const seen = new Set<string>();
  for (const a of applicants) {
    if (seen.has(a.id)) throw new RangeError(`applicant ${a.id} appears twice`);
    seen.add(a.id);
    checkCount(`losses of ${a.id}`, a.losses);
  }

  const order = applicants
    .map((a) => ({ a, key: Math.log(uniform(seed, a.id)) / lotteryWeight(a.losses) }))
    .sort((x, y) => y.key - x.key || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0))
    .map((k) => k.a);

  const taken = new Set<string>();
  const chosen: string[] = [];
  const take = (eligible: (a: LotteryApplicant) => boolean, limit: number) => {
    let n = 0;
    for (const a of order) {
      if (n >= limit || chosen.length >= rules.capacity) return;
      if (taken.has(a.id) || !eligible(a)) continue;
      taken.add(a.id);
      chosen.push(a.id);
      n++;
    }
  };
  for (const { skill, places } of rules.skillPlaces) take((a) => a.skills.includes(skill), places);
  if (rules.localsFirst) take((a) => a.local, Infinity);
  take(() => true, Infinity);

  return { chosen, waitlist: order.filter((a) => !taken.has(a.id)).map((a) => a.id), seed };
}

function checkCount(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}

/**
 * A number in (0, 1) fixed by the seed and the id. The length prefix keeps the hashed text unambiguous whatever
 * characters the seed holds; + 0.5 keeps it off 0, whose logarithm would tie everyone at -Infinity.
 */
function uniform(seed: string, id: string): number {
  const h = createHash('sha256').update(`${seed.length}:${seed}:${id}`).digest();
  return (h.readUInt32BE(0) * 2 ** 21 + (h.readUInt32BE(4) >>> 11) + 0.5) / 2 ** 53;
}
