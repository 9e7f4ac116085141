// Under test: donation offers end to end — signed webhooks through the real flows, runner and Prisma on a temp
// SQLite file (dates picked in LINE's date picker, a photo message included): the DonationOffer and DonationItem
// rows, the appliance photo copied as an Attachment, and the reference number sent. Faked: the clock (FakeClock,
// Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eventFrom, newUserId, inputFrom, type SaidInput } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let ts: number;
let user: string;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  ts = t.clock.now().getTime();
  user = newUserId();
});
afterEach(async () => {
  await t.close();
});

/** Sends each input in order: postbacks contain "=", a `{ date }` is a date picked for the postback data. */
async function say(...inputs: SaidInput[]): Promise<void> {
  for (const input of inputs) await t.post([inputFrom(t.messenger, user, input, (ts += 1000))]);
}
const lastText = () => t.messenger.textsTo(user).join('\n');
const resident = () => db().resident.findUniqueOrThrow({ where: { lineUserId: user } });

describe('donation offers through LINE', () => {
  test('food: one item refused (best-before too soon) and two taken; the offer and every item are stored, the reference number sent', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=donate', 'c=yes', 'dk=food', 'fc=canned', 'fu=yes', { data: 'fb=date', date: '2026-12-10' });
    expect(t.messenger.textsTo(user).at(-2)).toContain('期限が近いため、お預かりできません');
    await say('fm=more', 'fc=rice', 'fu=yes', { data: 'fb=date', date: '2027-06-01' });
    expect(t.messenger.textsTo(user).at(-2)).toContain('「米・穀類」はお預かりできます');
    await say('fm=more', 'fc=snacks', 'fu=yes', { data: 'fb=date', date: '2026-12-24' }, 'fm=done', '佐藤 一郎', '045-000-9999', 'ds=pickup-thu', 'みなと区海岸通4-1 201号');
    expect(await db().donationOffer.count()).toBe(0);
    await say('dy=send');

    const r = await resident();
    const offer = await db().donationOffer.findFirstOrThrow({ include: { items: { orderBy: { position: 'asc' } } } });
    expect(offer).toMatchObject({
      residentId: r.id, kind: 'food', purposeCode: null, amountYen: null, description: null, photoAttachmentId: null, name: '佐藤 一郎', phone: '0450009999',
      slot: 'pickup-thu', address: 'みなと区海岸通4-1 201号', status: 'received', receiptNo: null, staffMessage: null, createdAt: t.clock.now(), updatedAt: t.clock.now(),
    });
    expect(offer.referenceNo).toMatch(/^D-261124-[2-9A-Z]{4}$/);
    expect(offer.items.map(({ position, category, unopened, bestBefore, accepted, refusedReason }) => ({ position, category, unopened, bestBefore, accepted, refusedReason }))).toEqual([
      { position: 0, category: 'canned', unopened: true, bestBefore: '2026-12-10', accepted: false, refusedReason: 'best_before_too_soon' },
      { position: 1, category: 'rice', unopened: true, bestBefore: '2027-06-01', accepted: true, refusedReason: null },
      // Exactly 30 days before its best-before: still taken.
      { position: 2, category: 'snacks', unopened: true, bestBefore: '2026-12-24', accepted: true, refusedReason: null },
    ]);
    expect(lastText()).toContain(offer.referenceNo);
    expect(r.consent).toBe('granted');
    expect(await db().flowState.count()).toBe(0);
  });

  test('an appliance: the required photo is copied as an Attachment and named on the offer', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=donate', 'c=yes', 'dk=appliance', '洗濯機', 'az=large', 'ag=1to3', 'ac=good', 'あとで送ります');
    expect(t.messenger.textsTo(user).at(-1)).toContain('写真が必要です');
    expect(await db().attachment.count()).toBe(0);
    ts += 1000;
    const photo = eventFrom(t.messenger, 'message-image', user, { timestamp: ts });
    await t.post([photo]);
    await say('佐藤 一郎', 'dl=line', 'ds=pickup-tue', 'みなと区海岸通4-1', 'dy=send');

    const r = await resident();
    const offer = await db().donationOffer.findFirstOrThrow();
    expect(offer).toMatchObject({ residentId: r.id, kind: 'appliance', description: '洗濯機', itemSize: 'large', itemAge: '1to3', itemCondition: 'good', phone: null, slot: 'pickup-tue', status: 'received' });
    const photoId = (photo.message as { id: string }).id;
    const attachment = await db().attachment.findUniqueOrThrow({ where: { lineMessageId: photoId } });
    expect(attachment).toMatchObject({ residentId: r.id, status: 'stored', contentType: 'image/jpeg' });
    expect(Buffer.from(attachment.bytes!).toString()).toBe(`content of ${photoId}`);
    expect(offer.photoAttachmentId).toBe(attachment.id);
    expect(await db().donationItem.count()).toBe(0);
    expect(lastText()).toContain(offer.referenceNo);
  });

  test('money designated to a purpose of the allocation plan; the donor is told staff never collect cash at home', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=donate', 'c=yes', 'dk=money', 'dpu=food_places', '3万円', '佐藤 一郎', 'dl=line', 'ds=office-pm', 'dy=send');
    expect(await db().donationOffer.findFirstOrThrow()).toMatchObject({ kind: 'money', purposeCode: 'food_places', amountYen: 30_000, slot: 'office-pm', address: null, photoAttachmentId: null });
    expect(lastText()).toContain('ご自宅にお金を受け取りに行くことはありません');
  });

  test('nothing is stored without consent, or when no food item can be taken', async () => {
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=donate', 'c=no');
    expect((await resident()).consent).not.toBe('granted');
    await say('menu=donate', 'c=yes', 'dk=food', 'fc=homemade', 'fm=done');
    expect(lastText()).toContain('今回の食品はお預かりできませんでした');
    expect(await db().donationOffer.count()).toBe(0);
    expect(await db().donationItem.count()).toBe(0);
  });

  test('the wanted items staff keep are shown when a resident opens the section; retired ones are not', async () => {
    const now = t.clock.now();
    await db().wantedItem.createMany({ data: [
      { name: 'お米', note: '5kgまで', active: true, createdAt: now, updatedAt: now },
      { name: '古いテレビ', note: null, active: false, createdAt: now, updatedAt: now },
    ] });
    await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: ts })]);
    await say('menu=donate');
    expect(lastText()).toContain('いま特に必要としているもの');
    expect(lastText()).toContain('お米(5kgまで)');
    expect(lastText()).not.toContain('古いテレビ');
  });
});
