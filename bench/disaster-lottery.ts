/**
 * Disaster centre lottery speed: `npx tsx bench/disaster-lottery.ts [--applicants 10000] [--places 500] [--runs 11]`.
 * Builds synthetic applicants from a seeded PRNG (same data every run: 40% local, a few skills, 0–5 earlier
 * losses), draws the day's places with two skill quotas and locals first, times the first (cold) draw, warms up, then times one draw per run
 * with a different seed and prints the median, min and max against the target. Figures are printed, never asserted.
 */
import { drawLottery, type LotteryApplicant, type LotteryRules } from '../src/domain/disaster/lottery';
import { seededRandom } from '../tests/fakes/seeded-random';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const APPLICANTS = arg('applicants', 10_000);
const PLACES = arg('places', 500);
const RUNS = arg('runs', 11);
const WARMUP = 3;
const TARGET_MS = 1_000;

const rand = seededRandom(20260101);
const SKILLS = ['driving', 'chainsaw', 'nursing', 'heavy_machinery', 'carpentry'];
const applicants: LotteryApplicant[] = Array.from({ length: APPLICANTS }, (_, i) => ({
  id: `app-${String(i).padStart(6, '0')}`,
  local: rand() < 0.4,
  skills: SKILLS.filter(() => rand() < 0.1),
  losses: Math.floor(rand() * rand() * 6),
}));
const rules: LotteryRules = {
  capacity: PLACES,
  localsFirst: true,
  skillPlaces: [
    { skill: 'driving', places: Math.round(PLACES * 0.05) },
    { skill: 'chainsaw', places: Math.round(PLACES * 0.02) },
  ],
};

let sink = 0; // keeps the work observable so it is not optimised away
const coldStart = performance.now();
sink += drawLottery(applicants, rules, 'cold').chosen.length;
const cold = performance.now() - coldStart;
for (let i = 0; i < WARMUP; i++) sink += drawLottery(applicants, rules, `warm-${i}`).chosen.length;

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  const result = drawLottery(applicants, rules, `run-${i}`);
  times.push(performance.now() - start);
  sink += result.chosen.length + result.waitlist.length;
}
times.sort((a, b) => a - b);
const ms = (x: number) => `${x.toFixed(1)} ms`;

console.log(`disaster lottery: ${APPLICANTS} applicants for ${PLACES} places (skill quotas, locals first); ${RUNS} draws after ${WARMUP} warm-up (node ${process.version})`);
console.log(`  per draw: median ${ms(times[Math.floor(times.length / 2)]!)}  min ${ms(times[0]!)}  max ${ms(times[times.length - 1]!)}  (first, cold: ${ms(cold)})`);
console.log(`  target: < ${TARGET_MS} ms per draw  (checksum ${sink})`);
