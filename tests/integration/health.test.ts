// Under test: the real app's /healthz and /readyz on a migrated temp SQLite file; the clock and LINE (RecordingMessenger) are faked.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

test('/healthz answers 200 without touching LINE', async () => {
  const res = await t.app.server.inject({ method: 'GET', url: '/healthz' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ status: 'ok' });
  expect(t.messenger.sent).toEqual([]);
});

test('/readyz answers 200 on a migrated database', async () => {
  const res = await t.app.server.inject({ method: 'GET', url: '/readyz' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ status: 'ready' });
});

test('other routes still parse JSON normally (the raw-body parser is scoped to /webhook)', async () => {
  const res = await t.app.server.inject({ method: 'POST', url: '/healthz', headers: { 'content-type': 'application/json' }, payload: '{}' });
  expect(res.statusCode).toBe(404);
});
