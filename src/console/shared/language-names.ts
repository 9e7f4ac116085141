/** The languages the bot speaks, named as staff read them on the console's pages. */
import type { Language } from '../../domain/language';

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { ja: '日本語', 'ja-x-easy': 'やさしい日本語', en: '英語' };
