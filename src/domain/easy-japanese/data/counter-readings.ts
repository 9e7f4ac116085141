/**
 * How a counter after a number is read, where the tokenizer's reading of the counter alone is wrong: it reads 人
 * as にん, 日 as にち, 月 as つき and 分 as ふん whatever the number. `whole` readings (ひとり, ふつか) cover the
 * number too, so the bracket goes after the number and the counter together: 2人(ふたり), 3日(みっか).
 */

/** A counter's reading after the number `n` (the digits as written): for the counter alone, or for number and counter. */
export type CounterReading = { counter: string } | { whole: string };

const DAYS: Record<number, string> = { 2: 'ふつか', 3: 'みっか', 4: 'よっか', 5: 'いつか', 6: 'むいか', 7: 'なのか', 8: 'ようか', 9: 'ここのか', 10: 'とおか', 14: 'じゅうよっか', 20: 'はつか', 24: 'にじゅうよっか' };

/** p-sounds after a last digit of 1, 6, 8 or 0; b-sounds after 3 (いっぽん, さんぼん, ろっぽん). */
const handaku = (n: number, h: string, p: string, b: string) => {
  const last = n % 10;
  if (n > 0 && [1, 6, 8, 0].includes(last)) return p;
  return last === 3 ? b : h;
};

/**
 * Counters with a number-dependent reading; `afterMonth` is true when the number follows 月 (a date: 1日 is
 * ついたち, otherwise いちにち).
 */
export const COUNTER_READINGS: Record<string, (n: number, afterMonth: boolean) => CounterReading> = {
  人: (n) => (n === 1 ? { whole: 'ひとり' } : n === 2 ? { whole: 'ふたり' } : { counter: 'にん' }),
  日: (n, afterMonth) => (n === 1 ? { whole: afterMonth ? 'ついたち' : 'いちにち' } : DAYS[n] ? { whole: DAYS[n] as string } : { counter: 'にち' }),
  月: () => ({ counter: 'がつ' }),
  分: (n) => ({ counter: [1, 3, 4, 6, 8, 0].includes(n % 10) ? 'ぷん' : 'ふん' }),
  本: (n) => ({ counter: handaku(n, 'ほん', 'ぽん', 'ぼん') }),
  杯: (n) => ({ counter: handaku(n, 'はい', 'ぱい', 'ばい') }),
  匹: (n) => ({ counter: handaku(n, 'ひき', 'ぴき', 'びき') }),
  階: (n) => ({ counter: n % 10 === 3 ? 'がい' : 'かい' }),
  軒: (n) => ({ counter: n % 10 === 3 ? 'げん' : 'けん' }),
  足: (n) => ({ counter: n % 10 === 3 ? 'ぞく' : 'そく' }),
};

/** Kanji numbers with a counter read as one word (一人 is ひとり, not いちにん). */
export const KANJI_NUMBER_WORDS: Record<string, string> = {
  一人: 'ひとり',
  二人: 'ふたり',
  二日: 'ふつか',
  三日: 'みっか',
  四日: 'よっか',
  五日: 'いつか',
  六日: 'むいか',
  七日: 'なのか',
  八日: 'ようか',
  九日: 'ここのか',
  十日: 'とおか',
};
