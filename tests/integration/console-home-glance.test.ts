// Under test: the console home's 「今日の状況」 panel on the real app and a temp SQLite file — each count (waiting and
// urgent threads, unacknowledged alerts, today's events and salon sessions, offers and requests at 受付, this
// month's pushes against the budget) from rows written straight through Prisma, each linking to its page, and only
// the figures whose pages the member may open. Faked: the clock (FakeClock, Wed 10 Dec 2025 09:00 JST) and LINE.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { loginAs } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  // A Wednesday: shiomidai-cafe (weekly on Wednesdays in the demo profile) meets today; kaigan-ikiiki (2nd and 4th
  // Tuesdays) and kaigan-kodomo (last Friday) do not.
  t.clock.set('2025-12-10T09:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

/** The figure `key`'s text and link on the page. */
function figure(html: string, key: string): { text: string; href: string } | null {
  const m = new RegExp(`<li id="glance-${key}"><a href="([^"]+)">([\\s\\S]*?)</a></li>`).exec(html);
  return m ? { href: m[1]!, text: m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() } : null;
}

test('the counts of the day, each linking to its page; a counsellor sees only what they may open', async () => {
  const now = t.clock.now();
  const r = await db().resident.create({ data: { lineUserId: `U${'1'.padStart(32, '0')}`, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
  const thread = (owner: string, urgent: boolean) => db().conversation.create({ data: { residentId: r.id, owner, urgent, openedAt: now, lastMessageAt: now } });
  await thread('waiting', true);
  await thread('waiting', false);
  await thread('staff', true);
  await thread('closed', true);
  const c = await thread('bot', false);
  await db().safetyAlert.create({ data: { residentId: r.id, conversationId: c.id, category: 'suicide', createdAt: now } });
  await db().safetyAlert.create({ data: { residentId: r.id, conversationId: c.id, category: 'suicide', createdAt: now, acknowledgedAt: now, acknowledgedBy: 's' } });
  const event = (startsAt: string, status = 'open') =>
    db().councilEvent.create({ data: { title: '{"ja":"x"}', description: '{"ja":"x"}', place: '{"ja":"x"}', startsAt: new Date(startsAt), endsAt: new Date(startsAt), capacity: 10, deadline: now, status, createdAt: now, updatedAt: now } });
  await event('2025-12-10T00:00:00+09:00');
  await event('2025-12-10T23:59:00+09:00');
  await event('2025-12-10T13:00:00+09:00', 'cancelled');
  await event('2025-12-11T00:00:00+09:00');
  // An extra session for kaigan-ikiiki today: two salon sessions in all.
  await db().salonChange.create({ data: { salonCode: 'kaigan-ikiiki', date: '2025-12-10', kind: 'extra', createdAt: now } });
  for (const status of ['received', 'received', 'accepted']) await db().donationOffer.create({ data: { referenceNo: `D-${status}-${Math.random()}`, residentId: r.id, kind: 'goods', name: 'x', slot: 's', status, createdAt: now, updatedAt: now } });
  for (const status of ['received', 'done']) await db().volunteerRequest.create({ data: { referenceNo: `V-${status}`, residentId: r.id, requesterType: 'person', kind: 'listening', date: '2025-12-20', part: 'am', people: 1, status, createdAt: now, updatedAt: now } });
  await db().broadcast.create({ data: { kind: 'composed', title: 'x', content: '[]', targeting: '{}', scheduledAt: new Date('2025-12-20T01:00:00Z'), status: 'scheduled', targeted: 40, createdAt: now } });
  await db().broadcast.create({ data: { kind: 'composed', title: 'x', content: '[]', targeting: '{}', scheduledAt: new Date('2025-12-02T01:00:00Z'), startedAt: new Date('2025-12-02T01:00:00Z'), status: 'done', sent: 25, createdAt: now } });

  const admin = await loginAs({ server: t.app.server, db: db() }, 'admin');
  const page = await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: admin.cookie } });
  expect(page.statusCode).toBe(200);
  expect(figure(page.body, 'urgent')).toEqual({ href: '/console/inbox', text: '急ぎの会話 2件' });
  expect(figure(page.body, 'waiting')).toEqual({ href: '/console/inbox', text: '対応待ちの会話 2件' });
  expect(figure(page.body, 'alerts')).toEqual({ href: '/console/inbox', text: '未確認の安全アラート 1件' });
  expect(figure(page.body, 'events')).toEqual({ href: '/console/events', text: '今日の行事 2件' });
  expect(figure(page.body, 'salons')).toEqual({ href: '/console/salons', text: '今日のサロン 2件' });
  expect(figure(page.body, 'offers')).toEqual({ href: '/console/donations', text: '受付中の寄付・寄贈の申し出 2件' });
  expect(figure(page.body, 'requests')).toEqual({ href: '/console/volunteer-requests', text: '受付中のボランティア依頼 1件' });
  const budget = figure(page.body, 'pushes');
  expect(budget?.href).toBe('/console/broadcasts');
  expect(budget?.text).toMatch(/^今月のプッシュ通数\(予定を含む\)\/上限 65 \/ \d+通$/);
  // The delivery panel stays.
  expect(page.body).toContain('id="delivery"');

  const counsellor = await loginAs({ server: t.app.server, db: db() }, 'counsellor');
  const theirs = await t.app.server.inject({ method: 'GET', url: '/console', headers: { cookie: counsellor.cookie } });
  expect(figure(theirs.body, 'urgent')).not.toBeNull();
  expect(figure(theirs.body, 'offers')).toBeNull();
  expect(figure(theirs.body, 'pushes')).toBeNull();
});
