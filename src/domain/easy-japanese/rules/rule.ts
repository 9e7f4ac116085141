/** The shape every rule shares. */
import type { Analysis } from '../analysis';
import type { EasyJapaneseRule } from '../types';

/** The options with every default filled in. */
export interface CheckLimits {
  maxSentenceChars: number;
  maxClauseJoints: number;
  maxKanjiShare: number;
}

/** What a rule sees: the analysed text, the limits, and which morphemes carry a written reading. */
export interface RuleInput {
  analysis: Analysis;
  limits: CheckLimits;
  /** Indexes into `analysis.morphemes` of the morphemes a bracketed reading covers. */
  withReading: ReadonlySet<number>;
}

/** A finding in plain-text offsets, before it is mapped back to the text as given. */
export interface PlainFinding {
  rule: EasyJapaneseRule;
  start: number;
  end: number;
  message: string;
  suggestion?: string;
}

/** A rule: pure, from the analysed text to its findings. */
export type Rule = (input: RuleInput) => PlainFinding[];
