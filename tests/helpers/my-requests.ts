import type { Db } from '../../src/infra/prisma/database';

const DAY = 86_400_000;

/**
 * A resident's open items besides a consultation, written straight into the database: a request for volunteers'
 * help (V-…, received), a donation offer (D-…, received) and a place at an upcoming council event (registered).
 * Returns their references and the event's title.
 */
export async function seedOpenItems(db: Db, residentId: string, now: Date, o: { offer?: boolean } = {}): Promise<{ request: string; offer: string | null; event: string }> {
  const request = await db.volunteerRequest.create({
    data: { referenceNo: 'V-261124-HELP', residentId, requesterType: 'person', kind: 'escort', districtCode: 'kaigan', date: '2026-12-02', part: 'am', people: 1, status: 'received', createdAt: now, updatedAt: now },
  });
  const offer = o.offer === false ? null : await db.donationOffer.create({ data: { referenceNo: 'D-261124-GIFT', residentId, kind: 'goods', description: 'タオル 10枚', name: '山田 花子', slot: 'office', status: 'received', createdAt: now, updatedAt: now } });
  const startsAt = new Date(now.getTime() + 5 * DAY);
  const event = await db.councilEvent.create({
    data: { title: JSON.stringify({ ja: '介護予防の体操教室', en: 'Exercise class' }), description: JSON.stringify({ ja: '説明' }), place: '福祉センター', startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), capacity: 10, deadline: new Date(now.getTime() + 3 * DAY), createdAt: now, updatedAt: now },
  });
  await db.eventRegistration.create({ data: { eventId: event.id, residentId, status: 'registered', at: now, name: '山田 花子', phone: null, updatedAt: now } });
  return { request: request.referenceNo, offer: offer?.referenceNo ?? null, event: '介護予防の体操教室' };
}
