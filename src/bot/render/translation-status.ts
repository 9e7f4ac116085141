/**
 * Where each language's translation stands against the Japanese source, for translators: keys it lacks, keys whose
 * Japanese changed since it was translated ("outdated"), keys Japanese no longer has, and keys translated without a
 * record of the Japanese they were translated from. Pure, over parsed locale files and the record
 * `locales/translated-from.json` (language → key → a fingerprint of the Japanese the translation was made from).
 * `npm run locales:report` prints it; `npm run locales:mark -- <language>` records the present Japanese once a
 * translator has brought the language up to date.
 */
import { createHash } from 'node:crypto';
import { flattenMessages, pluralBase, type LocaleFiles } from './locale-check';

/** Language → `namespace:key` (plural forms under their base key) → fingerprint of the Japanese. */
export type TranslatedFrom = Record<string, Record<string, string>>;

export interface TranslationStatus {
  language: string;
  /** Keys Japanese has and this language does not. */
  missing: string[];
  /** Keys whose Japanese changed since this language's text was recorded as translated from it. */
  outdated: Array<{ key: string; japanese: string; current: string }>;
  /** Keys this language has and Japanese does not (left over after a key was removed or renamed). */
  extra: string[];
  /** Keys translated with no record of the Japanese they came from (run locales:mark once they are checked). */
  unrecorded: string[];
}

/** Every message of a language by `namespace:key`, plural forms joined under their base key. */
export function messagesByKey(namespaces: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const [ns, tree] of Object.entries(namespaces)) {
    for (const [key, value] of flattenMessages(tree)) {
      const base = `${ns}:${pluralBase(key)}`;
      out.set(base, [...(out.get(base) ?? []), `${key}=${String(value)}`]);
    }
  }
  return new Map([...out].map(([k, forms]) => [k, forms.sort().join('\n')]));
}

/** A short fingerprint of a Japanese message (its plural forms included). */
export function fingerprint(japanese: string): string {
  return createHash('sha256').update(japanese).digest('hex').slice(0, 12);
}

/** Each language's status against Japanese (`ja`), in the order given. */
export function translationStatus(files: LocaleFiles, languages: readonly string[], recorded: TranslatedFrom): TranslationStatus[] {
  const ja = messagesByKey(files.ja ?? {});
  return languages
    .filter((l) => l !== 'ja')
    .map((language) => {
      const own = messagesByKey(files[language] ?? {});
      const marks = recorded[language] ?? {};
      const status: TranslationStatus = { language, missing: [], outdated: [], extra: [], unrecorded: [] };
      for (const [key, japanese] of ja) {
        if (!own.has(key)) status.missing.push(key);
        else if (marks[key] === undefined) status.unrecorded.push(key);
        else if (marks[key] !== fingerprint(japanese)) status.outdated.push({ key, japanese, current: own.get(key)! });
      }
      for (const key of own.keys()) if (!ja.has(key)) status.extra.push(key);
      return status;
    });
}

/** The record after marking `language`'s present keys (or only `keys`) as translated from today's Japanese. */
export function markTranslated(files: LocaleFiles, language: string, recorded: TranslatedFrom, keys?: readonly string[]): TranslatedFrom {
  const ja = messagesByKey(files.ja ?? {});
  const own = messagesByKey(files[language] ?? {});
  const marks = { ...(recorded[language] ?? {}) };
  for (const key of keys ?? [...own.keys()]) {
    const japanese = ja.get(key);
    if (japanese !== undefined && own.has(key)) marks[key] = fingerprint(japanese);
  }
  for (const key of Object.keys(marks)) if (!ja.has(key)) delete marks[key];
  const sorted = Object.fromEntries(Object.entries(marks).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...recorded, [language]: sorted };
}
