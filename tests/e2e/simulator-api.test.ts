// Under test: the simulator's HTTP side (src/simulator/simulator-routes.ts) on the real app in simulator mode,
// over real HTTP: static files, config, users, reply tokens, content, rich menu and the SSE stream, plus events
// built and signed by the page's own module reaching the real /webhook, and requests from other sites (a foreign
// Host or Origin, as a DNS-rebinding page sends) refused. Faked: the LINE platform (in-process fake).
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { App } from '../../src/composition/app';
import type { FakeLineState } from '../../src/simulator/fake-line/fake-line-api';
import { LineMessenger } from '../../src/infra/line/line-messenger';
import { SIMULATOR_ACCESS_TOKEN } from '../../src/simulator/simulator-line';
import { deploySimulatorRichMenu, loopbackBaseUrl, MAIN_RICH_MENU_IMAGE } from '../../src/simulator/deploy-simulator-rich-menu';
import { callbackBody, followEvent, imageMessageEvent, postbackEvent, signBody } from '../../src/simulator/public/line-events.js';
import { startSimulatorApp, type SimulatorApp } from '../helpers/simulator-app';
import type { TestDb } from '../helpers/test-db';

let testDb: TestDb;
let app: App;
let state: FakeLineState;
let base: string;

let sim: SimulatorApp;

beforeAll(async () => {
  sim = await startSimulatorApp();
  ({ app, state, base, testDb } = sim);
});

// This also proves an open SSE stream does not keep the server from closing (the stream test leaves one open).
afterAll(async () => {
  await sim?.close();
});

const json = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
};

/** Signs like the page does and POSTs to the real webhook; waits until the bot has processed the event. */
async function postEvent(event: object): Promise<number> {
  const { body: config } = await json('GET', '/simulator/api/config');
  const bytes = new TextEncoder().encode(callbackBody(config.destination, [event]));
  const res = await fetch(`${base}${config.webhookPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': await signBody(config.channelSecret, bytes) },
    body: bytes,
  });
  await new Promise((r) => setImmediate(r));
  await app.queue.whenIdle();
  return res.status;
}

/** Reads SSE events from the stream until `until` matches one (or a timeout). */
async function readStream(url: string, until: (e: { event: string; data: any; id?: string }) => boolean, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  const res = await fetch(url, { headers, signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Array<{ event: string; data: any; id?: string }> = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (!fields.event) continue;
        const e = { event: fields.event, data: JSON.parse(fields.data ?? 'null'), ...(fields.id ? { id: fields.id } : {}) };
        events.push(e);
        if (until(e)) return events;
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('simulator routes', () => {
  test('the page and its assets are served with their types; nothing outside the folder is', async () => {
    const page = await fetch(`${base}/simulator`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('/simulator/assets/simulator.js');
    for (const [file, type] of [
      ['simulator.js', 'text/javascript; charset=utf-8'],
      ['flex-render.js', 'text/javascript; charset=utf-8'],
      ['line-events.js', 'text/javascript; charset=utf-8'],
      ['simulator.css', 'text/css; charset=utf-8'],
    ]) {
      const res = await fetch(`${base}/simulator/assets/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
    }
    for (const path of ['flex-render.d.ts', '..%2Fsimulator-routes.ts', '..%2F..%2F..%2Fpackage.json', '%2Fetc%2Fpasswd', 'nope.js']) {
      expect((await fetch(`${base}/simulator/assets/${path}`)).status, path).toBe(404);
    }
  });

  test('the deploy reaches the server at its loopback address whatever HOST it listens on', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(loopbackBaseUrl({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe('http://127.0.0.1:3000');
    expect(loopbackBaseUrl({ address: '::', family: 'IPv6', port: 3000 })).toBe('http://[::1]:3000');
    expect(loopbackBaseUrl({ address: '192.168.1.20', family: 'IPv4', port: 3000 })).toBe('http://192.168.1.20:3000');
    expect(() => loopbackBaseUrl(null)).toThrow();
  });

  test('config gives what the page needs to sign like LINE', async () => {
    const { body } = await json('GET', '/simulator/api/config');
    expect(body).toMatchObject({ channelSecret: app.channelSecret, webhookPath: '/webhook', botName: app.profile.council.name });
    expect(body.destination).toMatch(/^U[0-9a-f]{32}$/);
    expect(body.bootId).toMatch(/^[0-9a-f]{12}$/);
  });

  test('users are friends of the fake channel: created, updated, blocked and removed', async () => {
    const created = await json('POST', '/simulator/api/users', { displayName: 'Maria', language: 'pt-BR' });
    expect(created.status).toBe(201);
    const userId: string = created.body.user.userId;
    expect(userId).toMatch(/^U[0-9a-f]{32}$/);
    expect(state.friend(userId)).toMatchObject({ displayName: 'Maria', language: 'pt-BR', blocked: false });
    // The bot's profile lookup sees the same friend.
    const profile = await fetch(`${base}/v2/bot/profile/${userId}`, { headers: { authorization: `Bearer ${SIMULATOR_ACCESS_TOKEN}` } });
    expect(await profile.json()).toMatchObject({ displayName: 'Maria', language: 'pt-BR' });

    expect((await json('PUT', `/simulator/api/users/${userId}`, { blocked: true })).body.user).toMatchObject({ displayName: 'Maria', blocked: true });
    expect((await json('PUT', `/simulator/api/users/${userId}`, { language: null, blocked: false })).body.user).toMatchObject({ language: null, blocked: false });
    expect((await json('GET', '/simulator/api/users')).body.users.map((u: { userId: string }) => u.userId)).toContain(userId);

    expect((await json('DELETE', `/simulator/api/users/${userId}`)).status).toBe(204);
    expect(state.friend(userId)?.blocked).toBe(true);
    expect((await json('GET', '/simulator/api/users')).body.users.map((u: { userId: string }) => u.userId)).not.toContain(userId);

    expect((await json('POST', '/simulator/api/users', { displayName: '' })).status).toBe(400);
    expect((await json('POST', '/simulator/api/users', { displayName: 'x'.repeat(21) })).status).toBe(400);
    expect((await json('PUT', '/simulator/api/users/not-a-user', { blocked: true })).status).toBe(400);
  });

  test('reply tokens are issued for friends only and are LINE reply tokens of the fake', async () => {
    const { body } = await json('POST', '/simulator/api/users', { displayName: 'Token' });
    const userId: string = body.user.userId;
    const token = await json('POST', '/simulator/api/reply-token', { userId });
    expect(token.body.replyToken).toMatch(/^[0-9a-f]{32}$/);
    expect(state.useReplyToken(token.body.replyToken)).toBe(userId);
    expect((await json('POST', '/simulator/api/reply-token', { userId: 'U' + '0'.repeat(32) })).status).toBe(404);
    expect((await json('POST', '/simulator/api/reply-token', { userId: 'x' })).status).toBe(400);
  });

  test('an uploaded photo is stored as LINE content and sent as an image message the bot accepts', async () => {
    const { body } = await json('POST', '/simulator/api/users', { displayName: 'Photo', language: 'ja' });
    const userId: string = body.user.userId;
    const png = await readFile(MAIN_RICH_MENU_IMAGE);
    const upload = await fetch(`${base}/simulator/api/content`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png });
    expect(upload.status).toBe(201);
    const { messageId } = (await upload.json()) as { messageId: string };
    expect(messageId).toMatch(/^\d{18}$/);
    expect(state.messageContent(messageId)?.data.equals(png)).toBe(true);
    // The bot would fetch it from LINE's data API path, which the fake serves.
    const fromLine = await fetch(`${base}/v2/bot/message/${messageId}/content`, { headers: { authorization: `Bearer ${SIMULATOR_ACCESS_TOKEN}` } });
    expect(Buffer.from(await fromLine.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${base}/simulator/api/content/${messageId}`)).headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${base}/simulator/api/content`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);

    const { body: tokens } = await json('POST', '/simulator/api/reply-token', { userId });
    expect(await postEvent(followEvent({ userId, timestamp: Date.now(), replyToken: tokens.replyToken }))).toBe(200);
    const { body: token2 } = await json('POST', '/simulator/api/reply-token', { userId });
    const mark = state.delivered(userId).length;
    expect(await postEvent(imageMessageEvent({ userId, timestamp: Date.now(), replyToken: token2.replyToken }, messageId))).toBe(200);
    expect(state.delivered(userId).length).toBeGreaterThan(mark);
    const rows = await testDb.db.webhookEvent.findMany({ where: { userKey: userId } });
    expect(rows.every((r) => r.status === 'done')).toBe(true);
  });

  test('the rich menu is the deployed main menu with its areas and image', async () => {
    const { body } = await json('GET', `/simulator/api/rich-menu?userId=U${'1'.repeat(32)}`);
    expect(body.richMenu).toMatchObject({ name: 'tsunagu-main', chatBarText: 'メニュー', selected: true, size: { width: 2500, height: 1686 } });
    expect(body.richMenu.areas.map((a: { action: { data: string } }) => a.action.data)).toEqual(['menu=consult', 'menu=volunteer', 'menu=donate', 'menu=events', 'menu=settings', 'g=staff']);
    const image = await fetch(`${base}${body.imageUrl}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(await readFile(MAIN_RICH_MENU_IMAGE))).toBe(true);
    expect((await json('GET', '/simulator/api/rich-menu/alias/main')).body.richMenu.richMenuId).toBe(body.richMenu.richMenuId);
    expect((await json('GET', '/simulator/api/rich-menu/alias/nope')).status).toBe(404);
  });

  test('the stream replays and then pushes deliveries for the listed users only, with loading and rich menu news', async () => {
    const mk = async (name: string) => (await json('POST', '/simulator/api/users', { displayName: name, language: 'en' })).body.user.userId as string;
    const alice = await mk('Alice');
    const bob = await mk('Bob');
    const { body: t1 } = await json('POST', '/simulator/api/reply-token', { userId: alice });
    expect(await postEvent(followEvent({ userId: alice, timestamp: Date.now(), replyToken: t1.replyToken }))).toBe(200);
    const { body: config } = await json('GET', '/simulator/api/config');

    // Replay: the follow reply was delivered before the stream opened.
    const replay = await readStream(`${base}/simulator/api/stream?users=${alice}&after=${config.bootId}:0`, (e) => e.event === 'delivered');
    expect(replay[0]).toMatchObject({ event: 'hello', data: { bootId: config.bootId } });
    const first = replay.find((e) => e.event === 'delivered')!;
    expect(first.data).toMatchObject({ to: alice, via: 'reply' });
    expect(JSON.stringify(first.data.messages)).toContain('Thank you for adding us as a friend');
    expect(first.id).toBe(`${config.bootId}:${first.data.seq}`);

    // Live: a push to Bob is not sent to a stream for Alice; a push to Alice is. An open stream is left for afterAll.
    const seq = state.deliveries.at(-1)!.seq;
    const live = readStream(`${base}/simulator/api/stream?users=${alice}&after=${config.bootId}:${seq}`, (e) => e.event === 'delivered');
    await new Promise((r) => setTimeout(r, 200));
    const push = (to: string, text: string) =>
      fetch(`${base}/v2/bot/message/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SIMULATOR_ACCESS_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to, messages: [{ type: 'text', text }] }),
      });
    await fetch(`${base}/v2/bot/chat/loading/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SIMULATOR_ACCESS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ chatId: alice, loadingSeconds: 5 }),
    });
    expect((await push(bob, 'for Bob')).status).toBe(200);
    expect((await push(alice, 'for Alice')).status).toBe(200);
    const events = await live;
    expect(events.map((e) => e.event)).toEqual(['hello', 'loading', 'delivered']);
    expect(events[2]!.data).toMatchObject({ to: alice, via: 'push', messages: [{ type: 'text', text: 'for Alice' }] });

    // Last-Event-ID from an earlier server run replays everything of this run.
    const fromOldRun = await readStream(`${base}/simulator/api/stream?users=${alice}`, (e) => e.event === 'delivered', { 'last-event-id': 'oldboot:99999' });
    expect(fromOldRun.find((e) => e.event === 'delivered')!.data.seq).toBe(first.data.seq);

    // A rich menu change is announced so the page reloads it.
    const news = readStream(`${base}/simulator/api/stream?users=${alice}&after=${config.bootId}:999999`, (e) => e.event === 'richmenu');
    await new Promise((r) => setTimeout(r, 200));
    await deploySimulatorRichMenu(new LineMessenger({ channelAccessToken: SIMULATOR_ACCESS_TOKEN, apiBaseUrl: base, dataApiBaseUrl: base, timeoutMs: 5000 }));
    expect((await news).map((e) => e.event)).toContain('richmenu');

    // Left open on purpose: app.close() in afterAll must still finish.
    void fetch(`${base}/simulator/api/stream?users=${alice}`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
  });

  test('a postback with datetime params from the page module is accepted by the webhook', async () => {
    const { body } = await json('POST', '/simulator/api/users', { displayName: 'Date' });
    const userId: string = body.user.userId;
    const { body: token } = await json('POST', '/simulator/api/reply-token', { userId });
    expect(await postEvent(postbackEvent({ userId, timestamp: Date.now(), replyToken: token.replyToken }, 'pick', { date: '2026-12-01' }))).toBe(200);
    const row = await testDb.db.webhookEvent.findFirstOrThrow({ where: { userKey: userId } });
    expect(row.status).toBe('done');
  });
});

/** A request with exactly these headers (fetch will not let a caller set Host), answering status and body. */
function rawRequest(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the simulator answers only its own page', () => {
  const port = () => new URL(base).port;
  const own = () => `127.0.0.1:${port()}`;

  test.each([
    ['a foreign Host (a DNS-rebinding page)', () => ({ host: 'evil.example' })],
    ['a foreign Host on the right port', () => ({ host: `evil.example:${port()}` })],
    ['a loopback Host on another port', () => ({ host: '127.0.0.1:1' })],
    ['a foreign Origin', () => ({ host: own(), origin: 'http://evil.example' })],
    ['the own host as Origin on another scheme', () => ({ host: own(), origin: `https://${own()}` })],
    ['an opaque Origin', () => ({ host: own(), origin: 'null' })],
  ])('%s is refused with 403, and no secret is handed out', async (_name, headers) => {
    for (const path of ['/simulator/api/config', '/simulator/api/users', '/simulator']) {
      const res = await rawRequest(path, headers());
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body).not.toContain(app.channelSecret);
    }
    const created = await rawRequest('/simulator/api/users', headers(), 'POST');
    expect(created.status).toBe(403);
  });

  test.each([
    ['127.0.0.1 without Origin', () => ({ host: own() })],
    ['127.0.0.1 with its own Origin', () => ({ host: own(), origin: `http://${own()}` })],
    ['localhost with its own Origin', () => ({ host: `localhost:${port()}`, origin: `http://localhost:${port()}` })],
  ])('the page itself (%s) is answered', async (_name, headers) => {
    const config = await rawRequest('/simulator/api/config', headers());
    expect(config.status).toBe(200);
    expect(JSON.parse(config.body)).toMatchObject({ channelSecret: app.channelSecret });
    expect((await rawRequest('/simulator', headers())).status).toBe(200);
  });
});
