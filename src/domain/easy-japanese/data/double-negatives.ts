/**
 * The double negatives the guideline warns about (二重否定は使わない), and the obligation forms built from two
 * negatives (〜なければなりません), as patterns over the plain text, each with its plain rewrite. The first ない of
 * each must be the auxiliary or the adjective ない (the rule checks the morpheme), so 少なくはない does not match.
 */
export interface DoubleNegativePattern {
  pattern: RegExp;
  suggestion: string;
  /** An obligation (〜なければならない), explained with its own message. */
  obligation?: boolean;
}

const END = '(?:な(?:い|く|かった)|ありません|ありませんでした|ねえ)';

export const DOUBLE_NEGATIVES: readonly DoubleNegativePattern[] = [
  { pattern: new RegExp(`な(?:い|く)(?:こと|事)[はも]${END}`, 'gu'), suggestion: '〜することもあります' },
  { pattern: new RegExp(`なく[はも]${END}`, 'gu'), suggestion: '〜することもあります／少し〜です' },
  { pattern: new RegExp(`ない(?:わけ|訳)(?:では|じゃ)${END}`, 'gu'), suggestion: '〜することもあります' },
  { pattern: /ない(?:とは|とも)(?:限ら|限り|かぎら|かぎり)(?:ない|ません)/gu, suggestion: '〜かもしれません' },
  { pattern: /ないとは(?:言え|いえ)(?:ない|ません)/gu, suggestion: '〜かもしれません' },
  { pattern: /ないでは(?:いられ|おかな|すま)/gu, suggestion: '〜します' },
  { pattern: /(?:なけれ|なきゃ)(?:ば)?(?:なら|なり|なる|いけ|だめ|ダメ)/gu, suggestion: '〜してください／〜する必要があります', obligation: true },
  { pattern: /なくて(?:は|も)?(?:なら|なり|いけ|だめ|ダメ)/gu, suggestion: '〜してください／〜する必要があります', obligation: true },
  { pattern: /ないと(?:いけ|だめ|ダメ)/gu, suggestion: '〜してください／〜する必要があります', obligation: true },
  { pattern: /ざるを(?:得|え)(?:ない|ません)/gu, suggestion: '〜する必要があります', obligation: true },
];
