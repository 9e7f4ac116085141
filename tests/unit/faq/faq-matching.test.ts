// Under test: the FAQ's pure matching — normalisation, features, synonyms, scoring and the decision — with the real
// kuromoji tokenizer (built once) and a stub tokenizer where the analyser does not matter; nothing is faked beyond that.
import { beforeAll, describe, expect, test } from 'vitest';
import { entryApplies, parseStartsWith, type FaqEntry } from '../../../src/domain/faq/entry';
import { staffTextFor } from '../../../src/domain/language';
import { featuresOf, stem } from '../../../src/domain/faq/features';
import { decide, FAQ_THRESHOLDS, FaqIndex, MAX_CANDIDATES } from '../../../src/domain/faq/matcher';
import { hasJapanese, normalizeText, toHiragana } from '../../../src/domain/faq/normalize';
import { SynonymTable } from '../../../src/domain/faq/synonyms';
import type { Tokenizer } from '../../../src/domain/faq/tokenizer';
import { kuromojiTokenizer } from '../../../src/infra/kuromoji-tokenizer';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await kuromojiTokenizer();
}, 20_000);

function entry(id: string, questions: string[], over: Partial<FaqEntry> = {}): FaqEntry {
  return { id, questions, answer: { ja: `${id}の答え` }, links: [], startsWith: null, districts: [], validFrom: null, validUntil: null, active: true, seedCode: null, ...over };
}
const scope = { today: '2026-11-24', district: null };

describe('normalisation', () => {
  test('width, case and punctuation fold; katakana reads as hiragana; long vowels drop', () => {
    expect(normalizeText('ＶＯＬＵＮＴＥＥＲ！　ﾎﾞﾗﾝﾃｨｱ？')).toBe('volunteer ぼらんてぃあ');
    expect(toHiragana('ボランティア')).toBe('ぼらんてぃあ');
    expect(normalizeText('コンピューター')).toBe(normalizeText('コンピュータ'));
  });

  test('the variant writings of one word become one', () => {
    const forms = ['車イス', '車椅子', '車いす', '車ｲｽ'].map(normalizeText);
    expect(new Set(forms).size).toBe(1);
    expect(normalizeText('子供の申し込み')).toBe(normalizeText('子どもの申込み'));
    expect(normalizeText('障害')).toBe(normalizeText('障がい'));
  });

  test('Japanese script is told from English', () => {
    expect(hasJapanese('車いす')).toBe(true);
    expect(hasJapanese('wheelchair 2')).toBe(false);
  });
});

describe('features', () => {
  test('content words in their dictionary form; particles and auxiliaries say nothing', () => {
    const f = featuresOf('車椅子を借りたいです', tokenizer, new SynonymTable([]));
    expect(f.has('w:車いす')).toBe(true);
    expect(f.has('w:借りる')).toBe(true);
    expect([...f.keys()].some((k) => k.includes('です') || k.includes('を借'))).toBe(false);
  });

  test('the reading joins kanji and kana writings of one word (easy Japanese)', () => {
    const kanji = featuresOf('車椅子', tokenizer, new SynonymTable([]));
    const kana = featuresOf('くるまいす', tokenizer, new SynonymTable([]));
    const shared = [...kanji.keys()].filter((k) => k.startsWith('y:') && kana.has(k.replace(/^y:/, 'b:')));
    expect(shared.length).toBeGreaterThanOrEqual(3);
  });

  test('English words are lower-cased stems without stop words', () => {
    const f = featuresOf('How do I REGISTER as Volunteers?', tokenizer, new SynonymTable([]));
    expect([...f.keys()].sort()).toEqual(['e:register', 'e:volunteer']);
    expect(stem('registering')).toBe(stem('registers'));
    expect(stem('wheelchairs')).toBe('wheelchair');
  });

  test('synonyms replace words and phrases; the council\'s own win over the profile\'s', () => {
    const table = new SynonymTable([[{ term: 'ボラ', means: 'ボランティア' }, { term: 'レンタル', means: '貸出' }], [{ term: 'レンタル', means: '貸し出し' }]]);
    expect(table.word(normalizeText('レンタル'))).toBe(normalizeText('貸し出し'));
    expect(featuresOf('ボラに行きたい', tokenizer, table).has('w:ぼらんてぃあ')).toBe(true);
  });
});

describe('the decision', () => {
  test('a clear leader answers; close scores offer up to three candidates; weak scores offer nothing', () => {
    expect(decide([{ entryId: 'a', score: 0.6 }, { entryId: 'b', score: 0.2 }])).toEqual({ kind: 'answer', entryId: 'a', score: 0.6 });
    const close = decide([0.5, 0.48, 0.45, 0.44, 0.43].map((score, i) => ({ entryId: `e${i}`, score })));
    expect(close.kind).toBe('candidates');
    expect(close.kind === 'candidates' && close.candidates.map((c) => c.entryId)).toEqual(['e0', 'e1', 'e2']);
    expect(MAX_CANDIDATES).toBe(3);
    expect(decide([{ entryId: 'a', score: FAQ_THRESHOLDS.candidate - 0.01 }]).kind).toBe('none');
    expect(decide([]).kind).toBe('none');
  });

  test('a tie never answers, however high', () => {
    expect(decide([{ entryId: 'a', score: 1 }, { entryId: 'b', score: 1 }]).kind).toBe('candidates');
  });

  test('a lone candidate answers above its threshold', () => {
    expect(decide([{ entryId: 'a', score: FAQ_THRESHOLDS.lone }]).kind).toBe('answer');
    expect(decide([{ entryId: 'a', score: FAQ_THRESHOLDS.lone }, { entryId: 'b', score: FAQ_THRESHOLDS.lone * 0.9 }]).kind).toBe('candidates');
  });
});

describe('the index', () => {
  const entries = [
    entry('wheelchair', ['車いすを借りたい', 'Can I borrow a wheelchair?']),
    entry('car', ['車いすで乗れる車を借りたい', 'wheelchair accessible car']),
    entry('insurance', ['ボランティア保険はいくらですか', 'How much is volunteer insurance?']),
    entry('hours', ['受付時間は何時までですか', 'What are your opening hours?']),
  ];

  test('the entry phrased like the question wins over one that shares its words', () => {
    const index = new FaqIndex(entries, tokenizer);
    expect(index.match('車椅子を借りたいのですが', scope)).toMatchObject({ kind: 'answer', entryId: 'wheelchair' });
    // Easy Japanese in kana meets the kanji form through its reading (entries carry easy forms to be sure of it).
    expect(index.score('くるまいすを かりたい', scope)[0]?.entryId).toBe('wheelchair');
    expect(index.match('wheelchair borrowing', scope)).toMatchObject({ kind: 'answer', entryId: 'wheelchair' });
  });

  test('a question about nothing the entries hold gets nothing', () => {
    const index = new FaqIndex(entries, tokenizer);
    expect(index.match('明日の天気は晴れますか', scope).kind).toBe('none');
    expect(index.match('What is the weather like?', scope).kind).toBe('none');
  });

  test('entries out of their dates, inactive or for another district do not answer', () => {
    const index = new FaqIndex(
      [entry('old', ['ボランティア保険はいくらですか'], { validUntil: '2026-03-31' }), entry('off', ['ボランティア保険の値段'], { active: false }), entry('north', ['ボランティア保険の料金'], { districts: ['north'] })],
      tokenizer,
    );
    expect(index.score('ボランティア保険はいくら', { today: '2026-11-24', district: 'south' })).toEqual([]);
    expect(index.score('ボランティア保険はいくら', { today: '2026-11-24', district: 'north' }).map((s) => s.entryId)).toEqual(['north']);
  });

  test('the stored form of a question is normalised with the synonyms applied', () => {
    const index = new FaqIndex([], tokenizer, [[{ term: 'ボラ', means: 'ボランティア' }]]);
    expect(index.normalized('ボラ保険？')).toBe('ぼらんてぃあ保険');
  });
});

describe('entries', () => {
  test('dates are inclusive; a resident with no district is not shut out', () => {
    const e = { active: true, validFrom: '2026-04-01', validUntil: '2026-11-24', districts: ['north'] };
    expect(entryApplies(e, '2026-11-24', null)).toBe(true);
    expect(entryApplies(e, '2026-11-25', null)).toBe(false);
    expect(entryApplies(e, '2026-03-31', 'north')).toBe(false);
    expect(entryApplies(e, '2026-05-01', 'south')).toBe(false);
  });

  test('the answer falls back to Japanese; startsWith is a menu section or a consultation area', () => {
    expect(staffTextFor({ ja: '答え', en: ' ' }, 'en').text).toBe('答え');
    expect(staffTextFor({ ja: '答え', en: 'Answer' }, 'en').text).toBe('Answer');
    expect(parseStartsWith('consult=mobility_info')).toEqual({ kind: 'consult', code: 'mobility_info' });
    expect(parseStartsWith('menu=volunteer')).toEqual({ kind: 'menu', code: 'volunteer' });
    expect(parseStartsWith('http://x')).toBeNull();
  });
});

describe('what is kept of a question', () => {
  test('phone numbers, e-mail addresses and long numbers are replaced; short numbers stay', async () => {
    const { withoutPersonalData } = await import('../../../src/domain/faq/personal-data');
    expect(withoutPersonalData('電話は０９０ー１２３４ー５６７８です')).toBe('電話は〈番号〉です');
    expect(withoutPersonalData('mail: taro.yamada@example.jp please')).toBe('mail: 〈メール〉 please');
    expect(withoutPersonalData('〒231-0001に住んでいます')).toBe('〒〈番号〉に住んでいます');
    expect(withoutPersonalData('保険は350円ですか、2026年')).toBe('保険は350円ですか、2026年');
  });
});
