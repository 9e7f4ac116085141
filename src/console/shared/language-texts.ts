/**
 * Staff-written texts in the languages beyond the three every form has its own fields for (Japanese, easy Japanese,
 * English): one optional field per language, named `<prefix>_<language>` (`text_vi`), drawn by the shell's view
 * `moreLanguages.eta` folded under 「ほかのことば」. A reader whose language has no text gets easy Japanese, then
 * Japanese, with a line in their language saying so (`staffTextFor`, `staffTextNote`).
 */
import { LANGUAGES, type Language } from '../../domain/language';
import { LANGUAGE_NAMES } from './language-names';

/** The languages with no field of their own on the forms, in the order residents' chips show them. */
export const MORE_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => l !== 'ja' && l !== 'ja-x-easy' && l !== 'en');

/** The form field holding `lang`'s text under `prefix`. */
export const moreField = (prefix: string, lang: Language): string => `${prefix}_${lang}`;

/** A textarea's value with its line breaks as one character each, as the browser counted them against `maxlength`. */
const normalised = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');

/** The texts posted in the more languages (empty ones left out), or the first that is too long, in Japanese. */
export function readMoreLanguages(body: Record<string, unknown>, prefix: string, max: number, what: string): { ok: true; texts: Partial<Record<Language, string>> } | { ok: false; error: string } {
  const texts: Partial<Record<Language, string>> = {};
  for (const lang of MORE_LANGUAGES) {
    const value = normalised(body[moreField(prefix, lang)]);
    if (value.length > max) return { ok: false, error: `${what}(${LANGUAGE_NAMES[lang]})は${max}文字までにしてください` };
    if (value) texts[lang] = value;
  }
  return { ok: true, texts };
}

/** A language of the more-language fields, as the view `moreLanguages.eta` names its field and label. */
export interface MoreLanguage {
  code: Language;
  /** Its name for staff (ベトナム語). */
  label: string;
}

export const MORE_LANGUAGE_CHOICES: readonly MoreLanguage[] = MORE_LANGUAGES.map((code) => ({ code, label: LANGUAGE_NAMES[code] }));

/** A stored text's more languages as form values (`{ text_vi: … }`), to fill a form that edits it. */
export function moreLanguageValues(prefix: string, text: Partial<Record<Language, string>>): Record<string, string> {
  return Object.fromEntries(MORE_LANGUAGES.flatMap((l) => (text[l] ? [[moreField(prefix, l), text[l]!]] : [])));
}
