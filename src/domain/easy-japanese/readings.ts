/**
 * Readings for kanji words, from the tokenizer's morphemes: which stretches of text take one bracketed reading
 * (reading units), and how a unit is written with its reading, okurigana outside the brackets. Shared by
 * `addReadings` and the suggestion of `kanjiWithoutReading`. Pure.
 */
import type { PlacedMorpheme } from './analysis';
import { COUNTER_READINGS, KANJI_NUMBER_WORDS } from './data/counter-readings';
import { isKanji, toHiragana } from './script';

/** A stretch of text that takes one reading: a compound of all-kanji morphemes, or one morpheme with kanji and kana. */
export interface ReadingUnit {
  start: number;
  end: number;
  /** Indexes into the morpheme list. */
  indexes: number[];
  morphemes: PlacedMorpheme[];
}

const isKanjiChar = (c: string) => isKanji(c) || c === '々';
const allKanji = (s: string) => s.length > 0 && [...s].every(isKanjiChar);
const anyKanji = (s: string) => [...s].some(isKanjiChar);

/** The reading units of a text's morphemes, in order. */
export function readingUnits(ms: readonly PlacedMorpheme[]): ReadingUnit[] {
  const units: ReadingUnit[] = [];
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i] as PlacedMorpheme;
    if (!anyKanji(m.surface)) continue;
    const unit: ReadingUnit = { start: m.start, end: m.end, indexes: [i], morphemes: [m] };
    if (allKanji(m.surface)) {
      while (i + 1 < ms.length && allKanji((ms[i + 1] as PlacedMorpheme).surface) && (ms[i + 1] as PlacedMorpheme).start === unit.end) {
        i++;
        unit.indexes.push(i);
        unit.morphemes.push(ms[i] as PlacedMorpheme);
        unit.end = (ms[i] as PlacedMorpheme).end;
      }
    }
    units.push(unit);
  }
  return units;
}

/** A morpheme's reading in hiragana, or null when the tokenizer has none usable. */
function hiraganaReading(m: PlacedMorpheme): string | null {
  if (!m.reading || m.reading === '*') return null;
  const r = toHiragana(m.reading);
  return /^[\u3041-\u3096ー]+$/u.test(r) ? r : null;
}

const DIGITS = /^[0-9０-９]+$/u;
const asNumber = (s: string) => Number(s.replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** The number written in digits right before morpheme `i` (２０日 comes as ２, ０, 日), with where it starts. */
function digitsBefore(ms: readonly PlacedMorpheme[], i: number): { n: number; start: number; afterMonth: boolean } | null {
  let j = i;
  let digits = '';
  while (j > 0) {
    const prev = ms[j - 1] as PlacedMorpheme;
    if (!DIGITS.test(prev.surface) || prev.end !== (ms[j] as PlacedMorpheme).start) break;
    digits = prev.surface + digits;
    j--;
  }
  if (!digits) return null;
  const start = (ms[j] as PlacedMorpheme).start;
  const before = ms[j - 1];
  return { n: asNumber(digits), start, afterMonth: !!before && before.end === start && /月$/u.test(before.surface) };
}

/**
 * The unit's reading as one hiragana string, with where the written word starts (before the unit when the reading
 * covers a number in digits: 2人 → ふたり from the 2). Null when a morpheme has no reading.
 */
export function unitReading(unit: ReadingUnit, all: readonly PlacedMorpheme[]): { reading: string; start: number } | null {
  let reading = '';
  let start = unit.start;
  for (let k = 0; k < unit.morphemes.length; k++) {
    const m = unit.morphemes[k] as PlacedMorpheme;
    const index = unit.indexes[k] as number;
    const prev = unit.morphemes[k - 1];
    const pair = prev ? KANJI_NUMBER_WORDS[prev.surface + m.surface] : undefined;
    if (pair !== undefined && prev) {
      // Replace the number's reading, already added, with the word's.
      const prevReading = hiraganaReading(prev);
      if (prevReading && reading.endsWith(prevReading)) {
        reading = reading.slice(0, reading.length - prevReading.length) + pair;
        continue;
      }
    }
    const counter = k === 0 ? COUNTER_READINGS[m.surface] : undefined;
    const number = counter ? digitsBefore(all, index) : null;
    if (counter && number) {
      const r = counter(number.n, number.afterMonth);
      if ('whole' in r) {
        start = number.start;
        reading += r.whole;
      } else reading += r.counter;
      continue;
    }
    const r = hiraganaReading(m);
    if (r === null) return null;
    reading += r;
  }
  return { reading, start };
}

/**
 * Matches a word's surface against its reading to put each kanji run's reading right after it, okurigana and
 * inner kana outside: 申し込み + もうしこみ → 申(もう)し込(こ)み. Null when the kana of the surface cannot be found
 * in the reading in order.
 */
export function splitReading(surface: string, reading: string, open: string, close: string): string | null {
  const parts = surface.match(/[\p{Script=Han}々]+|[^\p{Script=Han}々]+/gu) ?? [];
  if (parts.length === 1) return `${surface}${open}${reading}${close}`;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${parts.map((p) => (anyKanji(p) ? '(.+?)' : `(${escape(toHiragana(p))})`)).join('')}$`, 'u');
  const m = pattern.exec(reading);
  if (!m) return null;
  return parts.map((p, i) => (anyKanji(p) ? `${p}${open}${m[i + 1]}${close}` : p)).join('');
}

/**
 * The unit written with its reading in `open`/`close` brackets, and the plain span it replaces (wider than the unit
 * when the reading covers a number). Null when no reading is known.
 */
export function unitWithReading(unit: ReadingUnit, all: readonly PlacedMorpheme[], plain: string, open: string, close: string): { text: string; start: number; end: number } | null {
  const r = unitReading(unit, all);
  if (!r) return null;
  const surface = plain.slice(r.start, unit.end);
  if (r.start < unit.start) return { text: `${surface}${open}${r.reading}${close}`, start: r.start, end: unit.end };
  const text = splitReading(surface, r.reading, open, close);
  return text === null ? null : { text, start: r.start, end: unit.end };
}
