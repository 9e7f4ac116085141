// Under test: worker mode — the webhook stores and acknowledges in the main thread, a worker thread processes
// with its own database connection and the real LINE adapter over HTTP. Faked: the LINE Messaging API (the
// project's fake, standalone server).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { buildApp, type App } from '../../src/composition/app';
import { loadConfig } from '../../src/config';
import type { FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { callbackBody, sign, withEvent } from '../fixtures/webhook-fixtures';
import { startFakeLineApp, type FakeLineApp } from '../helpers/fake-line-app';
import { testDatabaseKind, type TestDb } from '../helpers/test-db';
import { saveSettings } from '../../src/usecases/settings/save-settings';
import { settingsDeps } from '../helpers/settings-store';
import { NEW_SALON } from '../fixtures/settings-fixtures';

const SECRET = 'worker-secret';
const TOKEN = 'worker-token';
let line: FakeLineServer;
let testDb: TestDb;
let app: App;
let env: FakeLineApp;

beforeEach(async () => {
  env = await startFakeLineApp({ secret: SECRET, token: TOKEN });
  ({ app, line, testDb } = env);
  await app.useWorker();
  await app.recover();
}, 30_000);

afterEach(async () => {
  await env.close();
});

async function post(events: object[]) {
  const body = callbackBody(events);
  return app.server.inject({ method: 'POST', url: '/webhook', headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, SECRET) }, payload: body });
}

test('events acknowledged by the main thread are processed and answered by the worker', async () => {
  const users = Array.from({ length: 20 }, (_, i) => `U${String(i).padStart(32, 'a')}`);
  const responses = await Promise.all(users.map((u) => post([withEvent('follow', { userId: u, replyToken: line.state.issueReplyToken(u) })])));
  expect(responses.every((r) => r.statusCode === 200)).toBe(true);
  await app.queue.whenIdle();

  expect(new Set(line.state.delivered().map((d) => d.to))).toEqual(new Set(users));
  expect(line.state.requests.filter((r) => r.endpoint === 'reply').every((r) => r.status === 200)).toBe(true);
  expect(await testDb.db.webhookEvent.count({ where: { status: 'done' } })).toBe(20);
  expect(await testDb.db.resident.count({ where: { followed: true, consent: 'pending' } })).toBe(20);
  expect(await testDb.db.flowState.count({ where: { flowId: 'onboarding', step: 'consent' } })).toBe(20);
}, 30_000);

test('one user\'s events are processed in order across webhooks', async () => {
  const u = 'U' + 'b'.repeat(32);
  const t0 = Date.parse('2026-11-24T01:00:00Z');
  await post([withEvent('follow', { userId: u, replyToken: line.state.issueReplyToken(u), timestamp: t0 })]);
  await post([withEvent('postback', { userId: u, replyToken: line.state.issueReplyToken(u), timestamp: t0 + 1000, data: 'c=yes' })]);
  await post([withEvent('postback', { userId: u, replyToken: line.state.issueReplyToken(u), timestamp: t0 + 2000, data: 'lang=en' })]);
  await app.queue.whenIdle();
  expect(await testDb.db.resident.findUniqueOrThrow({ where: { lineUserId: u } })).toMatchObject({ consent: 'granted', language: 'en' });
  expect(await testDb.db.flowState.findUniqueOrThrow({ where: { residentId: (await testDb.db.resident.findUniqueOrThrow({ where: { lineUserId: u } })).id } })).toMatchObject({ step: 'district' });
  expect(line.state.delivered(u)).toHaveLength(3);
}, 30_000);

test('settings saved in the console reach the worker\'s next reply, with no restart and no message to the worker', async () => {
  const u = 'U' + 'e'.repeat(32);
  let t = Date.parse('2026-12-07T01:00:00Z');
  const say = async (data: string) => {
    await post([withEvent('postback', { userId: u, replyToken: line.state.issueReplyToken(u), timestamp: (t += 1000), data })]);
    await app.queue.whenIdle();
  };
  await post([withEvent('follow', { userId: u, replyToken: line.state.issueReplyToken(u), timestamp: t })]);
  for (const data of ['c=yes', 'lang=ja', 'd=kaigan', 't=done', 'menu=events', 'ev=salons']) await say(data);
  const salonList = () => JSON.stringify(line.state.delivered(u).at(-1));
  expect(salonList()).not.toContain(NEW_SALON.name);

  await saveSettings(settingsDeps(testDb.db, app.settings.file), { sections: { salons: [...app.profile.salons, NEW_SALON] }, kind: 'edit' }, { staffId: 'staff-1', ip: '127.0.0.1', at: new Date() });
  await say('ev=salons');
  expect(salonList()).toContain(NEW_SALON.name);
}, 30_000);

test('events left pending in the database are processed by the worker on recover', async () => {
  const u = 'U' + 'c'.repeat(32);
  const raw = withEvent('message-text', { userId: u, replyToken: line.state.issueReplyToken(u), text: 'こんにちは' });
  await testDb.db.webhookEvent.create({
    data: { id: raw.webhookEventId as string, lineType: 'message', sourceType: 'user', userKey: u, mode: 'active', timestamp: BigInt(raw.timestamp as number), isRedelivery: false, payload: JSON.stringify(raw), receivedAt: new Date() },
  });
  await app.recover();
  await app.queue.whenIdle();
  expect((await testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: raw.webhookEventId as string } })).status).toBe('done');
  expect(line.state.delivered(u)).toHaveLength(1);
}, 30_000);

test.runIf(testDatabaseKind() === 'sqlite')('a database migrated at start stays intact while the main thread and the worker both write (SQLite: two SQLite libraries in one process, PRAGMA integrity_check)', async () => {
  // Two SQLite libraries in one process (libsql for migrations, node:sqlite at run time) once corrupted the file
  // here: POSIX locks are per process, so one library's close dropped the other's locks.
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-fresh-'));
  const config = loadConfig({ DATABASE_URL: `file:${path.join(dir, 'fresh.db')}`, LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_API_BASE_URL: line.url, LINE_DATA_API_BASE_URL: line.url, LOG_LEVEL: 'silent' });
  const fresh = await buildApp({ config, logger: false });
  try {
    await fresh.useWorker();
    await fresh.recover();
    const users = Array.from({ length: 30 }, (_, i) => `U${String(i).padStart(32, 'e')}`);
    const bodies = users.map((u) => callbackBody([withEvent('message-text', { userId: u, replyToken: line.state.issueReplyToken(u) })]));
    const res = await Promise.all(bodies.map((b) => fresh.server.inject({ method: 'POST', url: '/webhook', headers: { 'content-type': 'application/json', 'x-line-signature': sign(b, SECRET) }, payload: b })));
    expect(res.every((r) => r.statusCode === 200)).toBe(true);
    await fresh.queue.whenIdle();
    expect(await fresh.db.webhookEvent.count({ where: { status: 'done' } })).toBe(30);
    expect(await fresh.db.$queryRawUnsafe('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  } finally {
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

test('shutting down in the second between a worker\'s death and its replacement does not wait forever, and starts no new worker', async () => {
  await app.crashWorker();
  const closed = await Promise.race([env.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still waiting'), 5000))]);
  expect(closed).toBe('closed');
  // afterEach closes again: a second close must be harmless.
});

test('after a worker dies, events are answered by its replacement, once', async () => {
  await app.crashWorker();
  const user = `U${'c'.repeat(32)}`;
  expect((await post([withEvent('follow', { userId: user, replyToken: line.state.issueReplyToken(user) })])).statusCode).toBe(200);
  await new Promise((r) => setTimeout(r, 1500));
  await app.queue.whenIdle();
  await vi.waitFor(() => expect(line.state.delivered().filter((d) => d.to === user)).toHaveLength(1), { timeout: 10_000 });
});
