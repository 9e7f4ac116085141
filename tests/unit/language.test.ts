// Under test: the language table — a new friend's language suggested from their LINE app language, and text staff
// wrote read in a resident's language or its fallbacks (easy Japanese, then Japanese), saying which it came from.
import { describe, expect, test } from 'vitest';
import { textIn } from '../../src/domain/event-registration';
import { LANGUAGE_INFO, LANGUAGES, languageFromProfile, staffTextFor } from '../../src/domain/language';

describe('languageFromProfile', () => {
  test('each spoken language maps to itself, with or without a region or script; no tag is Japanese; others are English', () => {
    expect(['ja', 'ja-JP', 'en', 'en-GB', 'EN-us', undefined, null, '', 'th', 'es-MX'].map(languageFromProfile)).toEqual(['ja', 'ja', 'en', 'en', 'en', 'ja', 'ja', 'ja', 'en', 'en']);
    expect(['zh-Hans', 'zh-Hant', 'zh-TW', 'ko', 'ko-KR', 'vi', 'vi-VN', 'fil', 'tl', 'ne', 'ne-NP', 'pt', 'pt-BR', 'pt-PT'].map(languageFromProfile)).toEqual([
      'zh-Hans', 'zh-Hans', 'zh-Hans', 'ko', 'ko', 'vi', 'vi', 'fil', 'fil', 'ne', 'ne', 'pt', 'pt', 'pt',
    ]);
  });
});

describe('staffTextFor', () => {
  test('the resident\'s language when staff wrote it, else its fallbacks in order, else Japanese', () => {
    expect(staffTextFor({ ja: '行事', en: 'Event' }, 'en')).toEqual({ text: 'Event', from: 'en' });
    expect(staffTextFor({ ja: '行事', 'ja-x-easy': 'ぎょうじ' }, 'en')).toEqual({ text: 'ぎょうじ', from: 'ja-x-easy' });
    expect(staffTextFor({ ja: '行事' }, 'en')).toEqual({ text: '行事', from: 'ja' });
    expect(staffTextFor({ ja: '行事', en: '' }, 'ja-x-easy')).toEqual({ text: '行事', from: 'ja' });
  });

  test('every language falls back to Japanese last, and none to itself', () => {
    for (const l of LANGUAGES) {
      const chain = LANGUAGE_INFO[l].staffTextFallback;
      expect(chain.includes(l)).toBe(false);
      if (l !== 'ja') expect(chain.at(-1)).toBe('ja');
    }
  });
});

describe('staff text read through the table', () => {
  test('a staff text (announcement, FAQ answer) and an event text with no English give an English reader the easy Japanese', () => {
    const text = { ja: '年末年始は休みます。', 'ja-x-easy': 'ねんまつ ねんしは やすみます。' };
    expect(staffTextFor(text, 'en').text).toBe('ねんまつ ねんしは やすみます。');
    expect(textIn(text, 'en')).toBe('ねんまつ ねんしは やすみます。');
    expect(staffTextFor(text, 'ja').text).toBe('年末年始は休みます。');
  });
});
