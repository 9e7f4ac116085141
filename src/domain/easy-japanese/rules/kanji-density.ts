/**
 * kanjiDensity: a sentence where kanji without a reading make up too large a share of its letters.
 *
 * The guideline asks to keep kanji few and to give readings (漢字の量に注意し、ふりがなをつける). A kanji with its
 * reading in brackets does not count: the reader no longer has to know it (the guideline's own example is
 * 住民税(じゅうみんぜい)を払(はら)います). Letters are kanji, kana, Latin letters and digits; punctuation and
 * spaces are not. The share limit is 50%: ordinary notices run well above it (本日の会議は市民会館で開催します:
 * 10 of 16), easy ones below. Sentences of fewer than 10 letters are left alone: a heading like 会場は市民会館です
 * is all names, and a share over so few letters says little.
 */
import { MESSAGES } from '../data/messages';
import { isKanji, isLetter } from '../script';
import type { PlainFinding, Rule } from './rule';

/** The share of kanji (without a reading) above which a sentence fires. */
export const MAX_KANJI_SHARE = 0.5;

/** Sentences with fewer letters than this are not measured. */
export const MIN_LETTERS_FOR_DENSITY = 10;

/** The kanjiDensity rule, as the file comment describes: its findings in plain-text offsets. */
export const kanjiDensity: Rule = ({ analysis: a, limits, withReading }) => {
  // Plain offsets of kanji that a written reading covers.
  const read = new Set<number>();
  for (const i of withReading) {
    const m = a.morphemes[i];
    if (m) for (let p = m.start; p < m.end; p++) read.add(p);
  }
  const findings: PlainFinding[] = [];
  for (const s of a.sentences) {
    let letters = 0;
    let kanji = 0;
    for (let p = s.start; p < s.end; ) {
      const c = String.fromCodePoint(a.plain.codePointAt(p) as number);
      if (isLetter(c)) letters++;
      if (isKanji(c) && !read.has(p)) kanji++;
      p += c.length;
    }
    if (letters < MIN_LETTERS_FOR_DENSITY || kanji / letters <= limits.maxKanjiShare) continue;
    findings.push({ rule: 'kanjiDensity', ...s, message: MESSAGES.kanjiDensity(Math.round((100 * kanji) / letters)), suggestion: 'ひらがなで書けることばはひらがなにしましょう。' });
  }
  return findings;
};
