/**
 * The やさしい日本語 checker: where a notice breaks the national guideline (在留支援のためのやさしい日本語
 * ガイドライン, 2020), with offsets for underlining, a score, and readings added on request. Pure and
 * browser-safe: the caller passes the `Tokenizer` (src/infra/kuromoji-tokenizer.ts on the server).
 */
export { checkEasyJapanese } from './check';
export { addReadings, type ReadingScope } from './add-readings';
export { easyJapaneseScore, RULE_WEIGHTS } from './score';
export { MAX_SENTENCE_CHARS, MAX_CLAUSE_JOINTS } from './rules/long-sentence';
export { MAX_KANJI_SHARE } from './rules/kanji-density';
export { EASY_JAPANESE_RULES, type EasyJapaneseFinding, type EasyJapaneseOptions, type EasyJapaneseReport, type EasyJapaneseRule } from './types';
export { RULE_NAMES } from './data/messages';
