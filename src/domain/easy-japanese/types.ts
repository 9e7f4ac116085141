/** The result types of the やさしい日本語 checker. Pure data, safe to send to a browser as JSON. */

/** The rules the checker applies, one code per guideline point it can check reliably. */
export const EASY_JAPANESE_RULES = [
  'longSentence',
  'kanjiWithoutReading',
  'kanjiDensity',
  'honorific',
  'doubleNegative',
  'katakanaLoanword',
  'difficultWord',
] as const;

/** One rule's code. */
export type EasyJapaneseRule = (typeof EASY_JAPANESE_RULES)[number];

/**
 * One place where the text breaks the guideline. `start`/`end` are UTF-16 offsets into the text as given (readings
 * in brackets included), so a page can underline `text.slice(start, end)`, which is `excerpt`.
 */
export interface EasyJapaneseFinding {
  rule: EasyJapaneseRule;
  start: number;
  end: number;
  excerpt: string;
  /** A short explanation for staff, in plain Japanese. */
  message: string;
  /** A replacement or a piece of advice, when there is one. */
  suggestion?: string;
}

/** What the checker says about one text. */
export interface EasyJapaneseReport {
  /** In text order (by start, then by rule order). */
  findings: EasyJapaneseFinding[];
  /** 0–100: 100 with no findings; see `easyJapaneseScore`. */
  score: number;
  /** How many sentences, and the length of the longest (characters as counted by `longSentence`). */
  sentences: { count: number; longest: number };
}

/** Limits a caller may tighten or loosen; every field has a documented default. */
export interface EasyJapaneseOptions {
  /** The rules to apply (default: all). */
  rules?: readonly EasyJapaneseRule[];
  /** Characters a sentence may have before `longSentence` fires (default `MAX_SENTENCE_CHARS`). */
  maxSentenceChars?: number;
  /** Clause joints a sentence may have before `longSentence` fires (default `MAX_CLAUSE_JOINTS`). */
  maxClauseJoints?: number;
  /** The share of kanji without a reading above which `kanjiDensity` fires (default `MAX_KANJI_SHARE`). */
  maxKanjiShare?: number;
}
