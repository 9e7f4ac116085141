// Under test: PrismaConversationStore (residents, flow state, the one-transaction commit) on a real temporary SQLite file; nothing is faked.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { NewOutbound, StepCommit } from '../../src/domain/stores';
import type { FlowState } from '../../src/flows/engine/types';
import { PrismaConversationStore } from '../../src/infra/prisma/prisma-conversation-store';
import { PrismaEventStore } from '../../src/infra/prisma/prisma-event-store';
import { PrismaOutboxStore } from '../../src/infra/prisma/prisma-outbox-store';
import { createTestDb, type TestDb } from '../helpers/test-db';

let testDb: TestDb;
let store: PrismaConversationStore;
let events: PrismaEventStore;

const T0 = new Date('2026-11-24T01:00:00.000Z');
const T1 = new Date('2026-11-24T01:05:00.000Z');
const USER = 'U0123456789abcdef0123456789abcdef';

beforeEach(async () => {
  testDb = await createTestDb();
  store = new PrismaConversationStore(testDb.db);
  events = new PrismaEventStore(testDb.db);
});
afterEach(async () => {
  await testDb.cleanup();
});

async function pendingEvent(id: string): Promise<string> {
  const payload = JSON.stringify({ type: 'message', replyToken: 'secret-token', message: { type: 'text', id: '1', text: '相談したいです' } });
  await events.insertNew([{ id, lineType: 'message', sourceType: 'user', userKey: USER, mode: 'active', timestamp: 1, isRedelivery: false, payload, status: 'pending', receivedAt: T0 }]);
  return id;
}

function outbound(retryKey: string): NewOutbound {
  return { id: `out-${retryKey}`, lineUserId: USER, method: 'reply', retryKey, messages: [{ type: 'text', text: 'こんにちは' }] };
}

const STATE: FlowState = { flowId: 'onboarding', version: 1, step: 'district', data: { districtPage: 1, topics: ['newsletters'] }, stepStartedAt: T1.toISOString() };

function commitFor(residentId: string, eventId: string, over: Partial<StepCommit> = {}): StepCommit {
  return {
    eventId,
    redactedPayload: '{"type":"message","message":{"text":"[redacted]"}}',
    residentId,
    patch: { consent: 'granted', consentVersion: '2026-11', consentAt: T1.toISOString(), language: 'en', languageChosen: true, districtCode: 'kaigan', topics: ['newsletters', 'disaster'], onboardedAt: T1.toISOString() },
    handoff: { fromFlow: 'onboarding' },
    state: STATE,
    outbound: [outbound('key-1'), outbound('key-2')],
    now: T1,
    ...over,
  };
}

describe('residents', () => {
  test('createResident makes a followed resident with pending consent; findResident returns it', async () => {
    expect(await store.findResident(USER)).toBeNull();
    const created = await store.createResident(USER, 'en', T0);
    expect(created).toMatchObject({ lineUserId: USER, language: 'en', languageChosen: false, followed: true, consent: 'pending', districtCode: null, topics: [], onboardedAt: null });
    expect(await store.findResident(USER)).toEqual(created);
  });

  test('createResident for a known user returns the existing row unchanged', async () => {
    const first = await store.createResident(USER, 'ja', T0);
    const again = await store.createResident(USER, 'en', T1);
    expect(again).toEqual(first);
    expect(await testDb.db.resident.count()).toBe(1);
  });
});

describe('flow state', () => {
  test('is null before any commit and round-trips through commit', async () => {
    const resident = await store.createResident(USER, 'ja', T0);
    expect(await store.loadFlowState(resident.id)).toBeNull();
    await store.commit(commitFor(resident.id, await pendingEvent('E1'), { patch: null, handoff: null, outbound: [] }));
    const loaded = await store.loadFlowState(resident.id);
    expect(loaded).toEqual(STATE);
    expect(structuredClone(loaded)).toEqual(STATE);
  });

  test('a corrupt stored form is read as empty data rather than throwing', async () => {
    const resident = await store.createResident(USER, 'ja', T0);
    await testDb.db.flowState.create({ data: { residentId: resident.id, flowId: 'onboarding', flowVersion: 1, step: 'topics', data: '{not json', stepStartedAt: T0, updatedAt: T0 } });
    expect(await store.loadFlowState(resident.id)).toMatchObject({ step: 'topics', data: {} });
  });
});

describe('commit', () => {
  test('writes the resident patch, hand-off, state, outbound rows and the event outcome together', async () => {
    const resident = await store.createResident(USER, 'ja', T0);
    const eventId = await pendingEvent('E1');
    await store.commit(commitFor(resident.id, eventId));

    expect(await store.findResident(USER)).toMatchObject({ consent: 'granted', language: 'en', languageChosen: true, districtCode: 'kaigan', topics: ['newsletters', 'disaster'], onboardedAt: T1 });
    const row = await testDb.db.resident.findUniqueOrThrow({ where: { lineUserId: USER } });
    expect(row).toMatchObject({ consentVersion: '2026-11', consentAt: T1, updatedAt: T1, topics: '["newsletters","disaster"]' });
    expect(await testDb.db.conversation.findMany()).toMatchObject([{ residentId: resident.id, fromFlow: 'onboarding', owner: 'waiting', openedAt: T1, waitingSince: T1 }]);
    const out = await testDb.db.outboundMessage.findMany({ orderBy: { retryKey: 'asc' } });
    expect(out).toMatchObject([
      { retryKey: 'key-1', status: 'pending', eventId, method: 'reply', lineUserId: USER },
      { retryKey: 'key-2', status: 'pending', eventId },
    ]);
    const ev = await testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(ev).toMatchObject({ status: 'done', processedAt: T1, error: null });
    expect(ev.payload).not.toContain('相談したいです');
    expect(ev.payload).not.toContain('secret-token');
  });

  test('a null state deletes the stored flow state; followed false records the unfollow', async () => {
    const resident = await store.createResident(USER, 'ja', T0);
    await store.commit(commitFor(resident.id, await pendingEvent('E1'), { patch: null, handoff: null, outbound: [] }));
    await store.commit(commitFor(resident.id, await pendingEvent('E2'), { patch: null, handoff: null, outbound: [], state: null, followed: false }));
    expect(await store.loadFlowState(resident.id)).toBeNull();
    expect(await testDb.db.resident.findUniqueOrThrow({ where: { id: resident.id } })).toMatchObject({ followed: false, unfollowedAt: T1 });
  });

  test('followed true after an unfollow clears unfollowedAt', async () => {
    const resident = await store.createResident(USER, 'ja', T0);
    await store.commit(commitFor(resident.id, await pendingEvent('E1'), { patch: null, handoff: null, outbound: [], state: null, followed: false }));
    await store.commit(commitFor(resident.id, await pendingEvent('E2'), { patch: null, handoff: null, outbound: [], state: null, followed: true }));
    expect(await testDb.db.resident.findUniqueOrThrow({ where: { id: resident.id } })).toMatchObject({ followed: true, followedAt: T1, unfollowedAt: null });
  });

  test('a failure part-way writes nothing: resident, state, hand-off and event are as before', async () => {
    const resident = await store.createResident(USER, 'ja', T0);
    const eventId = await pendingEvent('E1');
    // An earlier outbound row already holds the retry key the commit's second row uses: the insert fails
    // after the resident update, hand-off and state upsert have been issued.
    await new PrismaOutboxStore(testDb.db).insert([{ ...outbound('taken'), id: 'earlier' }], T0);

    await expect(store.commit(commitFor(resident.id, eventId, { outbound: [outbound('fresh'), outbound('taken')] }))).rejects.toThrow();

    expect(await store.findResident(USER)).toEqual(resident);
    expect(await store.loadFlowState(resident.id)).toBeNull();
    expect(await testDb.db.conversation.count()).toBe(0);
    expect((await testDb.db.outboundMessage.findMany()).map((o) => o.id)).toEqual(['earlier']);
    const ev = await testDb.db.webhookEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(ev).toMatchObject({ status: 'pending', processedAt: null });
    expect(ev.payload).toContain('相談したいです');
  });
});
