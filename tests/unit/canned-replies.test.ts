// Under test: canned replies in other languages — the profile schema's `cannedReplies[].texts` (old profiles load
// unchanged; other languages kept; Japanese, unknown languages and empty texts refused; an empty map read as none),
// the conversation page's choice of text and note (cannedReplyViews) and the settings form's names for the boxes.
// Nothing is faked: the real demo profile; the note is worded by a stand-in that shows the key and language.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCouncilProfile, type CouncilProfile } from '../../src/domain/council-profile';
import type { Msg } from '../../src/domain/message-text';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { cannedReplyViews } from '../../src/console/threads/canned-reply-views';
import { fieldName } from '../../src/console/settings/issue-text';

const demoPath = fileURLToPath(new URL('../../profiles/demo-council.yaml', import.meta.url));
const demo = (): CouncilProfile => loadCouncilProfile(demoPath);

/** The demo profile with these canned replies, checked by the loader's rules. */
function withCanned(cannedReplies: unknown[]) {
  const raw = JSON.parse(JSON.stringify(demo())) as { consultation: { cannedReplies: unknown[] } };
  raw.consultation.cannedReplies = cannedReplies;
  return checkCouncilProfile(raw);
}

describe('the cannedReplies schema', () => {
  it('loads the old form ({ title, text }) unchanged, with no texts map', () => {
    const loaded = demo().consultation.cannedReplies;
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded[0]).toEqual({ title: '受付のごあいさつ', text: 'ご連絡ありがとうございます。みなと区社協の担当です。内容を確認して、あらためてご連絡します。' });
    expect(loaded.every((r) => !('texts' in r))).toBe(true);
  });

  it('keeps other languages beside the Japanese source', () => {
    const checked = withCanned([{ title: '電話', text: 'お電話できますか。', texts: { 'ja-x-easy': 'でんわ できますか。', vi: 'Gọi điện được không?', 'zh-Hans': '可以打电话吗?' } }]);
    expect(checked.ok && checked.profile.consultation.cannedReplies).toEqual([
      { title: '電話', text: 'お電話できますか。', texts: { 'ja-x-easy': 'でんわ できますか。', vi: 'Gọi điện được không?', 'zh-Hans': '可以打电话吗?' } },
    ]);
  });

  it('reads an empty map as none (the settings form posts one when every box is empty)', () => {
    const checked = withCanned([{ title: '電話', text: 'お電話できますか。', texts: {} }]);
    expect(checked.ok && checked.profile.consultation.cannedReplies[0]).toEqual({ title: '電話', text: 'お電話できますか。', texts: undefined });
    expect(checked.ok && JSON.parse(JSON.stringify(checked.profile.consultation.cannedReplies[0]))).toEqual({ title: '電話', text: 'お電話できますか。' });
  });

  it('refuses Japanese in the map (it is `text`), a language the bot does not speak, and an empty text', () => {
    const issues = (texts: object) => {
      const checked = withCanned([{ title: '電話', text: 'お電話できますか。', texts }]);
      return checked.ok ? [] : checked.issues.map((i) => i.path);
    };
    expect(issues({ ja: 'お電話できますか。' })).toEqual(['consultation.cannedReplies.0.texts']);
    expect(issues({ fr: 'Pouvons-nous téléphoner ?' })).toEqual(['consultation.cannedReplies.0.texts']);
    expect(issues({ vi: '  ' })).toEqual(['consultation.cannedReplies.0.texts.vi']);
  });
});

describe('cannedReplyViews: the text each button inserts for a resident', () => {
  const replies = [
    { title: 'あいさつ', text: 'ご連絡ありがとうございます。', texts: { 'ja-x-easy': 'れんらく ありがとう。' } },
    { title: '電話', text: 'お電話できますか。', texts: { 'ja-x-easy': 'でんわ できますか。', vi: 'Gọi điện được không?' } },
    { title: '書類', text: '書類をご用意ください。' },
  ];
  const worded: Array<[string, string]> = [];
  const line = (m: Msg, language: string) => {
    worded.push([m.key, language]);
    return `[${language}:${m.key}]`;
  };

  it('for a Vietnamese resident: the Vietnamese text as it is, else easy Japanese (else Japanese) headed by the note in Vietnamese', () => {
    worded.length = 0;
    expect(cannedReplyViews(replies, 'vi', line)).toEqual([
      { title: 'あいさつ', text: '[vi:common:staffText.inEasy]\nれんらく ありがとう。', notice: 'この方はベトナム語です。ベトナム語の定型文がないため、やさしい日本語を入れます。' },
      { title: '電話', text: 'Gọi điện được không?', notice: null },
      { title: '書類', text: '[vi:common:staffText.inJapanese]\n書類をご用意ください。', notice: 'この方はベトナム語です。ベトナム語の定型文がないため、日本語を入れます。' },
    ]);
    // Only the two that fall back ask for a note.
    expect(worded).toEqual([['common:staffText.inEasy', 'vi'], ['common:staffText.inJapanese', 'vi']]);
  });

  it('for a Japanese resident: the Japanese texts, no note asked for', () => {
    worded.length = 0;
    expect(cannedReplyViews(replies, 'ja', line).map((r) => [r.text, r.notice])).toEqual([
      ['ご連絡ありがとうございます。', null],
      ['お電話できますか。', null],
      ['書類をご用意ください。', null],
    ]);
    expect(worded).toEqual([]);
  });

  it('for an easy-Japanese reader with no easy text: the Japanese, headed by the note in easy Japanese', () => {
    expect(cannedReplyViews([replies[2]!], 'ja-x-easy', line)).toEqual([
      { title: '書類', text: '[ja-x-easy:common:staffText.inJapanese]\n書類をご用意ください。', notice: 'この方はやさしい日本語です。やさしい日本語の定型文がないため、日本語を入れます。' },
    ]);
  });
});

describe('the settings form\'s names for a reply\'s languages', () => {
  it('names each language box by the language, and the map itself', () => {
    expect(fieldName('consultation.cannedReplies.0.texts.vi')).toBe('本文（ベトナム語）');
    expect(fieldName('consultation.cannedReplies.2.texts.ja-x-easy')).toBe('本文（やさしい日本語）');
    expect(fieldName('consultation.cannedReplies.0.texts')).toBe('ほかの言語の本文（ない言語の人には、やさしい日本語か日本語の本文が入ります）');
    // Other fields keep their names.
    expect(fieldName('consultation.cannedReplies.0.text')).toBe('本文');
  });
});
