// Under test: the checker measured on the labelled fixture (tests/fixtures/easy-japanese/sentences.json) with the real
// kuromoji tokenizer: the fixture's shape, and per-rule precision and recall above floors set from what the checker
// achieved when it landed (the fixture is in-sample: written alongside the rules). Nothing is faked.
import { beforeAll, describe, expect, test } from 'vitest';
import { checkEasyJapanese, EASY_JAPANESE_RULES, type EasyJapaneseRule } from '../../../src/domain/easy-japanese';
import type { Tokenizer } from '../../../src/domain/faq/tokenizer';
import { kuromojiTokenizer } from '../../../src/infra/kuromoji-tokenizer';
import { loadEasyJapaneseFixture, scoreFixture, type RuleScore } from '../../fixtures/easy-japanese/fixture';

const fixture = loadEasyJapaneseFixture();
let scores: RuleScore[];
beforeAll(async () => {
  const tokenizer: Tokenizer = await kuromojiTokenizer();
  scores = scoreFixture(
    fixture,
    fixture.map((f) => checkEasyJapanese(f.text, tokenizer)),
  );
}, 20_000);

/**
 * Floors per rule: at least `tp` sentences found, at most `fp` false alarms and `fn` misses. Set from the run that
 * landed the checker; the known misses are listed in the bench output (npm run bench:easy-japanese).
 */
const FLOORS: Record<EasyJapaneseRule, { tp: number; fp: number; fn: number }> = {
  longSentence: { tp: 9, fp: 0, fn: 0 },
  kanjiWithoutReading: { tp: 8, fp: 0, fn: 0 },
  kanjiDensity: { tp: 9, fp: 1, fn: 1 },
  honorific: { tp: 35, fp: 0, fn: 0 },
  doubleNegative: { tp: 8, fp: 0, fn: 0 },
  katakanaLoanword: { tp: 10, fp: 0, fn: 0 },
  difficultWord: { tp: 18, fp: 0, fn: 3 },
};

describe('the fixture', () => {
  test('has at least 80 sentences, about half of each kind, and every rule at least 5 times', () => {
    const good = fixture.filter((f) => f.expected.length === 0);
    expect(fixture.length).toBeGreaterThanOrEqual(80);
    expect(good.length).toBeGreaterThanOrEqual(fixture.length * 0.4);
    expect(fixture.length - good.length).toBeGreaterThanOrEqual(fixture.length * 0.4);
    for (const rule of EASY_JAPANESE_RULES) expect(fixture.filter((f) => f.expected.includes(rule)).length, rule).toBeGreaterThanOrEqual(5);
    expect(fixture.every((f) => f.id.startsWith(f.expected.length === 0 ? 'g' : 'b'))).toBe(true);
  });

  test('has unique ids and texts', () => {
    expect(new Set(fixture.map((f) => f.id)).size).toBe(fixture.length);
    expect(new Set(fixture.map((f) => f.text)).size).toBe(fixture.length);
  });
});

describe('measured on the fixture', () => {
  test.each(EASY_JAPANESE_RULES)('%s stays above its floors', (rule) => {
    const s = scores.find((x) => x.rule === rule) as RuleScore;
    const floor = FLOORS[rule];
    const detail = `tp ${s.tp} fp ${s.fp} [${s.falsePositives.join(' ')}] fn ${s.fn} [${s.falseNegatives.join(' ')}]`;
    expect(s.tp, detail).toBeGreaterThanOrEqual(floor.tp);
    expect(s.fp, detail).toBeLessThanOrEqual(floor.fp);
    expect(s.fn, detail).toBeLessThanOrEqual(floor.fn);
  });

  test('overall precision ≥ 0.98 and recall ≥ 0.95', () => {
    const all = scores.find((x) => x.rule === 'all') as RuleScore;
    expect(all.precision).toBeGreaterThanOrEqual(0.98);
    expect(all.recall).toBeGreaterThanOrEqual(0.95);
  });
});
