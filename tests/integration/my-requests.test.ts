// Under test: わたしの申し込み and the consultation status notices end to end — signed webhooks through the real app with
// the default modules, the console's consultation status route (app.inject with a staff session), the thread use case
// and the broadcast engine, Prisma on a temp SQLite file. わたしの申し込み lists each feature's open items as one free
// reply (never a push), says so when nothing is open, and leaves a step that takes free text its words; a status
// change staff make queues one personal notice in the resident's language, none for a change kept silent. Faked: the
// clock (Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger); the request for help, the donation offer and the
// event place are written straight into the database.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { threadActionDeps } from '../../src/composition/staff-actions';
import { changeConsultationStatus } from '../../src/usecases/threads/change-consultation-status';
import { loginAs, postForm } from '../helpers/console';
import { seedOpenItems } from '../helpers/my-requests';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  talk = new ResidentTalk(t);
});
afterEach(async () => {
  await t.close();
});

const sends = (user: string) => t.messenger.sent.filter((s) => s.to === user);
const lastText = (user: string) => JSON.stringify(sends(user).at(-1)?.messages ?? []);
const residentId = async (user: string) => (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id;

/** A friend who agreed to the privacy notice (Japanese unless `lang=en` is tapped) and sent a food-hardship consultation. */
async function consulted(...language: string[]): Promise<{ user: string; consultation: { id: string; referenceNo: string; conversationId: string | null } }> {
  const user = await talk.follows();
  await talk.say(user, 'c=yes', ...language, 'menu=consult', 'cat=food_hardship', 'about=go', 'tc=yes', 'forWhom=self', 'd=kaigan', 'contact=line', 'contactTime=anytime', 'urgency=soon');
  await talk.say(user, '今月の食費が足りません。', 'desc=done', 'confirm=send');
  const consultation = await db().consultation.findFirstOrThrow({ where: { resident: { lineUserId: user } } });
  return { user, consultation };
}

describe('わたしの申し込み', () => {
  test('lists the consultation, the request for help, the donation offer and the event place in one free reply', async () => {
    const { user, consultation } = await consulted();
    const items = await seedOpenItems(db(), await residentId(user), t.clock.now());
    const before = sends(user).length;

    await talk.say(user, '状況');

    expect(sends(user)).toHaveLength(before + 1);
    expect(sends(user).at(-1)).toMatchObject({ method: 'reply' });
    expect(sends(user).at(-1)!.messages).toHaveLength(1);
    const text = lastText(user);
    expect(text).toContain('あなたの申し込み(4件)の状況です');
    expect(text).toContain(`ご相談 ${consultation.referenceNo}`);
    expect(text).toContain('受け付けました');
    expect(text).toContain(`ボランティアのお願い ${items.request}`);
    expect(text).toContain(`寄付・寄贈 ${items.offer}`);
    expect(text).toContain(`行事 ${items.event}`);
    expect(text).toContain('申し込み済みです');
    expect(sends(user).filter((s) => s.method === 'push')).toHaveLength(0);

    // The menu's chip answers the same way, as a reply.
    await talk.say(user, 'g=mine');
    expect(sends(user).at(-1)).toMatchObject({ method: 'reply' });
    expect(lastText(user)).toContain(items.request!);
    // Done and declined items are not listed; a consultation closed long ago neither.
    await db().volunteerRequest.updateMany({ data: { status: 'done' } });
    await db().donationOffer.updateMany({ data: { status: 'declined' } });
    await db().consultation.updateMany({ data: { status: 'closed', closedAt: new Date('2026-11-01T00:00:00Z') } });
    await talk.say(user, 'どうなった?');
    expect(lastText(user)).toContain('あなたの申し込み(1件)');
    expect(lastText(user)).not.toContain(items.request);
  });

  test('nothing open: says so with the menu; in English for an English speaker', async () => {
    const user = await talk.follows();
    await talk.say(user, 'c=yes', 'わたしの申し込み');
    expect(lastText(user)).toContain('いま手続き中のお申し込みはありません');
    expect(lastText(user)).toContain('menu=consult');

    const english = await talk.follows();
    await talk.say(english, 'c=yes', 'lang=en', 'my requests');
    expect(lastText(english)).toContain('You have no requests in progress right now');
  });

  test('a step that takes free text keeps the words as its answer', async () => {
    const user = await talk.follows();
    await talk.say(user, 'c=yes', 'menu=consult', 'cat=food_hardship', 'about=go', 'tc=yes', 'forWhom=self', 'd=kaigan', 'contact=line', 'contactTime=anytime', 'urgency=soon', '状況');
    expect(lastText(user)).not.toContain('申し込み(');
    const state = await db().flowState.findUniqueOrThrow({ where: { residentId: await residentId(user) } });
    expect(JSON.parse(state.data)).toMatchObject({ description: ['状況'] });
  });
});

describe('consultation status notices', () => {
  const notices = () => db().broadcast.findMany({ where: { kind: 'consultation_notice' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

  test('taken, referred and closed each queue one notice in the resident\'s language; the engine pushes it once', async () => {
    const { user, consultation } = await consulted('lang=en');
    const staff = await loginAs(t.app, 'counsellor', { teams: ['livelihood'] });
    const move = (status: string, referralTarget = '') =>
      postForm(t.app.server, staff, `/console/consultations/${consultation.id}/status`, { threadId: consultation.conversationId!, status, referralTarget });

    expect((await move('in_progress')).statusCode).toBe(303);
    expect((await move('in_progress')).statusCode).toBe(303);
    expect((await move('referred', 'みなと区役所 生活支援課')).statusCode).toBe(303);
    expect((await move('referred', 'みなと区役所 生活支援課')).statusCode).toBe(303);
    const rows = await notices();
    // Once per change: the same status again says nothing.
    // (Rows written in the same millisecond have no order of their own: compared as sorted lists.)
    expect(rows.map((r) => r.title).sort()).toEqual([`相談の担当の連絡:${consultation.referenceNo}`, `相談をつないだ連絡:${consultation.referenceNo}`].sort());
    for (const r of rows) expect(JSON.parse(r.targeting)).toEqual({ residentIds: [await residentId(user)] });
    expect(rows.every((r) => r.createdBy === staff.member.id)).toBe(true);

    const before = sends(user).length;
    await t.app.runBroadcasts();
    await t.app.runBroadcasts();
    const pushed = sends(user).slice(before);
    expect(pushed.map((s) => s.method)).toEqual(['push', 'push']);
    const referral = pushed.map((s) => JSON.stringify(s.messages)).filter((m) => m.includes('We have passed your consultation'));
    expect(referral).toHaveLength(1);
    expect(referral[0]).toContain('みなと区役所 生活支援課');

    expect((await move('closed')).statusCode).toBe(303);
    expect((await notices()).map((r) => r.title.split(':')[0]).sort()).toEqual(['相談の担当の連絡', '相談をつないだ連絡', '相談の終了の連絡'].sort());
    // Back to 新規 is staff's own bookkeeping: nothing to tell.
    expect((await move('new')).statusCode).toBe(303);
    expect(await notices()).toHaveLength(3);
  });

  test('a change the council keeps silent queues nothing; the others still do', async () => {
    const { consultation } = await consulted();
    const staff = await loginAs(t.app, 'counsellor', { teams: ['livelihood'] });
    const deps = threadActionDeps(t.app.deps, t.app.db);
    const quiet = { ...deps, consultationNotices: { ...deps.consultationNotices, notify: { taken: false, referred: true, closed: false } } };
    const thread = { consultations: [{ id: consultation.id }] } as Parameters<typeof changeConsultationStatus>[2];
    const actor = { id: staff.member.id, displayName: '相談員' };

    expect(await changeConsultationStatus(quiet, actor, thread, consultation.id, 'in_progress', null)).toEqual({ ok: true });
    expect(await changeConsultationStatus(quiet, actor, thread, consultation.id, 'closed', null)).toEqual({ ok: true });
    expect(await notices()).toHaveLength(0);
    expect(await changeConsultationStatus(quiet, actor, thread, consultation.id, 'referred', '地域包括支援センター')).toEqual({ ok: true });
    const rows = await notices();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.content).ja).toContain('地域包括支援センターにおつなぎしました');
    expect(await db().consultation.findUniqueOrThrow({ where: { id: consultation.id } })).toMatchObject({ status: 'referred', referralTarget: '地域包括支援センター' });
  });
});
