/**
 * The shared first pass of the checker: readings already written in brackets are taken out (so the tokenizer and
 * the sentence splitter see plain text), the morphemes are placed at their offsets, and the text is cut into
 * sentences. Every rule works on this plain text; `toOriginal` maps its offsets back to the text as given. Pure.
 */
import type { Morpheme, Tokenizer } from '../faq/tokenizer';
import { isHiragana, isKanji, isKatakana } from './script';

/** A morpheme with its UTF-16 offsets in the plain text. */
export interface PlacedMorpheme extends Morpheme {
  start: number;
  end: number;
}

/** A span of the plain text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** The text prepared for the rules. */
export interface Analysis {
  original: string;
  /** The text without its reading brackets. */
  plain: string;
  /** For each plain offset (and plain.length), the offset in the original text. */
  toOriginal: number[];
  /** Plain offsets right after which the original had a reading in brackets (`漢字(かんじ)`: the offset after 字). */
  readingAt: ReadonlySet<number>;
  morphemes: PlacedMorpheme[];
  sentences: Span[];
}

/**
 * A reading in brackets: kana only (hiragana, katakana, ー), in ASCII or full-width brackets, right after a kanji or
 * a kana letter (okurigana, as in 取り扱い(とりあつかい)).
 */
const READING = /[(（]([\u3041-\u3096\u30a1-\u30fa\u30fc]+)[)）]/gu;

/** Takes the readings out of `text`: the plain text, the offset map, and where the readings were. */
export function stripReadings(text: string): { plain: string; toOriginal: number[]; readingAt: Set<number> } {
  const toOriginal: number[] = [];
  const readingAt = new Set<number>();
  let plain = '';
  let from = 0;
  for (const m of text.matchAll(READING)) {
    const at = m.index;
    const before = at > 0 ? text.slice(Math.max(0, at - 2), at) : '';
    const prev = [...before].at(-1) ?? '';
    if (!(isKanji(prev) || prev === '々' || isHiragana(prev) || isKatakana(prev))) continue;
    for (let i = from; i < at; i++) toOriginal.push(i);
    plain += text.slice(from, at);
    readingAt.add(plain.length);
    from = at + m[0].length;
  }
  for (let i = from; i < text.length; i++) toOriginal.push(i);
  plain += text.slice(from);
  toOriginal.push(text.length);
  return { plain, toOriginal, readingAt };
}

/**
 * Places each morpheme at its offset. The analyser's surfaces follow the text in order; whatever it skipped
 * (spaces, on some builds) is stepped over by searching forward.
 */
export function placeMorphemes(plain: string, morphemes: readonly Morpheme[]): PlacedMorpheme[] {
  const placed: PlacedMorpheme[] = [];
  let at = 0;
  for (const m of morphemes) {
    if (m.surface === '') continue;
    const start = plain.startsWith(m.surface, at) ? at : plain.indexOf(m.surface, at);
    if (start < 0) continue;
    placed.push({ ...m, start, end: start + m.surface.length });
    at = start + m.surface.length;
  }
  return placed;
}

const OPEN = '「『（(【〔［[';
const CLOSE = '」』）)】〕］]';
const END = '。．！？!?';

/**
 * Cuts the plain text into sentences: after 。．！？!? (and any that follow at once) outside brackets and quotes,
 * and at line breaks. Leading and trailing spaces are not part of a sentence; empty ones are dropped.
 */
export function splitSentences(plain: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let depth = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/u.test(plain[s] as string)) s++;
    while (e > s && /\s/u.test(plain[e - 1] as string)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = 0; i < plain.length; i++) {
    const c = plain[i] as string;
    if (c === '\n' || c === '\r') {
      push(i);
      start = i + 1;
      depth = 0;
    } else if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && END.includes(c)) {
      let j = i + 1;
      while (j < plain.length && END.includes(plain[j] as string)) j++;
      push(j);
      start = j;
      i = j - 1;
    }
  }
  push(plain.length);
  return spans;
}

/** Prepares `text` for the rules with `tokenizer`. */
export function analyse(text: string, tokenizer: Tokenizer): Analysis {
  const { plain, toOriginal, readingAt } = stripReadings(text);
  return { original: text, plain, toOriginal, readingAt, morphemes: placeMorphemes(plain, tokenizer.tokenize(plain)), sentences: splitSentences(plain) };
}

/** The original offsets of a plain span: from its first character to just after its last. */
export function originalSpan(a: Analysis, span: Span): Span {
  if (span.end <= span.start) return { start: a.toOriginal[span.start] as number, end: a.toOriginal[span.start] as number };
  return { start: a.toOriginal[span.start] as number, end: (a.toOriginal[span.end - 1] as number) + 1 };
}

/** The morphemes inside a span. */
export function morphemesIn(a: Analysis, span: Span): PlacedMorpheme[] {
  return a.morphemes.filter((m) => m.start >= span.start && m.end <= span.end);
}

/**
 * Which morphemes a written reading covers: the morpheme that ends where a reading begins (or has one inside it,
 * as in 申(もう)し込(こ)み), and the all-kanji morphemes right before it in the same compound (社会福祉協議会(…)
 * is four morphemes under one reading). Returns the indexes of the covered morphemes.
 */
export function morphemesWithReading(a: Analysis): Set<number> {
  const covered = new Set<number>();
  const ms = a.morphemes;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i] as PlacedMorpheme;
    let read = false;
    for (let p = m.start + 1; p <= m.end && !read; p++) read = a.readingAt.has(p);
    if (!read) continue;
    covered.add(i);
    for (let j = i - 1; j >= 0; j--) {
      const prev = ms[j] as PlacedMorpheme;
      const next = ms[j + 1] as PlacedMorpheme;
      if (prev.end !== next.start || ![...prev.surface].every((c) => isKanji(c) || c === '々') || a.readingAt.has(prev.end)) break;
      covered.add(j);
    }
  }
  return covered;
}
