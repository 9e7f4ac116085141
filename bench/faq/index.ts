/**
 * FAQ matching quality and speed: `npm run bench:faq` (or `npx tsx bench/faq/index.ts [--set path.json]`).
 * Loads the demo profile's seeded entries and synonyms as the service seeds them, matches every question of the
 * held-out set (bench/faq/heldout.json, written apart from the entries' wording; `--set bench/faq/dev.json` is the
 * small set the thresholds were tuned on) and prints, overall and per language: the share answered correctly at the
 * top, the share with the right entry among the candidates offered, the share wrongly answered (a wrong entry at
 * the top, or an answer where none was expected), and the share left unanswered. The same run matches with a floor
 * (normalisation and character bigrams only, no morphological analyser) and times both per question.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FaqIndex, type FaqDecision } from '../../src/domain/faq/matcher';
import { normalizeText } from '../../src/domain/faq/normalize';
import { seedEntries } from '../../src/domain/faq/profile';
import type { Tokenizer } from '../../src/domain/faq/tokenizer';
import type { FaqEntry } from '../../src/domain/faq/entry';
import { kuromojiTokenizer } from '../../src/infra/kuromoji-tokenizer';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { PROJECT_ROOT } from '../../src/infra/project-root';
import { menuWords, sectionNamed } from '../../src/flows/faq/menu-words';
import { MENU_SECTIONS } from '../../src/flows/postback-codes';

interface Question {
  q: string;
  lang: 'ja' | 'ja-x-easy' | 'en';
  expect: string | null;
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const setPath = path.resolve(PROJECT_ROOT, arg('set') ?? 'bench/faq/heldout.json');
if (!existsSync(setPath)) {
  console.error(`No question set at ${path.relative(PROJECT_ROOT, setPath)}: the held-out set is written apart from the entries (see bench/faq/index.ts).`);
  process.exit(1);
}
const questions = JSON.parse(readFileSync(setPath, 'utf8')) as Question[];

const profile = loadCouncilProfile(path.join(PROJECT_ROOT, 'profiles/demo-council.yaml'));
const entries: FaqEntry[] = seedEntries(profile.faq).map((s) => ({ ...s, id: s.code, seedCode: s.code }));
const unknown = [...new Set(questions.flatMap((q) => (q.expect && !entries.some((e) => e.id === q.expect) ? [q.expect] : [])))];
if (unknown.length) console.warn(`Codes in the set with no entry: ${unknown.join(', ')}`);

/** The floor: no analyser, the whole text one morpheme (so only normalisation and character bigrams count). */
const noAnalyser: Tokenizer = { tokenize: (text) => [{ surface: text, base: text, pos: '名詞', posDetail: '一般' }] };

const today = '2026-11-24';
const scope = { today, district: null };

type Verdict = 'top' | 'candidate' | 'wrong' | 'unanswered' | 'missed';

/** How one decision fares against the expected code. */
function verdict(d: FaqDecision, expect: string | null): Verdict {
  if (d.kind === 'answer') return d.entryId === expect ? 'top' : 'wrong';
  if (d.kind === 'candidates') {
    if (expect === null) return 'unanswered'; // offering candidates is not answering; a resident can still say ちがう
    return d.candidates.some((c) => c.entryId === expect) ? 'candidate' : 'missed';
  }
  return 'unanswered';
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

interface Run {
  verdicts: Array<{ q: Question; v: Verdict; d: FaqDecision }>;
  ms: number[];
}

function run(index: FaqIndex): Run {
  for (const q of questions.slice(0, 20)) index.match(q.q, scope); // warm-up
  const out: Run = { verdicts: [], ms: [] };
  for (const q of questions) {
    const t0 = performance.now();
    const d = index.match(q.q, scope);
    out.ms.push(performance.now() - t0);
    out.verdicts.push({ q, v: verdict(d, q.expect), d });
  }
  return out;
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '–');

function report(title: string, r: Run): void {
  console.log(`\n${title}`);
  const groups: Array<[string, Run['verdicts']]> = [['all', r.verdicts], ...(['ja', 'ja-x-easy', 'en'] as const).map((l) => [l, r.verdicts.filter((v) => v.q.lang === l)] as [string, Run['verdicts']])];
  console.log('  set        n    correct@top  among cands  wrongly ans.  unanswered   (of answerable: top / top+cands; of none-expected: kept silent)');
  for (const [name, vs] of groups) {
    const n = vs.length;
    const answerable = vs.filter((v) => v.q.expect !== null);
    const none = vs.filter((v) => v.q.expect === null);
    const count = (k: Verdict, xs = vs) => xs.filter((v) => v.v === k).length;
    // "Among candidates" counts the right entry at the top or among the candidates offered.
    const among = count('top') + count('candidate');
    const unanswered = vs.filter((v) => v.d.kind !== 'answer').length - count('candidate');
    console.log(
      `  ${name.padEnd(10)} ${String(n).padStart(4)}   ${pct(count('top'), n).padStart(9)}   ${pct(among, n).padStart(9)}   ${pct(count('wrong'), n).padStart(10)}   ${pct(unanswered, n).padStart(9)}   (${pct(count('top', answerable), answerable.length)} / ${pct(count('top', answerable) + count('candidate', answerable), answerable.length)}; ${pct(none.filter((v) => v.d.kind !== 'answer').length, none.length)})`,
    );
  }
  console.log(`  match time per question: median ${percentile(r.ms, 50).toFixed(3)} ms, p95 ${percentile(r.ms, 95).toFixed(3)} ms, max ${Math.max(...r.ms).toFixed(3)} ms`);
}

const t0 = performance.now();
const tokenizer = await kuromojiTokenizer();
const tokenizerMs = performance.now() - t0;
const t1 = performance.now();
const index = new FaqIndex(entries, tokenizer, [profile.faq.synonyms]);
const indexMs = performance.now() - t1;
const floorIndex = new FaqIndex(entries, noAnalyser, [profile.faq.synonyms]);

const full = run(index);
const floor = run(floorIndex);
const normMs = questions.map((q) => {
  const s = performance.now();
  normalizeText(q.q);
  return performance.now() - s;
});

console.log(`FAQ bench: ${questions.length} questions from ${path.relative(PROJECT_ROOT, setPath)} (${questions.filter((q) => q.expect === null).length} expecting no answer), ${entries.length} entries, ${profile.faq.synonyms.length} profile synonyms`);
console.log(`kuromoji built in ${tokenizerMs.toFixed(0)} ms; index built in ${indexMs.toFixed(0)} ms`);
report('Matcher (kuromoji words + bigrams + reading bigrams, BM25):', full);
report('Floor (normalisation + character bigrams, no analyser):', floor);
console.log(`\nNormalisation alone: median ${percentile(normMs, 50).toFixed(3)} ms, p95 ${percentile(normMs, 95).toFixed(3)} ms per question`);

// In LINE a message that names a menu item opens it before any matching: how many of the set that would be.
const labels = MENU_SECTIONS.map((section) => ({
  section,
  labels: (['ja', 'ja-x-easy', 'en'] as const).map((l) => (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'locales', l, 'menu.json'), 'utf8')) as { section: Record<string, string> }).section[section] ?? ''),
}));
const words = menuWords(labels);
const opened = questions.flatMap((q) => {
  const section = sectionNamed(q.q, words);
  return section ? [{ q, section, fits: q.expect !== null && entries.find((e) => e.id === q.expect)?.startsWith === `menu=${section}` }] : [];
});
console.log(`\nMenu words: ${opened.length} of ${questions.length} questions name a menu item and would open it in LINE before matching (${opened.filter((o) => o.fits).length} of them the section their expected entry leads to).`);

if (process.argv.includes('--misses')) {
  console.log('\nMisses (matcher):');
  for (const { q, v, d } of full.verdicts) {
    if (v === 'top') continue;
    const got = d.kind === 'answer' ? d.entryId : d.kind === 'candidates' ? d.candidates.map((c) => `${c.entryId}:${c.score.toFixed(2)}`).join(',') : `none(${d.best?.entryId ?? '-'}:${d.best?.score.toFixed(2) ?? '-'})`;
    console.log(`  [${v}] ${q.q} → expected ${q.expect ?? 'none'}, got ${got}`);
  }
}
