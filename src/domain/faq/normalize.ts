/**
 * Normalisation of residents' free questions and of FAQ question forms, so both are compared in one form: NFKC
 * (full-width letters and digits, half-width katakana), lower case, katakana as hiragana, long-vowel marks and
 * small variant spellings folded, punctuation as spaces, and the common variant writings of one word as one
 * (車イス / 車椅子 / 車いす → 車いす). Pure.
 */

/** Variant writings folded into one, applied after NFKC and kana folding (longest first, so 車椅子 wins over 椅子). */
export const VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['車椅子', '車いす'],
  ['くるま椅子', '車いす'],
  ['椅子', 'いす'],
  ['子供', '子ども'],
  ['こども', '子ども'],
  ['障害', '障がい'],
  ['障碍', '障がい'],
  ['申し込み', '申込'],
  ['申込み', '申込'],
  ['申し込む', '申込む'],
  ['問い合わせ', '問合せ'],
  ['問合わせ', '問合せ'],
  ['受け付け', '受付'],
  ['貸し出し', '貸出'],
  ['貸出し', '貸出'],
  ['手続き', '手続'],
  ['寄附', '寄付'],
  ['e-mail', 'email'],
];

const PUNCTUATION = /[\p{P}\p{S}\s]+/gu;
const KATAKANA = /[\u30a1-\u30f6]/g;
/** A long-vowel mark after kana is dropped (コンピューター / コンピュータ, らーめん / らめん): both sides lose it. */
const LONG_VOWEL = /([\u3041-\u3096\u30a1-\u30fa])[ー〜～]+/gu;

/** Katakana as hiragana (ボランティア → ぼらんてぃあ). */
export function toHiragana(text: string): string {
  return text.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Width, case and punctuation folded, without the kana folding (what the tokenizer reads best). */
export function foldWidth(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(PUNCTUATION, ' ').trim();
}

/**
 * The text in its matching form: width and case folded, katakana as hiragana, long vowels dropped, variant
 * writings as one, punctuation as single spaces.
 */
export function normalizeText(text: string): string {
  let t = toHiragana(foldWidth(text)).replace(LONG_VOWEL, '$1');
  for (const [from, to] of VARIANTS) t = t.split(toHiragana(from)).join(toHiragana(to));
  return t.replace(/\s+/g, ' ').trim();
}

/** True when `text` has Japanese script (kana or kanji). */
export function hasJapanese(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/u.test(text);
}
