// Under test: grouping the knowledge loop's questions by similarity (src/domain/faq-loop/grouping.ts) — folding,
// bigram Jaccard, greedy clustering, counts, order and determinism. Pure; nothing faked.
import { describe, expect, test } from 'vitest';
import { bigrams, foldForGrouping, groupQuestions, jaccard, type LoopKind, type LoopQuestion } from '../../../src/domain/faq-loop/grouping';

let n = 0;
const q = (text: string, minute: number, kind: LoopKind = 'unanswered', normalized = ''): LoopQuestion => {
  n += 1;
  return { id: `q${String(n).padStart(3, '0')}`, text, normalized, language: 'ja', kind, at: new Date(Date.UTC(2026, 10, 24, 0, minute)) };
};

describe('folding and similarity', () => {
  test('width, case, katakana, punctuation, spaces and polite endings are folded away', () => {
    expect(foldForGrouping('ﾎﾞﾗﾝﾃｨｱ 保険は いくらですか？')).toBe(foldForGrouping('ボランティア保険はいくら'));
    expect(foldForGrouping('ＷＨＥＥＬＣＨＡＩＲ rental!')).toBe('wheelchairrental');
    expect(foldForGrouping('カ')).toBe('か');
  });

  test('jaccard of bigrams', () => {
    expect(jaccard(bigrams('abc'), bigrams('abc'))).toBe(1);
    expect(jaccard(bigrams('abc'), bigrams('xyz'))).toBe(0);
    expect(jaccard(bigrams('abcd'), bigrams('abce'))).toBeCloseTo(2 / 4);
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(bigrams('あ')).toEqual(new Set(['あ']));
  });
});

describe('groupQuestions', () => {
  test('similar questions form one group with counts by kind, distinct texts newest first, keyed by the oldest', () => {
    const a = q('ボランティア保険はいくらですか', 1);
    const b = q('ボランティア保険っていくら？', 2, 'unhelpful');
    const c = q('明日の天気は？', 3);
    const d = q('ﾎﾞﾗﾝﾃｨｱ保険はいくら', 4, 'staff');
    const e = q('ボランティア保険っていくら？', 5);
    const groups = groupQuestions([e, c, a, d, b]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual({
      key: a.id,
      ids: [a.id, b.id, d.id, e.id],
      count: 4,
      byKind: { unanswered: 2, unhelpful: 1, staff: 1 },
      texts: ['ボランティア保険っていくら？', 'ﾎﾞﾗﾝﾃｨｱ保険はいくら', 'ボランティア保険はいくらですか'],
      latestAt: e.at,
      staffAnswer: null,
    });
    expect(groups[1]).toMatchObject({ key: c.id, ids: [c.id], count: 1, texts: ['明日の天気は？'] });
  });

  test("a group carries the newest answer staff gave by hand to one of its questions", () => {
    const a = { ...q('ボランティア保険はいくらですか', 1, 'staff'), staffAnswer: '年350円です' };
    const b = { ...q('ボランティア保険っていくら？', 2, 'staff'), staffAnswer: '年350円です(天災プランは500円)' };
    const c = q('ボランティア保険はいくら', 3);
    expect(groupQuestions([a, b, c])).toMatchObject([{ ids: [a.id, b.id, c.id], staffAnswer: '年350円です(天災プランは500円)' }]);
  });

  test('different services stay apart, in Japanese and English', () => {
    const groups = groupQuestions([
      q('車いすを借りたい', 1),
      q('車いす　借りたいです', 2),
      q('福祉車両を借りたい', 3),
      q('wheelchair rental', 4),
      q('Can I rent a wheelchair?', 5),
      q('office hours', 6),
    ]);
    const texts = groups.map((g) => [...g.texts].sort());
    expect(texts).toContainEqual(['車いすを借りたい', '車いす　借りたいです'].sort());
    expect(texts).toContainEqual(['福祉車両を借りたい']);
    expect(texts).toContainEqual(['office hours']);
    expect(groups.find((g) => g.texts.includes('wheelchair rental'))!.texts).toContain('Can I rent a wheelchair?');
  });

  test('the stored normalised text is used when present', () => {
    const groups = groupQuestions([q('車イスかりたい', 1, 'unanswered', '車いすかりたい'), q('くるまいす', 2, 'unanswered', '車いす'), q('車いすかりたい', 3)]);
    expect(groups[0]!.count).toBe(2);
  });

  test('ordered by count, then most recent; the same input in any order gives the same groups', () => {
    const qs = [q('会費はいくら', 1), q('会費はいくらですか', 2), q('駐車場ありますか', 3), q('苦情を言いたい', 4)];
    const groups = groupQuestions(qs);
    expect(groups.map((g) => g.texts[0])).toEqual(['会費はいくらですか', '苦情を言いたい', '駐車場ありますか']);
    expect(groupQuestions([...qs].reverse())).toEqual(groups);
  });

  test('a new question joining a group keeps its key; a lower threshold merges more', () => {
    const first = [q('子ども食堂はどこ', 1), q('子ども食堂の場所', 2)];
    const key = groupQuestions(first)[0]!.key;
    expect(groupQuestions([...first, q('子ども食堂どこですか', 10)]).find((g) => g.count === 3)?.key).toBe(key);
    expect(groupQuestions([q('abcdef', 1), q('abcxyz', 2)], 0.9)).toHaveLength(2);
    expect(groupQuestions([q('abcdef', 1), q('abcxyz', 2)], 0.2)).toHaveLength(1);
  });

  test('no questions, no groups', () => {
    expect(groupQuestions([])).toEqual([]);
  });
});
