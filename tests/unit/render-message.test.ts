// Under test: src/bot/render-message.ts (OutMessage → LINE message). The translator is a fake dictionary.
import { describe, expect, it } from 'vitest';
import { renderOutMessage, renderOutMessages, type Translate } from '../../src/bot/render/render-message';
import { DomainError } from '../../src/domain/errors';
import type { LineFlexMessage, LineTextMessage } from '../../src/domain/line-message';
import { msg } from '../../src/domain/message-text';
import type { Chip, OutMessage } from '../../src/domain/out-message';

const dictionary: Record<string, string> = {
  'greet.hello': 'こんにちは、{{name}}さん',
  'greet.ask': 'ご用件を選んでください',
  'menu.consult': '相談する',
  'menu.consult.said': '相談したいです',
  'menu.events': 'イベント',
  'menu.staff': '職員と話す',
  'menu.site': 'ホームページ',
  'menu.date': '日にちを選ぶ',
  'menu.yes': 'はい',
  'long.label': 'とてもとても長いラベルなのでこのままでは二十文字を超えてしまいます',
  'long.text': 'あ'.repeat(3000),
};

/** A fake translator fixed to one language: looks keys up and fills `{{param}}` placeholders. */
const t: Translate = (key, params) => {
  const template = dictionary[key];
  if (template === undefined) throw new Error(`missing key ${key}`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params?.[name] ?? ''));
};

const consult: Chip = { kind: 'postback', label: msg('menu.consult'), data: 'menu=consult' };

describe('renderOutMessage', () => {
  it('joins translated lines with a blank line into a text message', () => {
    const out: OutMessage = { lines: [msg('greet.hello', { name: '田中' }), msg('greet.ask')] };
    expect(renderOutMessage(out, t)).toEqual({
      type: 'text',
      text: 'こんにちは、田中さん\n\nご用件を選んでください',
    });
  });

  it('turns chips into a quick reply, with the label as displayText for postbacks', () => {
    const out: OutMessage = {
      lines: [msg('greet.ask')],
      chips: [
        consult,
        { kind: 'postback', label: msg('menu.staff'), data: 'g=staff', displayText: msg('menu.consult.said') },
        { kind: 'text', label: msg('menu.yes'), text: msg('menu.yes') },
        { kind: 'uri', label: msg('menu.site'), uri: 'https://example.jp' },
        { kind: 'datePicker', label: msg('menu.date'), data: 'pick=date', min: '2026-01-01' },
      ],
    };
    const rendered = renderOutMessage(out, t) as LineTextMessage;
    expect(rendered.quickReply?.items.map((i) => i.action)).toEqual([
      { type: 'postback', label: '相談する', data: 'menu=consult', displayText: '相談する' },
      { type: 'postback', label: '職員と話す', data: 'g=staff', displayText: '相談したいです' },
      { type: 'message', label: 'はい', text: 'はい' },
      { type: 'uri', label: 'ホームページ', uri: 'https://example.jp' },
      { type: 'datetimepicker', label: '日にちを選ぶ', data: 'pick=date', mode: 'date', min: '2026-01-01' },
    ]);
  });

  it('renders buttons as a Flex bubble with big full-width buttons, first primary', () => {
    const out: OutMessage = {
      lines: [msg('greet.ask')],
      buttons: [consult, { kind: 'postback', label: msg('menu.events'), data: 'menu=events' }],
      chips: [{ kind: 'postback', label: msg('menu.staff'), data: 'g=staff' }],
    };
    const rendered = renderOutMessage(out, t) as LineFlexMessage;
    expect(rendered.type).toBe('flex');
    expect(rendered.altText).toBe('ご用件を選んでください');
    const bubble = rendered.contents as {
      body: { contents: Array<{ text: string; wrap: boolean }> };
      footer: { contents: Array<{ style: string; height: string; action: { label: string; data: string } }> };
    };
    expect(bubble.body.contents[0]).toMatchObject({ text: 'ご用件を選んでください', wrap: true });
    expect(bubble.footer.contents.map((b) => [b.style, b.height, b.action.label, b.action.data])).toEqual([
      ['primary', 'md', '相談する', 'menu=consult'],
      ['secondary', 'md', 'イベント', 'menu=events'],
    ]);
    expect(rendered.quickReply?.items.map((i) => i.action.label)).toEqual(['職員と話す']);
  });

  it('truncates a long altText to 1500 characters but keeps the full text in the bubble', () => {
    const out: OutMessage = { lines: [msg('long.text')], buttons: [consult] };
    const rendered = renderOutMessage(out, t) as LineFlexMessage;
    expect(rendered.altText.length).toBeLessThanOrEqual(1500);
    expect(rendered.altText.endsWith('…')).toBe(true);
    expect(JSON.stringify(rendered.contents)).toContain('あ'.repeat(3000));
  });

  it('shortens an over-long translated label to 20 characters but shows it in full as displayText', () => {
    const out: OutMessage = {
      lines: [msg('greet.ask')],
      chips: [{ kind: 'postback', label: msg('long.label'), data: 'x=1' }],
    };
    const action = (renderOutMessage(out, t) as LineTextMessage).quickReply?.items[0]?.action;
    expect(action).toMatchObject({ type: 'postback', data: 'x=1', displayText: dictionary['long.label'] });
    expect([...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(action?.label ?? '')]).toHaveLength(20);
    expect(action?.label?.endsWith('…')).toBe(true);
  });

  it('refuses more than 13 chips rather than dropping choices', () => {
    const chips = Array.from({ length: 14 }, (_, i): Chip => ({ kind: 'postback', label: msg('menu.yes'), data: `n=${i}` }));
    expect(() => renderOutMessage({ lines: [msg('greet.ask')], chips }, t)).toThrow(DomainError);
  });

  it('refuses more than 6 big buttons', () => {
    const buttons = Array.from({ length: 7 }, (_, i): Chip => ({ kind: 'postback', label: msg('menu.yes'), data: `n=${i}` }));
    expect(() => renderOutMessage({ lines: [msg('greet.ask')], buttons }, t)).toThrow(DomainError);
  });

  it('refuses a message with no text', () => {
    expect(() => renderOutMessage({ lines: [] }, t)).toThrow(DomainError);
  });
});

describe('renderOutMessages', () => {
  it('renders each message in order', () => {
    const rendered = renderOutMessages([{ lines: [msg('menu.yes')] }, { lines: [msg('menu.events')] }], t);
    expect(rendered).toEqual([
      { type: 'text', text: 'はい' },
      { type: 'text', text: 'イベント' },
    ]);
  });
});
