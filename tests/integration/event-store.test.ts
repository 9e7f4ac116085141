// Under test: PrismaEventStore on a real temporary SQLite file migrated like production; nothing is faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { NewWebhookEvent } from '../../src/domain/stores';
import { PrismaEventStore } from '../../src/infra/prisma/prisma-event-store';
import { createTestDb, type TestDb } from '../helpers/test-db';

let testDb: TestDb;
let store: PrismaEventStore;

beforeEach(async () => {
  testDb = await createTestDb();
  store = new PrismaEventStore(testDb.db);
});
afterEach(async () => {
  await testDb.cleanup();
});

const RECEIVED = new Date('2026-11-24T01:02:03.456Z');

function row(id: string, overrides: Partial<NewWebhookEvent> = {}): NewWebhookEvent {
  return {
    id,
    lineType: 'message',
    sourceType: 'user',
    userKey: 'Ualice',
    mode: 'active',
    timestamp: 1_782_867_600_000,
    isRedelivery: false,
    payload: JSON.stringify({ webhookEventId: id }),
    status: 'pending',
    receivedAt: RECEIVED,
    ...overrides,
  };
}

describe('insertNew', () => {
  test('returns the ids it inserted and nothing for an empty batch', async () => {
    expect(await store.insertNew([])).toEqual([]);
    expect((await store.insertNew([row('A'), row('B')])).sort()).toEqual(['A', 'B']);
    expect(await testDb.db.webhookEvent.count()).toBe(2);
  });

  test('ignores ids already stored by an earlier call', async () => {
    await store.insertNew([row('A'), row('B')]);
    expect(await store.insertNew([row('B', { payload: 'second copy' }), row('C')])).toEqual(['C']);
    expect(await store.insertNew([row('A'), row('C')])).toEqual([]);
    expect(await testDb.db.webhookEvent.count()).toBe(3);
    // The first copy wins; a redelivery does not overwrite it.
    expect((await testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: 'B' } })).payload).not.toBe('second copy');
  });

  test('ignores a duplicate id within one call', async () => {
    expect(await store.insertNew([row('D'), row('D', { isRedelivery: true }), row('E')])).toEqual(['D', 'E']);
    expect(await testDb.db.webhookEvent.count()).toBe(2);
  });

  test('round-trips receivedAt, timestamp, flags and a null user key', async () => {
    await store.insertNew([row('F', { isRedelivery: true, userKey: null, sourceType: 'group', status: 'skipped', timestamp: 1_782_869_437_401 })]);
    const stored = await testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: 'F' } });
    expect(stored.receivedAt).toBeInstanceOf(Date);
    expect(stored.receivedAt.getTime()).toBe(RECEIVED.getTime());
    expect(Number(stored.timestamp)).toBe(1_782_869_437_401);
    expect(stored.isRedelivery).toBe(true);
    expect(stored.userKey).toBeNull();
    expect(stored.status).toBe('skipped');
    expect(stored.processedAt).toBeNull();
    // Stored in the same form Prisma writes, so range queries on the column still work.
    const before = new Date(RECEIVED.getTime() - 1);
    const after = new Date(RECEIVED.getTime() + 1);
    expect(await testDb.db.webhookEvent.count({ where: { receivedAt: { gt: before, lt: after } } })).toBe(1);
  });
});

describe('pending', () => {
  test('gives 1:1 users\' pending events, oldest LINE timestamp first, then the smaller id', async () => {
    await store.insertNew([
      row('Z-late', { timestamp: 3000 }),
      row('Y-tie', { timestamp: 2000 }),
      row('X-tie', { timestamp: 2000 }),
      row('W-skipped', { timestamp: 1000, status: 'skipped' }),
      row('V-other-user', { timestamp: 500, userKey: 'Ubob' }),
      row('U-group', { timestamp: 100, userKey: null, sourceType: 'group' }),
      row('T-failed', { timestamp: 50 }),
    ]);
    await store.markFailed('T-failed', 'boom', RECEIVED, '{}');
    expect((await store.pending(100)).map((e) => e.id)).toEqual(['V-other-user', 'X-tie', 'Y-tie', 'Z-late']);
    expect((await store.pending(2)).map((e) => e.id)).toEqual(['V-other-user', 'X-tie']);
  });

  test('returns the stored payload and the timestamp as a number', async () => {
    await store.insertNew([row('P', { timestamp: 1_782_868_029_443, payload: '{"x":1}' })]);
    expect(await store.pending(10)).toEqual([{ id: 'P', userKey: 'Ualice', lineType: 'message', timestamp: 1_782_868_029_443, payload: '{"x":1}', receivedAt: expect.any(Date) }]);
  });

  test('is empty when nothing is pending', async () => {
    expect(await store.pending(10)).toEqual([]);
  });
});

describe('markFailed / markSkipped', () => {
  test('record the outcome, the error and when it was processed', async () => {
    await store.insertNew([row('A'), row('B')]);
    const at = new Date('2026-11-24T02:00:00.000Z');
    await store.markFailed('A', 'x'.repeat(3000), at, '{"redacted":"a"}');
    await store.markSkipped('B', at, '{"redacted":"b"}');
    const a = await testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: 'A' } });
    const b = await testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: 'B' } });
    expect(a).toMatchObject({ status: 'failed', processedAt: at, payload: '{"redacted":"a"}' });
    expect(a.error).toHaveLength(2000);
    expect(b).toMatchObject({ status: 'skipped', processedAt: at, error: null, payload: '{"redacted":"b"}' });
  });
});
