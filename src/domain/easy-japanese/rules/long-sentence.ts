/**
 * longSentence: a sentence over a length limit, or one that strings many clauses together.
 *
 * The guideline asks for short sentences that say one thing each (一文を短く, 一文一義) but gives no number. Its
 * rewrite examples run about 20–30 characters a sentence (結婚をするときは、役所に「婚姻届」を出します。 is 23);
 * a notice also has to carry a date, a time and a place, which add ten or so. So the limit is 40 characters (not
 * counting spaces or readings in brackets): past it, the sentences we wrote for the fixture carry two things or
 * more. Callers can change it (`maxSentenceChars`).
 *
 * Clauses: a sentence also fires when it has more than `maxClauseJoints` (default 2) joints between clauses, i.e.
 * four clauses or more. A joint is a conjunctive particle that ends a clause (が, けれど, ので, から, のに, ば, と,
 * ながら, し, たら), or a て/で, verb or adjective followed by 、 (連用中止). A bare て/で without 、 is not counted:
 * it is mostly 〜てください, 〜ています, which do not make a new clause. Both checks give at most one finding per
 * sentence, over the whole sentence.
 */
import { morphemesIn, type PlacedMorpheme } from '../analysis';
import { MESSAGES } from '../data/messages';
import type { PlainFinding, Rule } from './rule';

/** Characters (spaces and bracketed readings left out) a sentence may have. See the file comment for why 40. */
export const MAX_SENTENCE_CHARS = 40;

/** Clause joints a sentence may have: two joints (three clauses) pass, the third fires. */
export const MAX_CLAUSE_JOINTS = 2;

/** Conjunctive particles that end a clause; て/で and と-as-quote are handled apart. */
const CLAUSE_PARTICLES = new Set(['が', 'けれど', 'けれども', 'けど', 'ので', 'から', 'のに', 'ば', 'と', 'ながら', 'し', 'たら', 'だら', 'ても', 'でも']);

/** The length `longSentence` measures: code points other than whitespace. */
export function sentenceLength(text: string): number {
  return [...text].filter((c) => !/\s/u.test(c)).length;
}

/** How many clause joints the morphemes of one sentence have. */
export function clauseJoints(ms: readonly PlacedMorpheme[]): number {
  let joints = 0;
  for (let i = 0; i < ms.length - 1; i++) {
    const m = ms[i] as PlacedMorpheme;
    const next = ms[i + 1] as PlacedMorpheme;
    const comma = next.surface === '、' || next.surface === '，' || next.surface === ',';
    if (m.pos === '助詞' && m.posDetail === '接続助詞') {
      if (m.surface === 'て' || m.surface === 'で') joints += comma ? 1 : 0;
      else if (CLAUSE_PARTICLES.has(m.surface)) joints++;
    } else if (m.pos === '助動詞' && (m.surface === 'たら' || m.surface === 'だら')) joints++;
    else if (comma && (m.pos === '動詞' || m.pos === '形容詞') && !/[るた]$/u.test(m.surface)) joints++;
  }
  return joints;
}

/** The longSentence rule, as the file comment describes: its findings in plain-text offsets. */
export const longSentence: Rule = ({ analysis: a, limits }) => {
  const findings: PlainFinding[] = [];
  for (const s of a.sentences) {
    const chars = sentenceLength(a.plain.slice(s.start, s.end));
    const joints = clauseJoints(morphemesIn(a, s));
    if (chars > limits.maxSentenceChars) {
      findings.push({ rule: 'longSentence', ...s, message: MESSAGES.longSentence(chars, limits.maxSentenceChars), suggestion: '文を2つ以上に分けましょう。' });
    } else if (joints > limits.maxClauseJoints) {
      findings.push({ rule: 'longSentence', ...s, message: MESSAGES.manyClauses(joints), suggestion: '「。」で文を分けましょう。' });
    }
  }
  return findings;
};
