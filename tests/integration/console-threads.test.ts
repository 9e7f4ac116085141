// Under test: the console's inbox and conversation pages and actions (thread-routes, the thread use cases, PrismaStaffThreadStore,
// session idle time, measures) through app.inject on the real app, real flows and a temp SQLite file; residents act
// through signed webhooks, including LINE's unsend. Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST, open) and LINE (RecordingMessenger);
// to force a race, some tests hold the store's thread read at a barrier so two requests both read before either writes.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { LineApiError } from '../../src/domain/ports';
import { PrismaStaffThreadStore } from '../../src/infra/prisma/prisma-staff-threads';
import { loginAs, type ConsoleLogin, postForm } from '../helpers/console';
import { deferred, dumpAllTables, eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

const MINUTE = 60_000;

let t: TestApp;
let ts: number;

beforeEach(async () => {
  t = await createTestApp();
  ts = t.clock.now().getTime();
});
afterEach(async () => {
  await t?.close();
});

const db = () => t.app.db;
const tr = (key: string) => t.app.deps.translator.t('ja', key);

// ---- the resident's side (signed webhooks) ----

/** Posts the resident's inputs in order (`a=b` is a button tap, anything else typed text), each processed before the next. */
async function says(user: string, ...inputs: string[]): Promise<void> {
  for (const input of inputs) {
    ts += 1000;
    const event = /^[a-zA-Z]+=/.test(input) ? postbackFrom(t.messenger, user, input, { timestamp: ts }) : textFrom(t.messenger, user, input, { timestamp: ts });
    expect((await t.post([event])).status).toBe(200);
  }
}

async function follows(user: string): Promise<void> {
  ts += 1000;
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
}

/** Follows, agrees and asks for staff: a waiting thread routed to no team, no flow running. Returns the thread id. */
async function askForStaff(user = newUserId()): Promise<{ user: string; id: string }> {
  await follows(user);
  await says(user, 'c=yes', 'スタッフと話したい');
  return { user, id: await threadOf(user) };
}

/** A whole food-hardship consultation: a waiting thread routed to team `livelihood`. */
async function consultLivelihood(user = newUserId()): Promise<{ user: string; id: string }> {
  await follows(user);
  await says(user, 'c=yes', 'menu=consult', 'cat=food_hardship', 'about=go', 'tc=yes', 'forWhom=self', 'd=kaigan', 'contact=line', 'contactTime=anytime', 'urgency=soon');
  await says(user, '今月の食費が足りません。', 'desc=done', 'confirm=send');
  const id = await threadOf(user);
  expect(await db().conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ owner: 'waiting', teamCode: 'livelihood' });
  return { user, id };
}

async function threadOf(user: string): Promise<string> {
  return (await db().conversation.findFirstOrThrow({ where: { resident: { lineUserId: user } }, orderBy: { openedAt: 'desc' } })).id;
}

const conversation = (id: string) => db().conversation.findUniqueOrThrow({ where: { id } });
const audits = (action: string) => db().auditLog.findMany({ where: { action }, orderBy: { at: 'asc' } });
const pushesTo = (user: string) => t.messenger.sent.filter((s) => s.to === user && s.method === 'push');
const textOf = (s: { messages: Array<{ type: string }> }) => JSON.stringify(s.messages);

// ---- the staff side (app.inject with the session cookie) ----

function get(login: ConsoleLogin, url: string, headers: Record<string, string> = {}) {
  return t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie, ...headers } });
}

const post = (login: ConsoleLogin, url: string, fields: Parameters<typeof postForm>[3] = []) => postForm(t.app.server, login, url, fields);

/** A 303 back to the conversation page announcing `done` (not, say, to the login page). */
function expectDone(res: { statusCode: number; headers: Record<string, unknown> }, id: string, done: string): void {
  expect({ status: res.statusCode, location: String(res.headers.location).split('#')[0] }).toEqual({ status: 303, location: `/console/threads/${id}?done=${done}` });
}

async function inboxHrefs(login: ConsoleLogin, view: string): Promise<string[]> {
  const res = await get(login, `/console/inbox/rows?view=${view}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { rows: Array<{ href: string }> }).rows.map((r) => r.href);
}

/**
 * Makes the next `n` reads of a thread by the console routes wait for one another, so `n` concurrent requests all
 * see the thread as it was before any of them writes (the interleaving a real race produces). Returns the undo.
 */
function readTogether(n: number): () => void {
  const read = PrismaStaffThreadStore.prototype.detail;
  let reads = 0;
  const all = deferred<void>();
  const spy = vi.spyOn(PrismaStaffThreadStore.prototype, 'detail').mockImplementation(async function (this: PrismaStaffThreadStore, id: string) {
    const thread = await read.call(this, id);
    reads += 1;
    if (reads === n) all.resolve();
    if (reads <= n) await all.promise;
    return thread;
  });
  return () => spy.mockRestore();
}

/** Waits until no outbound row is pending (the pushes sent after a page answered have finished). */
async function outboxSettled(): Promise<void> {
  await vi.waitFor(async () => expect(await db().outboundMessage.count({ where: { status: { in: ['pending', 'attempting'] } } })).toBe(0));
}

describe('who sees which thread', () => {
  test('an anshin counsellor gets 404 for a livelihood thread someone else claimed, but opens unrouted and urgent ones; a coordinator opens all', async () => {
    const livelihood = await loginAs(t.app, 'counsellor', { displayName: '生活 太郎', teams: ['livelihood'] });
    const anshin = await loginAs(t.app, 'counsellor', { displayName: '安心 花子', teams: ['anshin'] });
    const coordinator = await loginAs(t.app, 'coordinator', { displayName: '調整 一郎' });

    const claimed = await consultLivelihood();
    expectDone(await post(livelihood, `/console/threads/${claimed.id}/claim`), claimed.id, 'claimed');
    const unrouted = await askForStaff();
    const urgent = await consultLivelihood();
    expectDone(await post(livelihood, `/console/threads/${urgent.id}/claim`), urgent.id, 'claimed');
    await says(urgent.user, 'もう死にたい');
    expect(await conversation(urgent.id)).toMatchObject({ owner: 'staff', urgent: true, teamCode: 'livelihood', assigneeId: livelihood.member.id });
    const waitingLivelihood = await consultLivelihood();

    const hidden = await get(anshin, `/console/threads/${claimed.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toContain('会話が見つかりません');
    expect(hidden.body).not.toContain('今月の食費が足りません');
    expect((await get(anshin, `/console/threads/${claimed.id}/updates?after=1970-01-01T00:00:00.000Z`)).statusCode).toBe(404);
    expect((await get(anshin, `/console/threads/${waitingLivelihood.id}`)).statusCode).toBe(404);
    expect((await get(anshin, `/console/threads/${unrouted.id}`)).statusCode).toBe(200);
    expect((await get(anshin, `/console/threads/${urgent.id}`)).statusCode).toBe(200);
    // Nothing was viewed, so nothing is audited for the refused pages.
    expect((await audits('conversation.view')).filter((a) => a.staffId === anshin.member.id).map((a) => a.subjectId).sort()).toEqual([unrouted.id, urgent.id].sort());

    for (const id of [claimed.id, unrouted.id, urgent.id, waitingLivelihood.id]) {
      expect((await get(coordinator, `/console/threads/${id}`)).statusCode).toBe(200);
    }

    const href = (id: string) => `/console/threads/${id}`;
    const seenByAnshin = new Set<string>();
    for (const view of ['waiting', 'urgent', 'mine', 'team', 'closed']) for (const h of await inboxHrefs(anshin, view)) seenByAnshin.add(h);
    expect(seenByAnshin.has(href(claimed.id))).toBe(false);
    expect(seenByAnshin.has(href(waitingLivelihood.id))).toBe(false);
    expect(await inboxHrefs(anshin, 'waiting')).toEqual([href(unrouted.id)]);
    expect(await inboxHrefs(anshin, 'urgent')).toEqual([href(urgent.id)]);
    expect((await inboxHrefs(coordinator, 'waiting')).sort()).toEqual([href(unrouted.id), href(waitingLivelihood.id)].sort());
    expect(await inboxHrefs(livelihood, 'mine')).toEqual([href(urgent.id), href(claimed.id)]); // urgent first
  });
});

describe('reading a thread is audited', () => {
  test('every GET of the conversation page writes a conversation.view row with the resident', async () => {
    const staff = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const { user, id } = await askForStaff();
    const residentId = (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id;

    expect((await get(staff, `/console/threads/${id}`)).statusCode).toBe(200);
    expect((await get(staff, `/console/threads/${id}`)).statusCode).toBe(200);
    expect(await audits('conversation.view')).toMatchObject([
      { staffId: staff.member.id, subjectType: 'conversation', subjectId: id, residentId },
      { staffId: staff.member.id, subjectType: 'conversation', subjectId: id, residentId },
    ]);
  });

  test('a poll of /updates that returns messages writes one row; a poll after the last message writes none', async () => {
    const staff = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const { user, id } = await askForStaff();
    const residentId = (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id;
    await get(staff, `/console/threads/${id}`);
    const viewed = (await audits('conversation.view')).length;

    t.clock.advance(MINUTE);
    await says(user, '鍵をなくしました');
    const arrivedAt = t.clock.now();
    const since = new Date(arrivedAt.getTime() - 1000).toISOString();
    const poll = await get(staff, `/console/threads/${id}/updates?after=${encodeURIComponent(since)}`, { accept: 'application/json', 'x-console-poll': '1' });
    expect(poll.statusCode).toBe(200);
    expect((poll.json() as { entries: Array<{ text: string }> }).entries.map((e) => e.text)).toEqual(['鍵をなくしました']);
    const rows = await audits('conversation.view');
    expect(rows).toHaveLength(viewed + 1);
    expect(rows.at(-1)).toMatchObject({ staffId: staff.member.id, subjectId: id, residentId, detail: JSON.stringify({ live: 1 }) });

    const later = new Date(arrivedAt.getTime() + 1).toISOString();
    const empty = await get(staff, `/console/threads/${id}/updates?after=${encodeURIComponent(later)}`, { accept: 'application/json', 'x-console-poll': '1' });
    expect(empty.json()).toMatchObject({ entries: [] });
    expect(await audits('conversation.view')).toHaveLength(viewed + 1);
  });

  test('the page\'s own poll (after = the data-after it was rendered with) writes no row while nothing new has arrived', async () => {
    const staff = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const { user, id } = await askForStaff();
    await says(user, '鍵をなくしました');
    const page = await get(staff, `/console/threads/${id}`);
    const after = /data-after="([^"]+)"/.exec(page.body)?.[1];
    expect(after).toBeDefined();
    const viewed = (await audits('conversation.view')).length;

    // What thread-live.js sends every 5 s; the resident has said nothing new.
    for (let i = 0; i < 3; i++) {
      t.clock.advance(5000);
      const poll = await get(staff, `/console/threads/${id}/updates?after=${encodeURIComponent(after!)}`, { accept: 'application/json', 'x-console-poll': '1' });
      expect(poll.statusCode).toBe(200);
    }
    expect(await audits('conversation.view')).toHaveLength(viewed);
  });
});

describe("a long thread's history", () => {
  test('the page shows the latest 50 messages and 「以前のメッセージ」; that link shows 50 more; the live poll still brings what comes next', async () => {
    const staff = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const { user, id } = await askForStaff();
    const start = t.clock.now().getTime() - 200 * MINUTE;
    await db().conversationMessage.createMany({ data: Array.from({ length: 120 }, (_, i) => ({ conversationId: id, direction: 'in', kind: 'text', text: `古いメッセージ${i}`, createdAt: new Date(start + i * MINUTE) })) });
    const shown = (html: string) => [...html.matchAll(/古いメッセージ(\d+)/g)].map((m) => Number(m[1]));
    const page = await get(staff, `/console/threads/${id}`);
    expect(page.statusCode).toBe(200);
    const latest = shown(page.body);
    expect(latest.length).toBeLessThanOrEqual(50);
    expect(latest.at(-1)).toBe(119);
    expect(latest).not.toContain(0);
    const earlier = /id="history-earlier" href="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    expect(earlier).toMatch(/^\/console\/threads\/[^?]+\?since=.+#history$/);
    const more = await get(staff, earlier!.replace(/#history$/, ''));
    expect(shown(more.body).length).toBeGreaterThan(latest.length);
    expect(shown(more.body).at(-1)).toBe(119);

    // The page's poll starts after the latest message, whichever stretch it shows.
    const after = /data-after="([^"]+)"/.exec(more.body)![1]!;
    expect(after).toBe(/data-after="([^"]+)"/.exec(page.body)![1]);
    t.clock.advance(MINUTE);
    await says(user, '新しい質問です');
    const poll = await get(staff, `/console/threads/${id}/updates?after=${encodeURIComponent(after)}`, { accept: 'application/json', 'x-console-poll': '1' });
    expect(poll.json().entries.map((e: { text: string }) => e.text)).toContain('新しい質問です');
  });
});

describe('claiming and assigning', () => {
  test('A claims; B of the same team is refused (403) and A stays; a coordinator assigns it to B', async () => {
    const a = await loginAs(t.app, 'counsellor', { displayName: '相談員 A', teams: ['anshin'] });
    const b = await loginAs(t.app, 'counsellor', { displayName: '相談員 B', teams: ['anshin'] });
    const coordinator = await loginAs(t.app, 'coordinator');
    const { user, id } = await askForStaff();
    const residentId = (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id;

    const claimed = await post(a, `/console/threads/${id}/claim`);
    expect(claimed.statusCode).toBe(303);
    expect(claimed.headers.location).toBe(`/console/threads/${id}?done=claimed`);
    expect(await conversation(id)).toMatchObject({ owner: 'staff', assigneeId: a.member.id });
    expect(await audits('conversation.claim')).toMatchObject([{ staffId: a.member.id, subjectId: id, residentId, detail: JSON.stringify({ assigneeId: a.member.id }) }]);

    const refused = await post(b, `/console/threads/${id}/claim`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('ほかの職員が担当しています');
    expect(await conversation(id)).toMatchObject({ owner: 'staff', assigneeId: a.member.id });
    expect(await audits('conversation.claim')).toHaveLength(1);
    // Nor may B reply or close in A's place.
    expect((await post(b, `/console/threads/${id}/reply`, { text: '横から失礼します' })).statusCode).toBe(403);
    expect((await post(b, `/console/threads/${id}/close`)).statusCode).toBe(403);
    expect(pushesTo(user)).toHaveLength(0);

    // A counsellor cannot use the coordinator's form at all.
    expect((await post(b, `/console/threads/${id}/assign`, { assigneeId: b.member.id })).statusCode).toBe(403);

    const assigned = await post(coordinator, `/console/threads/${id}/assign`, { assigneeId: b.member.id });
    expect(assigned.statusCode).toBe(303);
    expect(assigned.headers.location).toBe(`/console/threads/${id}?done=assigned`);
    expect(await conversation(id)).toMatchObject({ owner: 'staff', assigneeId: b.member.id });
    expect(await audits('conversation.assign')).toMatchObject([{ staffId: coordinator.member.id, subjectId: id, residentId, detail: JSON.stringify({ assigneeId: b.member.id }) }]);
  });
});

describe('races and closed threads', () => {
  test('two closes at once: one survey push, one close audit row; the loser gets 409 (or 303 if it saw it closed)', async () => {
    const a = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const coordinator = await loginAs(t.app, 'coordinator');
    const { user, id } = await askForStaff();
    expectDone(await post(a, `/console/threads/${id}/claim`), id, 'claimed');
    expect((await get(a, `/console/threads/${id}`)).body).toContain('対応を終了する');
    expect((await get(coordinator, `/console/threads/${id}`)).body).toContain('対応を終了する');

    const [first, second] = await Promise.all([post(a, `/console/threads/${id}/close`), post(coordinator, `/console/threads/${id}/close`)]);
    const [won, lost] = first.statusCode === 303 ? [first, second] : [second, first];
    expectDone(won, id, 'closed');
    if (lost.statusCode === 303) expectDone(lost, id, 'closed');
    else {
      expect(lost.statusCode).toBe(409);
      expect(lost.body).toContain('ほかの職員が先にこの会話を操作しました');
    }
    await outboxSettled();

    expect(await conversation(id)).toMatchObject({ owner: 'closed', survey: 'asked' });
    expect(await audits('conversation.close')).toHaveLength(1);
    const pushes = pushesTo(user);
    expect(pushes).toHaveLength(1);
    expect(textOf(pushes[0]!)).toContain(tr('survey:score.prompt'));
    expect(await db().outboundMessage.count({ where: { lineUserId: user, method: 'push' } })).toBe(1);
    expect(await db().flowState.findMany({ where: { resident: { lineUserId: user } } })).toMatchObject([{ flowId: 'survey' }]);
  });

  test('two closes that both read the open thread: the later one gets 409, and still one push and one audit row', async () => {
    const a = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const coordinator = await loginAs(t.app, 'coordinator');
    const { user, id } = await askForStaff();
    expectDone(await post(a, `/console/threads/${id}/claim`), id, 'claimed');

    const undo = readTogether(2);
    const results = await Promise.all([post(a, `/console/threads/${id}/close`), post(coordinator, `/console/threads/${id}/close`)]).finally(undo);
    const lost = results.find((r) => r.statusCode !== 303);
    expect(results.filter((r) => r.statusCode === 303)).toHaveLength(1);
    expect(lost?.statusCode).toBe(409);
    expect(lost?.body).toContain('ほかの職員が先にこの会話を操作しました');
    await outboxSettled();

    expect(await conversation(id)).toMatchObject({ owner: 'closed', survey: 'asked' });
    expect(await audits('conversation.close')).toHaveLength(1);
    expect(pushesTo(user)).toHaveLength(1);
  });

  test('two counsellors claiming the same waiting thread at once: one gets it, the other is told it is taken', async () => {
    const a = await loginAs(t.app, 'counsellor', { displayName: '相談員 A', teams: ['anshin'] });
    const b = await loginAs(t.app, 'counsellor', { displayName: '相談員 B', teams: ['anshin'] });
    const { id } = await askForStaff();

    const undo = readTogether(2);
    const [byA, byB] = await Promise.all([post(a, `/console/threads/${id}/claim`), post(b, `/console/threads/${id}/claim`)]).finally(undo);
    // Exactly one of them may be told 「この会話の担当になりました」, and it must be the one the thread names.
    const winners = [byA, byB].filter((r) => r.statusCode === 303);
    expect(winners).toHaveLength(1);
    const winner = winners[0] === byA ? a : b;
    expect(await conversation(id)).toMatchObject({ owner: 'staff', assigneeId: winner.member.id });
    expect(await audits('conversation.claim')).toHaveLength(1);
  });

  test('a reply racing a close: the reply is refused (409) with the typed text to copy, and nothing is sent', async () => {
    const a = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const coordinator = await loginAs(t.app, 'coordinator');
    const { user, id } = await askForStaff();
    expectDone(await post(a, `/console/threads/${id}/claim`), id, 'claimed');

    const typed = '明日の午前にお電話します。';
    // The reply reads the open thread, then waits while the close is made: which one's transaction reaches the
    // database first is then the same on either database (PostgreSQL's run on separate connections, in any order).
    const read = PrismaStaffThreadStore.prototype.detail;
    const closeDone = deferred<void>();
    let reads = 0;
    const spy = vi.spyOn(PrismaStaffThreadStore.prototype, 'detail').mockImplementation(async function (this: PrismaStaffThreadStore, threadId: string) {
      const thread = await read.call(this, threadId);
      reads += 1;
      if (reads === 1) await closeDone.promise;
      return thread;
    });
    const replying = post(a, `/console/threads/${id}/reply`, { text: typed });
    const [closed, replied] = await (async () => {
      await vi.waitFor(() => expect(reads).toBe(1));
      const c = await post(coordinator, `/console/threads/${id}/close`);
      closeDone.resolve();
      return [c, await replying] as const;
    })().finally(() => spy.mockRestore());
    await outboxSettled();
    expectDone(closed, id, 'closed');
    expect(replied.statusCode).toBe(409);
    expect(await db().conversationMessage.count({ where: { conversationId: id, direction: 'out' } })).toBe(0);
    expect(pushesTo(user).map(textOf).filter((x) => x.includes(typed))).toHaveLength(0);
    expect(replied.body).toContain(typed);
  });

  test('a reply to a thread that was closed gets a 409 page with the typed text; nothing is sent or stored', async () => {
    const a = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const coordinator = await loginAs(t.app, 'coordinator');
    const { user, id } = await askForStaff();
    expectDone(await post(a, `/console/threads/${id}/claim`), id, 'claimed');
    expect((await get(a, `/console/threads/${id}`)).body).toContain('返信を送る'); // A's page still has the reply box
    expectDone(await post(coordinator, `/console/threads/${id}/close`), id, 'closed');
    await outboxSettled();
    const sentBefore = t.messenger.sent.length;
    const outboundBefore = await db().outboundMessage.count();

    const typed = '明日の午前にお電話します。よろしくお願いします。';
    const res = await post(a, `/console/threads/${id}/reply`, { text: typed });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('終了しているため、返信は送っていません');
    expect(res.body).toContain(typed);
    expect(t.messenger.sent.length).toBe(sentBefore);
    expect(await db().outboundMessage.count()).toBe(outboundBefore);
    expect(await db().conversationMessage.count({ where: { conversationId: id, direction: 'out' } })).toBe(0);
    expect(await audits('conversation.reply')).toHaveLength(0);
  });
});

describe('safety alerts', () => {
  test('closing is refused while an alert is unacknowledged; after acknowledging it closes', async () => {
    const staff = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const user = newUserId();
    await follows(user);
    await says(user, 'c=yes', 'もう死にたい');
    const id = await threadOf(user);
    const alert = await db().safetyAlert.findFirstOrThrow({ where: { conversationId: id } });
    expect(await conversation(id)).toMatchObject({ owner: 'waiting', urgent: true });

    const page = await get(staff, `/console/threads/${id}`);
    expect(page.body).toContain(`/console/alerts/${alert.id}/ack`);
    const refused = await post(staff, `/console/threads/${id}/close`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('確認していない緊急の警告があります');
    expect(await conversation(id)).toMatchObject({ owner: 'waiting', closedAt: null });
    expect(await audits('conversation.close')).toHaveLength(0);

    const ack = await post(staff, `/console/alerts/${alert.id}/ack`, { threadId: id });
    expect(ack.statusCode).toBe(303);
    expect(ack.headers.location).toBe(`/console/threads/${id}?done=acknowledged`);
    expect(await db().safetyAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ acknowledgedBy: staff.member.id, acknowledgedAt: t.clock.now() });
    expect(await audits('alert.acknowledge')).toMatchObject([{ staffId: staff.member.id, subjectId: id, detail: JSON.stringify({ alertId: alert.id }) }]);

    expectDone(await post(staff, `/console/threads/${id}/close`), id, 'closed');
    expect(await conversation(id)).toMatchObject({ owner: 'closed', closedAt: t.clock.now() });
    expect(await audits('conversation.close')).toHaveLength(1);
  });

  test('an alert cannot be acknowledged through another thread', async () => {
    const staff = await loginAs(t.app, 'coordinator');
    const user = newUserId();
    await follows(user);
    await says(user, 'もう死にたい');
    const alert = await db().safetyAlert.findFirstOrThrow();
    const other = await askForStaff();
    expect((await post(staff, `/console/alerts/${alert.id}/ack`, { threadId: other.id })).statusCode).toBe(404);
    expect(await db().safetyAlert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ acknowledgedAt: null });
  });
});

describe('a reply when LINE is down', () => {
  test('the page answers at once; a 500 leaves the push waiting and it is sent again by itself with the same retry key', async () => {
    const staff = await loginAs(t.app, 'counsellor', { displayName: '佐藤 はるか', teams: ['anshin'] });
    const { user, id } = await askForStaff();

    // LINE answers 500, and only after the page has answered: hold the call until then.
    const gate = deferred<void>();
    const push = t.messenger.push.bind(t.messenger);
    t.messenger.push = async (...args) => {
      await gate.promise;
      return push(...args);
    };
    t.messenger.failNext = new LineApiError('push', 'server', 500, 'down');
    const res = await post(staff, `/console/threads/${id}/reply`, { text: 'ご連絡ありがとうございます。佐藤です。' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/threads/${id}?done=replied#reply`);
    const out = await db().conversationMessage.findFirstOrThrow({ where: { conversationId: id, direction: 'out' } });
    expect(out).toMatchObject({ text: 'ご連絡ありがとうございます。佐藤です。', staffId: staff.member.id, outboundId: expect.any(String) });
    const outboundId = out.outboundId!;
    expect(await db().outboundMessage.findUniqueOrThrow({ where: { id: outboundId } })).toMatchObject({ status: 'attempting' });

    gate.resolve();
    await vi.waitFor(async () => expect((await db().outboundMessage.findUniqueOrThrow({ where: { id: outboundId } })).status).toBe('retry'));
    // @ts-expect-error -- removes the instance override, back to the class's push
    delete t.messenger.push;
    const waiting = await db().outboundMessage.findUniqueOrThrow({ where: { id: outboundId } });
    expect(pushesTo(user)).toHaveLength(0);
    const page = await get(staff, `/console/threads/${id}`);
    expect(page.body).toContain('自動で再送します');
    expect(page.body).not.toContain('もう一度送る');

    // Not yet due: nothing is tried. Once due, the outbox run sends it with the stored key.
    expect(await t.app.runOutbox()).toBe(0);
    t.clock.set(waiting.nextAttemptAt!);
    expect(await t.app.runOutbox()).toBe(1);
    const pushes = pushesTo(user);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.retryKey).toBe(waiting.retryKey);
    expect(textOf(pushes[0]!)).toContain('佐藤 はるか');
    expect(await db().outboundMessage.findUniqueOrThrow({ where: { id: outboundId } })).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await t.app.runOutbox()).toBe(0);
    expect(pushesTo(user)).toHaveLength(1);
  });

  test('a push LINE refuses is shown as failed; resending uses the same retry key; a second resend is refused', async () => {
    const staff = await loginAs(t.app, 'counsellor', { displayName: '佐藤 はるか', teams: ['anshin'] });
    const { user, id } = await askForStaff();
    t.messenger.failNext = new LineApiError('push', 'badRequest', 400, 'refused');
    await post(staff, `/console/threads/${id}/reply`, { text: 'ご連絡ありがとうございます。佐藤です。' });
    const outboundId = (await db().conversationMessage.findFirstOrThrow({ where: { conversationId: id, direction: 'out' } })).outboundId!;
    await vi.waitFor(async () => expect((await db().outboundMessage.findUniqueOrThrow({ where: { id: outboundId } })).status).toBe('failed'));
    const failed = await db().outboundMessage.findUniqueOrThrow({ where: { id: outboundId } });
    expect(pushesTo(user)).toHaveLength(0);

    const resendUrl = `/console/threads/${id}/replies/${outboundId}/resend`;
    const page = await get(staff, `/console/threads/${id}`);
    expect(page.body).toContain('送信失敗');
    expect(page.body).toContain('もう一度送る');
    expect(page.body).toContain(`action="${resendUrl}"`);

    const resent = await post(staff, resendUrl);
    expect(resent.statusCode).toBe(303);
    expect(resent.headers.location).toBe(`/console/threads/${id}?done=resent#history`);
    await vi.waitFor(async () => expect((await db().outboundMessage.findUniqueOrThrow({ where: { id: outboundId } })).status).toBe('sent'));
    const pushes = pushesTo(user);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.retryKey).toBe(failed.retryKey);
    expect(textOf(pushes[0]!)).toContain('ご連絡ありがとうございます。佐藤です。');
    expect((await get(staff, `/console/threads/${id}`)).body).not.toContain('もう一度送る');

    const again = await post(staff, resendUrl);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('再送できません');
    await outboxSettled();
    expect(pushesTo(user)).toHaveLength(1);
    expect(await db().outboundMessage.findUniqueOrThrow({ where: { id: outboundId } })).toMatchObject({ status: 'sent' });
  });
});

describe('the survey when closing', () => {
  test('a resident who started a consultation while waiting keeps it: the survey is skipped and nothing is pushed', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { user, id } = await askForStaff();
    // While the thread waits (nobody has claimed it), a tap still reaches the bot and starts the consultation.
    await says(user, 'menu=consult');
    const state = await db().flowState.findFirstOrThrow({ where: { resident: { lineUserId: user } } });
    expect(state.flowId).toBe('consultation');
    const pushesBefore = pushesTo(user).length;

    expectDone(await post(coordinator, `/console/threads/${id}/close`), id, 'closed');
    await outboxSettled();
    expect(await conversation(id)).toMatchObject({ owner: 'closed', survey: 'skipped' });
    expect(pushesTo(user)).toHaveLength(pushesBefore);
    expect(await db().flowState.findFirstOrThrow({ where: { resident: { lineUserId: user } } })).toMatchObject({ flowId: 'consultation', step: state.step });
    expect(await audits('conversation.close')).toMatchObject([{ subjectId: id, detail: JSON.stringify({ survey: 'skipped' }) }]);
  });

  test('while staff own the thread a menu tap only gets a note and starts nothing, so closing asks the survey', async () => {
    const staff = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const { user, id } = await askForStaff();
    expectDone(await post(staff, `/console/threads/${id}/claim`), id, 'claimed');
    await says(user, 'menu=consult');
    expect(t.messenger.textsTo(user).at(-1)).toContain(tr('handoff:withStaff'));
    expect(await db().flowState.count({ where: { resident: { lineUserId: user } } })).toBe(0);

    expectDone(await post(staff, `/console/threads/${id}/close`), id, 'closed');
    await outboxSettled();
    expect(await conversation(id)).toMatchObject({ owner: 'closed', survey: 'asked' });
    expect(pushesTo(user)).toHaveLength(1);
    expect(textOf(pushesTo(user)[0]!)).toContain(tr('survey:score.prompt'));
    expect(await db().flowState.findFirstOrThrow({ where: { resident: { lineUserId: user } } })).toMatchObject({ flowId: 'survey' });
    expect(await audits('conversation.close')).toMatchObject([{ subjectId: id, detail: null }]);
  });
});

describe('polling and the idle deadline', () => {
  test('a background poll does not keep the session alive: 20 min poll, 15 min later the inbox goes to the login page', async () => {
    const staff = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    t.clock.advance(20 * MINUTE);
    const poll = await get(staff, '/console/inbox/rows?view=waiting', { accept: 'application/json', 'x-console-poll': '1' });
    expect(poll.statusCode).toBe(200);
    expect(poll.json()).toEqual({ rows: [] });
    t.clock.advance(15 * MINUTE);
    const res = await get(staff, '/console/inbox');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/login?next=${encodeURIComponent('/console/inbox')}`);
    expect(await db().staffSession.count()).toBe(0);
  });

  test('a normal request at 20 min does extend it', async () => {
    const staff = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    t.clock.advance(20 * MINUTE);
    expect((await get(staff, '/console/inbox/rows?view=waiting', { accept: 'application/json' })).statusCode).toBe(200);
    t.clock.advance(15 * MINUTE);
    expect((await get(staff, '/console/inbox')).statusCode).toBe(200);
  });
});

describe('measures', () => {
  test('a counsellor sees survey scores but not comments; a coordinator sees comments, and that is audited', async () => {
    const counsellor = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const coordinator = await loginAs(t.app, 'coordinator');
    const { user, id } = await askForStaff();
    expectDone(await post(counsellor, `/console/threads/${id}/reply`, { text: 'ご用件を伺います。' }), id, 'replied');
    t.clock.advance(20 * MINUTE);
    expectDone(await post(counsellor, `/console/threads/${id}/close`), id, 'closed');
    await outboxSettled();
    await says(user, 'score=4', '説明が分かりやすかったです');
    expect(await db().surveyResponse.findMany()).toMatchObject([{ conversationId: id, score: 4, comment: '説明が分かりやすかったです' }]);

    const seenByCounsellor = await get(counsellor, '/console/measures');
    expect(seenByCounsellor.statusCode).toBe(200);
    expect(seenByCounsellor.body).toContain('満足度アンケート');
    expect(seenByCounsellor.body).toContain('4.0 / 5');
    expect(seenByCounsellor.body).not.toContain('説明が分かりやすかったです');
    expect(await audits('survey.comments.view')).toHaveLength(0);

    const seenByCoordinator = await get(coordinator, '/console/measures');
    expect(seenByCoordinator.statusCode).toBe(200);
    expect(seenByCoordinator.body).toContain('4.0 / 5');
    expect(seenByCoordinator.body).toContain('説明が分かりやすかったです');
    expect(await audits('survey.comments.view')).toMatchObject([{ staffId: coordinator.member.id, subjectType: 'survey', detail: JSON.stringify({ comments: 1 }) }]);
  });
});

describe('a message the resident unsends', () => {
  /** LINE's unsend event for the message `messageId` of `user`. */
  function unsend(user: string, messageId: string) {
    const event = eventFrom(t.messenger, 'unsend', user, { timestamp: (ts += 1000) });
    (event.unsend as { messageId: string }).messageId = messageId;
    return event;
  }

  test('its text and photo leave the thread and the database; staff see that a message was withdrawn, and the bot says nothing', async () => {
    const { user, id } = await askForStaff();
    const staff = await loginAs(t.app, 'counsellor');
    const secret = textFrom(t.messenger, user, '電話番号は090-1234-5678です', { timestamp: (ts += 1000) });
    const photo = eventFrom(t.messenger, 'message-image', user, { timestamp: (ts += 1000) });
    await t.post([secret]);
    await t.post([photo]);
    await says(user, '今日は家にいます');
    const photoId = (photo.message as { id: string }).id;
    const copy = await db().attachment.findUniqueOrThrow({ where: { lineMessageId: photoId } });
    expect(copy.status).toBe('stored');
    expect((await get(staff, `/console/threads/${id}`)).body).toContain('090-1234-5678');
    const sentBefore = t.messenger.sent.length;

    await t.post([unsend(user, (secret.message as { id: string }).id), unsend(user, photoId)]);

    const page = (await get(staff, `/console/threads/${id}`)).body;
    expect(page).not.toContain('090-1234-5678');
    expect(page).not.toContain(`/console/attachments/${copy.id}`);
    expect(page.split('(取り消されたメッセージ)')).toHaveLength(3);
    expect(page).toContain('今日は家にいます');
    expect((await get(staff, `/console/attachments/${copy.id}`)).statusCode).toBe(404);
    // Written at one instant of the fake clock: compared as a set.
    const messages = await db().conversationMessage.findMany({ where: { conversationId: id, direction: 'in' }, orderBy: [{ kind: 'desc' }] });
    expect(messages.map((m) => [m.kind, m.text, m.data, m.attachmentId])).toEqual([
      ['withdrawn', null, null, null],
      ['withdrawn', null, null, null],
      ['text', '今日は家にいます', null, null],
    ]);
    expect(await db().attachment.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ status: 'withdrawn', bytes: null });
    expect(await dumpAllTables(db())).not.toContain('090-1234-5678');
    expect(t.messenger.sent.length).toBe(sentBefore);
  });

  test('an unsend of a message that was never kept changes nothing and is answered by nothing', async () => {
    const user = newUserId();
    await follows(user);
    await says(user, 'c=yes');
    const before = t.messenger.sent.length;
    await t.post([unsend(user, '123456789012345678')]);
    expect(t.messenger.sent.length).toBe(before);
    expect(await db().webhookEvent.findMany({ where: { lineType: 'unsend' }, select: { status: true } })).toEqual([{ status: expect.stringMatching(/^(done|skipped)$/) }]);
  });
});
