// Under test: the safety detector (src/domain/safety.ts) with the real phrase data loaded through its loader, measured on the labelled fixtures; also normalisation, exclusions, helpline mapping and loader errors.
// Nothing is faked: the real config/safety-phrases.json and tests/fixtures/safety-messages.json are read, and bad data files are written to a temporary folder.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { HELPLINE_TOPICS } from '../../src/domain/council-profile';
import { LANGUAGES } from '../../src/domain/language';
import {
  compileSafetyPhrases,
  helplineTopicsFor,
  needsEmergencyNumbers,
  normalizeCompact,
  normalizeLatin,
  SAFETY_CATEGORIES,
  type SafetyPhrases,
} from '../../src/domain/safety';
import { loadSafetyDetector, SAFETY_PHRASES_PATH } from '../../src/infra/load-safety-phrases';
import { PROJECT_ROOT } from '../../src/infra/project-root';
import { errorOf } from '../helpers/domain-error';

const detector = loadSafetyDetector(SAFETY_PHRASES_PATH);

const fixtures = z
  .array(
    z.strictObject({
      text: z.string().min(1),
      lang: z.enum(LANGUAGES),
      expected: z.enum(SAFETY_CATEGORIES).nullable(),
      note: z.string().min(1),
    }),
  )
  .parse(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'safety-messages.json'), 'utf8')));
const danger = fixtures.filter((f) => f.expected !== null);
const safe = fixtures.filter((f) => f.expected === null);

describe('the labelled fixture set', () => {
  test('is large enough on both sides, in every language and every category', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(200);
    expect(danger.length).toBeGreaterThanOrEqual(100);
    expect(safe.length).toBeGreaterThanOrEqual(100);
    for (const lang of LANGUAGES) {
      expect(danger.filter((f) => f.lang === lang).length, `danger in ${lang}`).toBeGreaterThanOrEqual(10);
      expect(safe.filter((f) => f.lang === lang).length, `non-danger in ${lang}`).toBeGreaterThanOrEqual(10);
    }
    for (const c of SAFETY_CATEGORIES) expect(danger.filter((f) => f.expected === c).length, c).toBeGreaterThanOrEqual(10);
    expect(safe.filter((f) => f.note.startsWith('tricky')).length).toBeGreaterThanOrEqual(40);
  });

  test('has no duplicate texts', () => {
    const texts = fixtures.map((f) => f.text);
    expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
  });
});

describe('measured on the fixtures', () => {
  const results = fixtures.map((f) => ({ ...f, got: detector.detect(f.text) }));

  test('every danger message is detected', () => {
    const misses = results.filter((r) => r.expected && !r.got).map((r) => `[${r.expected}] ${r.text}`);
    expect(misses).toEqual([]);
  });

  test('every danger message gets its labelled category (the highest-priority one it signals)', () => {
    const wrong = results
      .filter((r) => r.expected && r.got && r.got.category !== r.expected)
      .map((r) => `[${r.expected} → ${r.got?.category} on "${r.got?.matched}"] ${r.text}`);
    expect(wrong).toEqual([]);
  });

  test('at most 5% of non-danger messages raise an alarm', () => {
    const fps = results.filter((r) => !r.expected && r.got).map((r) => `[${r.got?.category} on "${r.got?.matched}"] ${r.text}`);
    const rate = fps.length / safe.length;
    expect(rate, `false positives ${fps.length}/${safe.length}:\n${fps.join('\n')}`).toBeLessThanOrEqual(0.05);
  });
});

describe('normalisation', () => {
  test('folds full-width, half-width katakana, katakana, case, spaces and punctuation', () => {
    expect(normalizeCompact('シ ニ　タ イ！')).toBe('しにたい');
    expect(normalizeCompact('ｼﾆﾀｲ')).toBe('しにたい');
    expect(normalizeCompact('ＤＶを受けて…')).toBe('dvを受けて');
    expect(normalizeLatin("I CAN'T  breathe!!")).toBe('i cant breathe');
    expect(normalizeLatin('can’t ＢＲＥＡＴＨＥ')).toBe('cant breathe');
    expect(normalizeLatin('夫のDVがひどい')).toBe('dv');
  });

  test('one kana phrase serves hiragana, katakana, half-width and spaced forms', () => {
    for (const text of ['しにたい', 'シニタイ', 'ｼﾆﾀｲ', 'し に た い', '死にたい']) {
      expect(detector.detect(text)?.category, text).toBe('suicide');
    }
  });

  test('English phrases match whole words only', () => {
    expect(detector.detect('I want to die')?.category).toBe('suicide');
    expect(detector.detect('I want to diet before summer')).toBeNull();
    expect(detector.detect('I bought a DVD')).toBeNull();
  });
});

describe('the compact view keeps combining marks, so Nepali is matched as written', () => {
  test('vowel signs and viramas stay; variation selectors and keycaps go with their emoji', () => {
    expect(normalizeCompact('म मर्छु।')).toBe('ममर्छु');
    expect(normalizeCompact('मर्छ')).not.toBe(normalizeCompact('मार्छ'));
    expect(normalizeCompact('पिट')).not.toBe(normalizeCompact('पेट'));
    expect(normalizeCompact('たすけて‼️')).toBe('たすけて');
    expect(normalizeCompact('1️⃣1️⃣9️⃣')).toBe('119');
    const anchored = compileSafetyPhrases({
      categories: { ...emptyCategories(), emergency: { phrases: [], patterns: ['^(बचाउ)+$', '^たすけて$'] } },
      exclusions: { phrases: [] },
    });
    expect(anchored.detect('बचाउ‼️')?.category).toBe('emergency');
    expect(anchored.detect('たすけて‼️')?.category).toBe('emergency');
    expect(anchored.detect('बचत')).toBeNull();
  });

  test('मार्छ "hits" and मर्छ "dies" get different categories', () => {
    expect(detector.detect('बुबाले रक्सी खाएपछि मलाई मार्छ, घर जान डर लाग्छ')).toMatchObject({ category: 'child_abuse', categories: ['child_abuse'] });
    expect(detector.detect('बुबाले फोनमा भन्नुभयो, अब म मर्छु')).toMatchObject({ category: 'suicide', categories: ['suicide'] });
    expect(detector.detect('श्रीमानले रिसाउँदा तँलाई मार्न मन छ भन्नुहुन्छ, मलाई डर लाग्छ')).toMatchObject({
      category: 'domestic_violence',
      categories: ['domestic_violence'],
    });
  });

  test('words that shared a consonant skeleton no longer raise an alarm', () => {
    expect(detector.detect('लामखुट्टे मार्न मन लाग्यो, कुन औषधि राम्रो हुन्छ?')).toBeNull(); // मार्न मन, not मर्न मन
    expect(detector.detect('आमाले भान्सामा तरकारी काट्दै हुनुहुन्छ, म भाँडा माझ्दैछु')).toBeNull(); // काट्दै, not कुट्दै
    expect(detector.detect('आमाले भन्नुभयो दिदीको पेट रहेको छ, हामी सबै खुसी छौं')).toBeNull(); // पेट, not पिट
    expect(detector.detect('मलाई मर्न मन लाग्छ')?.category).toBe('suicide');
  });

  test('common spelling variants of a word are still caught', () => {
    for (const text of ['अब बाँच्नु छैन', 'अब बाच्नु छैन', 'अब बांच्नु छैन']) expect(detector.detect(text)?.category, text).toBe('suicide');
    for (const text of ['जीवनदेखि दिक्क लाग्यो', 'जिवनदेखि दिक्क लाग्यो']) expect(detector.detect(text)?.category, text).toBe('suicide');
    for (const text of ['श्रीमानले मलाई दिनहुँ कुट्नुहुन्छ', 'श्रीमानले मलाई दिनहु कुटनुहुन्छ', 'श्रीमानले मलाई कूट्छ']) {
      expect(detector.detect(text)?.category, text).toBe('domestic_violence');
    }
    for (const text of ['घरमा दिनहुँ कुटाइ खान्छु', 'घरमा दिनहुँ कुटाई खान्छु']) expect(detector.detect(text)?.category, text).toBe('domestic_violence');
    expect(detector.detect('बचाउनुस्')?.category).toBe('emergency');
    expect(detector.detect('बचाउनुस')?.category).toBe('emergency');
  });
});

describe('exclusions', () => {
  test('remove only the idiom span, so a real signal elsewhere is still caught', () => {
    expect(detector.detect('死ぬほど嬉しい')).toBeNull();
    expect(detector.detect('死ぬほど嬉しいけど死にたい')?.category).toBe('suicide');
    expect(detector.detect("We're killing it! But honestly I want to die")?.category).toBe('suicide');
  });

  test('hide their characters from both views (DV防止法 leaves no bare "dv")', () => {
    expect(detector.detect('DV防止法について教えてください')).toBeNull();
    expect(detector.detect('ＤＶを受けています')?.category).toBe('domestic_violence');
  });

  test('leave a gap that phrases cannot match across', () => {
    const d = compileSafetyPhrases({
      categories: { ...emptyCategories(), suicide: { phrases: ['死ぬ', 'しにたい'] } },
      exclusions: { phrases: ['死ぬほど嬉しい', 'ほげ'] },
    });
    expect(d.detect('死ぬほど嬉しい')).toBeNull();
    expect(d.detect('死ぬほど嬉しいけど死ぬ')).toMatchObject({ category: 'suicide', matched: '死ぬ' });
    expect(d.detect('しにほげたい')).toBeNull();
  });
});

describe('categories', () => {
  test('are in the documented priority order', () => {
    expect(SAFETY_CATEGORIES).toEqual(['emergency', 'suicide', 'self_harm', 'elder_abuse', 'child_abuse', 'domestic_violence', 'sexual_violence']);
  });

  test('a message signalling several gets the highest priority first and all of them listed', () => {
    expect(detector.detect('夫に殴られて血が止まらない')).toMatchObject({
      category: 'emergency',
      categories: ['emergency', 'domestic_violence'],
    });
  });

  test('generic words count only when nothing specific matched', () => {
    expect(detector.detect('虐待されています')?.category).toBe('child_abuse');
    expect(detector.detect("I'm being abused by my husband")).toMatchObject({ category: 'domestic_violence', categories: ['domestic_violence'] });
    expect(detector.detect('祖母が虐待されているようです')?.category).toBe('elder_abuse');
  });
});

describe('helplineTopicsFor and needsEmergencyNumbers', () => {
  test('map every category onto profile helpline topics, ending with general', () => {
    for (const c of SAFETY_CATEGORIES) {
      const topics = helplineTopicsFor(c);
      expect(topics.every((t) => (HELPLINE_TOPICS as readonly string[]).includes(t)), c).toBe(true);
      expect(topics.at(-1), c).toBe('general');
    }
    expect(helplineTopicsFor('suicide')).toEqual(['suicide', 'general']);
    expect(helplineTopicsFor('self_harm')).toEqual(['suicide', 'general']);
    expect(helplineTopicsFor('child_abuse')).toEqual(['child_abuse', 'general']);
    expect(helplineTopicsFor('emergency')).toEqual(['general']);
  });

  test('every category shows 110/119', () => {
    for (const c of SAFETY_CATEGORIES) expect(needsEmergencyNumbers(c), c).toBe(true);
  });
});

describe('the loader', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-safety-'));
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const valid = (): SafetyPhrases => ({ categories: emptyCategories(), exclusions: { phrases: [] } });

  test('rejects a missing category and an unknown key, naming each', () => {
    const { sexual_violence: _dropped, ...rest } = valid().categories;
    const file = write('missing.json', JSON.stringify({ categories: { ...rest, typo: { phrases: [] } }, exclusions: { phrases: [] } }));
    const e = errorOf(() => loadSafetyDetector(file));
    expect(e.code).toBe('config.invalid');
    expect(e.message).toContain(`Safety phrases ${file}: 2 issue(s):`);
    expect(e.message).toContain('- categories.sexual_violence: Required');
    expect(e.message).toMatch(/- categories: Unrecognized key.*"typo"/);
  });

  test('rejects an invalid regular expression, naming the entry', () => {
    const data = valid();
    data.categories.suicide = { phrases: ['死にたい'], patterns: ['(死|し'] };
    const e = errorOf(() => loadSafetyDetector(write('regex.json', JSON.stringify(data))));
    expect(e.message).toMatch(/categories\.suicide\.patterns\[0\] is not a valid regular expression/);
  });

  test('rejects empty phrases, JSON syntax errors and missing files', () => {
    const data = valid();
    data.categories.emergency = { phrases: ['！！'] };
    expect(errorOf(() => loadSafetyDetector(write('empty.json', JSON.stringify(data)))).message).toContain('categories.emergency.phrases[0] "！！" is empty once normalised');
    expect(errorOf(() => loadSafetyDetector(write('syntax.json', '{ "categories": '))).message).toMatch(/syntax error/);
    expect(errorOf(() => loadSafetyDetector(path.join(dir, 'nope.json'))).message).toContain('file not found');
  });
});

function emptyCategories(): SafetyPhrases['categories'] {
  return Object.fromEntries(SAFETY_CATEGORIES.map((c) => [c, { phrases: [] }])) as unknown as SafetyPhrases['categories'];
}
