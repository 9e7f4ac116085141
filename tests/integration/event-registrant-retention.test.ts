// Under test: the daily housekeeping (App.runHousekeeping) erasing past events' registrant names and phones after
// the profile's privacy.eventRegistrantDays (90 in the demo profile), on a temp SQLite file; the clock is faked.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { newUserId } from '../helpers/line-events';
import { loginAs, postForm } from '../helpers/console';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T09:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

const DAY = 86_400_000;

async function eventEnded(daysAgo: number, title: string) {
  const now = t.clock.now();
  const endsAt = new Date(now.getTime() - daysAgo * DAY);
  return t.testDb.db.councilEvent.create({
    data: { title: JSON.stringify({ ja: title }), description: JSON.stringify({ ja: '説明' }), place: '福祉センター', startsAt: new Date(endsAt.getTime() - 2 * 3600_000), endsAt, capacity: 10, deadline: new Date(endsAt.getTime() - DAY), createdAt: now, updatedAt: now },
  });
}

async function registrant(eventId: string, status: string, name: string, phone: string | null) {
  const now = t.clock.now();
  const resident = await t.app.deps.conversations.createResident(newUserId(), 'ja', now);
  return t.testDb.db.eventRegistration.create({ data: { eventId, residentId: resident.id, status, at: now, name, phone, updatedAt: now } });
}

test('registrants of events that ended more than 90 days ago lose their names and phones; the rows, statuses and recent events stay', async () => {
  const old = await eventEnded(91, '福祉まつり');
  const recent = await eventEnded(89, '手話入門講座');
  const oldRows = [await registrant(old.id, 'registered', '山田 花子', '09012345678'), await registrant(old.id, 'waitlisted', '佐藤 一郎', null), await registrant(old.id, 'cancelled', '鈴木 次郎', '0451234567')];
  const recentRow = await registrant(recent.id, 'registered', '高橋 三郎', '08011112222');

  await t.app.runHousekeeping();

  const after = await t.testDb.db.eventRegistration.findMany({ where: { eventId: old.id } });
  expect(after).toHaveLength(3);
  for (const r of after) expect(r).toMatchObject({ name: '', phone: null, updatedAt: t.clock.now() });
  expect(after.map((r) => r.status).sort()).toEqual(oldRows.map((r) => r.status).sort());
  expect(await t.testDb.db.eventRegistration.findUniqueOrThrow({ where: { id: recentRow.id } })).toMatchObject({ name: '高橋 三郎', phone: '08011112222' });

  // Two days later the other event has passed 90 days too; a second run changes nothing already erased.
  t.clock.advance(2 * DAY);
  await t.app.runHousekeeping();
  expect(await t.testDb.db.eventRegistration.findUniqueOrThrow({ where: { id: recentRow.id } })).toMatchObject({ name: '', phone: null });
  expect(await t.testDb.db.eventRegistration.count({ where: { OR: [{ name: { not: '' } }, { phone: { not: null } }] } })).toBe(0);
});

test('staff see an erased registrant as erased, on the event page and in the CSV; the counts stay', async () => {
  const old = await eventEnded(100, '福祉まつり');
  await registrant(old.id, 'registered', '山田 花子', '09012345678');
  await registrant(old.id, 'registered', '佐藤 一郎', null);
  await t.app.runHousekeeping();

  const admin = await loginAs(t.app, 'coordinator');
  const page = await t.app.server.inject({ method: 'GET', url: `/console/events/${old.id}`, headers: { cookie: admin.cookie } });
  expect(page.statusCode).toBe(200);
  expect(page.body.match(/(保存期間を過ぎたため消去)/g)).toHaveLength(2);
  expect(page.body).not.toContain('山田');
  const csv = await t.app.server.inject({ method: 'GET', url: `/console/events/${old.id}/registrants.csv`, headers: { cookie: admin.cookie } });
  expect(csv.statusCode).toBe(200);
  expect(csv.body.split('\r\n').filter((l) => l.includes('(保存期間を過ぎたため消去)'))).toHaveLength(2);
  expect(csv.body).not.toContain('09012345678');
  // An event that has ended offers no cancellation, and one posted anyway is refused.
  expect(page.body).not.toContain('申し込みを取り消す');
  const reg = await t.testDb.db.eventRegistration.findFirstOrThrow({ where: { eventId: old.id } });
  const cancel = await postForm(t.app.server, admin, `/console/events/${old.id}/registrations/${reg.id}/cancel`);
  expect(cancel.statusCode).toBe(409);
  expect(cancel.body).toContain('終わった行事の申し込みは取り消せません。');
  expect((await t.testDb.db.eventRegistration.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe('registered');
});

