/** Character classes and kana conversion the rules share. Pure. */

/** A kanji (CJK ideograph) code point; 々 and 〆 are marks, not kanji, and are not included. */
export const isKanji = (c: string): boolean => /^\p{Script=Han}$/u.test(c) && c !== '々' && c !== '〆';

/** A hiragana letter (not ー). */
export const isHiragana = (c: string): boolean => /^[\u3041-\u3096\u309d\u309e]$/u.test(c);

/** A katakana letter or the long-vowel mark, full or half width. */
export const isKatakana = (c: string): boolean => /^[\u30a1-\u30fa\u30fc\u30fd\u30fe\uff66-\uff9f]$/u.test(c);

/** True when every character of `s` (at least one) is katakana, ー or ・. */
export const isKatakanaWord = (s: string): boolean => /^[\u30a1-\u30fa\u30fc\u30fb\uff66-\uff9f]+$/u.test(s);

/** Kanji, kana, Latin letters and digits: the characters counted as a sentence's letters. */
export const isLetter = (c: string): boolean => /^[\p{L}\p{N}々〆ー]$/u.test(c);

/** Katakana as hiragana (ボランティア → ぼらんてぃあ); everything else unchanged. */
export function toHiragana(s: string): string {
  return s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** True when `s` contains a kanji. */
export const hasKanji = (s: string): boolean => [...s].some(isKanji);
