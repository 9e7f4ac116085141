// Under test: the simulator page's pure browser modules, run under Node — the webhook event builders and
// their signature (line-events.js), and the message / Flex / rich menu renderer (flex-render.js).
// Nothing is faked; events are checked against the bot's own webhook schema, normaliser and fixtures.
import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { normalizeEvent } from '../../src/bot/edge/normalize-event';
import { parseCallback, type WebhookEventRaw } from '../../src/bot/edge/webhook-schema';
import { lineSignatureCheck } from '../../src/infra/line/line-signature';
import { actionLabel, color, esc, linkify, renderFlex, renderMessage, renderQuickReply, renderRichMenu, renderTemplate, safeUrl } from '../../src/simulator/public/flex-render.js';
import {
  callbackBody,
  followEvent,
  hmacSha256,
  imageMessageEvent,
  locationMessageEvent,
  newMessageId,
  newUlid,
  postbackEvent,
  sha256,
  signBody,
  stickerMessageEvent,
  textMessageEvent,
  unfollowEvent,
} from '../../src/simulator/public/line-events.js';
import { loadFixture } from '../fixtures/webhook-fixtures';

const USER = 'U' + 'ab12'.repeat(8);
const ctx = { userId: USER, timestamp: 1_782_867_600_783, replyToken: 'd48c8c4e868116f6a3b032323068c855' };

/** The event's keys, and its message's / postback's keys, sorted: the shape to compare with LINE's fixtures. */
function shape(event: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = { event: Object.keys(event).sort() };
  for (const key of ['message', 'postback', 'follow', 'source', 'deliveryContext']) {
    const value = event[key];
    if (value && typeof value === 'object') out[key] = Object.keys(value).sort();
  }
  return out;
}

function parsed(event: object): WebhookEventRaw {
  const result = parseCallback(JSON.parse(callbackBody('Ub0f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', [event])));
  if (!result.ok) throw new Error(result.issues);
  if (result.invalid.length) throw new Error(result.invalid[0]!.issues);
  return result.value.events[0] as WebhookEventRaw;
}

describe('line-events.js: events shaped like LINE sends them', () => {
  test('each builder yields the same keys as the matching webhook.yml fixture', () => {
    expect(shape(textMessageEvent(ctx, 'こんにちは'))).toEqual(shape(loadFixture('message-text')));
    expect(shape(followEvent(ctx))).toEqual(shape(loadFixture('follow')));
    expect(shape(followEvent(ctx, true))).toEqual(shape(loadFixture('follow-unblocked')));
    expect(shape(unfollowEvent(ctx))).toEqual(shape(loadFixture('unfollow')));
    expect(shape(postbackEvent(ctx, 'c=yes'))).toEqual(shape(loadFixture('postback')));
    expect(shape(postbackEvent(ctx, 'pick', { datetime: '2026-07-15T09:30' }))).toEqual(shape(loadFixture('postback-datetime')));
    expect(shape(locationMessageEvent(ctx, { latitude: 35.6, longitude: 139.7, address: '東京都', title: '市役所' }))).toEqual(shape(loadFixture('message-location')));
    const image = loadFixture('message-image');
    delete (image.message as Record<string, unknown>).imageSet; // only for several photos sent at once
    expect(shape(imageMessageEvent(ctx, '488573683040548976'))).toEqual(shape(image));
    expect(shape(stickerMessageEvent(ctx))).toEqual(shape(loadFixture('message-sticker')));
  });

  test('the bot parses and normalises them as the inputs the flows expect', () => {
    expect(normalizeEvent(parsed(textMessageEvent(ctx, 'メニュー')))).toMatchObject({
      lineType: 'message',
      mode: 'active',
      isRedelivery: false,
      sourceType: 'user',
      userId: USER,
      replyToken: ctx.replyToken,
      input: { kind: 'text', text: 'メニュー' },
    });
    expect(normalizeEvent(parsed(postbackEvent(ctx, 'd=kaigan'))).input).toEqual({ kind: 'postback', data: 'd=kaigan' });
    expect(normalizeEvent(parsed(postbackEvent(ctx, 'pick', { date: '2026-12-01' }))).input).toEqual({ kind: 'postback', data: 'pick', params: { date: '2026-12-01' } });
    expect(normalizeEvent(parsed(followEvent(ctx, true))).input).toEqual({ kind: 'follow', isUnblocked: true });
    expect(normalizeEvent(parsed(unfollowEvent(ctx)))).toMatchObject({ input: { kind: 'unfollow' } });
    expect(normalizeEvent(parsed(unfollowEvent(ctx))).replyToken).toBeUndefined();
    expect(normalizeEvent(parsed(imageMessageEvent(ctx, '488573683040548976'))).input).toMatchObject({ kind: 'media', mediaType: 'image', messageId: '488573683040548976', fromLine: true });
    expect(normalizeEvent(parsed(locationMessageEvent(ctx, { latitude: 35.45, longitude: 139.64, address: '横浜市' }))).input).toMatchObject({ kind: 'location', latitude: 35.45, longitude: 139.64 });
  });

  test('ids look like LINE ids: ULID webhookEventId with the event time, 18-digit message ids, fresh per event', () => {
    type TextEvent = { webhookEventId: string; message: { id: string; quoteToken: string } };
    const a = textMessageEvent(ctx, 'a') as unknown as TextEvent;
    const b = textMessageEvent(ctx, 'a') as unknown as TextEvent;
    expect(a.webhookEventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a.webhookEventId.slice(0, 10)).toBe(newUlid(ctx.timestamp).slice(0, 10));
    const decoded = [...a.webhookEventId.slice(0, 10)].reduce((n, ch) => n * 32 + '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(ch), 0);
    expect(decoded).toBe(ctx.timestamp);
    expect(a.webhookEventId).not.toBe(b.webhookEventId);
    expect(a.message.id).toMatch(/^[1-9]\d{17}$/);
    expect(newMessageId()).toMatch(/^[1-9]\d{17}$/);
    expect(a.message.id).not.toBe(b.message.id);
    expect(a.message.quoteToken).not.toBe(b.message.quoteToken);
  });
});

describe('line-events.js: x-line-signature', () => {
  afterEach(() => vi.unstubAllGlobals());

  const bodies = [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000].map((n) => new TextEncoder().encode('あ'.repeat(Math.floor(n / 3)) + 'x'.repeat(n % 3)));

  test('the plain-JavaScript SHA-256 and HMAC match Node crypto (padding edges, multibyte text, long keys)', () => {
    for (const body of bodies) {
      expect(Buffer.from(sha256(body)).toString('hex')).toBe(createHash('sha256').update(body).digest('hex'));
      for (const key of ['secret', 'k'.repeat(64), 'ｋ'.repeat(40)]) {
        expect(Buffer.from(hmacSha256(new TextEncoder().encode(key), body)).toString('base64')).toBe(createHmac('sha256', key).update(body).digest('base64'));
      }
    }
  });

  test('signBody verifies with the webhook signature check, with WebCrypto and without it (plain HTTP on a LAN address)', async () => {
    const secret = 'f'.repeat(64);
    const body = new TextEncoder().encode(callbackBody('Ub0f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', [textMessageEvent(ctx, '買い物の付き添い 🍎')]));
    const withSubtle = await signBody(secret, body);
    expect(lineSignatureCheck(secret)(Buffer.from(body), withSubtle)).toBe(true);
    // A non-secure context has crypto.getRandomValues but no crypto.subtle.
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const withoutSubtle = await signBody(secret, body);
    expect(withoutSubtle).toBe(withSubtle);
    expect(lineSignatureCheck('other-secret')(Buffer.from(body), withSubtle)).toBe(false);
  });
});

describe('flex-render.js: what the page draws', () => {
  /** Parses every `data-action` in rendered HTML back into actions. */
  const actionsIn = (html: string) =>
    [...html.matchAll(/data-action="([^"]*)"/g)].map((m) =>
      JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')),
    );

  test('text is escaped and links and phone numbers become links; unsafe schemes do not', () => {
    const html = renderMessage({ type: 'text', text: '<script>alert(1)</script>\n☎ 045-000-1200 https://example.com/a?b=1&c=2 javascript:alert(1)' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="tel:0450001200">045-000-1200</a>');
    expect(html).toContain('href="https://example.com/a?b=1&amp;c=2"');
    expect(html).not.toContain('href="javascript');
    expect(linkify('お電話 0120-279-338 へ')).toContain('tel:0120279338');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x', { image: true })).toBeUndefined();
    expect(safeUrl('tel:110')).toBe('tel:110');
    expect(safeUrl('/simulator/api/content/1', { image: true })).toBe('/simulator/api/content/1');
    expect(safeUrl('//evil.example/x')).toBeUndefined();
  });

  test('the consent bubble the bot sends renders its text and real buttons carrying their postbacks', () => {
    const bubble = {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'この内容に同意いただけますか?', wrap: true, size: 'lg' }] },
      footer: {
        type: 'box',
        layout: 'vertical',
        spacing: 'md',
        contents: [
          { type: 'button', style: 'primary', height: 'md', action: { type: 'postback', label: '同意する', data: 'c=yes', displayText: '同意する' } },
          { type: 'button', style: 'secondary', height: 'md', action: { type: 'postback', label: '同意しない', data: 'c=no', displayText: '同意しない' } },
        ],
      },
    };
    const html = renderMessage({ type: 'flex', altText: 'x', contents: bubble });
    expect(html).toContain('この内容に同意いただけますか?');
    expect(html).toContain('font-size:1.188rem'); // lg = 19px
    expect(html.match(/<button type="button" class="fx-button/g)).toHaveLength(2);
    expect(html).toContain('fx-button--primary');
    expect(html).toContain('>同意する</button>');
    expect(actionsIn(html)).toEqual([bubble.footer.contents[0]!.action, bubble.footer.contents[1]!.action]);
    expect(html).toContain('margin-top:0.5rem'); // spacing md between the buttons
  });

  test('carousel, box layouts, text styles, image, separator, spacer; unknown components become placeholders', () => {
    const html = renderFlex({
      type: 'carousel',
      contents: [
        {
          type: 'bubble',
          size: 'kilo',
          hero: { type: 'image', url: 'https://example.com/a.png', size: 'full', aspectRatio: '20:13', aspectMode: 'cover', action: { type: 'uri', label: '写真', uri: 'https://example.com' } },
          body: {
            type: 'box',
            layout: 'vertical',
            contents: [
              { type: 'box', layout: 'horizontal', contents: [{ type: 'text', text: '左', flex: 2 }, { type: 'separator', color: '#FF0000' }, { type: 'text', text: '右', align: 'end', color: '#00ff00' }] },
              { type: 'box', layout: 'baseline', contents: [{ type: 'icon', url: 'https://example.com/i.png' }, { type: 'text', text: 'b', weight: 'bold', size: 'xxs' }] },
              { type: 'spacer', size: 'xl' },
              { type: 'hologram' },
            ],
          },
        },
        { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: '2枚目' }] } },
      ],
    });
    expect(html.match(/class="fx-bubble"/g)).toHaveLength(2);
    expect(html).toContain('fx-carousel');
    expect(html).toContain('width:16.25rem'); // kilo = 260px
    expect(html).toContain('fx-horizontal');
    expect(html).toContain('flex:2 1 0');
    expect(html).toContain('border-inline-start:1px solid #FF0000');
    expect(html).toContain('align-items:baseline');
    expect(html).toContain('color:#00ff00');
    expect(html).toContain('font-weight:700');
    expect(html).toContain('aspect-ratio:20 / 13');
    expect(html).toContain('role="button" tabindex="0" aria-label="写真"');
    expect(html).toContain('flex:0 0 1rem'); // spacer xl = 16px
    expect(html).toContain('[未対応の部品: hologram]');
  });

  test('colours, lengths and URLs from the bot cannot inject CSS or markup', () => {
    const html = renderFlex({
      type: 'bubble',
      body: {
        type: 'box',
        layout: 'vertical',
        backgroundColor: 'red;background-image:url(https://evil.example)',
        paddingAll: '10px;position:fixed',
        contents: [
          { type: 'text', text: '"><img src=x onerror=alert(1)>', color: '#fff" onclick="x' },
          { type: 'image', url: 'javascript:alert(1)' },
          { type: 'button', action: { type: 'message', label: '<b>x</b>', text: '"\'<>&' } },
        ],
      },
    });
    expect(html).not.toContain('evil.example');
    expect(html).not.toContain('position:fixed');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(actionsIn(html)).toEqual([{ type: 'message', label: '<b>x</b>', text: '"\'<>&' }]);
    expect(color('#12345678')).toBe('#12345678');
    expect(color('#1234')).toBeUndefined();
    expect(esc(`<&"'>`)).toBe('&lt;&amp;&quot;&#39;&gt;');
  });

  test('templates: buttons with thumbnail and actions, confirm side by side, image carousel', () => {
    const buttons = renderTemplate({
      type: 'buttons',
      thumbnailImageUrl: 'https://example.com/t.jpg',
      title: 'ボランティア',
      text: '選んでください',
      actions: [
        { type: 'message', label: '送迎', text: '送迎をしたい' },
        { type: 'datetimepicker', label: '日にち', data: 'd', mode: 'date' },
      ],
    });
    expect(buttons).toContain('tpl-thumb');
    expect(buttons).toContain('ボランティア');
    expect(actionsIn(buttons).map((a) => a.type)).toEqual(['message', 'datetimepicker']);
    const confirm = renderMessage({ type: 'template', altText: 'x', template: { type: 'confirm', text: 'よろしいですか?', actions: [{ type: 'postback', label: 'はい', data: 'y' }, { type: 'postback', label: 'いいえ', data: 'n' }] } });
    expect(confirm).toContain('tpl-confirm-actions');
    expect(confirm.match(/class="tpl-action"/g)).toHaveLength(2);
    const images = renderTemplate({ type: 'image_carousel', columns: [{ imageUrl: 'https://example.com/1.jpg', action: { type: 'uri', label: '見る', uri: 'https://example.com' } }] });
    expect(images).toContain('tpl-image-button');
    expect(renderTemplate({ type: 'hologram' }, 'alt')).toContain('[未対応のテンプレート: hologram]');
  });

  test('other message types render; unknown ones show a placeholder', () => {
    expect(renderMessage({ type: 'image', originalContentUrl: 'https://example.com/o.jpg', previewImageUrl: 'https://example.com/p.jpg' })).toContain('src="https://example.com/p.jpg"');
    expect(renderMessage({ type: 'location', title: '社協', address: '横浜市', latitude: 35.45, longitude: 139.64 })).toContain('openstreetmap.org/?mlat=35.45&amp;mlon=139.64');
    expect(renderMessage({ type: 'sticker', packageId: '446', stickerId: '1988' })).toContain('aria-label="スタンプ"');
    expect(renderMessage({ type: 'textV2', text: '{u}さん、こんにちは', substitution: { u: { type: 'mention', mentionee: { type: 'user', userId: USER } } } })).toContain('@ユーザーさん');
    expect(renderMessage({ type: 'coupon' })).toContain('[未対応のメッセージ: coupon]');
  });

  test('quick-reply chips and rich menu areas are labelled buttons with their actions', () => {
    const chips = renderQuickReply({
      items: [
        { type: 'action', action: { type: 'postback', label: '日本語', data: 'lang=ja', displayText: '日本語' } },
        { type: 'action', action: { type: 'location', label: '位置情報' } },
      ],
    });
    expect(chips.match(/<button type="button" class="qr-chip"/g)).toHaveLength(2);
    expect(chips).toContain('<span>日本語</span>');
    expect(actionsIn(chips)[0]).toEqual({ type: 'postback', label: '日本語', data: 'lang=ja', displayText: '日本語' });
    expect(renderQuickReply(undefined)).toBe('');

    const menu = renderRichMenu(
      {
        size: { width: 2500, height: 1686 },
        areas: [
          { bounds: { x: 0, y: 0, width: 833, height: 843 }, action: { type: 'postback', label: '相談する', data: 'menu=consult', displayText: '相談したい' } },
          { bounds: { x: 1667, y: 843, width: 833, height: 843 }, action: { type: 'postback', label: 'スタッフと話す', data: 'g=staff' } },
        ],
      },
      '/simulator/api/rich-menu/richmenu-0/image',
    );
    expect(menu).toContain('aspect-ratio:2500 / 1686');
    expect(menu).toContain('aria-label="相談する"');
    expect(menu).toContain('left:66.68%;top:50%;width:33.32%;height:50%');
    expect(actionsIn(menu).map((a) => a.data)).toEqual(['menu=consult', 'g=staff']);
    expect(actionLabel({ type: 'postback', data: 'x' })).toBe('x');
  });
});
