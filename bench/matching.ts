/**
 * Volunteer matching speed: `npm run bench:matching` (or `npx tsx bench/matching.ts [--volunteers 5000] [--runs 200]`).
 * Builds synthetic volunteers from a seeded PRNG (same data every run: ~10 skill codes, 13 districts, random
 * availability, 80% insured, a few paused or left), warms up, then times rankings of varied requests and prints
 * the median, p95 and max milliseconds per ranking against the target. Figures are printed, never asserted.
 */
import { rankVolunteers, type VolunteerRequestNeed } from '../src/domain/matching';
import { WEEKDAYS } from '../src/domain/council-profile';
import { DAY_PARTS, type Availability, type VolunteerProfile } from '../src/domain/volunteer';
import { seededRandom } from '../tests/fakes/seeded-random';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const VOLUNTEERS = arg('volunteers', 5_000);
const RUNS = arg('runs', 200);
const WARMUP = 50;
const TARGET_MS = 100;

const rand = seededRandom(20261124);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => rand() < p);

const SKILLS = ['listening', 'driving', 'sign_language', 'reading', 'cooking', 'shopping', 'garden', 'it_help', 'mud_removal', 'event_staff'];
const DISTRICTS = Array.from({ length: 13 }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);

/** Most renew in March before the year starts; the rest join on any day up to November (~240 distinct days). */
const enrolmentDate = () =>
  rand() < 0.6 ? `2026-03-${String(1 + Math.floor(rand() * 31)).padStart(2, '0')}` : new Date(Date.UTC(2026, 3, 1) + Math.floor(rand() * 240) * 86_400_000).toISOString().slice(0, 10);

function volunteer(i: number): VolunteerProfile {
  const availability: Availability = {};
  for (const day of WEEKDAYS) {
    const parts = some(DAY_PARTS, 0.3);
    if (parts.length > 0) availability[day] = parts;
  }
  const status = rand() < 0.9 ? 'active' : pick(['paused', 'left'] as const);
  const insured = rand() < 0.8;
  return {
    id: `vol-${String(i).padStart(5, '0')}`,
    name: `Volunteer ${i}`,
    phone: null,
    districtCode: rand() < 0.95 ? pick(DISTRICTS) : null,
    skills: some(SKILLS, 0.2),
    availability,
    insurance: insured
      ? { fiscalYear: 2026, plan: rand() < 0.3 ? 'disaster' : 'basic', enrolledOn: enrolmentDate() }
      : null,
    status,
  };
}

const volunteers = Array.from({ length: VOLUNTEERS }, (_, i) => volunteer(i));
const recentAsks = new Map<string, number>();
for (const v of volunteers) if (rand() < 0.3) recentAsks.set(v.id, 1 + Math.floor(rand() * 6));

const DATES = ['2026-11-24', '2026-11-25', '2026-11-28', '2026-11-29', '2026-12-01', '2027-01-15', '2027-03-31'];
function request(): VolunteerRequestNeed {
  const skills = some(SKILLS, 0.15).slice(0, 3);
  const part = rand() < 0.7 ? pick(DAY_PARTS) : undefined;
  return {
    skills: skills.length > 0 ? skills : [pick(SKILLS)],
    districtCode: rand() < 0.8 ? pick(DISTRICTS) : null,
    date: pick(DATES),
    ...(part ? { part } : {}),
    people: 1 + Math.floor(rand() * 5),
    disasterWork: rand() < 0.2,
  };
}
const requests = Array.from({ length: RUNS }, request);

let sink = 0; // keeps the work observable so it is not optimised away
for (let i = 0; i < WARMUP; i++) sink += rankVolunteers(requests[i % requests.length]!, volunteers, recentAsks).length;

const times: number[] = [];
for (const need of requests) {
  const start = performance.now();
  const ranked = rankVolunteers(need, volunteers, recentAsks);
  times.push(performance.now() - start);
  sink += ranked[0]?.score ?? 0;
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

const active = volunteers.filter((v) => v.status === 'active').length;
console.log(`matching: ${VOLUNTEERS} volunteers (${active} active), ${recentAsks.size} with recent asks; ${RUNS} rankings after ${WARMUP} warm-up (node ${process.version})`);
console.log(`  per ranking: median ${ms(at(0.5))}  p95 ${ms(at(0.95))}  max ${ms(times[times.length - 1]!)}`);
console.log(`  target: < ${TARGET_MS} ms per ranking of ${VOLUNTEERS}  (checksum ${sink})`);
