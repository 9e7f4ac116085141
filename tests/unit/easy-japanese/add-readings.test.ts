// Under test: addReadings (src/domain/easy-japanese/add-readings.ts) with the real kuromoji tokenizer: the brief's
// examples, okurigana outside the brackets, counters, bracket style, words already read, scope, idempotence.
// Nothing is faked.
import { beforeAll, describe, expect, test } from 'vitest';
import { addReadings } from '../../../src/domain/easy-japanese';
import type { Tokenizer } from '../../../src/domain/faq/tokenizer';
import { kuromojiTokenizer } from '../../../src/infra/kuromoji-tokenizer';
import { loadEasyJapaneseFixture } from '../../fixtures/easy-japanese/fixture';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await kuromojiTokenizer();
}, 20_000);

const all = (text: string) => addReadings(text, tokenizer, 'all');

describe('addReadings', () => {
  test.each([
    ['申し込み', '申(もう)し込(こ)み'],
    ['食べる', '食(た)べる'],
    ['社会福祉協議会', '社会福祉協議会(しゃかいふくしきょうぎかい)'],
    ['取り扱い', '取(と)り扱(あつか)い'],
    ['お茶とご飯', 'お茶(ちゃ)とご飯(はん)'],
    ['ボランティアに参加しましょう', 'ボランティアに参加(さんか)しましょう'],
  ])('%s → %s', (text, expected) => {
    expect(all(text)).toBe(expected);
  });

  test('numbers with counters read as a whole where the counter changes the reading', () => {
    expect(all('3人で来てください')).toBe('3人(にん)で来(き)てください');
    expect(all('1人か2人、4月1日と3日の10分')).toBe('1人(ひとり)か2人(ふたり)、4月(がつ)1日(ついたち)と3日(みっか)の10分(ぷん)');
    expect(all('一人で３階へ')).toBe('一人(ひとり)で３階(がい)へ');
  });

  test('full-width brackets when the text already uses them; ASCII otherwise', () => {
    expect(all('漢字（かんじ）と薔薇')).toBe('漢字（かんじ）と薔薇（ばら）');
    expect(all('薔薇')).toBe('薔薇(ばら)');
  });

  test('words that already have a reading are left alone', () => {
    expect(all('咳(せき)が出る')).toBe('咳(せき)が出(で)る');
    expect(all('社会福祉協議会(しゃかいふくしきょうぎかい)')).toBe('社会福祉協議会(しゃかいふくしきょうぎかい)');
  });

  test("'beyondCommon' reads only words with a kanji outside the 常用漢字", () => {
    expect(addReadings('蕎麦を食べる会に、鬱の人も来ます', tokenizer, 'beyondCommon')).toBe('蕎麦(そば)を食べる会に、鬱の人も来ます');
  });

  test('a word with no known reading is left without one', () => {
    expect(all('𠀋を書く')).toBe('𠀋を書(か)く');
  });

  test('is idempotent over the whole fixture, in both scopes', () => {
    for (const { text } of loadEasyJapaneseFixture()) {
      for (const scope of ['all', 'beyondCommon'] as const) {
        const once = addReadings(text, tokenizer, scope);
        expect(addReadings(once, tokenizer, scope), text).toBe(once);
      }
    }
  });

  test('text with every word read has no kanjiWithoutReading left', async () => {
    const { checkEasyJapanese } = await import('../../../src/domain/easy-japanese');
    for (const { text } of loadEasyJapaneseFixture()) {
      const read = addReadings(text, tokenizer, 'beyondCommon');
      expect(checkEasyJapanese(read, tokenizer).findings.filter((f) => f.rule === 'kanjiWithoutReading'), read).toEqual([]);
    }
  });
});
