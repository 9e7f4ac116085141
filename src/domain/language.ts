/** Languages the bot speaks. `ja-x-easy` is やさしい日本語 (easy Japanese), a BCP 47 private-use tag. */
export const LANGUAGES = ['ja', 'ja-x-easy', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ja';

/** True when `value` is one of the bot's languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a LINE profile language (BCP 47, may be absent) to the bot's language.
 * Japanese and unknown tags give Japanese; English gives English; other languages get English,
 * which foreign residents are likelier to read than kanji-heavy Japanese.
 */
export function languageFromProfile(tag: string | undefined | null): Language {
  if (!tag) return DEFAULT_LANGUAGE;
  const primary = tag.toLowerCase().split('-')[0];
  if (primary === 'ja') return 'ja';
  return 'en';
}
