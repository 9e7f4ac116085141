// Under test: src/bot/message-builder.ts (LINE limits enforced at build time). Nothing is faked.
import { describe, expect, it } from 'vitest';
import {
  bigButtonBubble,
  countGraphemes,
  datetimePickerAction,
  flexMessage,
  messageAction,
  postbackAction,
  quickReply,
  textMessage,
  toBatches,
  truncateGraphemes,
  truncateUtf16,
  uriAction,
} from '../../src/bot/render/message-builder';
import { DomainError } from '../../src/domain/errors';

/** Asserts the build is refused; `reason` pins which limit refused it, so a test cannot pass by accident. */
function expectInvalid(build: () => unknown, reason?: RegExp): void {
  let caught: unknown;
  try {
    build();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe('message.invalid');
  if (reason) expect((caught as DomainError).message).toMatch(reason);
}

const chip = (i: number) => postbackAction(`項目${i}`, `item=${i}`);

describe('toBatches', () => {
  it('splits 6 messages into a call of 5 and a call of 1, in order', () => {
    const messages = Array.from({ length: 6 }, (_, i) => textMessage(`m${i}`));
    const batches = toBatches(messages);
    expect(batches.map((b) => b.length)).toEqual([5, 1]);
    expect(batches.flat()).toEqual(messages);
  });

  it('gives no calls for no messages', () => {
    expect(toBatches([])).toEqual([]);
  });
});

describe('text messages', () => {
  it('accepts exactly 5000 UTF-16 units', () => {
    expect(textMessage('あ'.repeat(5000)).text).toHaveLength(5000);
  });

  it('refuses 5001 UTF-16 units', () => {
    expectInvalid(() => textMessage('a'.repeat(5001)), /5001 UTF-16/);
  });

  it('counts 🍎 as two units, as LINE does', () => {
    expect(textMessage('🍎'.repeat(2500)).text).toHaveLength(5000);
    expectInvalid(() => textMessage(`${'🍎'.repeat(2500)}a`), /5001 UTF-16/);
  });

  it('refuses empty and blank text', () => {
    expectInvalid(() => textMessage(''));
    expectInvalid(() => textMessage('  \n'));
  });
});

describe('quick replies', () => {
  it('accepts 13 items', () => {
    const msg = textMessage('選んでください', { quickReply: quickReply(Array.from({ length: 13 }, (_, i) => chip(i))) });
    expect(msg.quickReply?.items).toHaveLength(13);
  });

  it('refuses 14 items', () => {
    expectInvalid(() => quickReply(Array.from({ length: 14 }, (_, i) => chip(i))), /14 items/);
  });

  it('refuses an empty quick reply', () => {
    expectInvalid(() => quickReply([]));
  });
});

describe('action labels (grapheme clusters)', () => {
  it('accepts 20 characters and refuses 21', () => {
    expect(postbackAction('あ'.repeat(20), 'a=1').label).toHaveLength(20);
    expectInvalid(() => postbackAction('あ'.repeat(21), 'a=1'), /label has 21/);
  });

  it('counts a combined emoji as one character', () => {
    const family = '👨‍👩‍👧'; // 8 UTF-16 units, one grapheme
    expect(countGraphemes(family)).toBe(1);
    const label = `${family}${'あ'.repeat(19)}`;
    expect(postbackAction(label, 'a=1').label).toBe(label);
    expectInvalid(() => postbackAction(`${family}${'あ'.repeat(20)}`, 'a=1'), /label has 21/);
  });

  it('refuses an empty label on every action kind', () => {
    expectInvalid(() => postbackAction('', 'a=1'));
    expectInvalid(() => messageAction(' ', 'hi'));
    expectInvalid(() => uriAction('', 'https://example.jp'));
    expectInvalid(() => datetimePickerAction('', 'd=1', 'date'));
  });
});

describe('postback actions', () => {
  it('accepts 300 characters of data and refuses 301', () => {
    expect(postbackAction('ok', 'x'.repeat(300))).toMatchObject({ data: 'x'.repeat(300) });
    expectInvalid(() => postbackAction('ok', 'x'.repeat(301)), /data has 301/);
  });

  it('refuses a displayText over 300 characters', () => {
    expect(postbackAction('ok', 'a=1', { displayText: 'は'.repeat(300) })).toMatchObject({ displayText: 'は'.repeat(300) });
    expectInvalid(() => postbackAction('ok', 'a=1', { displayText: 'は'.repeat(301) }), /displayText has 301/);
  });
});

describe('uri actions', () => {
  it('accepts http, https, tel and line', () => {
    for (const uri of ['http://example.jp', 'https://example.jp/a?b=c', 'tel:0312345678', 'line://nv/location']) {
      expect(uriAction('開く', uri)).toMatchObject({ type: 'uri', uri });
    }
  });

  it('refuses other schemes and non-URLs', () => {
    expectInvalid(() => uriAction('開く', 'javascript:alert(1)'));
    expectInvalid(() => uriAction('開く', 'ftp://example.jp'));
    expectInvalid(() => uriAction('開く', 'not a url'));
  });
});

describe('datetime picker', () => {
  it('accepts the edges of LINE range', () => {
    expect(
      datetimePickerAction('日時', 'd=1', 'datetime', { min: '1900-01-01T00:00', max: '2100-12-31T23:59' }),
    ).toMatchObject({ min: '1900-01-01T00:00', max: '2100-12-31T23:59' });
  });

  it('refuses dates outside 1900-01-01..2100-12-31', () => {
    expectInvalid(() => datetimePickerAction('日付', 'd=1', 'date', { min: '1899-12-31' }), /outside/);
    expectInvalid(() => datetimePickerAction('日付', 'd=1', 'date', { max: '2101-01-01' }), /outside/);
    expectInvalid(() => datetimePickerAction('日付', 'd=1', 'date', { initial: '2101-01-01' }), /outside/);
  });

  it('refuses impossible or mis-formatted values and inverted bounds', () => {
    expectInvalid(() => datetimePickerAction('日付', 'd=1', 'date', { initial: '2026-02-30' }));
    expectInvalid(() => datetimePickerAction('時刻', 't=1', 'time', { initial: '24:00' }));
    expectInvalid(() => datetimePickerAction('日付', 'd=1', 'date', { initial: '2026/07/01' }));
    expectInvalid(() => datetimePickerAction('日付', 'd=1', 'date', { min: '2026-07-02', max: '2026-07-01' }));
    expectInvalid(() => datetimePickerAction('日付', 'd=1', 'date', { min: '2026-07-01', initial: '2026-06-30' }));
  });
});

describe('flex messages', () => {
  const bubble = () => bigButtonBubble({ text: 'ご用件を選んでください', buttons: [chip(1), chip(2)] });

  it('accepts altText of 1500 characters and refuses 1501', () => {
    expect(flexMessage('a'.repeat(1500), bubble()).altText).toHaveLength(1500);
    expectInvalid(() => flexMessage('a'.repeat(1501), bubble()), /altText has 1501/);
  });

  it('refuses a bubble over 30 KB', () => {
    // ASCII text, so bytes = characters; the limit is about JSON size, not the text limit.
    const big = { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'a'.repeat(31_000) }] } };
    expectInvalid(() => flexMessage('お知らせ', big), /bubble is \d+ bytes/);
  });

  it('refuses a big-button bubble whose JSON exceeds 30 KB', () => {
    // 4,999 three-byte characters ≈ 15 KB of text; 60 buttons with ~290-byte data add ~24 KB more.
    const buttons = Array.from({ length: 60 }, (_, i) => postbackAction(`ボタン${i}`, 'x'.repeat(290)));
    expectInvalid(() => bigButtonBubble({ text: 'あ'.repeat(4999), buttons }), /bubble is \d+ bytes/);
  });

  it('refuses contents that are neither bubble nor carousel', () => {
    expectInvalid(() => flexMessage('お知らせ', { type: 'box' }));
  });

  it('lays out the first button as primary and the rest as secondary, all full width', () => {
    const b = bubble() as { footer: { contents: Array<{ style: string; height: string; action: unknown }> } };
    expect(b.footer.contents.map((c) => c.style)).toEqual(['primary', 'secondary']);
    expect(b.footer.contents.every((c) => c.height === 'md')).toBe(true);
  });
});

describe('truncation helpers', () => {
  it('shortens to 20 graphemes with an ellipsis without splitting an emoji', () => {
    const s = `${'あ'.repeat(19)}👨‍👩‍👧かきく`;
    const out = truncateGraphemes(s, 20);
    expect(countGraphemes(out)).toBe(20);
    expect(out.endsWith('…')).toBe(true);
    expect(truncateGraphemes('短い', 20)).toBe('短い');
  });

  it('shortens to UTF-16 units without breaking a surrogate pair', () => {
    const out = truncateUtf16('🍎'.repeat(10), 6);
    expect(out).toBe('🍎🍎…');
    expect(out.length).toBeLessThanOrEqual(6);
  });
});
