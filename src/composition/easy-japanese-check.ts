/**
 * The server's やさしい日本語 check of a saved text: the domain checker over the process's kuromoji tokenizer (built
 * on first use and shared, see src/infra/kuromoji-tokenizer.ts). Console pages that save texts for residents show
 * its summary; it never refuses a save.
 */
import type { EasyJapaneseCheck } from '../console/shared/easy-japanese-summary';
import { checkEasyJapanese } from '../domain/easy-japanese';
import { kuromojiTokenizer } from '../infra/kuromoji-tokenizer';

export const easyJapaneseCheck: EasyJapaneseCheck = async (text) => checkEasyJapanese(text, await kuromojiTokenizer());
