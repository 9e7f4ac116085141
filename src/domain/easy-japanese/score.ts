/**
 * The score of a text: 100 with no findings, falling as findings per sentence rise:
 *
 *   score = round(100 × e^(−0.5 × W / S))
 *
 * where W is the sum of the findings' weights (1 each; 0.5 for a katakana word, the mildest) and S the number of
 * sentences (at least 1). One full finding in a one-sentence text gives 61, one in five sentences 90, three per
 * sentence 22. Every weight is positive, so adding a finding never raises the score; it never reaches 0, so two
 * poor texts still compare.
 */
import type { EasyJapaneseFinding, EasyJapaneseRule } from './types';

/** How much one finding of each rule weighs in the score. */
export const RULE_WEIGHTS: Record<EasyJapaneseRule, number> = {
  longSentence: 1,
  kanjiWithoutReading: 1,
  kanjiDensity: 1,
  honorific: 1,
  doubleNegative: 1,
  katakanaLoanword: 0.5,
  difficultWord: 1,
};

/** How fast the score falls per weighted finding per sentence. */
const STEEPNESS = 0.5;

/** The score of `findings` over `sentenceCount` sentences (see the file comment). */
export function easyJapaneseScore(findings: readonly Pick<EasyJapaneseFinding, 'rule'>[], sentenceCount: number): number {
  const weight = findings.reduce((sum, f) => sum + RULE_WEIGHTS[f.rule], 0);
  return Math.round(100 * Math.exp((-STEEPNESS * weight) / Math.max(1, sentenceCount)));
}
