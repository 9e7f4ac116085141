import { msg, type Msg } from './message-text';

/**
 * Languages the bot speaks. `ja-x-easy` is やさしい日本語 (easy Japanese), a BCP 47 private-use tag; the others are the
 * languages of the largest groups of foreign residents (Chinese in simplified script, Korean, Vietnamese, Filipino,
 * Nepali, Brazilian Portuguese). Each has one file, `locales/<tag>.json`.
 */
export const LANGUAGES = ['ja', 'ja-x-easy', 'en', 'zh-Hans', 'ko', 'vi', 'fil', 'ne', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ja';

/** What the service knows of each language it speaks. */
export interface LanguageInfo {
  /** Its own name, as the language chip shows it to a resident who reads it. */
  endonym: string;
  /** Its name for staff, in Japanese (the console's pages). */
  staffName: string;
  /** The locale dates and numbers are written in (Intl). */
  intlLocale: string;
  /** Primary subtags of a LINE app language (BCP 47) that suggest this language to a new friend. */
  fromLineProfile: readonly string[];
  /** Where text staff wrote (announcements, events, answers) is read from when none is in this language, in order. */
  staffTextFallback: readonly Language[];
}

export const LANGUAGE_INFO: Readonly<Record<Language, LanguageInfo>> = {
  ja: { endonym: '日本語', staffName: '日本語', intlLocale: 'ja-JP', fromLineProfile: ['ja'], staffTextFallback: [] },
  'ja-x-easy': { endonym: 'やさしい にほんご', staffName: 'やさしい日本語', intlLocale: 'ja-JP', fromLineProfile: [], staffTextFallback: ['ja'] },
  en: { endonym: 'English', staffName: '英語', intlLocale: 'en-US', fromLineProfile: ['en'], staffTextFallback: ['ja-x-easy', 'ja'] },
  // LINE reports zh-Hans, zh-Hant (and zh-TW/zh-HK on older apps): simplified Chinese is nearer to both than English.
  'zh-Hans': { endonym: '中文(简体)', staffName: '中国語(簡体字)', intlLocale: 'zh-CN', fromLineProfile: ['zh'], staffTextFallback: ['ja-x-easy', 'ja'] },
  ko: { endonym: '한국어', staffName: '韓国語', intlLocale: 'ko-KR', fromLineProfile: ['ko'], staffTextFallback: ['ja-x-easy', 'ja'] },
  vi: { endonym: 'Tiếng Việt', staffName: 'ベトナム語', intlLocale: 'vi-VN', fromLineProfile: ['vi'], staffTextFallback: ['ja-x-easy', 'ja'] },
  // Filipino is standardised Tagalog; a phone set to Tagalog reports `tl`.
  fil: { endonym: 'Filipino', staffName: 'フィリピン語', intlLocale: 'fil-PH', fromLineProfile: ['fil', 'tl'], staffTextFallback: ['ja-x-easy', 'ja'] },
  ne: { endonym: 'नेपाली', staffName: 'ネパール語', intlLocale: 'ne-NP', fromLineProfile: ['ne'], staffTextFallback: ['ja-x-easy', 'ja'] },
  pt: { endonym: 'Português', staffName: 'ポルトガル語', intlLocale: 'pt-BR', fromLineProfile: ['pt'], staffTextFallback: ['ja-x-easy', 'ja'] },
};

/** True when `value` is one of the bot's languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a LINE profile language (BCP 47, may be absent) to the bot's language, by each language's
 * `fromLineProfile` subtags. No tag gives Japanese; a language the bot does not speak gives English, which foreign
 * residents are likelier to read than kanji-heavy Japanese.
 */
export function languageFromProfile(tag: string | undefined | null): Language {
  if (!tag) return DEFAULT_LANGUAGE;
  const primary = tag.toLowerCase().split('-')[0] ?? '';
  return LANGUAGES.find((l) => LANGUAGE_INFO[l].fromLineProfile.includes(primary)) ?? 'en';
}

/** Text staff wrote, in Japanese and any other of the bot's languages they added. */
export type TextsByLanguage = { ja: string } & { [L in Language]?: string | undefined };

/**
 * The one line telling a reader that what staff wrote is not in their language and which language it is in instead
 * (`from`, as `staffTextFor` gave it); null when it is in theirs.
 */
export function staffTextNote(language: Language, from: Language): Msg | null {
  if (from === language) return null;
  return msg(from === 'ja-x-easy' ? 'common:staffText.inEasy' : 'common:staffText.inJapanese');
}

/** The text staff wrote for `language`, else the first of its fallbacks that has one (Japanese is always there). */
export function staffTextFor(text: TextsByLanguage, language: Language): { text: string; from: Language } {
  for (const l of [language, ...LANGUAGE_INFO[language].staffTextFallback]) {
    const found = text[l]?.trim();
    if (found) return { text: found, from: l };
  }
  return { text: text.ja, from: 'ja' };
}
