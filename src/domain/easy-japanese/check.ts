/** The やさしい日本語 checker: runs every rule over one text and scores it. Pure; the tokenizer is passed in. */
import type { Tokenizer } from '../faq/tokenizer';
import { analyse, morphemesWithReading, originalSpan } from './analysis';
import { difficultWord } from './rules/difficult-word';
import { doubleNegative } from './rules/double-negative';
import { honorific } from './rules/honorific';
import { kanjiDensity, MAX_KANJI_SHARE } from './rules/kanji-density';
import { kanjiWithoutReading } from './rules/kanji-without-reading';
import { katakanaLoanword } from './rules/katakana-loanword';
import { longSentence, MAX_CLAUSE_JOINTS, MAX_SENTENCE_CHARS, sentenceLength } from './rules/long-sentence';
import type { Rule } from './rules/rule';
import { easyJapaneseScore } from './score';
import { EASY_JAPANESE_RULES, type EasyJapaneseFinding, type EasyJapaneseOptions, type EasyJapaneseReport, type EasyJapaneseRule } from './types';

const RULES: Record<EasyJapaneseRule, Rule> = { longSentence, kanjiWithoutReading, kanjiDensity, honorific, doubleNegative, katakanaLoanword, difficultWord };

/**
 * Checks `text` against the やさしい日本語 guideline. Findings carry offsets into `text` as given; readings
 * already written in brackets (`漢字(かんじ)`) count as readings and do not disturb sentences. Never throws on
 * any string; an empty text has no sentences and scores 100.
 */
export function checkEasyJapanese(text: string, tokenizer: Tokenizer, options: EasyJapaneseOptions = {}): EasyJapaneseReport {
  const analysis = analyse(text, tokenizer);
  const input = {
    analysis,
    limits: {
      maxSentenceChars: options.maxSentenceChars ?? MAX_SENTENCE_CHARS,
      maxClauseJoints: options.maxClauseJoints ?? MAX_CLAUSE_JOINTS,
      maxKanjiShare: options.maxKanjiShare ?? MAX_KANJI_SHARE,
    },
    withReading: morphemesWithReading(analysis),
  };
  const order = (rule: EasyJapaneseRule) => EASY_JAPANESE_RULES.indexOf(rule);
  const findings: EasyJapaneseFinding[] = (options.rules ?? EASY_JAPANESE_RULES)
    .flatMap((rule) => RULES[rule](input))
    .map((f) => {
      const { start, end } = originalSpan(analysis, f);
      return { rule: f.rule, start, end, excerpt: text.slice(start, end), message: f.message, ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}) };
    })
    .sort((x, y) => x.start - y.start || order(x.rule) - order(y.rule));
  const lengths = analysis.sentences.map((s) => sentenceLength(analysis.plain.slice(s.start, s.end)));
  return {
    findings,
    score: easyJapaneseScore(findings, lengths.length),
    sentences: { count: lengths.length, longest: Math.max(0, ...lengths) },
  };
}
