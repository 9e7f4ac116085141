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

test('/readyz is 503 until recovery has run, then 200, and 503 once the app is closing', async () => {
  const fresh = await createTestApp({}, { recovered: false });
  try {
    const before = await fresh.app.server.inject({ method: 'GET', url: '/readyz' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toEqual({ status: 'recovering' });
    await fresh.app.recover();
    expect((await fresh.app.server.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    // Closing: a readiness check that comes once the app is closing is answered 503, so a load balancer stops
    // sending here while the work in flight drains.
    const closing = fresh.app.close();
    const during = await fresh.app.server.inject({ method: 'GET', url: '/readyz' });
    await closing;
    expect(during.statusCode).toBe(503);
    expect(during.json()).toEqual({ status: 'shutting down' });
  } finally {
    await fresh.testDb.cleanup().catch(() => undefined);
  }
});

test('other routes still parse JSON normally (the raw-body parser is scoped to /webhook)', async () => {
  const res = await t.app.server.inject({ method: 'POST', url: '/healthz', headers: { 'content-type': 'application/json' }, payload: '{}' });
  expect(res.statusCode).toBe(404);
});
