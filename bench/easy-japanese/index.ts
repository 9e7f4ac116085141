/**
 * やさしい日本語 checker quality and speed: `npm run bench:easy-japanese` (or `npx tsx bench/easy-japanese/index.ts
 * [--runs 20]`). Loads the labelled fixture (tests/fixtures/easy-japanese/sentences.json), runs the checker with the
 * real kuromoji tokenizer, and prints per-rule and overall precision and recall with the sentence ids of every
 * false positive and miss, then the time per text for the checker beside the tokenizer alone on the same texts
 * (the floor, same run). Figures are printed, never asserted (the unit test asserts the floors). The fixture is
 * in-sample: it was written alongside the rules.
 */
import { addReadings, checkEasyJapanese, EASY_JAPANESE_RULES } from '../../src/domain/easy-japanese';
import { kuromojiTokenizer } from '../../src/infra/kuromoji-tokenizer';
import { loadEasyJapaneseFixture, scoreFixture } from '../../tests/fixtures/easy-japanese/fixture';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 20);

const buildStart = performance.now();
const tokenizer = await kuromojiTokenizer();
const buildMs = performance.now() - buildStart;
const fixture = loadEasyJapaneseFixture();
const reports = fixture.map((f) => checkEasyJapanese(f.text, tokenizer));
const scores = scoreFixture(fixture, reports);

const good = fixture.filter((f) => f.expected.length === 0).length;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`fixtures: ${fixture.length} (to the guideline ${good}, against it ${fixture.length - good})`);
console.log(`tokenizer built in ${buildMs.toFixed(0)} ms`);
console.log('\nper rule (a rule counts once per sentence):');
console.log(`  ${'rule'.padEnd(20)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}  ${'precision'.padStart(9)}  ${'recall'.padStart(7)}`);
for (const s of scores) {
  if (s.rule === 'all') console.log(`  ${'-'.repeat(55)}`);
  console.log(`  ${s.rule.padEnd(20)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(7)}`);
}

const byId = new Map(fixture.map((f, i) => [f.id, { f, r: reports[i] }]));
const show = (label: string, key: 'falsePositives' | 'falseNegatives') => {
  const rows = scores.filter((s) => s.rule !== 'all' && s[key].length > 0);
  console.log(`\n${label}:${rows.length === 0 ? ' none' : ''}`);
  for (const s of rows) {
    for (const id of s[key]) {
      const { f, r } = byId.get(id) as { f: (typeof fixture)[number]; r: (typeof reports)[number] };
      const on = r?.findings.filter((x) => x.rule === s.rule).map((x) => `"${x.excerpt}"`).join(', ');
      console.log(`  [${s.rule}] ${id} ${f.text}${on ? `  (on ${on})` : ''}  — ${f.reason}`);
    }
  }
};
show('false positives', 'falsePositives');
show('misses (false negatives)', 'falseNegatives');

const scoresOf = (ids: 'g' | 'b') => reports.filter((_, i) => fixture[i]?.id.startsWith(ids)).map((r) => r.score);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
console.log(`\nmean score: to the guideline ${mean(scoresOf('g')).toFixed(1)}, against it ${mean(scoresOf('b')).toFixed(1)}`);
console.log(`rules: ${EASY_JAPANESE_RULES.join(', ')}`);

// Timing: warm up, then the tokenizer alone (the floor) and the checker on the same texts, alternating in one run.
const texts = fixture.map((f) => f.text);
let sink = 0;
const time = (fn: (t: string) => number) => {
  const start = performance.now();
  for (let run = 0; run < RUNS; run++) for (const t of texts) sink += fn(t);
  return ((performance.now() - start) * 1000) / (RUNS * texts.length);
};
for (let i = 0; i < 3; i++) for (const t of texts) sink += checkEasyJapanese(t, tokenizer).findings.length + tokenizer.tokenize(t).length;
const tokenizeUs = time((t) => tokenizer.tokenize(t).length);
const checkUs = time((t) => checkEasyJapanese(t, tokenizer).findings.length);
const readingsUs = time((t) => addReadings(t, tokenizer, 'all').length);
const chars = mean(texts.map((t) => t.length));
console.log(`\ntime per text (${texts.length} texts × ${RUNS} runs, mean ${chars.toFixed(0)} characters):`);
console.log(`  tokenizer alone (floor)  ${tokenizeUs.toFixed(1).padStart(8)} µs`);
console.log(`  checkEasyJapanese        ${checkUs.toFixed(1).padStart(8)} µs  (${(checkUs / tokenizeUs).toFixed(2)}× the floor; rules ${Math.max(0, checkUs - tokenizeUs).toFixed(1)} µs)`);
console.log(`  addReadings('all')       ${readingsUs.toFixed(1).padStart(8)} µs`);
console.log(`(${sink} checksum)`);
