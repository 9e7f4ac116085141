/**
 * Adds readings to a text in the form LINE can show: each kanji word followed by its hiragana reading in brackets,
 * okurigana outside (申し込み → 申(もう)し込(こ)み, 社会福祉協議会 → 社会福祉協議会(しゃかいふくしきょうぎかい)).
 * Pure; the tokenizer is passed in.
 */
import type { Tokenizer } from '../faq/tokenizer';
import { analyse, morphemesWithReading } from './analysis';
import { readingUnits, unitWithReading } from './readings';
import { hasUncommonKanji } from './rules/kanji-without-reading';

/** Which words get a reading: every kanji word, or only words with a kanji outside the 常用漢字. */
export type ReadingScope = 'all' | 'beyondCommon';

/**
 * `text` with readings added to the kanji words `which` selects. Words that already have a reading in brackets
 * are left alone, and so are words the tokenizer has no reading for. The brackets are ASCII `(` `)` unless the text
 * already uses full-width ones. Idempotent: a second run adds nothing.
 */
export function addReadings(text: string, tokenizer: Tokenizer, which: ReadingScope): string {
  const a = analyse(text, tokenizer);
  const withReading = morphemesWithReading(a);
  const fullWidth = text.includes('（') && !text.includes('(');
  const [open, close] = fullWidth ? ['（', '）'] : ['(', ')'];
  let out = '';
  let copied = 0; // original offset copied up to
  let plainDone = 0; // plain offset already handled
  for (const unit of readingUnits(a.morphemes)) {
    if (unit.start < plainDone || unit.indexes.some((i) => withReading.has(i))) continue;
    if (which === 'beyondCommon' && !hasUncommonKanji(a.plain.slice(unit.start, unit.end))) continue;
    const ruby = unitWithReading(unit, a.morphemes, a.plain, open, close);
    if (!ruby || ruby.start < plainDone) continue;
    // A reading written inside the span (only possible when it reaches back over a number) leaves it alone.
    if ([...a.readingAt].some((p) => p > ruby.start && p < ruby.end)) continue;
    const from = a.toOriginal[ruby.start] as number;
    const to = (a.toOriginal[ruby.end - 1] as number) + 1;
    out += text.slice(copied, from) + ruby.text;
    copied = to;
    plainDone = ruby.end;
  }
  return out + text.slice(copied);
}
