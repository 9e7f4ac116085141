// Under test: checkEasyJapanese (src/domain/easy-japanese) rule by rule, with the real kuromoji tokenizer: positives
// with exact offsets into the text as given, negatives, readings in brackets, sentence splitting, options and the
// score. Nothing is faked.
import { beforeAll, describe, expect, test } from 'vitest';
import { checkEasyJapanese, easyJapaneseScore, EASY_JAPANESE_RULES, type EasyJapaneseFinding, type EasyJapaneseRule } from '../../../src/domain/easy-japanese';
import type { Tokenizer } from '../../../src/domain/faq/tokenizer';
import { kuromojiTokenizer } from '../../../src/infra/kuromoji-tokenizer';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await kuromojiTokenizer();
}, 20_000);

const check = (text: string) => checkEasyJapanese(text, tokenizer);
/** The findings of one rule as [excerpt, start, end]. */
const found = (text: string, rule: EasyJapaneseRule) =>
  check(text)
    .findings.filter((f) => f.rule === rule)
    .map((f) => [f.excerpt, f.start, f.end]);
const rulesOf = (text: string) => [...new Set(check(text).findings.map((f) => f.rule))];

describe('findings point into the text as given', () => {
  test('every excerpt is the text between its offsets', () => {
    const text = '咳(せき)が出る方は、受付で薔薇(ばら)の花をご覧ください。来週のミーティングは雨天につき中止です。';
    const { findings } = check(text);
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.excerpt);
  });

  test('offsets after a bracketed reading still land on the word', () => {
    const text = '咳(せき)が出る人は、薔薇を見てください。';
    expect(found(text, 'kanjiWithoutReading')).toEqual([['薔薇', 11, 13]]);
  });

  test('an empty text has no sentences, no findings and scores 100', () => {
    expect(check('')).toEqual({ findings: [], score: 100, sentences: { count: 0, longest: 0 } });
  });
});

describe('longSentence', () => {
  test('a sentence over 40 characters fires over the whole sentence; the next one does not', () => {
    const long = '10月15日の午前10時から、市民会館の2階で、体操とお茶の会とおしゃべりの会があります。';
    const text = `${long}だれでも来てください。`;
    expect(found(text, 'longSentence')).toEqual([[long, 0, long.length]]);
    expect(check(text).sentences).toEqual({ count: 2, longest: 45 });
  });

  test('four clauses fire even in a short sentence; three do not', () => {
    expect(rulesOf('雨が降ったら、道がすべるので、ゆっくり歩いて、気をつけてください。')).toEqual(['longSentence']);
    expect(check('雨が降ったら、道がすべるので、気をつけてください。').findings).toEqual([]);
  });

  test('readings in brackets do not count toward the length, and do not split sentences', () => {
    const text = '避難所(ひなんじょ)には、毛布(もうふ)と水(みず)と食(た)べ物(もの)があります。';
    expect(check(text)).toMatchObject({ findings: [], sentences: { count: 1, longest: 20 } });
  });

  test('the limit is an option', () => {
    expect(checkEasyJapanese('だれでも参加できます。', tokenizer, { maxSentenceChars: 5 }).findings.map((f) => f.rule)).toEqual(['longSentence']);
  });

  test('sentences split at 。！？ and line breaks, not inside quotes or brackets', () => {
    expect(check('「来ますか。」と聞きます。\n休みです！本当？').sentences.count).toBe(3);
  });
});

describe('kanjiWithoutReading', () => {
  test('a non-常用 kanji word without a reading fires, with its reading as the suggestion', () => {
    const { findings } = check('地域の絆を大切にしましょう。');
    expect(findings).toEqual([expect.objectContaining({ rule: 'kanjiWithoutReading', start: 3, end: 4, excerpt: '絆', suggestion: '絆(きずな)' })]);
  });

  test('one finding per compound', () => {
    expect(found('醤油や味噌を寄付してください。', 'kanjiWithoutReading')).toEqual([
      ['醤油', 0, 2],
      ['味噌', 3, 5],
    ]);
  });

  test('a reading in ASCII or full-width brackets silences it, also after a compound', () => {
    expect(found('咳(せき)が出ます。', 'kanjiWithoutReading')).toEqual([]);
    expect(found('絆（きずな）を大切に。', 'kanjiWithoutReading')).toEqual([]);
    expect(found('胃癌(いがん)の検診です。', 'kanjiWithoutReading')).toEqual([]);
  });

  test('常用漢字 (including 2010 additions like 鬱) and 々 do not fire', () => {
    expect(found('人々の鬱の相談を受けます。', 'kanjiWithoutReading')).toEqual([]);
  });
});

describe('kanjiDensity', () => {
  test('fires on a sentence over half kanji, with the share in the message', () => {
    const [f] = check('地域福祉活動計画策定委員会を開きます。').findings.filter((x) => x.rule === 'kanjiDensity');
    expect(f).toMatchObject({ start: 0, end: 19, message: expect.stringContaining('78%') });
  });

  test('kanji with a reading do not count; short sentences are not measured', () => {
    expect(rulesOf('避難所(ひなんじょ)は小学校(しょうがっこう)の体育館(たいいくかん)です。')).toEqual([]);
    expect(rulesOf('避難所は小学校の体育館です。')).toEqual(['kanjiDensity']);
    expect(rulesOf('民生委員です。')).toEqual([]);
  });
});

describe('honorific', () => {
  test.each([
    ['先生がいらっしゃいます。', 'いらっしゃい', 3],
    ['担当の山田と申します。', '申し', 6],
    ['明日、ご自宅に伺います。', '伺い', 7],
    ['ご参加になる方は受付へ。', 'ご参加になる', 0],
    ['お待ちください。', 'お待ちください', 0],
    ['お越しください。', 'お越しください', 0],
    ['ご案内いたします。', 'ご案内いたし', 0],
    ['資料を拝見しました。', '拝見', 3],
    ['寄付をくださった方', 'くださっ', 3],
    ['恐れ入りますが、お静かに。', '恐れ入り', 0],
    ['参加費はございません。', 'ござい', 4],
    ['会場で受け付けております。', 'おり', 8],
  ])('%s fires on %s', (text, excerpt, start) => {
    expect(found(text, 'honorific')[0]).toEqual([excerpt, start, start + excerpt.length]);
  });

  test('suggestions give the plain word', () => {
    const byExcerpt = Object.fromEntries(check('先生がいらっしゃいます。ご連絡ください。お送りします。').findings.map((f) => [f.excerpt, f.suggestion]));
    expect(byExcerpt).toEqual({ いらっしゃい: 'いる／来る／行く', ご連絡ください: '連絡してください', お送りし: '送ります' });
  });

  test('です・ます, 〜てください, 〜をください, ご飯, お金, お願いします, ありがとうございます do not fire', () => {
    for (const text of ['来てください。', '水をください。', 'みんなでご飯を食べます。', 'お金はいりません。', 'よろしくお願いします。', 'ご協力ありがとうございました。', 'ご自由に見てください。', '来ないでください。']) {
      expect(found(text, 'honorific'), text).toEqual([]);
    }
  });
});

describe('doubleNegative', () => {
  test.each([
    ['参加できないことはありません。', 'ないことはありません', 4],
    ['歩いて行けなくはないです。', 'なくはない', 5],
    ['参加できないわけではありません。', 'ないわけではありません', 4],
    ['台風が来ないとは限りません。', 'ないとは限りません', 4],
    ['名札をつけなければなりません。', 'なければなり', 5],
    ['電話でしなくてはいけません。', 'なくてはいけ', 4],
  ])('%s fires on %s', (text, excerpt, start) => {
    expect(found(text, 'doubleNegative')).toEqual([[excerpt, start, start + excerpt.length]]);
  });

  test('an obligation gets its own message and the plain rewrite', () => {
    const [f] = check('名札をつけなければなりません。').findings;
    expect(f).toMatchObject({ message: expect.stringContaining('なければなりません'), suggestion: '〜してください／〜する必要があります' });
  });

  test('〜ないでください, 〜なくてもいい, 〜なくても and 少なくはない do not fire', () => {
    for (const text of ['火を使わないでください。', '行かなくてもいいです。', '申し込まなくても参加できます。', '人は少なくはないです。']) expect(found(text, 'doubleNegative'), text).toEqual([]);
  });
});

describe('katakanaLoanword', () => {
  test('unknown katakana words fire, compounds as one, with a Japanese word when the map has one', () => {
    const fs: EasyJapaneseFinding[] = check('来週のミーティングはフードドライブです。').findings;
    expect(fs.map((f) => [f.excerpt, f.start, f.end, f.suggestion])).toEqual([
      ['ミーティング', 3, 9, '集まり／会議'],
      ['フードドライブ', 10, 17, '食べ物を集める活動'],
    ]);
  });

  test('allowed words, their compounds, proper names and katakana native words do not fire', () => {
    expect(found('ボランティアセンターでテレビを見て、バスでベトナムのゴミの話をします。', 'katakanaLoanword')).toEqual([]);
  });
});

describe('difficultWord', () => {
  test('table words fire as whole words, with their replacement', () => {
    expect(check('雨天につき中止します。').findings.map((f) => [f.excerpt, f.start, f.end, f.suggestion])).toEqual([
      ['雨天', 0, 2, '雨'],
      ['につき', 2, 5, '〜のため（理由）／〜ごとに（1人につき）'],
    ]);
    expect(found('来館の際は、受付へ。', 'difficultWord')).toEqual([
      ['来館', 0, 2],
      ['際', 3, 4],
    ]);
  });

  test('not inside other words: 国際, 必要, 平等; 必ず is fine', () => {
    expect(found('国際交流の会は必要です。平等に分けます。必ず来てください。', 'difficultWord')).toEqual([]);
  });
});

describe('options', () => {
  test('rules can be chosen', () => {
    const text = '先生がいらっしゃいます。来週のミーティングです。';
    expect(checkEasyJapanese(text, tokenizer, { rules: ['katakanaLoanword'] }).findings.map((f) => f.rule)).toEqual(['katakanaLoanword']);
  });
});

describe('score', () => {
  test('100 without findings, lower with each, and the documented values', () => {
    expect(check('だれでも参加できます。').score).toBe(100);
    expect(check('先生がいらっしゃいます。').score).toBe(61);
    expect(easyJapaneseScore([{ rule: 'honorific' }], 5)).toBe(90);
    expect(easyJapaneseScore([{ rule: 'katakanaLoanword' }], 1)).toBe(78);
  });

  test('adding a finding never raises it, for every rule and sentence count', () => {
    for (let sentences = 0; sentences <= 6; sentences++) {
      let findings: { rule: EasyJapaneseRule }[] = [];
      let last = easyJapaneseScore(findings, sentences);
      for (let n = 0; n < 40; n++) {
        findings = [...findings, { rule: EASY_JAPANESE_RULES[n % EASY_JAPANESE_RULES.length] as EasyJapaneseRule }];
        const next = easyJapaneseScore(findings, sentences);
        expect(next).toBeLessThanOrEqual(last);
        expect(next).toBeGreaterThanOrEqual(0);
        last = next;
      }
    }
  });

  test('on real texts: a worse text scores lower than its better rewrite', () => {
    expect(check('本日の会議は、市民会館で開催いたします。').score).toBeLessThan(check('今日の集まりは、市民会館であります。').score);
  });
});
