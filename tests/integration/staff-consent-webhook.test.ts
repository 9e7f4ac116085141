// Under test: a resident without consent asking for staff, end to end through signed webhooks on a temp SQLite file —
// nothing they write is stored until they agree for that conversation, and then it is; faked: the clock (FakeClock)
// and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeThread } from '../../src/usecases/threads/close-thread';
import type { Actor } from '../../src/usecases/threads/thread-deps';
import { PrismaStaffThreadStore } from '../../src/infra/prisma/prisma-staff-threads';
import { threadActionDeps } from '../../src/composition/staff-actions';
import { dumpAllTables, eventFrom } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
let user: string;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00'); // Tuesday, open
  talk = new ResidentTalk(t);
});
afterEach(async () => {
  await t.close();
});

const db = () => t.testDb.db;
const say = (...inputs: string[]) => talk.say(user, ...inputs);
const tap = say;
/** Sends a fixture message (a photo, a location) and returns what LINE sent. */
async function send(name: string): Promise<Record<string, unknown>> {
  const event = eventFrom(t.messenger, name, user, { timestamp: talk.nextTimestamp() });
  await t.post([event]);
  return event.message as Record<string, unknown>;
}
/** Every text of the last LINE call made to the user, joined (a message with buttons counts by its alt text). */
const lastSendTo = () => {
  const last = t.messenger.sent.filter((s) => s.to === user).at(-1);
  return (last?.messages ?? []).map((m) => (m.type === 'text' ? m.text : 'altText' in m ? m.altText : '')).join('\n');
};

const PHONE_TEXT = '電話は090-1234-5678です。夜なら出られます';

/** Follows and taps 同意しない at the privacy notice. */
async function declined(): Promise<void> {
  user = await talk.follows();
  await tap('c=no');
  expect((await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).consent).toBe('declined');
}

/** Text, a location and a photo: what the resident writes to staff. */
async function writeToStaff(): Promise<{ location: Record<string, unknown>; image: Record<string, unknown> }> {
  await say(PHONE_TEXT);
  const location = await send('message-location');
  const image = await send('message-image');
  return { location, image };
}

describe('declined consent, then スタッフと話したい', () => {
  test('is told what staff will see and keep, and asked; what they write before agreeing is stored nowhere', async () => {
    await declined();
    await say('スタッフと話したい');
    const asked = lastSendTo();
    expect(asked).toContain('写真');
    expect(asked).toContain('保存');
    expect(await db().conversation.count()).toBe(0);

    const { location, image } = await writeToStaff();
    expect(await db().conversationMessage.count()).toBe(0);
    expect(await db().attachment.count()).toBe(0);
    expect(await db().conversation.count()).toBe(0);
    const everything = await dumpAllTables(db());
    expect(everything).not.toContain('090-1234-5678');
    expect(everything).not.toContain(String(location.address));
    expect(everything).not.toContain(String(location.latitude));
  });

  test('declining again gives the phone number and hours, and later messages are still not stored', async () => {
    await declined();
    await say('スタッフと話したい');
    await tap('sc=no');
    const answer = lastSendTo();
    expect(answer).toContain(t.app.profile.contact.phone);
    expect(answer).toContain('8時45分');
    expect((await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).consent).toBe('declined');

    await writeToStaff();
    expect(await db().conversationMessage.count()).toBe(0);
    expect(await db().attachment.count()).toBe(0);
    expect(await dumpAllTables(db())).not.toContain('090-1234-5678');
  });

  test('after agreeing for the conversation, text, location and photo are kept for staff; the next conversation asks again', async () => {
    await declined();
    await say('スタッフと話したい');
    await tap('sc=yes');
    const conversation = await db().conversation.findFirstOrThrow();
    expect(conversation).toMatchObject({ owner: 'waiting', consentedAt: t.clock.now() });
    // The consent is for this conversation only: the privacy notice stays declined.
    expect((await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).consent).toBe('declined');

    const { image } = await writeToStaff();
    const kept = await db().conversationMessage.findMany({ where: { direction: 'in' }, orderBy: { createdAt: 'asc' } });
    expect(kept.map((m) => m.kind)).toEqual(['text', 'location', 'image']);
    expect(kept[0]!.text).toBe(PHONE_TEXT);
    expect(await db().attachment.findUniqueOrThrow({ where: { lineMessageId: String(image.id) } })).toMatchObject({ status: 'stored' });

    const threads = new PrismaStaffThreadStore(t.app.db);
    const staff = await db().staffUser.create({ data: { loginId: 'sato', displayName: '佐藤 花子', passwordHash: 'x', role: 'counsellor', teams: '[]', createdAt: t.clock.now(), updatedAt: t.clock.now() } });
    const actor: Actor = { id: staff.id, displayName: staff.displayName };
    const closed = await closeThread(threadActionDeps(t.app.deps, t.app.db), actor, (await threads.detail(conversation.id))!);
    expect(closed.ok).toBe(true);
    if (closed.ok) await closed.delivery;
    await tap('g=menu');

    await say('スタッフと話したい');
    expect(await db().conversation.count({ where: { owner: { not: 'closed' } } })).toBe(0);
    await say('もう一度相談です 090-1234-5678');
    expect(await db().conversationMessage.count({ where: { direction: 'in' } })).toBe(3);
  });

  test('a danger message still reaches staff at once, without consent', async () => {
    await declined();
    await say('スタッフと話したい');
    await say('もう死にたい');
    expect(await db().conversation.findFirstOrThrow()).toMatchObject({ urgent: true });
    expect(await db().conversationMessage.findMany({ where: { direction: 'in' } })).toMatchObject([{ kind: 'text', text: 'もう死にたい' }]);
  });
});
