import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { DomainError } from '../../domain/errors';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../domain/language';
import { DEFAULT_NAMESPACE, messageKeySet, qualifiedKey, type LocaleFiles } from './locale-check';

/** Parameters interpolated into a message's `{{variables}}`. */
export type MessageParams = Record<string, string | number>;

/** Renders message keys (`namespace:key.path`, default namespace `common`) in a given language. */
export interface Translator {
  /** The message `key` in `lang`; falls back to Japanese, then to the key itself. */
  t(lang: Language, key: string, params?: MessageParams): string;
  /** A renderer fixed to one language, for rendering everything sent to one recipient. */
  forLanguage(lang: Language): (key: string, params?: MessageParams) => string;
  /** The languages the translator was built for. */
  languages: readonly Language[];
}

/** The message `key` in every language of `translator` (a button's labels, a notice's texts); `params` may differ by language. */
export function inEveryLanguage(translator: Translator, key: string, params?: MessageParams | ((lang: Language) => MessageParams)): { ja: string } & Partial<Record<Language, string>> {
  return Object.fromEntries(translator.languages.map((l) => [l, translator.t(l, key, typeof params === 'function' ? params(l) : params)])) as { ja: string };
}

/** Options for `createTranslator`. */
export interface TranslatorOptions {
  /** Called when `key` has no message in `lang` (the rendered text then falls back). Use it to log. */
  onMissingKey?(lang: Language, key: string): void;
}

/**
 * Reads `<localesDir>/<lang>.json` for every bot language, exactly as on disk: one file per language (what a
 * translator works on), its top-level keys the namespaces (`common`, `menu`, one per feature). A missing language
 * file gives no namespaces. Throws `DomainError('config.invalid')` when the folder is missing, a file is not valid
 * JSON, or its top level is not an object of namespaces.
 */
export function readLocaleFiles(localesDir: string): LocaleFiles {
  if (!existsSync(localesDir)) {
    throw new DomainError('config.invalid', `Locales directory not found: ${localesDir}`);
  }
  const files: LocaleFiles = {};
  for (const lang of LANGUAGES) {
    const path = join(localesDir, `${lang}.json`);
    if (!existsSync(path)) {
      files[lang] = {};
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new DomainError('config.invalid', `Locale file ${path}: ${(e as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new DomainError('config.invalid', `Locale file ${path}: expected an object of namespaces`);
    }
    files[lang] = parsed as Record<string, unknown>;
  }
  return files;
}

/**
 * Builds a translator over every locale file in `localesDir`, loaded synchronously at start-up.
 * Each language gets its own fixed `t` (never i18next's global one), so concurrent renders for
 * different recipients cannot leak languages into each other.
 */
export async function createTranslator(localesDir: string, options: TranslatorOptions = {}): Promise<Translator> {
  const files = readLocaleFiles(localesDir);
  const namespaces = [...new Set(Object.values(files).flatMap((ns) => Object.keys(ns)))];
  const instance = i18next.createInstance();
  await instance.init({
    resources: files as Record<string, Record<string, Record<string, unknown>>>,
    lng: DEFAULT_LANGUAGE,
    // A key missing in English or easy Japanese still shows something readable: the Japanese text.
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: namespaces.length > 0 ? namespaces : [DEFAULT_NAMESPACE],
    defaultNS: DEFAULT_NAMESPACE,
    // LINE text is plain text, not HTML: escaping would show `&amp;` to residents.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

  const fixed = new Map(LANGUAGES.map((lang) => [lang, instance.getFixedT(lang)] as const));
  const known = new Map(LANGUAGES.map((lang) => [lang, messageKeySet(files[lang] ?? {})] as const));
  const t = (lang: Language, key: string, params?: MessageParams): string => {
    if (options.onMissingKey && !known.get(lang)?.has(qualifiedKey(key))) options.onMissingKey(lang, key);
    const fixedT = fixed.get(lang) ?? instance.getFixedT(DEFAULT_LANGUAGE);
    // Params go under `replace` so a parameter named like an i18next option (`lng`, `ns`,
    // `defaultValue`) is interpolated instead of changing the lookup; `count` still drives plurals.
    // A nested `$t(…)` takes its options from `replace`: `lng` there keeps it in the recipient's language.
    const tOptions =
      params === undefined
        ? {}
        : typeof params.count === 'number'
          ? { replace: { ...params, lng: lang }, count: params.count }
          : { replace: { ...params, lng: lang } };
    return String(fixedT(key, tOptions));
  };

  return {
    t,
    forLanguage: (lang) => (key, params) => t(lang, key, params),
    languages: LANGUAGES,
  };
}
