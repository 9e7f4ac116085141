import { LANGUAGES } from '../../src/domain/language';
// Under test: the whole onboarding conversation through the signed webhook, the real app on SQLite and the
// real LINE adapter over HTTP. Faked: the LINE Messaging API (the project's fake, which refuses invalid messages).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CONSENT_VERSION, type App } from '../../src/composition/app';
import type { FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { FakeClock } from '../fakes/fake-clock';
import { callbackBody, sign, withEvent } from '../fixtures/webhook-fixtures';
import { startFakeLineApp, type FakeLineApp } from '../helpers/fake-line-app';
import type { TestDb } from '../helpers/test-db';

const SECRET = 'onboarding-secret';
const TOKEN = 'onboarding-access-token';
const USER = 'U' + '1234abcd'.repeat(4);

let line: FakeLineServer;
let testDb: TestDb;
let app: App;
let clock: FakeClock;
let env: FakeLineApp;

beforeEach(async () => {
  clock = new FakeClock('2026-11-24T10:00:00+09:00');
  env = await startFakeLineApp({ secret: SECRET, token: TOKEN, clock });
  ({ app, line, testDb } = env);
  line.state.setFriend(USER, { displayName: '山田 花子', language: 'ja' });
});

afterEach(async () => {
  await env.close();
});

let ts = Date.parse('2026-11-24T01:00:00Z');

/** Sends one signed event carrying a fresh reply token from the fake LINE, waits until it is processed. */
async function send(name: string, overrides: { data?: string; text?: string } = {}, opts: { staleToken?: boolean } = {}) {
  ts += 1000;
  const replyToken = line.state.issueReplyToken(USER, { now: clock.now().getTime() });
  if (opts.staleToken) clock.advance(61_000);
  const body = callbackBody([withEvent(name, { userId: USER, replyToken, timestamp: ts, ...overrides })]);
  const res = await app.server.inject({ method: 'POST', url: '/webhook', headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, SECRET) }, payload: body });
  expect(res.statusCode).toBe(200);
  await new Promise((r) => setImmediate(r));
  await app.queue.whenIdle();
}

/** The postback codes of the quick replies and buttons in the last messages delivered to the user. */
function lastChoices(): string[] {
  const last = line.state.delivered(USER).at(-1);
  const json = JSON.stringify(last?.messages ?? []);
  return [...json.matchAll(/"data":"([^"]+)"/g)].map((m) => m[1] as string);
}

describe('onboarding through the fake LINE API', () => {
  test('follow → consent → language → district → topics leaves the expected rows and sends only valid messages', async () => {
    await send('follow');
    expect(lastChoices()).toEqual(expect.arrayContaining(['c=yes', 'c=no', 'c=more', 'g=lang&to=en', 'g=menu']));

    await send('postback', { data: 'c=yes' });
    expect(lastChoices()).toEqual(expect.arrayContaining(LANGUAGES.map((l) => `lang=${l}`)));

    await send('postback', { data: 'lang=ja-x-easy' });
    expect(lastChoices()).toEqual(expect.arrayContaining(['d=kaigan', 'd=skip', 'g=menu']));
    // The district prompt is already in easy Japanese.
    expect(JSON.stringify(line.state.delivered(USER).at(-1)?.messages)).toContain('ちいき');

    await send('postback', { data: 'd=kaigan' });
    await send('postback', { data: 't=salons_events' });
    await send('postback', { data: 't=disaster' });
    await send('postback', { data: 't=done' });
    expect(lastChoices()).toEqual(expect.arrayContaining(['menu=consult', 'menu=settings', 'g=staff']));

    // Only valid messages: the fake LINE API accepted every call the bot made.
    const calls = line.state.requests.filter((r) => r.endpoint !== 'profile');
    expect(calls.length).toBe(7);
    expect(calls.every((r) => r.status === 200 && r.endpoint === 'reply')).toBe(true);

    const resident = await testDb.db.resident.findUniqueOrThrow({ where: { lineUserId: USER } });
    expect(resident).toMatchObject({ consent: 'granted', consentVersion: CONSENT_VERSION, language: 'ja-x-easy', languageChosen: true, districtCode: 'kaigan', followed: true });
    expect(JSON.parse(resident.topics)).toEqual(['salons_events', 'disaster']);
    expect(resident.onboardedAt).not.toBeNull();
    expect(await testDb.db.flowState.count()).toBe(0);

    const events = await testDb.db.webhookEvent.findMany();
    expect(events).toHaveLength(7);
    expect(events.every((e) => e.status === 'done')).toBe(true);
    expect(events.some((e) => e.payload.includes('replyToken'))).toBe(false);

    const outbound = await testDb.db.outboundMessage.findMany();
    expect(outbound).toHaveLength(7);
    expect(outbound.every((o) => o.status === 'sent' && o.method === 'reply' && o.requestId)).toBe(true);
  });

  test('a stale reply token falls back to a push with a retry key, accepted once', async () => {
    await send('follow', {}, { staleToken: true });
    const reply = line.state.requests.find((r) => r.endpoint === 'reply');
    const push = line.state.requests.find((r) => r.endpoint === 'push');
    expect(reply?.status).toBe(400);
    expect(push?.status).toBe(200);
    const key = push?.headers['x-line-retry-key'];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const row = await testDb.db.outboundMessage.findFirstOrThrow();
    expect(row).toMatchObject({ method: 'push', status: 'sent', retryKey: key });
    expect(line.state.delivered(USER)).toHaveLength(1);
  });

  test('declining consent stores nothing personal and still shows the menu', async () => {
    await send('follow');
    await send('postback', { data: 'c=no' });
    expect(lastChoices()).toEqual(expect.arrayContaining(['menu=consult', 'menu=events']));
    const resident = await testDb.db.resident.findUniqueOrThrow({ where: { lineUserId: USER } });
    expect(resident).toMatchObject({ consent: 'declined', districtCode: null, topics: '[]', onboardedAt: null });
  });
});
