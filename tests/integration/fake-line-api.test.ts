// Under test: the fake LINE Messaging API (src/infra/fake-line) over real HTTP with fetch; LINE itself is what is faked, with an injected clock and random.
import { randomUUID } from 'node:crypto';
import { messagingApi, type HTTPFetchError } from '@line/bot-sdk';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFakeLineApi,
  LINE_ERROR,
  startFakeLineServer,
  type FakeLineApiOptions,
  type FakeLineServer,
} from '../../src/simulator/fake-line/fake-line-api';

const TOKEN = 'test-channel-token';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let now: number;
let nextRandom: number;
let server: FakeLineServer;

/** Starts a fresh fake with a settable clock and random; extra options override the defaults. */
async function start(extra: Partial<FakeLineApiOptions> = {}): Promise<void> {
  await server?.close();
  server = await startFakeLineServer({
    port: 0,
    channelAccessToken: TOKEN,
    clock: () => now,
    random: () => nextRandom,
    ...extra,
  });
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One request to the fake; JSON bodies are serialised, strings and buffers sent as they are. */
async function call(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; token?: string | null; base?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | Uint8Array | undefined;
  if (typeof options.body === 'string' || options.body instanceof Uint8Array) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${options.base ?? server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // binary or empty answer: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

const text = (t: string) => ({ type: 'text', text: t });
const push = (to: string, messages: unknown[], headers?: Record<string, string>) =>
  call('POST', '/v2/bot/message/push', { body: { to, messages }, ...(headers ? { headers } : {}) });
const reply = (replyToken: string, messages: unknown[], headers?: Record<string, string>) =>
  call('POST', '/v2/bot/message/reply', { body: { replyToken, messages }, ...(headers ? { headers } : {}) });
const quickReplyText = (items: unknown[]) => ({ type: 'text', text: 'choose', quickReply: { items } });
const postbackItem = (label: string, data = 'a=1') => ({ type: 'action', action: { type: 'postback', label, data } });

/** LINE's 400 for one invalid property. */
function invalid(property: string, message: string) {
  return { message: 'The request body has 1 error(s)', details: [{ property, message }] };
}

beforeEach(async () => {
  now = Date.UTC(2026, 6, 1, 3, 0, 0);
  nextRandom = 0.5;
  await start();
});

afterEach(async () => {
  await server.close();
});

describe('message validation', () => {
  it('refuses 6 messages with LINE’s error shape', async () => {
    const res = await push('U1', Array.from({ length: 6 }, (_, i) => text(`m${i}`)));
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('messages', 'Size must be between 1 and 5'));
    expect((await push('U1', Array.from({ length: 5 }, (_, i) => text(`m${i}`)))).status).toBe(200);
  });

  it('refuses text over 5000 UTF-16 units (🍎 counts 2)', async () => {
    const res = await push('U1', [text('a'.repeat(5001))]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('messages[0].text', 'Length must be between 0 and 5000'));
    expect((await push('U1', [text('🍎'.repeat(2500))])).status).toBe(200);
    expect((await push('U1', [text(`${'🍎'.repeat(2500)}a`)])).status).toBe(400);
  });

  it('refuses 14 quick-reply buttons', async () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => postbackItem(`b${i}`));
    const res = await push('U1', [quickReplyText(items(14))]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('messages[0].quickReply.items', 'Size must be between 0 and 13'));
    expect((await push('U1', [quickReplyText(items(13))])).status).toBe(200);
  });

  it('refuses an action label of 21 characters, counting grapheme clusters', async () => {
    const res = await push('U1', [quickReplyText([postbackItem('x'.repeat(21))])]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('messages[0].quickReply.items[0].action.label', 'Length must be between 0 and 20'));
    // 20 family emoji are 20 graphemes but 220 UTF-16 units.
    expect((await push('U1', [quickReplyText([postbackItem('👨‍👩‍👧‍👦'.repeat(20))])])).status).toBe(200);
  });

  it('refuses postback data of 301 characters', async () => {
    const res = await push('U1', [quickReplyText([postbackItem('ok', 'd'.repeat(301))])]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('messages[0].quickReply.items[0].action.data', 'Length must be between 0 and 300'));
  });

  it('refuses displayText over 300 graphemes', async () => {
    const item = { type: 'action', action: { type: 'postback', label: 'ok', data: 'a', displayText: 'あ'.repeat(301) } };
    const res = await push('U1', [quickReplyText([item])]);
    expect(res.body).toEqual(invalid('messages[0].quickReply.items[0].action.displayText', 'Length must be between 0 and 300'));
  });

  it('refuses an unknown message type', async () => {
    const res = await push('U1', [{ type: 'hologram', text: 'hi' }]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ details: [{ property: 'messages[0].type' }] });
  });

  it('refuses a Flex altText over 1500 and a template altText over 400', async () => {
    const bubble = { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [] } };
    const flex = await push('U1', [{ type: 'flex', altText: 'a'.repeat(1501), contents: bubble }]);
    expect(flex.body).toEqual(invalid('messages[0].altText', 'Length must be between 0 and 1500'));
    const template = { type: 'confirm', text: 'ok?', actions: [{ type: 'message', label: 'y', text: 'y' }, { type: 'message', label: 'n', text: 'n' }] };
    const tpl = await push('U1', [{ type: 'template', altText: 'a'.repeat(401), template }]);
    expect(tpl.body).toEqual(invalid('messages[0].altText', 'Length must be between 0 and 400'));
    expect((await push('U1', [{ type: 'template', altText: 'a', template }])).status).toBe(200);
  });

  it('refuses a Flex bubble over 30 KB and a carousel of 13 bubbles', async () => {
    const bubble = (textLength: number) => ({
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'x'.repeat(textLength) }] },
    });
    const big = await push('U1', [{ type: 'flex', altText: 'a', contents: bubble(31 * 1024) }]);
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ details: [{ property: 'messages[0].contents' }] });
    const carousel = { type: 'carousel', contents: Array.from({ length: 13 }, () => bubble(10)) };
    const many = await push('U1', [{ type: 'flex', altText: 'a', contents: carousel }]);
    expect(many.body).toEqual(invalid('messages[0].contents.contents', 'Size must be between 1 and 12'));
  });

  it('checks actions inside Flex with Flex limits (label 40)', async () => {
    const button = (label: string) => ({
      type: 'flex',
      altText: 'a',
      contents: { type: 'bubble', footer: { type: 'box', layout: 'vertical', contents: [{ type: 'button', action: { type: 'postback', label, data: 'x' } }] } },
    });
    expect((await push('U1', [button('b'.repeat(40))])).status).toBe(200);
    const res = await push('U1', [button('b'.repeat(41))]);
    expect(res.body).toEqual(invalid('messages[0].contents.footer.contents[0].action.label', 'Length must be between 0 and 40'));
  });

  it('refuses a multicast to 501 recipients', async () => {
    const to = (n: number) => Array.from({ length: n }, (_, i) => `U${i}`);
    const res = await call('POST', '/v2/bot/message/multicast', { body: { to: to(501), messages: [text('hi')] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('to', 'Size must be between 1 and 500'));
    expect((await call('POST', '/v2/bot/message/multicast', { body: { to: to(500), messages: [text('hi')] } })).status).toBe(200);
    expect(server.state.delivered()).toHaveLength(500);
  });

  it('answers 413 to a body over 2 MB, before validating it', async () => {
    const res = await push('U1', [text('x'.repeat(2 * 1024 * 1024))]);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ message: LINE_ERROR.tooLarge });
    expect(server.state.delivered()).toEqual([]);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await call('POST', '/v2/bot/message/push', { body: '{"to":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: LINE_ERROR.notJson });
  });
});

describe('reply tokens', () => {
  it('work once; the second use is "Invalid reply token"', async () => {
    const token = server.state.issueReplyToken('U1');
    const first = await reply(token, [text('one')]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ sentMessages: [{ id: expect.any(String), quoteToken: expect.any(String) }] });
    const second = await reply(token, [text('two')]);
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ message: LINE_ERROR.invalidReplyToken });
    expect(server.state.delivered('U1').map((d) => d.messages)).toEqual([[text('one')]]);
  });

  it('expire after 60 s of the injected clock', async () => {
    const fresh = server.state.issueReplyToken('U1');
    const stale = server.state.issueReplyToken('U1');
    now += 59_000;
    expect((await reply(fresh, [text('in time')])).status).toBe(200);
    now += 2_000;
    const res = await reply(stale, [text('late')]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: LINE_ERROR.invalidReplyToken });
  });

  it('an unknown token is "Invalid reply token"; an invalid body does not burn a valid token', async () => {
    expect((await reply('deadbeef', [text('x')])).body).toEqual({ message: LINE_ERROR.invalidReplyToken });
    const token = server.state.issueReplyToken('U1');
    expect((await reply(token, [])).status).toBe(400);
    expect((await reply(token, [text('ok')])).status).toBe(200);
  });

  it('a retry key on reply is refused with 400', async () => {
    const token = server.state.issueReplyToken('U1');
    const res = await reply(token, [text('x')], { 'x-line-retry-key': randomUUID() });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: LINE_ERROR.retryKeyNotAllowed });
    expect((await reply(token, [text('x')])).status).toBe(200);
  });
});

describe('retry keys', () => {
  it('a repeated key gets 409 with x-line-accepted-request-id and the original sentMessages', async () => {
    const key = randomUUID();
    const first = await push('U1', [text('hello')], { 'x-line-retry-key': key });
    expect(first.status).toBe(200);
    const again = await push('U1', [text('hello')], { 'x-line-retry-key': key });
    expect(again.status).toBe(409);
    expect(again.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect(again.headers.get('x-line-request-id')).not.toBe(first.headers.get('x-line-request-id'));
    expect(again.body).toEqual({
      message: LINE_ERROR.retryKeyAccepted,
      sentMessages: (first.body as { sentMessages: unknown }).sentMessages,
    });
    expect(server.state.delivered('U1')).toHaveLength(1);
  });

  it('a key is forgotten after 24 h, and a multicast repeat gets 409 without sentMessages', async () => {
    const key = randomUUID();
    const body = { to: ['U1', 'U2'], messages: [text('hi')] };
    const headers = { 'x-line-retry-key': key };
    expect((await call('POST', '/v2/bot/message/multicast', { body, headers })).status).toBe(200);
    const repeat = await call('POST', '/v2/bot/message/multicast', { body, headers });
    expect(repeat.status).toBe(409);
    expect(repeat.body).toEqual({ message: LINE_ERROR.retryKeyAccepted });
    now += 24 * 60 * 60 * 1000;
    expect((await call('POST', '/v2/bot/message/multicast', { body, headers })).status).toBe(200);
  });

  it('a key that is not a UUID is refused', async () => {
    const res = await push('U1', [text('x')], { 'x-line-retry-key': 'not-a-uuid' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: LINE_ERROR.retryKeyInvalid });
  });
});

describe('auth, limits and faults', () => {
  it('a wrong or missing bearer token gets 401', async () => {
    for (const token of ['wrong-token', null]) {
      const res = await call('GET', '/v2/bot/message/quota', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: LINE_ERROR.unauthorized });
    }
  });

  it('a configured rate limit (2/s) answers 429 with the rate-limit body, per endpoint', async () => {
    await start({ faults: { rateLimitPerSecond: { push: 2 } } });
    expect((await push('U1', [text('1')])).status).toBe(200);
    expect((await push('U1', [text('2')])).status).toBe(200);
    const third = await push('U1', [text('3')]);
    expect(third.status).toBe(429);
    expect(third.body).toEqual({ message: LINE_ERROR.rateLimited });
    expect((await reply(server.state.issueReplyToken('U1'), [text('r')])).status).toBe(200);
    now += 1000;
    expect((await push('U1', [text('4')])).status).toBe(200);
    expect(server.state.delivered('U1').map((d) => d.messages[0])).toEqual([text('1'), text('2'), text('r'), text('4')]);
  });

  it('the monthly quota answers 429 with its own body and sends nothing; blocked users are not counted', async () => {
    await start({ monthlyQuota: 2 });
    server.state.setFriend('U3', { blocked: true });
    const multicast = await call('POST', '/v2/bot/message/multicast', { body: { to: ['U1', 'U2', 'U3'], messages: [text('a')] } });
    expect(multicast.status).toBe(200);
    const over = await push('U1', [text('b')]);
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ message: LINE_ERROR.monthlyLimit });
    expect(over.body).not.toEqual({ message: LINE_ERROR.rateLimited });
    expect((await call('GET', '/v2/bot/message/quota')).body).toEqual({ type: 'limited', value: 2 });
    expect((await call('GET', '/v2/bot/message/quota/consumption')).body).toEqual({ totalUsage: 2 });
    expect((await reply(server.state.issueReplyToken('U1'), [text('free')])).status).toBe(200);
    expect(server.state.delivered().map((d) => d.to)).toEqual(['U1', 'U2', 'U1']);
  });

  it('errorRate 1 answers 500 and delivers nothing', async () => {
    server.state.setFaults({ errorRate: 1 });
    const res = await push('U1', [text('x')]);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ message: LINE_ERROR.internal });
    expect(server.state.delivered()).toEqual([]);
    server.state.setFaults({ errorRate: 0.3 });
    nextRandom = 0.3; // draws at or above the rate pass
    expect((await push('U1', [text('y')])).status).toBe(200);
  });

  it('a fault after the work loses only the answer, so the retry with the same key gets 409', async () => {
    server.state.setFaults({ errorRate: 1, errorPhase: 'after', errorEndpoints: ['push'] });
    const key = randomUUID();
    const lost = await push('U1', [text('x')], { 'x-line-retry-key': key });
    expect(lost.status).toBe(500);
    server.state.setFaults({});
    const retry = await push('U1', [text('x')], { 'x-line-retry-key': key });
    expect(retry.status).toBe(409);
    expect(retry.headers.get('x-line-accepted-request-id')).toBe(lost.headers.get('x-line-request-id'));
    expect(server.state.delivered('U1')).toHaveLength(1);
  });

  it('failNext fails exactly the next request to one endpoint', async () => {
    server.state.failNext('push', { status: 503 });
    expect((await push('U1', [text('a')])).status).toBe(503);
    expect((await push('U1', [text('b')])).status).toBe(200);
  });

  it('every response carries a UUID x-line-request-id', async () => {
    await start({ faults: { rateLimitPerSecond: { quota: 1 } } });
    const answers = [
      await push('U1', [text('ok')]),
      await push('U1', []),
      await call('GET', '/v2/bot/message/quota'),
      await call('GET', '/v2/bot/message/quota'),
      await call('GET', '/v2/bot/profile/U404'),
      await call('GET', '/v2/bot/nothing-here'),
      await call('POST', '/v2/bot/chat/loading/start', { body: { chatId: 'U1' } }),
      await call('GET', '/v2/bot/message/quota', { token: 'bad' }),
      await push('U1', [text('x'.repeat(3 * 1024 * 1024))]),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 400, 200, 429, 404, 404, 202, 401, 413]);
    for (const a of answers) expect(a.headers.get('x-line-request-id')).toMatch(UUID);
    expect(new Set(answers.map((a) => a.headers.get('x-line-request-id'))).size).toBe(answers.length);
  });

  it('latencyMs delays answers in real time', async () => {
    server.state.setFaults({ latencyMs: 60 });
    const started = performance.now();
    await call('GET', '/v2/bot/message/quota');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe('users', () => {
  it('profile: 200 for a friend, 404 "Not found" for an unknown or blocked user', async () => {
    server.state.setFriend('U1', { displayName: '山田 花子', language: 'ja' });
    expect((await call('GET', '/v2/bot/profile/U1')).body).toEqual({ userId: 'U1', displayName: '山田 花子', language: 'ja' });
    const unknown = await call('GET', '/v2/bot/profile/U404');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: LINE_ERROR.notFound });
    server.state.setFriend('U1', { blocked: true });
    expect((await call('GET', '/v2/bot/profile/U1')).status).toBe(404);
  });

  it('loading indicator: 202 with {}; loadingSeconds must be 5–60 in steps of 5', async () => {
    const res = await call('POST', '/v2/bot/chat/loading/start', { body: { chatId: 'U1', loadingSeconds: 10 } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({});
    expect(server.state.loadings).toEqual([{ chatId: 'U1', loadingSeconds: 10, at: now }]);
    for (const loadingSeconds of [7, 0, 65]) {
      const bad = await call('POST', '/v2/bot/chat/loading/start', { body: { chatId: 'U1', loadingSeconds } });
      expect(bad.body).toEqual(invalid('loadingSeconds', 'Must be a multiple of 5 between 5 and 60'));
    }
  });

  it('delivered() lists only messages that reached users, in order', async () => {
    server.state.setFriend('U2', { blocked: true });
    const blocked = await push('U2', [text('to blocked')]);
    expect(blocked.status).toBe(200);
    await push('U1', [text('first')]);
    await push('U1', [{ type: 'nope' }]);
    server.state.failNext('push');
    await push('U1', [text('failed')]);
    await reply(server.state.issueReplyToken('U1'), [text('second')]);
    await call('POST', '/v2/bot/message/multicast', { body: { to: ['U1', 'U2'], messages: [text('third')] } });
    expect(server.state.delivered().map((d) => [d.to, d.via, (d.messages[0] as { text: string }).text])).toEqual([
      ['U1', 'push', 'first'],
      ['U1', 'reply', 'second'],
      ['U1', 'multicast', 'third'],
    ]);
    expect(server.state.deliveries.filter((d) => !d.delivered).map((d) => d.to)).toEqual(['U2', 'U2']);
  });

  it('waitForDelivered resolves on a later delivery; events emit it live', async () => {
    const seen: string[] = [];
    server.state.events.on('delivered', (d) => seen.push(d.to));
    const waiting = server.state.waitForDelivered((d) => d.to === 'U9', 2000);
    await push('U1', [text('not this')]);
    await push('U9', [text('this')]);
    await expect(waiting).resolves.toMatchObject({ to: 'U9', via: 'push', messages: [text('this')] });
    expect(seen).toEqual(['U1', 'U9']);
    await expect(server.state.waitForDelivered((d) => d.to === 'nobody', 50)).rejects.toThrow(/no matching delivery/);
  });

  it('records requests with the redacted token, endpoint, body and answer; reset() clears them', async () => {
    await push('U1', [text('hi')]);
    const [entry] = server.state.requests;
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/v2/bot/message/push',
      endpoint: 'push',
      status: 200,
      at: now,
      body: { to: 'U1', messages: [text('hi')] },
      response: { sentMessages: [{ id: expect.any(String) }] },
    });
    expect(entry?.headers.authorization).toBe('[redacted]');
    server.state.reset();
    expect(server.state.requests).toEqual([]);
    expect(server.state.delivered()).toEqual([]);
  });
});

describe('rich menus and content', () => {
  const menu = {
    size: { width: 2500, height: 1686 },
    selected: false,
    name: 'main',
    chatBarText: 'メニュー',
    areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 1686 }, action: { type: 'postback', data: 'menu=main' } }],
  };
  const png = (width: number, height: number) => {
    const header = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(width, 16);
    header.writeUInt32BE(height, 20);
    return new Uint8Array(header);
  };
  const upload = (id: string, body: Uint8Array, type = 'image/png') =>
    call('POST', `/v2/bot/richmenu/${id}/content`, { body, headers: { 'content-type': type } });

  it('create, image once, default, link, alias, list, delete — with LINE’s refusals', async () => {
    const created = await call('POST', '/v2/bot/richmenu', { body: menu });
    const { richMenuId } = created.body as { richMenuId: string };
    expect(richMenuId).toMatch(/^richmenu-[0-9a-f]{32}$/);
    const early = await call('POST', `/v2/bot/user/all/richmenu/${richMenuId}`);
    expect(early.body).toEqual({ message: 'must upload richmenu image before applying it to user', details: [] });
    expect((await upload(richMenuId, png(800, 600))).body).toEqual({ message: 'The image size is not allowed for richmenu' });
    expect((await upload(richMenuId, png(2500, 1686), 'text/plain')).status).toBe(415);
    expect((await upload(richMenuId, new Uint8Array(1024 * 1024 + 1))).status).toBe(413);
    expect((await upload(richMenuId, png(2500, 1686))).status).toBe(200);
    expect((await upload(richMenuId, png(2500, 1686))).body).toEqual({ message: 'An image has already been uploaded to the richmenu' });
    expect((await call('POST', `/v2/bot/user/all/richmenu/${richMenuId}`)).status).toBe(200);
    expect((await call('POST', `/v2/bot/user/U1/richmenu/${richMenuId}`)).status).toBe(200);
    expect((await call('POST', '/v2/bot/richmenu/alias', { body: { richMenuAliasId: 'main', richMenuId } })).status).toBe(200);
    const conflict = await call('POST', '/v2/bot/richmenu/alias', { body: { richMenuAliasId: 'main', richMenuId } });
    expect(conflict).toMatchObject({ status: 400, body: { message: 'conflict richmenu alias id' } });
    expect((await call('POST', '/v2/bot/richmenu/alias/main', { body: { richMenuId } })).status).toBe(200);
    expect((await call('GET', '/v2/bot/richmenu/list')).body).toEqual({ richmenus: [{ richMenuId, ...menu }] });
    expect(server.state.richMenus.effectiveFor('U2')).toBe(richMenuId);
    expect((await call('DELETE', `/v2/bot/richmenu/${richMenuId}`)).status).toBe(200);
    expect((await call('DELETE', `/v2/bot/richmenu/${richMenuId}`)).status).toBe(404);
    expect(server.state.richMenus.defaultRichMenuId).toBeUndefined();
  });

  it('refuses an invalid rich menu (chatBarText over 14, too many areas)', async () => {
    const res = await call('POST', '/v2/bot/richmenu', {
      body: { ...menu, chatBarText: 'x'.repeat(15), areas: Array.from({ length: 21 }, () => menu.areas[0]) },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      details: [
        { property: 'chatBarText', message: 'Length must be between 0 and 14' },
        { property: 'areas', message: 'Size must be between 0 and 20' },
      ],
    });
  });

  it('serves registered message content and 404 otherwise', async () => {
    server.state.setMessageContent('m1', Buffer.from('jpeg-bytes'), 'image/jpeg');
    const res = await fetch(`${server.url}/v2/bot/message/m1/content`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('jpeg-bytes');
    expect((await call('GET', '/v2/bot/message/m2/content')).status).toBe(404);
  });
});

describe('mounted inside a host app', () => {
  it('under a prefix: LINE paths below it, the prefix stripped in the log, host routes untouched', async () => {
    const fake = createFakeLineApi({ channelAccessToken: TOKEN, clock: () => now });
    const app = Fastify();
    app.get('/health', async () => ({ ok: true }));
    await app.register(fake.plugin, { prefix: '/fake-line' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      expect((await call('POST', '/fake-line/v2/bot/message/push', { base, body: { to: 'U1', messages: [text('hi')] } })).status).toBe(200);
      expect(fake.state.requests[0]?.path).toBe('/v2/bot/message/push');
      expect((await call('GET', '/fake-line/v2/bot/unknown', { base })).body).toEqual({ message: LINE_ERROR.notFound });
      const health = await call('GET', '/health', { base, token: null });
      expect(health).toMatchObject({ status: 200, body: { ok: true } });
      expect(health.headers.get('x-line-request-id')).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('without a prefix it serves @line/bot-sdk clients (which ignore a path in baseURL) next to host routes', async () => {
    const fake = createFakeLineApi({ channelAccessToken: TOKEN });
    const app = Fastify();
    app.get('/health', async () => ({ ok: true }));
    await app.register(fake.plugin);
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const baseURL = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL });
      const key = randomUUID();
      const first = await client.pushMessageWithHttpInfo({ to: 'U1', messages: [{ type: 'text', text: 'hi' }] }, key);
      const error = (await client.pushMessage({ to: 'U1', messages: [{ type: 'text', text: 'hi' }] }, key).catch((e: unknown) => e)) as HTTPFetchError;
      expect(error.status).toBe(409);
      expect(error.headers.get('x-line-accepted-request-id')).toBe(first.httpResponse.headers.get('x-line-request-id'));
      expect((await call('GET', '/health', { base: baseURL, token: null })).status).toBe(200);
      expect((await call('GET', '/not-a-host-route', { base: baseURL, token: null })).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
