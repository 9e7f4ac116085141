// Under test: src/infra/line-messenger.ts over the real @line/bot-sdk; LINE's HTTP API is faked with nock (no network).
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textMessage } from '../../src/bot/render/message-builder';
import { LineApiError } from '../../src/domain/ports';
import { LineMessenger, type LineMessengerOptions } from '../../src/infra/line/line-messenger';

const API = 'https://api.line.test';
const DATA = 'https://api-data.line.test';
const TOKEN = 'test-channel-token-SECRET';
const USER = 'U0123456789abcdef0123456789abcdef';
const RETRY_KEY = '123e4567-e89b-12d3-a456-426614174000';
const HELLO = [textMessage('こんにちは。ご相談を受け付けました。')];

/** One request as the fake LINE API saw it. */
interface Seen {
  host: string;
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

let seen: Seen[] = [];
let waits: number[] = [];

/** A scope on the fake host that records every request it answers. */
function fake(base = API): nock.Scope {
  const scope = nock(base);
  scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
    const url = new URL(req.url);
    seen.push({ host: url.origin, method: req.method, path: url.pathname, headers: req.headers, body });
  });
  return scope;
}

function messenger(options: Partial<LineMessengerOptions> = {}): LineMessenger {
  return new LineMessenger({
    channelAccessToken: TOKEN,
    apiBaseUrl: API,
    dataApiBaseUrl: DATA,
    maxRetries: 3,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
}

async function failure(p: Promise<unknown>): Promise<LineApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LineApiError) return e;
    throw e;
  }
  throw new Error('expected a LineApiError');
}

const json = (s: Seen): unknown => JSON.parse(s.body);

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  seen = [];
  waits = [];
});

afterAll(() => {
  nock.enableNetConnect();
});

describe('reply', () => {
  it('sends the messages with the token and no retry key, and returns the request id', async () => {
    fake().post('/v2/bot/message/reply').reply(200, { sentMessages: [{ id: '1', quoteToken: 'q' }] }, {
      'x-line-request-id': 'req-reply-1',
    });

    const receipt = await messenger().reply('reply-token-1', HELLO);

    expect(receipt).toEqual({ duplicate: false, requestId: 'req-reply-1' });
    expect(seen).toHaveLength(1);
    expect(json(seen[0]!)).toEqual({ replyToken: 'reply-token-1', messages: HELLO });
    expect(seen[0]!.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers.get('x-line-retry-key')).toBeNull();
  });

  it('maps 400 "Invalid reply token" to invalidReplyToken and does not retry', async () => {
    fake().post('/v2/bot/message/reply').times(2).reply(400, { message: 'Invalid reply token' });

    const error = await failure(messenger().reply('stale-token', HELLO));

    expect(error).toMatchObject({ operation: 'reply', kind: 'invalidReplyToken', status: 400 });
    expect(seen).toHaveLength(1);
  });

  it('makes one attempt and sends no retry key: a 500 is left to the caller, who alone knows if the token may be spent', async () => {
    fake().post('/v2/bot/message/reply').reply(500, { message: 'Internal error' });

    const error = await failure(messenger().reply('reply-token-2', HELLO));

    expect(error.kind).toBe('server');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get('x-line-retry-key')).toBeNull();
  });

  it('passes a rate limit\'s Retry-After on to the caller', async () => {
    fake().post('/v2/bot/message/reply').reply(429, { message: 'The API rate limit has been exceeded. Try again later.' }, { 'retry-after': '2' });

    const error = await failure(messenger().reply('reply-token-4', HELLO));

    expect(error.kind).toBe('rateLimited');
    expect(error.retryAfterMs).toBe(2000);
    expect(seen).toHaveLength(1);
  });

  it('refuses more than 5 messages without calling LINE', async () => {
    const six = Array.from({ length: 6 }, (_, i) => textMessage(`m${i}`));
    const error = await failure(messenger().reply('reply-token-3', six));
    expect(error.kind).toBe('badRequest');
    expect(seen).toHaveLength(0);
  });
});

describe('push', () => {
  it('sends X-Line-Retry-Key and the same key again on the retry after a 500', async () => {
    fake().post('/v2/bot/message/push').reply(500, { message: 'Internal server error' });
    fake().post('/v2/bot/message/push').reply(200, { sentMessages: [{ id: '2' }] }, { 'x-line-request-id': 'req-push-2' });

    const receipt = await messenger().push(USER, HELLO, RETRY_KEY);

    expect(receipt).toEqual({ duplicate: false, requestId: 'req-push-2' });
    expect(seen.map((s) => s.headers.get('x-line-retry-key'))).toEqual([RETRY_KEY, RETRY_KEY]);
    expect(json(seen[1]!)).toEqual({ to: USER, messages: HELLO });
  });

  it('treats 409 (retry key already accepted) as a duplicate success with the accepted request id', async () => {
    fake()
      .post('/v2/bot/message/push')
      .reply(409, { message: 'The retry key is already accepted', sentMessages: [{ id: '3' }] }, {
        'x-line-accepted-request-id': 'req-accepted-earlier',
        'x-line-request-id': 'req-this-call',
      });

    const receipt = await messenger().push(USER, HELLO, RETRY_KEY);

    expect(receipt).toEqual({ duplicate: true, requestId: 'req-accepted-earlier' });
    expect(seen).toHaveLength(1);
  });

  it('retries a 429 rate limit, honouring Retry-After, then succeeds', async () => {
    fake()
      .post('/v2/bot/message/push')
      .reply(429, { message: 'The API rate limit has been exceeded. Try again later.' }, { 'retry-after': '2' });
    fake().post('/v2/bot/message/push').reply(200, {});

    const receipt = await messenger().push(USER, HELLO, RETRY_KEY);

    expect(receipt.duplicate).toBe(false);
    expect(seen).toHaveLength(2);
    expect(waits).toEqual([2000]);
  });

  it('bounds a long Retry-After', async () => {
    fake().post('/v2/bot/message/push').reply(429, { message: 'The API rate limit has been exceeded.' }, { 'retry-after': '3600' });
    fake().post('/v2/bot/message/push').reply(200, {});

    await messenger().push(USER, HELLO, RETRY_KEY);

    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThanOrEqual(10_000);
  });

  it('maps the monthly-limit 429 to quotaExceeded and does not retry', async () => {
    fake().post('/v2/bot/message/push').times(2).reply(429, { message: 'You have reached your monthly limit.' });

    const error = await failure(messenger().push(USER, HELLO, RETRY_KEY));

    expect(error).toMatchObject({ operation: 'push', kind: 'quotaExceeded', status: 429 });
    expect(seen).toHaveLength(1);
  });

  it('retries timeouts with the same key and fails with kind network after maxRetries', async () => {
    fake().post('/v2/bot/message/push').times(3).delay(500).reply(200, {});

    const error = await failure(messenger({ timeoutMs: 30, maxRetries: 2 }).push(USER, HELLO, RETRY_KEY));

    expect(error).toMatchObject({ operation: 'push', kind: 'network', status: undefined });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.headers.get('x-line-retry-key')))).toEqual(new Set([RETRY_KEY]));
  });

  it('succeeds when a retry answers in time after a timeout', async () => {
    fake().post('/v2/bot/message/push').delay(500).reply(200, {});
    fake().post('/v2/bot/message/push').reply(200, {}, { 'x-line-request-id': 'req-fast' });

    const receipt = await messenger({ timeoutMs: 30 }).push(USER, HELLO, RETRY_KEY);

    expect(receipt).toEqual({ duplicate: false, requestId: 'req-fast' });
  });

  it('gives up after maxRetries on persistent 5xx with kind server', async () => {
    fake().post('/v2/bot/message/push').times(5).reply(503, 'Service Unavailable');

    const error = await failure(messenger({ maxRetries: 3 }).push(USER, HELLO, RETRY_KEY));

    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect(seen).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it('retries connection failures and reports them as network', async () => {
    fake().post('/v2/bot/message/push').times(2).replyWithError('socket hang up');

    const error = await failure(messenger({ maxRetries: 1 }).push(USER, HELLO, RETRY_KEY));

    expect(error.kind).toBe('network');
    expect(seen).toHaveLength(2);
  });

  it('maps 401 to unauthorized and does not retry', async () => {
    fake().post('/v2/bot/message/push').times(2).reply(401, { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' });

    const error = await failure(messenger().push(USER, HELLO, RETRY_KEY));

    expect(error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(seen).toHaveLength(1);
  });

  it('maps other 400s to badRequest with LINE detail, never the token or message text', async () => {
    fake()
      .post('/v2/bot/message/push')
      .times(2)
      .reply(400, { message: 'The request body has 1 error(s)', details: [{ message: 'May not be empty', property: 'messages[0].text' }] });

    const error = await failure(messenger().push(USER, HELLO, RETRY_KEY));

    expect(error).toMatchObject({ kind: 'badRequest', status: 400 });
    expect(error.detail).toContain('messages[0].text');
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain('こんにちは');
    expect(seen).toHaveLength(1);
  });
});

describe('getProfile', () => {
  it('returns the profile on 200', async () => {
    fake()
      .get(`/v2/bot/profile/${USER}`)
      .reply(200, { userId: USER, displayName: '山田 花子', language: 'ja', pictureUrl: 'https://profile.line-scdn.test/p', statusMessage: 'hi' });

    expect(await messenger().getProfile(USER)).toEqual({
      userId: USER,
      displayName: '山田 花子',
      language: 'ja',
      pictureUrl: 'https://profile.line-scdn.test/p',
    });
  });

  it('returns the profile without language when the user has not consented', async () => {
    fake().get(`/v2/bot/profile/${USER}`).reply(200, { userId: USER, displayName: 'Taro' });
    expect(await messenger().getProfile(USER)).toEqual({ userId: USER, displayName: 'Taro' });
  });

  it('returns null on 404 without retrying', async () => {
    fake().get(`/v2/bot/profile/${USER}`).times(2).reply(404, { message: 'Not found' });
    expect(await messenger().getProfile(USER)).toBeNull();
    expect(seen).toHaveLength(1);
  });
});

describe('showLoading', () => {
  it('starts the loading animation, rounding seconds to a step of 5', async () => {
    fake().post('/v2/bot/chat/loading/start').reply(202, {});
    await messenger().showLoading(USER, 12);
    expect(json(seen[0]!)).toEqual({ chatId: USER, loadingSeconds: 15 });
  });

  it('swallows a failure without retrying, and logs it without the user id', async () => {
    fake().post('/v2/bot/chat/loading/start').times(2).reply(500, { message: 'Internal error' });
    const warnings: Array<Record<string, unknown>> = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (fields: Record<string, unknown>) => void warnings.push(fields) };

    await expect(messenger({ logger }).showLoading(USER, 5)).resolves.toBeUndefined();

    expect(seen).toHaveLength(1);
    expect(warnings).toEqual([{ operation: 'showLoading', kind: 'server' }]);
  });

  it('gives up on a slow loading call after the timeout', async () => {
    fake().post('/v2/bot/chat/loading/start').times(2).delay(500).reply(202, {});
    const started = performance.now();
    await messenger({ timeoutMs: 30 }).showLoading(USER, 5);
    expect(performance.now() - started).toBeLessThan(400);
    expect(seen).toHaveLength(1);
  });
});

describe('rich menu admin', () => {
  const menu = {
    size: { width: 2500, height: 843 },
    selected: true,
    name: 'main-ja',
    chatBarText: 'メニュー',
    areas: [{ bounds: { x: 0, y: 0, width: 833, height: 843 }, action: { type: 'postback', data: 'menu=consult' } }],
  };

  it('creates the menu on the API host and uploads the image to the data API host', async () => {
    fake(API).post('/v2/bot/richmenu', (body: unknown) => JSON.stringify(body) === JSON.stringify(menu)).reply(200, {
      richMenuId: 'richmenu-abc',
    });
    fake(DATA).post('/v2/bot/richmenu/richmenu-abc/content').reply(200, {});
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

    const admin = messenger();
    const id = await admin.createRichMenu(menu);
    await admin.uploadRichMenuImage(id, png, 'image/png');

    expect(id).toBe('richmenu-abc');
    expect(seen.map((s) => `${s.host} ${s.method} ${s.path}`)).toEqual([
      `${API} POST /v2/bot/richmenu`,
      `${DATA} POST /v2/bot/richmenu/richmenu-abc/content`,
    ]);
    expect(seen[1]!.headers.get('content-type')).toBe('image/png');
  });

  it('does not retry a create after a timeout, so no second menu can appear', async () => {
    fake().post('/v2/bot/richmenu').times(2).delay(500).reply(200, { richMenuId: 'late' });
    const error = await failure(messenger({ timeoutMs: 30 }).createRichMenu(menu));
    expect(error.kind).toBe('network');
    expect(seen).toHaveLength(1);
  });

  it('reads the menu an alias points at, and null for an alias LINE does not know', async () => {
    fake().get('/v2/bot/richmenu/alias/disaster').reply(200, { richMenuAliasId: 'disaster', richMenuId: 'richmenu-d' });
    fake().get('/v2/bot/richmenu/alias/none').reply(404, { message: 'Not found' });

    expect(await messenger().richMenuOfAlias('disaster')).toBe('richmenu-d');
    expect(await messenger().richMenuOfAlias('none')).toBeNull();
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /v2/bot/richmenu/alias/disaster', 'GET /v2/bot/richmenu/alias/none']);
  });

  it('upserts an alias: creates it, or updates it when it already exists', async () => {
    fake().post('/v2/bot/richmenu/alias').reply(400, { message: 'conflict richmenu alias id' });
    fake().post('/v2/bot/richmenu/alias/main').reply(200, {});

    await messenger().upsertRichMenuAlias('main', 'richmenu-new');

    expect(seen.map((s) => [s.path, json(s)])).toEqual([
      ['/v2/bot/richmenu/alias', { richMenuAliasId: 'main', richMenuId: 'richmenu-new' }],
      ['/v2/bot/richmenu/alias/main', { richMenuId: 'richmenu-new' }],
    ]);
  });

  it('lists, sets the default, links to a user and deletes (404 counts as deleted)', async () => {
    fake()
      .get('/v2/bot/richmenu/list')
      .reply(200, { richmenus: [{ richMenuId: 'rm-1', name: 'main-ja', size: menu.size, selected: true, chatBarText: 'x', areas: [] }] })
      .post('/v2/bot/user/all/richmenu/rm-1')
      .reply(200, {})
      .post(`/v2/bot/user/${USER}/richmenu/rm-1`)
      .reply(200, {})
      .delete('/v2/bot/richmenu/rm-old')
      .reply(404, { message: 'Not found' });

    const admin = messenger();
    expect(await admin.listRichMenus()).toEqual([{ richMenuId: 'rm-1', name: 'main-ja' }]);
    await admin.setDefaultRichMenu('rm-1');
    await admin.linkRichMenuToUser(USER, 'rm-1');
    await admin.deleteRichMenu('rm-old');

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /v2/bot/richmenu/list',
      'POST /v2/bot/user/all/richmenu/rm-1',
      `POST /v2/bot/user/${USER}/richmenu/rm-1`,
      'DELETE /v2/bot/richmenu/rm-old',
    ]);
  });
});
