/**
 * Safety detector quality and speed: `npm run bench:safety` (or `npx tsx bench/safety.ts [--runs 100000]`).
 * Loads the real phrase data and the labelled fixtures (tests/fixtures/safety-messages.json), prints recall
 * per language and per category, the false-positive rate with the texts that fired, and how many messages
 * per second one detector checks. Figures are printed, never asserted (the unit test asserts the limits).
 * The fixtures are in-sample: see tests/fixtures/safety-messages.md for what that means for new phrasing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../src/domain/language';
import { SAFETY_CATEGORIES, type SafetyDetector } from '../src/domain/safety';
import { loadSafetyDetector, SAFETY_PHRASES_PATH } from '../src/infra/load-safety-phrases';
import { PROJECT_ROOT } from '../src/infra/project-root';

interface Fixture {
  text: string;
  lang: string;
  expected: string | null;
  note: string;
}

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 100_000);

const compileStart = performance.now();
const detector: SafetyDetector = loadSafetyDetector(SAFETY_PHRASES_PATH);
const compileMs = performance.now() - compileStart;
const fixtures = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'safety-messages.json'), 'utf8')) as Fixture[];

const results = fixtures.map((f) => ({ ...f, got: detector.detect(f.text) }));
const danger = results.filter((r) => r.expected !== null);
const safe = results.filter((r) => r.expected === null);
const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const line = (label: string, rows: typeof danger) => {
  const caught = rows.filter((r) => r.got).length;
  const right = rows.filter((r) => r.got?.category === r.expected).length;
  return `  ${label.padEnd(18)} ${`${caught}/${rows.length}`.padStart(8)}  ${pct(caught, rows.length).padStart(6)}   right category ${right}/${rows.length}`;
};

console.log(`fixtures: ${results.length} (danger ${danger.length}, non-danger ${safe.length})`);
console.log(`phrase data compiled in ${compileMs.toFixed(1)} ms`);
console.log('\ndanger caught (recall), by language:');
for (const lang of LANGUAGES) console.log(line(lang, danger.filter((r) => r.lang === lang)));
console.log(line('all', danger));
console.log('\ndanger caught (recall), by category:');
for (const c of SAFETY_CATEGORIES) console.log(line(c, danger.filter((r) => r.expected === c)));

const missed = danger.filter((r) => !r.got);
const wrong = danger.filter((r) => r.got && r.got.category !== r.expected);
if (missed.length) console.log(`\nmissed:\n${missed.map((r) => `  [${r.expected}] ${r.text}`).join('\n')}`);
if (wrong.length) console.log(`\nwrong category:\n${wrong.map((r) => `  [${r.expected} → ${r.got?.category}] ${r.text}`).join('\n')}`);

const fps = safe.filter((r) => r.got);
console.log(`\nfalse positives: ${fps.length}/${safe.length} (${pct(fps.length, safe.length)})`);
for (const lang of LANGUAGES) {
  const rows = safe.filter((r) => r.lang === lang);
  console.log(`  ${lang.padEnd(18)} ${`${rows.filter((r) => r.got).length}/${rows.length}`.padStart(8)}`);
}
for (const r of fps) console.log(`  [${r.got?.category} on "${r.got?.matched}"] ${r.text}`);

// Warm up first so the figure is the JIT-compiled steady state, as in a long-running server.
const texts = fixtures.map((f) => f.text);
let sink = 0;
for (let i = 0; i < 10_000; i++) sink += detector.detect(texts[i % texts.length] as string) ? 1 : 0;
const start = performance.now();
for (let i = 0; i < RUNS; i++) sink += detector.detect(texts[i % texts.length] as string) ? 1 : 0;
const seconds = (performance.now() - start) / 1000;
console.log(`\nthroughput: ${RUNS} detections in ${(seconds * 1000).toFixed(0)} ms = ${Math.round(RUNS / seconds).toLocaleString('en-US')} messages/s (${((seconds / RUNS) * 1e6).toFixed(1)} µs each; ${sink} hits)`);
