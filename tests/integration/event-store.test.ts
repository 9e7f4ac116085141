// Under test: PrismaEventStore on a real temporary SQLite file migrated like production; nothing is faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { NewWebhookEvent } from '../../src/domain/stores';
import { PrismaEventStore } from '../../src/infra/prisma-event-store';
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

describe('nextPending', () => {
  test('gives the oldest LINE timestamp first, then the smaller id, skipping other statuses and users', async () => {
    await store.insertNew([
      row('Z-late', { timestamp: 3000 }),
      row('Y-tie', { timestamp: 2000 }),
      row('X-tie', { timestamp: 2000 }),
      row('W-skipped', { timestamp: 1000, status: 'skipped' }),
      row('V-other-user', { timestamp: 500, userKey: 'Ubob' }),
    ]);
    const order: string[] = [];
    for (let next = await store.nextPending('Ualice'); next; next = await store.nextPending('Ualice')) {
      order.push(next.id);
      expect(next.userKey).toBe('Ualice');
      await store.markSkipped(next.id, RECEIVED, '{}');
    }
    expect(order).toEqual(['X-tie', 'Y-tie', 'Z-late']);
  });

  test('returns the stored payload and the timestamp as a number', async () => {
    await store.insertNew([row('P', { timestamp: 1_782_868_029_443, payload: '{"x":1}' })]);
    expect(await store.nextPending('Ualice')).toEqual({ id: 'P', userKey: 'Ualice', timestamp: 1_782_868_029_443, payload: '{"x":1}' });
  });

  test('is null when the user has nothing pending', async () => {
    expect(await store.nextPending('Unobody')).toBeNull();
  });
});

describe('usersWithPending', () => {
  test('lists each user with pending work once; skips finished events and events without a user', async () => {
    await store.insertNew([
      row('1', { userKey: 'Ualice' }),
      row('2', { userKey: 'Ualice' }),
      row('3', { userKey: 'Ubob' }),
      row('4', { userKey: 'Ucarol', status: 'skipped' }),
      row('5', { userKey: null, sourceType: 'group' }),
      row('6', { userKey: 'Udave' }),
    ]);
    await store.markFailed('6', 'boom', RECEIVED, '{}');
    expect((await store.usersWithPending()).sort()).toEqual(['Ualice', 'Ubob']);
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
