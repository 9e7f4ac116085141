/**
 * kanjiWithoutReading: a word with a kanji outside the 常用漢字 and no reading in brackets after it. The word is
 * the morpheme, or the run of all-kanji morphemes it belongs to (one compound, one finding); the suggestion is the
 * word with its reading, from the tokenizer, when it knows one.
 */
import { MESSAGES } from '../data/messages';
import { JOYO_KANJI } from '../joyo-kanji';
import { readingUnits, unitWithReading } from '../readings';
import { isKanji } from '../script';
import type { PlainFinding, Rule } from './rule';

/** True when `s` has a kanji that is not a 常用漢字. */
export const hasUncommonKanji = (s: string): boolean => [...s].some((c) => isKanji(c) && !JOYO_KANJI.has(c));

/** The kanjiWithoutReading rule, as the file comment describes: its findings in plain-text offsets. */
export const kanjiWithoutReading: Rule = ({ analysis: a, withReading }) => {
  const findings: PlainFinding[] = [];
  for (const unit of readingUnits(a.morphemes)) {
    const surface = a.plain.slice(unit.start, unit.end);
    if (!hasUncommonKanji(surface)) continue;
    if (unit.indexes.some((i) => withReading.has(i))) continue;
    const ruby = unitWithReading(unit, a.morphemes, a.plain, '(', ')')?.text;
    findings.push({ rule: 'kanjiWithoutReading', start: unit.start, end: unit.end, message: MESSAGES.kanjiWithoutReading, ...(ruby ? { suggestion: ruby } : {}) });
  }
  return findings;
};
