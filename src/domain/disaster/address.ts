/**
 * Keys for comparing what people type as an address or a phone number, so two intakes of the same household
 * written differently can be suspected as duplicates. Keys are for comparing only: they are never shown, dialled
 * or posted, and nothing here checks that an address or a number exists.
 */
import { parsePhone } from '../consultation';

// Every dash, hyphen, minus and long-vowel mark people put between house numbers.
const DASH = '[‐\\-‑–—―−ーｰ－]';
const DASH_BETWEEN_DIGITS = new RegExp(`(?<=\\d)${DASH}(?=\\d)`, 'g');
const SPACES_BETWEEN_DIGITS = /(?<=\d)\s+(?=\d)/g;
// A postal code (〒236-0021, 2360021), 日本 before a prefecture or postal code, and the 、 between them.
const LEADING = /^(?:〒?\d{3}-?\d{4}(?!\d)|日本国?(?=〒|\d|[、,]|東京都|北海道|(?:大阪|京都)府|[^\d県]{2,3}県)|〒|[、,])/;
const KANJI_CHOME = /([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])丁目/g;
const KANJI_DIGITS = '一二三四五六七八九';
// 丁目, 番地, 番, 号, の and dashes between two numbers all separate the parts of one house number.
const PART_SEPARATOR = /(?<=\d)(?:丁目|番地|番|号|の|-)+(?=\d)/g;
// A number's last 番地, 番 or 号 says nothing a bare number does not; 号室 (a room) is kept.
const LAST_PART_MARK = /(?<=\d)(?:番地|番|号(?!室))(?!\d)/g;
const TRAILING_PUNCTUATION = /[。、,.・!?~〜‐\-‑–—―−]+$/;

/**
 * Pure: a key under which differently written forms of one address compare equal. It applies NFKC (full-width
 * digits and letters become half-width), drops every space (a space between two numbers becomes '-'), drops a
 * leading postal code (〒236-0021, 236-0021) and a leading 日本, makes every dash, hyphen or long-vowel mark
 * between digits '-', writes kanji numerals before 丁目 in digits (三丁目 → 3丁目, 十二丁目 → 12丁目, one to
 * ninety-nine), turns 「1丁目2番3号」「1丁目2番地3」「1丁目2-3」「1の2の3」 into '1-2-3', writes ヶ as ケ and
 * Latin letters in lower case, and drops trailing punctuation. It keeps place names, buildings and rooms as
 * written, a 丁目 with no number after it (港南3丁目), and kanji numerals anywhere but before 丁目 (五番地); it
 * does not tell 横浜市金沢区 from 金沢区 or 自由が丘 from 自由ケ丘. For suspecting duplicates, not for
 * validating or looking up an address.
 */
export function normaliseAddress(text: string): string {
  let s = text.normalize('NFKC').replace(SPACES_BETWEEN_DIGITS, '-').replace(/\s+/g, '').replace(DASH_BETWEEN_DIGITS, '-');
  while (LEADING.test(s)) s = s.replace(LEADING, '');
  return s
    .replace(KANJI_CHOME, (_, numeral: string) => `${kanjiNumber(numeral)}丁目`)
    .replace(PART_SEPARATOR, '-')
    .replace(LAST_PART_MARK, '')
    .replace(/ヶ/g, 'ケ')
    .toLowerCase()
    .replace(TRAILING_PUNCTUATION, '');
}

/** 一 … 九十九 as a number; the caller's pattern admits only these forms. */
function kanjiNumber(numeral: string): number {
  const digit = (c: string | undefined) => (c ? KANJI_DIGITS.indexOf(c) + 1 : 0);
  const ten = numeral.indexOf('十');
  if (ten < 0) return digit(numeral);
  return (ten === 0 ? 1 : digit(numeral[0])) * 10 + digit(numeral[ten + 1]);
}

/**
 * Pure: the digits of a Japanese phone number for comparing: NFKC, every character but digits dropped, and the
 * international prefix (+81, 81, +81 (0)) turned back into the leading 0. Null unless that leaves a number
 * `parsePhone` accepts (0 and 9–10 more digits): too short, or two numbers or an extension typed together.
 */
export function normalisePhone(text: string): string | null {
  const digits = text.normalize('NFKC').replace(/\D/g, '');
  return parsePhone(digits.replace(/^810?/, '0'));
}
