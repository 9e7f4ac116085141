/**
 * How many recipients of a send read each language, and which text each of them gets (their own, or the fallback
 * `staffTextFor` picks: やさしい日本語, then 日本語): for the confirmation page (who a send would reach now) and the
 * list (who a started send went to). Pure.
 */
import { isLanguage, LANGUAGES, staffTextFor, type Language, type TextsByLanguage } from '../../domain/language';
import { LANGUAGE_NAMES } from '../shared/language-names';

/** Recipients per language code (a stored code this build does not know is kept as it is). */
export type LanguageCounts = ReadonlyMap<string, number>;

/** One send's recipients per language as sent, and its texts (null when its stored content cannot be read). */
export interface SentLanguages {
  counts: LanguageCounts;
  texts: TextsByLanguage | null;
}

/** Recipients counted by their language. */
export function countByLanguage(recipients: ReadonlyArray<{ language: Language }>): Map<Language, number> {
  const counts = new Map<Language, number>();
  for (const r of recipients) counts.set(r.language, (counts.get(r.language) ?? 0) + 1);
  return counts;
}

/** Every recipient counted. */
export function totalOf(counts: LanguageCounts): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** The languages with at least one recipient, in the bot's order, then any unknown code. */
function present(counts: LanguageCounts): Array<[string, number]> {
  const known = LANGUAGES.filter((l) => (counts.get(l) ?? 0) > 0).map((l): [string, number] => [l, counts.get(l)!]);
  const unknown = [...counts].filter(([l, n]) => !isLanguage(l) && n > 0);
  return [...known, ...unknown];
}

const nameOf = (code: string) => (isLanguage(code) ? LANGUAGE_NAMES[code] : code);

/** The language whose text a reader of `code` gets; null when that cannot be told (no texts, unknown code). */
function textFrom(code: string, texts: TextsByLanguage | null): Language | null {
  return texts && isLanguage(code) ? staffTextFor(texts, code).from : null;
}

/** One row of the confirmation page's table. */
export interface LanguageRowView {
  language: string;
  count: number;
  /** Which text they get, e.g. 「ベトナム語の本文」 or 「やさしい日本語で(ベトナム語の本文がないため)」. */
  text: string;
}

/** The confirmation page's table: each language with at least one recipient, how many, and which text they get. */
export function languageRows(counts: LanguageCounts, texts: TextsByLanguage): LanguageRowView[] {
  return present(counts).map(([code, count]) => {
    const from = textFrom(code, texts) ?? 'ja';
    return { language: nameOf(code), count, text: from === code ? `${nameOf(code)}の本文` : `${LANGUAGE_NAMES[from]}で(${nameOf(code)}の本文がないため)` };
  });
}

/**
 * A started send's recipients per language in one line, e.g.
 * 「日本語 120人・やさしい日本語 8人(本文)・ベトナム語 5人(やさしい日本語で)」: a language other than Japanese that had its
 * own text is marked (本文), one that got another language's text says which. Null when nobody was sent to.
 */
export function sentLine(sent: SentLanguages): string | null {
  const parts = present(sent.counts).map(([code, count]) => {
    const from = textFrom(code, sent.texts);
    const note = code === 'ja' || from === null ? '' : from === code ? '(本文)' : `(${LANGUAGE_NAMES[from]}で)`;
    return `${nameOf(code)} ${count}人${note}`;
  });
  return parts.length ? parts.join('・') : null;
}
