/** The languages the bot speaks, named as staff read them on the console's pages. */
import { LANGUAGE_INFO, LANGUAGES, type Language } from '../../domain/language';

export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = Object.fromEntries(LANGUAGES.map((l) => [l, LANGUAGE_INFO[l].staffName])) as Record<Language, string>;
