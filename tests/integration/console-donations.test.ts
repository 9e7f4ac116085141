// Under test: the console's donation pages through app.inject on the real app and a temp SQLite file — the list
// of offers (filtered by status and kind, a page at a time, every offer counted), an offer's page with every
// detail and its photo (both audited), the moves 受け入れる / お断りする / 受け取った (status, one personal
// Broadcast to the donor in every language with the staff message, receipt numbers R-YYYY-NNNN sequential per
// fiscal year and restarting in April), refused moves, the allocation plan's totals and allocations (a form sent
// twice records once), the wanted-items list, the annual-report CSVs (bytes: BOM, CRLF, header, values),
// counsellors refused everywhere, and that with the audit log failing no move, allocation or wanted-item change is
// written (nor any notice to the donor). Residents, offers, volunteers and requests are written straight to the database
// (the LINE side is tested elsewhere). The demo profile has plans for fiscal years 2025 and 2026; these tests open
// the 2025 one (the plan of the current year, and allocations beyond what came in, are tested in
// allocation-plan-year.test.ts).
// Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST, fiscal year 2026) and LINE (RecordingMessenger).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PrismaWantedItems } from '../../src/infra/prisma/prisma-donation-admin';
import { breakAuditLog, repairAuditLog } from '../helpers/audit-outage';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const post = (login: ConsoleLogin, url: string, fields: Parameters<typeof postForm>[3] = []) => postForm(t.app.server, login, url, fields);

let residents = 0;

/** A resident who agreed to the privacy notice. */
async function resident(language = 'ja') {
  residents += 1;
  const now = t.clock.now();
  return db().resident.create({ data: { lineUserId: `U${String(residents).padStart(32, '0')}`, language, consent: 'granted', consentVersion: '1', consentAt: now, followedAt: now, createdAt: now, updatedAt: now } });
}

let offers = 0;

type OfferSeed = Partial<{
  residentId: string;
  language: string;
  kind: string;
  purposeCode: string | null;
  amountYen: number | null;
  description: string | null;
  itemSize: string | null;
  itemAge: string | null;
  itemCondition: string | null;
  photoAttachmentId: string | null;
  name: string;
  phone: string | null;
  slot: string;
  address: string | null;
  status: string;
  receiptNo: string | null;
  receivedAt: Date | null;
  createdAt: Date;
}>;

/** An offer as the LINE flow stores it (money, ¥10,000 for disability inclusion, brought in the morning, unless told). */
async function offer(over: OfferSeed = {}, items: Array<{ category: string; unopened: boolean | null; bestBefore: string | null; accepted: boolean; refusedReason: string | null }> = []) {
  offers += 1;
  const { language, ...rest } = over;
  const residentId = over.residentId ?? (await resident(language)).id;
  const at = over.createdAt ?? t.clock.now();
  return db().donationOffer.create({
    data: {
      referenceNo: `D-261124-A${String(offers).padStart(3, '0')}`,
      kind: 'money',
      purposeCode: 'disability',
      amountYen: 10_000,
      description: null,
      name: '寄付 太郎',
      phone: null,
      slot: 'office-am',
      address: null,
      status: 'received',
      createdAt: at,
      updatedAt: at,
      ...rest,
      residentId,
      items: { create: items.map((i, position) => ({ ...i, position })) },
    },
  });
}

/** The one-time key of the allocation form, as the page gives it (a form sent with it records once). */
async function formKey(login: ConsoleLogin): Promise<string> {
  const page = await get(login, '/console/allocation?year=2025');
  const key = /name="formKey" value="([^"]+)"/.exec(page.body)?.[1];
  expect(key).toBeDefined();
  return key!;
}

/** The rows of the first table after the element with this id (or of the page): each row's cells as text. */
function tableRows(html: string, id?: string): string[][] {
  const section = id ? html.slice(html.indexOf(`id="${id}"`)) : html;
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] as string).matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) =>
      (c[1] as string)
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

/** The facts of a page (`<dt>` → `<dd>` text). */
function facts(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<dt>([^<]*)<\/dt><dd>([\s\S]*?)<\/dd>/g)].map((m) => [m[1], (m[2] as string).replace(/<[^>]+>/g, '').trim()]));
}

/** The notices written for a resident, oldest first. */
const noticesTo = async (residentId: string) =>
  (await db().broadcast.findMany({ where: { kind: 'donation_notice' }, orderBy: { createdAt: 'asc' } })).filter((b) => JSON.parse(b.targeting).residentIds?.includes(residentId));

describe('the list', () => {
  test('shows every offer newest first in words, with food counts, the slot and the status; filters by status and kind', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const money = await offer({ createdAt: new Date('2026-11-20T09:00:00+09:00') });
    const food = await offer(
      { kind: 'food', purposeCode: null, amountYen: null, slot: 'pickup-thu', address: '港区海岸通4-1', status: 'accepted', createdAt: new Date('2026-11-21T09:00:00+09:00') },
      [
        { category: 'canned', unopened: true, bestBefore: '2026-12-10', accepted: false, refusedReason: 'best_before_too_soon' },
        { category: 'rice', unopened: true, bestBefore: '2027-06-01', accepted: true, refusedReason: null },
        { category: 'fresh', unopened: null, bestBefore: null, accepted: false, refusedReason: 'not_shelf_stable' },
      ],
    );
    const goods = await offer({ kind: 'goods', purposeCode: null, amountYen: null, description: 'タオル 10枚', status: 'declined', createdAt: new Date('2026-11-22T09:00:00+09:00') });
    const appliance = await offer({ kind: 'appliance', purposeCode: null, amountYen: null, description: '洗濯機', itemSize: 'large', itemAge: '1to3', itemCondition: 'good', slot: 'pickup-tue', status: 'received_goods', receiptNo: 'R-2026-0001', receivedAt: new Date('2026-11-23T11:00:00+09:00'), createdAt: new Date('2026-11-23T09:00:00+09:00') });

    const res = await get(coordinator, '/console/donations');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>寄付・寄贈</h1>');
    expect(res.body).toContain('href="/console/donations" aria-current="page"');
    expect(tableRows(res.body)).toEqual([
      [appliance.referenceNo, '家電・家具など', '—', '洗濯機', '—', '火曜 13〜16時 引き取り', '受領済み', '2026/11/23 09:00'],
      [goods.referenceNo, '品物(善意銀行)', 'おまかせ(一般)', 'タオル 10枚', '—', '平日 9〜12時 持ちこみ', 'お断り', '2026/11/22 09:00'],
      [food.referenceNo, '食品(フードドライブ)', '—', '米・穀類(賞味期限 2027/06/01)', '受け入れ 1品 / お断り 2品', '木曜 13〜16時 引き取り', '受け入れ決定', '2026/11/21 09:00'],
      [money.referenceNo, 'お金', '障害のある人の社会参加', '10,000円', '—', '平日 9〜12時 持ちこみ', '受付', '2026/11/20 09:00'],
    ]);
    expect(res.body).toContain(`href="/console/donations/${money.id}"`);
    expect(facts(res.body)).toMatchObject({ 受付: '1件', 受け入れ決定: '1件', お断り: '1件', 受領済み: '1件' });
    // The list shows no names, phone numbers or addresses.
    expect(res.body).not.toContain('寄付 太郎');
    expect(res.body).not.toContain('港区海岸通4-1');

    const byStatus = await get(coordinator, '/console/donations?status=accepted');
    expect(tableRows(byStatus.body).map((r) => r[0])).toEqual([food.referenceNo]);
    expect(byStatus.body).toContain('<option value="accepted" selected>受け入れ決定</option>');
    const byKind = await get(coordinator, '/console/donations?kind=money');
    expect(tableRows(byKind.body).map((r) => r[0])).toEqual([money.referenceNo]);
    const none = await get(coordinator, '/console/donations?kind=money&status=declined');
    expect(tableRows(none.body)).toEqual([]);
    expect(none.body).toContain('条件に当てはまるお申し出はありません。');
    // Unknown values are ignored.
    expect(tableRows((await get(coordinator, '/console/donations?kind=cars&status=x')).body)).toHaveLength(4);
  });

  test('counts every offer and pages through them all, newest first and keeping the filter: none is silently left out', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const donor = await resident();
    const start = new Date('2026-01-05T09:00:00+09:00').getTime();
    // 620 offers, more than the 500 the list used to stop at: the 20 oldest are food offers already accepted.
    await db().donationOffer.createMany({
      data: Array.from({ length: 620 }, (_, i) => {
        const at = new Date(start + i * 60_000);
        const food = i < 20;
        return { referenceNo: `D-BULK-${String(i).padStart(4, '0')}`, residentId: donor.id, kind: food ? 'food' : 'money', purposeCode: food ? null : 'disability', amountYen: food ? null : 1_000, name: '寄付 太郎', slot: 'office-am', status: food ? 'accepted' : 'received', createdAt: at, updatedAt: at };
      }),
    });

    const first = await get(coordinator, '/console/donations');
    expect(facts(first.body)).toMatchObject({ 受付: '600件', 受け入れ決定: '20件', お断り: '0件', 受領済み: '0件' });
    expect(first.body).toContain('全620件のうち1〜100件目');
    expect(first.body).toContain('1 / 7ページ(全620件)');
    expect(first.body).toContain('href="/console/donations?page=2" rel="next"');
    expect(first.body).not.toContain('rel="prev"');
    const seen: string[] = [];
    for (let page = 1; page <= 7; page++) seen.push(...tableRows((await get(coordinator, `/console/donations?page=${page}`)).body).map((r) => r[0]!));
    expect(seen).toHaveLength(620);
    expect(new Set(seen).size).toBe(620);
    expect(seen[0]).toBe('D-BULK-0619');
    expect(seen.at(-1)).toBe('D-BULK-0000');
    const last = await get(coordinator, '/console/donations?page=7');
    expect(last.body).toContain('全620件のうち601〜620件目');
    expect(last.body).toContain('href="/console/donations?page=6" rel="prev"');
    expect(last.body).not.toContain('rel="next"');
    // A page past the end shows the last one; a bad page number the first.
    expect(tableRows((await get(coordinator, '/console/donations?page=99')).body)[0]![0]).toBe('D-BULK-0019');
    expect(tableRows((await get(coordinator, '/console/donations?page=x')).body)[0]![0]).toBe('D-BULK-0619');

    // A filter's pages keep the filter; the counts stay those of every offer.
    const money = await get(coordinator, '/console/donations?kind=money&page=6');
    expect(money.body).toContain('全600件のうち501〜600件目');
    expect(money.body).toContain('href="/console/donations?kind=money&amp;page=5" rel="prev"');
    expect(tableRows(money.body).at(-1)![0]).toBe('D-BULK-0020');
    expect(facts(money.body)).toMatchObject({ 受付: '600件', 受け入れ決定: '20件' });
    const accepted = await get(coordinator, '/console/donations?status=accepted');
    expect(tableRows(accepted.body)).toHaveLength(20);
    expect(accepted.body).toContain('お申し出の一覧(20件・新しい順)');
    expect(accepted.body).not.toContain('ページ(全');
  });
});

describe('an offer’s page', () => {
  test('shows every detail with food verdicts and the donor’s contact; each opening is audited without personal data', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const food = await offer(
      { kind: 'food', purposeCode: null, amountYen: null, name: '佐藤 一郎', phone: '0450009999', slot: 'pickup-thu', address: 'みなと区海岸通4-1 201号' },
      [
        { category: 'canned', unopened: true, bestBefore: '2026-12-10', accepted: false, refusedReason: 'best_before_too_soon' },
        { category: 'rice', unopened: true, bestBefore: '2027-06-01', accepted: true, refusedReason: null },
        { category: 'snacks', unopened: false, bestBefore: null, accepted: false, refusedReason: 'opened' },
        { category: 'fresh', unopened: null, bestBefore: null, accepted: false, refusedReason: 'not_shelf_stable' },
      ],
    );
    const res = await get(coordinator, `/console/donations/${food.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>寄付・寄贈 ${food.referenceNo}</h1>`);
    expect(facts(res.body)).toMatchObject({
      状態: '受付',
      受付番号: food.referenceNo,
      種類: '食品(フードドライブ)',
      食品: '受け入れ 1品 / お断り 3品(お預かりする食品:米・穀類(賞味期限 2027/06/01))',
      お渡し: '木曜 13〜16時 引き取り',
      担当者からのメッセージ: 'なし',
      受け付けた日時: '2026/11/24 10:00',
      お名前: '佐藤 一郎',
      電話: '045-000-9999',
      '住所(引き取り先)': 'みなと区海岸通4-1 201号',
    });
    expect(tableRows(res.body, 'items')).toEqual([
      ['缶詰・レトルト', '開けていない', '2026/12/10', 'お断り(賞味期限が近い)'],
      ['米・穀類', '開けていない', '2027/06/01', 'お預かりする'],
      ['お菓子', '開けてある', '—', 'お断り(開けてある)'],
      ['生鮮食品', '—', '—', 'お断り(傷みやすい種類(フードドライブの対象外))'],
    ]);
    expect(res.body).toContain('<strong class="badge badge-danger">お断り(賞味期限が近い)</strong>');
    // From 受付: accept and decline are offered, not receive.
    expect(res.body).toContain('>受け入れる</button>');
    expect(res.body).toContain('>お断りする</button>');
    expect(res.body).not.toContain('受け取った(受領番号をつける)');

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'donation.view' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'donationOffer', subjectId: food.id, residentId: food.residentId });
    expect(JSON.parse(audit.detail!)).toEqual({ status: 'received' });

    const money = await offer({ purposeCode: null, amountYen: 30_000 });
    const other = await get(coordinator, `/console/donations/${money.id}`);
    expect(facts(other.body)).toMatchObject({ 種類: 'お金', 使いみち: 'おまかせ(一般)', 金額: '30,000円', 電話: 'LINEで連絡', '住所(引き取り先)': 'なし(持ちこみ)' });
    expect(other.body).not.toContain('id="items"');
    expect(await db().auditLog.count({ where: { action: 'donation.view' } })).toBe(2);
    const log = JSON.stringify(await db().auditLog.findMany());
    expect(log).not.toContain('佐藤');
    expect(log).not.toContain('0450009999');
    expect(log).not.toContain('海岸通');
  });

  test('an appliance’s photo is shown and served with its content type; each fetch is audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const r = await resident();
    const photo = await db().attachment.create({ data: { residentId: r.id, lineMessageId: 'photo-1', contentType: 'image/jpeg', bytes: Buffer.from('jpeg bytes'), status: 'stored', createdAt: t.clock.now() } });
    const withPhoto = await offer({ residentId: r.id, kind: 'appliance', purposeCode: null, amountYen: null, description: '冷蔵庫', itemSize: 'medium', itemAge: '5to10', itemCondition: 'used', photoAttachmentId: photo.id, slot: 'pickup-tue', address: '港区1-1' });
    const page = await get(coordinator, `/console/donations/${withPhoto.id}`);
    expect(facts(page.body)).toMatchObject({ 品物: '冷蔵庫', 大きさ: '中(ふたりで運べる)', 使った年数: '5〜10年', '状態(品物)': '使用感はあるが使える' });
    expect(page.body).toContain(`<img class="photo" src="/console/donations/${withPhoto.id}/photo"`);

    const res = await get(coordinator, `/console/donations/${withPhoto.id}/photo`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.rawPayload.toString()).toBe('jpeg bytes');
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'donation.photo.view' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'donationOffer', subjectId: withPhoto.id, residentId: r.id });

    const without = await offer({ kind: 'goods', purposeCode: null, amountYen: null, description: '毛布' });
    expect((await get(coordinator, `/console/donations/${without.id}/photo`)).statusCode).toBe(404);
    expect((await get(coordinator, `/console/donations/${without.id}`)).body).not.toContain('class="photo"');
    expect(await db().auditLog.count({ where: { action: 'donation.photo.view' } })).toBe(1);
  });

  test('an unknown id is a 404 page, and nothing is audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/donations/no-such-offer');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('寄付・寄贈のお申し出が見つかりません');
    expect((await post(coordinator, '/console/donations/no-such-offer/status', { to: 'accepted' })).statusCode).toBe(404);
    expect(await db().auditLog.count({ where: { action: { startsWith: 'donation.' } } })).toBe(0);
  });
});

describe('moves', () => {
  test('受け入れる then 受け取った: status, message and one notice each to the donor in every language; the receipt number is issued and told', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const o = await offer({ language: 'en' });

    const message = '12月3日(木)の午前に事務所でお待ちしています';
    const accepted = await post(coordinator, `/console/donations/${o.id}/status`, { to: 'accepted', message });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/console/donations/${o.id}?done=accepted`);
    expect(await db().donationOffer.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ status: 'accepted', staffMessage: message, receiptNo: null, receivedAt: null, updatedAt: t.clock.now() });
    let notices = await noticesTo(o.residentId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: `寄付・寄贈の受け入れの連絡:${o.referenceNo}`, status: 'scheduled', scheduledAt: t.clock.now(), createdBy: coordinator.member.id });
    expect(JSON.parse(notices[0]!.targeting)).toEqual({ residentIds: [o.residentId] });
    let content = JSON.parse(notices[0]!.content);
    expect(content.ja).toBe(`【お申し出をお受けします】\n受付番号 ${o.referenceNo}(お金の寄付)のお申し出を、ありがたくお受けします。お渡しの日にちなどは、担当からご連絡します。\n\n担当者より:${message}`);
    expect(content.en).toContain(`we gladly accept your offer ${o.referenceNo} (money donation)`);
    expect(content.en).toContain(`From our staff: ${message}`);
    expect(content['ja-x-easy']).toContain(`たんとうから:${message}`);
    const page = await get(coordinator, accepted.headers.location as string);
    expect(page.body).toContain('<p class="status" role="status" tabindex="-1" id="done">「受け入れ決定」にしました。');
    expect(page.body).toContain('受け取った(受領番号をつける)');
    expect(page.body).not.toContain('>受け入れる</button>');

    t.clock.advance(60_000);
    const received = await post(coordinator, `/console/donations/${o.id}/status`, { to: 'received_goods' });
    expect(received.statusCode).toBe(303);
    const row = await db().donationOffer.findUniqueOrThrow({ where: { id: o.id } });
    expect(row).toMatchObject({ status: 'received_goods', receiptNo: 'R-2026-0001', receivedAt: t.clock.now(), staffMessage: message });
    notices = await noticesTo(o.residentId);
    expect(notices.map((n) => n.title)).toEqual([`寄付・寄贈の受け入れの連絡:${o.referenceNo}`, `寄付・寄贈の受領の連絡:${o.referenceNo}`]);
    content = JSON.parse(notices[1]!.content);
    expect(content.ja).toBe(`【受け取りました】\n受付番号 ${o.referenceNo}(お金の寄付)を、たしかに受け取りました。ご協力ありがとうございました。\n受領番号:R-2026-0001`);
    expect(content.en).toContain('Receipt number: R-2026-0001');
    expect(content['ja-x-easy']).toContain('うけとりの ばんごう:R-2026-0001');
    const after = await get(coordinator, received.headers.location as string);
    expect(after.body).toContain('「受領済み」にしました。受領番号は R-2026-0001 です。');
    expect(facts(after.body)).toMatchObject({ 状態: '受領済み', 受領番号: 'R-2026-0001', 受け取った日時: '2026/11/24 10:01' });
    expect(after.body).not.toContain('id="status-change"');

    const audits = await db().auditLog.findMany({ where: { action: 'donation.status' }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => JSON.parse(a.detail!))).toEqual([
      { from: 'received', to: 'accepted', messageLength: message.length },
      { from: 'accepted', to: 'received_goods', receiptNo: 'R-2026-0001' },
    ]);
    expect(audits[0]).toMatchObject({ staffId: coordinator.member.id, subjectType: 'donationOffer', subjectId: o.id, residentId: o.residentId });
    expect(JSON.stringify(audits)).not.toContain('事務所');

    // The engine sends the English donor their own words.
    await t.app.runBroadcasts();
    const user = (await db().resident.findUniqueOrThrow({ where: { id: o.residentId } })).lineUserId;
    const sent = JSON.stringify(t.messenger.sent.filter((s) => s.to === user));
    expect(sent).toContain('Receipt number: R-2026-0001');
    expect(sent).not.toContain('受領番号');
  });

  test('お断りする needs a message of at most 200 characters, which the donor receives; refused moves are 409 and change nothing', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const o = await offer({ kind: 'goods', purposeCode: null, amountYen: null, description: '古着 3袋' });

    const blank = await post(coordinator, `/console/donations/${o.id}/status`, { to: 'declined', message: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('お断りする理由やお礼のメッセージを書いてください。');
    const long = await post(coordinator, `/console/donations/${o.id}/status`, { to: 'declined', message: 'あ'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('メッセージは200文字までにしてください(いま201文字)。');
    expect(long.body).toContain(`>${'あ'.repeat(201)}</textarea>`);
    expect((await post(coordinator, `/console/donations/${o.id}/status`, { to: 'received' })).statusCode).toBe(400);
    // Received → 受け取った skips the decision: refused.
    const skip = await post(coordinator, `/console/donations/${o.id}/status`, { to: 'received_goods' });
    expect(skip.statusCode).toBe(409);
    expect(skip.body).toContain('<p class="alert" role="alert" tabindex="-1" id="done">いまの状態(受付)からは「受領済み」にできません。</p>');
    expect((await db().donationOffer.findUniqueOrThrow({ where: { id: o.id } })).status).toBe('received');
    expect(await noticesTo(o.residentId)).toHaveLength(0);

    const message = 'いまは古着を保管する場所がないため、今回はお受けできません。';
    const res = await post(coordinator, `/console/donations/${o.id}/status`, { to: 'declined', message });
    expect(res.statusCode).toBe(303);
    expect(await db().donationOffer.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ status: 'declined', staffMessage: message, receiptNo: null });
    const notices = await noticesTo(o.residentId);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toBe(`寄付・寄贈のお断りの連絡:${o.referenceNo}`);
    const content = JSON.parse(notices[0]!.content);
    expect(content.ja).toContain(`受付番号 ${o.referenceNo}(品物の寄贈)のお申し出は、申し訳ありませんが、今回はお受けできません。`);
    expect(content.ja).toContain(`担当者より:${message}`);

    for (const to of ['accepted', 'declined', 'received_goods']) {
      const again = await post(coordinator, `/console/donations/${o.id}/status`, { to, message: 'x' });
      expect(again.statusCode, to).toBe(409);
      expect(again.body).toContain('いまの状態(お断り)からは');
    }
    expect(await noticesTo(o.residentId)).toHaveLength(1);
    expect(await db().auditLog.count({ where: { action: 'donation.status' } })).toBe(1);
  });

  test('receipt numbers count up through the fiscal year and start again at 0001 on 1 April (Japan time)', async () => {
    // Numbers already issued this fiscal year, and one of the year before (not counted).
    await offer({ status: 'received_goods', receiptNo: 'R-2026-0001', receivedAt: new Date('2026-05-01T10:00:00+09:00') });
    await offer({ status: 'received_goods', receiptNo: 'R-2026-0002', receivedAt: new Date('2026-06-01T10:00:00+09:00') });
    await offer({ status: 'received_goods', receiptNo: 'R-2025-0009', receivedAt: new Date('2026-03-01T10:00:00+09:00') });
    const [a, b, c, d] = [await offer({ status: 'accepted' }), await offer({ status: 'accepted', kind: 'food', purposeCode: null, amountYen: null }), await offer({ status: 'accepted' }), await offer({ status: 'accepted' })];
    // Signed in afresh at each time (a session does not last for months).
    const receive = async (id: string) => {
      const coordinator = await loginAs(t.app, 'coordinator');
      const res = await post(coordinator, `/console/donations/${id}/status`, { to: 'received_goods' });
      expect(res.headers.location).toBe(`/console/donations/${id}?done=received_goods`);
      return (await db().donationOffer.findUniqueOrThrow({ where: { id } })).receiptNo;
    };
    expect(await receive(a!.id)).toBe('R-2026-0003');
    t.clock.set('2027-03-31T23:59:00+09:00');
    expect(await receive(b!.id)).toBe('R-2026-0004');
    t.clock.set('2027-04-01T00:00:00+09:00');
    expect(await receive(c!.id)).toBe('R-2027-0001');
    t.clock.advance(60_000);
    expect(await receive(d!.id)).toBe('R-2027-0002');
    const told = JSON.parse((await noticesTo(c!.residentId))[0]!.content);
    expect(told.ja).toContain('受領番号:R-2027-0001');
  });
});

describe('the allocation plan', () => {
  test('per purpose: budget, money received (受領済み money of the plan’s fiscal year only), allocations subtracted; allocations recorded and audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const fy2025 = (iso: string) => new Date(`${iso}T10:00:00+09:00`);
    // Counted (fiscal year 2025: April 2025 – March 2026).
    await offer({ purposeCode: 'disability', amountYen: 10_000, status: 'received_goods', receiptNo: 'R-2025-0001', receivedAt: fy2025('2025-04-01') });
    await offer({ purposeCode: 'disability', amountYen: 5_000, status: 'received_goods', receiptNo: 'R-2025-0002', receivedAt: fy2025('2026-03-31') });
    await offer({ purposeCode: 'children', amountYen: 20_000, status: 'received_goods', receiptNo: 'R-2025-0003', receivedAt: fy2025('2025-12-01') });
    await offer({ purposeCode: null, amountYen: 7_000, status: 'received_goods', receiptNo: 'R-2025-0004', receivedAt: fy2025('2025-08-01') });
    // Not counted: not yet received, goods, another fiscal year.
    await offer({ purposeCode: 'disability', amountYen: 99_000, status: 'accepted' });
    await offer({ purposeCode: 'disability', amountYen: 88_000, status: 'received' });
    await offer({ kind: 'goods', purposeCode: 'disability', amountYen: null, description: '車いす', status: 'received_goods', receiptNo: 'R-2025-0005', receivedAt: fy2025('2025-09-01') });
    await offer({ purposeCode: 'disability', amountYen: 77_000, status: 'received_goods', receiptNo: 'R-2026-0001', receivedAt: fy2025('2026-04-01') });
    await offer({ purposeCode: 'disability', amountYen: 66_000, status: 'received_goods', receiptNo: 'R-2024-0001', receivedAt: new Date('2025-03-31T23:59:00+09:00') });

    const empty = await get(coordinator, '/console/allocation?year=2025');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<h2 id="plan-heading">2025年度の配分計画</h2>');
    expect(tableRows(empty.body, 'plan')).toEqual([
      ['障害のある人の社会参加', '1,000,000円', '15,000円', '0円', '15,000円', '1,000,000円'],
      ['生活困窮(食料支援)', '500,000円', '0円', '0円', '0円', '500,000円'],
      ['子ども・ひとり親', '500,000円', '20,000円', '0円', '20,000円', '500,000円'],
      ['食を通じた居場所', '800,000円', '0円', '0円', '0円', '800,000円'],
      ['会長裁量', '200,000円', '0円', '0円', '0円', '200,000円'],
      ['おまかせ(一般)', '—', '7,000円', '0円', '7,000円', '—'],
    ]);
    expect(empty.body).toContain('<tfoot><tr><th scope="row">合計</th><td>3,000,000円</td><td>42,000円</td><td>0円</td><td>42,000円</td><td>3,000,000円</td></tr></tfoot>');
    expect(empty.body).toContain('2025年度の配分は、まだ記録していません。');

    const ok = await post(coordinator, '/console/allocation', { formKey: await formKey(coordinator), purposeCode: 'disability', amount: '1万円', recipient: 'みなと作業所', allocatedOn: '2025-10-01', note: '工賃の補助' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/console/allocation?year=2025&done=allocated#allocations');
    expect(await post(coordinator, '/console/allocation', { formKey: await formKey(coordinator), purposeCode: 'general', amount: '2000', recipient: 'かいがん子ども食堂', allocatedOn: '2026-03-31' }).then((r) => r.statusCode)).toBe(303);
    const rows = await db().allocation.findMany({ orderBy: { allocatedOn: 'asc' } });
    expect(rows).toEqual([
      expect.objectContaining({ purposeCode: 'disability', amountYen: 10_000, recipient: 'みなと作業所', note: '工賃の補助', allocatedOn: '2025-10-01', createdBy: coordinator.member.id, createdAt: t.clock.now() }),
      expect.objectContaining({ purposeCode: 'general', amountYen: 2_000, recipient: 'かいがん子ども食堂', note: null, allocatedOn: '2026-03-31' }),
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'allocation.create' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'allocation', subjectId: rows[0]!.id });
    expect(JSON.parse(audit.detail!)).toEqual({ purposeCode: 'disability', amountYen: 10_000, allocatedOn: '2025-10-01', fiscalYear: 2025 });
    expect(JSON.stringify(await db().auditLog.findMany())).not.toContain('みなと作業所');

    const page = await get(coordinator, ok.headers.location as string);
    expect(page.body).toContain('<p class="status" role="status" tabindex="-1" id="done">配分を記録しました。');
    const plan = tableRows(page.body, 'plan');
    expect(plan[0]).toEqual(['障害のある人の社会参加', '1,000,000円', '15,000円', '10,000円', '5,000円', '990,000円']);
    expect(plan[5]).toEqual(['おまかせ(一般)', '—', '7,000円', '2,000円', '5,000円', '—']);
    expect(page.body).not.toContain('badge-danger');
    expect(page.body).toContain('<td>3,000,000円</td><td>42,000円</td><td>12,000円</td><td>30,000円</td><td>2,990,000円</td>');
    expect(tableRows(page.body, 'allocations')).toEqual([
      ['2025年10月1日', '障害のある人の社会参加', '10,000円', 'みなと作業所', '工賃の補助'],
      ['2026年3月31日', 'おまかせ(一般)', '2,000円', 'かいがん子ども食堂', ''],
    ]);
  });

  test('a profile without a donations section: the page says there is no plan, allocations are refused (409), wanted items still work', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-profile-'));
    const file = path.join(dir, 'no-donations.yaml');
    writeFileSync(file, readFileSync(path.resolve(import.meta.dirname, '..', '..', 'profiles', 'demo-council.yaml'), 'utf8').replace(/^donations:\n(?:(?: .*)?\n)*/m, ''));
    await t.close();
    t = await createTestApp({ COUNCIL_PROFILE: file });
    try {
      expect(t.app.profile.donations).toBeUndefined();
      const coordinator = await loginAs(t.app, 'coordinator');
      const page = await get(coordinator, '/console/allocation');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('協議会の設定に配分計画がありません。');
      expect(page.body).not.toContain('id="plan"');
      const refused = await post(coordinator, '/console/allocation', { purposeCode: 'general', amount: '1000', recipient: 'x', allocatedOn: '2026-05-01' });
      expect(refused.statusCode).toBe(409);
      expect(await db().allocation.count()).toBe(0);
      expect((await post(coordinator, '/console/allocation/wanted', { name: 'お米' })).statusCode).toBe(303);
      const o = await offer();
      const list = await get(coordinator, '/console/donations');
      expect(tableRows(list.body)).toEqual([[o.referenceNo, 'お金', 'disability', '10,000円', '—', 'office-am', '受付', '2026/11/24 10:00']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses an allocation without a known purpose, amount, recipient or a date in a year with a plan, keeping what was typed', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const base = { formKey: await formKey(coordinator), purposeCode: 'children', amount: '10000', recipient: '子ども食堂の会', allocatedOn: '2025-06-01', note: '' };
    const cases: Array<[Record<string, string>, string]> = [
      [{ purposeCode: 'unknown' }, '使いみちを選んでください(2025年度の配分計画にあるものから)。'],
      [{ amount: '0' }, '金額は「50000」や「5万円」のように'],
      [{ amount: 'たくさん' }, '金額は「50000」や「5万円」のように'],
      [{ recipient: ' ' }, '配分先を書いてください。'],
      [{ recipient: 'あ'.repeat(101) }, '配分先は100文字までにしてください(いま101文字)。'],
      [{ allocatedOn: '2025-02-30' }, '配分した日を選んでください。'],
      [{ note: 'い'.repeat(201) }, 'メモは200文字までにしてください(いま201文字)。'],
    ];
    for (const [over, message] of cases) {
      const res = await post(coordinator, '/console/allocation', { ...base, ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.body).toContain(message);
    }
    // A date in a year the profile has no plan for (2024): refused (409), what was typed kept.
    const kept = await post(coordinator, '/console/allocation', { ...base, allocatedOn: '2024-12-01' });
    expect(kept.statusCode).toBe(409);
    expect(kept.body).toContain('2024年度の配分計画がないため、この日付の配分は記録できません。');
    expect(kept.body).toContain('value="子ども食堂の会"');
    expect(kept.body).toContain('<option value="children" selected>子ども・ひとり親</option>');
    expect(await db().allocation.count()).toBe(0);
    expect(await db().auditLog.count({ where: { action: 'allocation.create' } })).toBe(0);
  });

  test('a form sent twice (a double click) records the allocation once; its key records nothing else; a form without a key records nothing', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await offer({ purposeCode: 'children', amountYen: 50_000, status: 'received_goods', receiptNo: 'R-2025-0001', receivedAt: new Date('2025-05-01T10:00:00+09:00') });
    const fields = { formKey: await formKey(coordinator), purposeCode: 'children', amount: '10000', recipient: '子ども食堂の会', allocatedOn: '2025-06-01', note: '' };
    const twice = await Promise.all([post(coordinator, '/console/allocation', fields), post(coordinator, '/console/allocation', fields)]);
    expect(twice.map((r) => [r.statusCode, r.headers.location])).toEqual([
      [303, '/console/allocation?year=2025&done=allocated#allocations'],
      [303, '/console/allocation?year=2025&done=allocated#allocations'],
    ]);
    expect(await db().allocation.count()).toBe(1);
    expect(await db().auditLog.count({ where: { action: 'allocation.create' } })).toBe(1);
    expect((await db().allocation.findFirstOrThrow()).id).toBe(fields.formKey);
    // Sent once more later (the page reloaded): still one.
    expect((await post(coordinator, '/console/allocation', fields)).statusCode).toBe(303);
    expect(await db().allocation.count()).toBe(1);

    // Back to the form, amount changed, sent with the same key: refused with what was typed kept and a new key.
    const changed = await post(coordinator, '/console/allocation', { ...fields, amount: '20000' });
    expect(changed.statusCode).toBe(409);
    expect(changed.body).toContain('この画面からは、もう配分を記録しています');
    expect(changed.body).toContain('value="20000"');
    const newKey = /name="formKey" value="([^"]+)"/.exec(changed.body)?.[1];
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(fields.formKey);
    expect(await db().allocation.count()).toBe(1);
    expect((await post(coordinator, '/console/allocation', { ...fields, amount: '20000', formKey: newKey! })).statusCode).toBe(303);
    expect((await db().allocation.findMany({ orderBy: { amountYen: 'asc' } })).map((a) => a.amountYen)).toEqual([10_000, 20_000]);

    // A form without a key (opened before keys existed, or forged): nothing recorded, the values kept, a key given.
    const stale = await post(coordinator, '/console/allocation', { ...fields, formKey: '' });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('この画面は古くなっています');
    expect(stale.body).toContain('value="子ども食堂の会"');
    expect(stale.body).toMatch(/name="formKey" value="[0-9a-f-]{36}"/);
    expect(await db().allocation.count()).toBe(2);
  });
});

describe('wanted items', () => {
  test('staff add and retire items (audited); the read port gives the active ones for the LINE flow', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const port = new PrismaWantedItems(db());
    const blank = await post(coordinator, '/console/allocation/wanted', { name: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('欲しいものの名前を書いてください。');
    expect((await post(coordinator, '/console/allocation/wanted', { name: 'あ'.repeat(41) })).statusCode).toBe(400);

    const rice = await post(coordinator, '/console/allocation/wanted', { name: 'お米', note: '子ども食堂で使います' });
    expect(rice.statusCode).toBe(303);
    expect(rice.headers.location).toBe('/console/allocation?done=wanted-added#wanted');
    t.clock.advance(60_000);
    await post(coordinator, '/console/allocation/wanted', { name: '紙おむつ' });
    const active = await port.activeWantedItems();
    expect(active.map((w) => [w.name, w.note, w.active])).toEqual([
      ['お米', '子ども食堂で使います', true],
      ['紙おむつ', null, true],
    ]);
    const page = await get(coordinator, '/console/allocation');
    expect(tableRows(page.body, 'wanted')).toEqual([
      ['お米', '子ども食堂で使います', '2026/11/24 10:00', '外す'],
      ['紙おむつ', '', '2026/11/24 10:01', '外す'],
    ]);

    const riceId = active[0]!.id;
    t.clock.advance(60_000);
    const retired = await post(coordinator, `/console/allocation/wanted/${riceId}/retire`);
    expect(retired.statusCode).toBe(303);
    expect(retired.headers.location).toBe('/console/allocation?done=wanted-retired#wanted');
    expect((await port.activeWantedItems()).map((w) => w.name)).toEqual(['紙おむつ']);
    expect(await db().wantedItem.findUniqueOrThrow({ where: { id: riceId } })).toMatchObject({ active: false, updatedAt: t.clock.now() });
    const after = await get(coordinator, '/console/allocation');
    expect(tableRows(after.body, 'wanted').map((r) => r[0])).toEqual(['紙おむつ']);
    expect(after.body).toContain('<li>お米(2026/11/24 10:02に外しました)</li>');

    const again = await post(coordinator, `/console/allocation/wanted/${riceId}/retire`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('この欲しいものは、もう外してあるか、見つかりません。');

    const audits = await db().auditLog.findMany({ where: { action: { startsWith: 'wantedItem.' } }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => [a.action, a.subjectId])).toEqual([
      ['wantedItem.add', riceId],
      ['wantedItem.add', active[1]!.id],
      ['wantedItem.retire', riceId],
    ]);
    expect(JSON.parse(audits[0]!.detail!)).toEqual({ name: 'お米' });
  });
});

describe('annual-report CSVs', () => {
  /** A volunteer, and a request on `date` they were invited to. */
  async function activity(volunteer: { id: string }, date: string, status: string, hours: number | null) {
    const r = await resident();
    const request = await db().volunteerRequest.create({
      data: { referenceNo: `V-${date.replace(/-/g, '')}-${Math.random().toString(36).slice(2, 6)}`, residentId: r.id, requesterType: 'person', kind: 'escort', date, part: 'am', people: 1, status: 'done', createdAt: t.clock.now(), updatedAt: t.clock.now() },
    });
    await db().volunteerInvitation.create({ data: { requestId: request.id, volunteerId: volunteer.id, status, invitedAt: t.clock.now(), hours, ...(hours === null ? {} : { reportedAt: t.clock.now() }) } });
  }

  async function volunteer(name: string) {
    const r = await resident();
    const at = new Date('2026-04-01T10:00:00+09:00');
    return db().volunteer.create({ data: { residentId: r.id, name, skills: '[]', availability: '{}', status: 'active', registeredAt: at, updatedAt: at } });
  }

  test('volunteer hours per volunteer for the fiscal year, from accepted invitations with reported hours, by the request’s date', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const sato = await volunteer('佐藤 一郎');
    const ito = await volunteer('伊藤 さくら');
    const yamada = await volunteer('=山田');
    await activity(sato, '2026-04-01', 'accepted', 2);
    await activity(sato, '2027-03-31', 'accepted', 1.5);
    await activity(sato, '2026-06-01', 'accepted', null); // no hours reported
    await activity(sato, '2026-03-31', 'accepted', 3); // fiscal year 2025
    await activity(sato, '2027-04-01', 'accepted', 3); // fiscal year 2027
    await activity(ito, '2026-10-10', 'accepted', 4);
    await activity(ito, '2026-10-11', 'declined', 4); // did not take part
    await activity(yamada, '2026-12-01', 'accepted', 0.5);

    const res = await get(coordinator, '/console/reports/volunteer-hours.csv?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="volunteer-hours-2026.csv"; filename*=UTF-8''${encodeURIComponent('ボランティア活動時間_2026年度.csv')}`);
    expect(res.headers['cache-control']).toBe('no-store');
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Name order (Japanese collation); a name starting like a formula is defused.
    expect(bytes.toString('utf8')).toBe('\uFEFFお名前,活動回数,活動時間(時間)\r\n' + "'=山田,1,0.5\r\n" + '伊藤 さくら,1,4\r\n' + '佐藤 一郎,2,3.5\r\n');
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'report.volunteerHours.export' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'report' });
    expect(JSON.parse(audit.detail!)).toEqual({ fiscalYear: 2026, rows: 3 });

    const last = await get(coordinator, '/console/reports/volunteer-hours.csv?year=2025');
    expect(last.rawPayload.toString('utf8')).toBe('\uFEFFお名前,活動回数,活動時間(時間)\r\n佐藤 一郎,1,3\r\n');
    // Without a year: the current fiscal year (2026).
    expect((await get(coordinator, '/console/reports/volunteer-hours.csv')).rawPayload.toString('utf8')).toContain('佐藤 一郎,2,3.5');
    expect((await get(coordinator, '/console/reports/volunteer-hours.csv?year=26')).statusCode).toBe(400);
  });

  test('donations received in the fiscal year with receipt number, date, kind, purpose, amount, items and name', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await offer({ name: '寄付 太郎', purposeCode: 'children', amountYen: 30_000, status: 'received_goods', receiptNo: 'R-2026-0001', receivedAt: new Date('2026-04-01T00:00:00+09:00') });
    await offer(
      { name: '佐藤 一郎', kind: 'food', purposeCode: null, amountYen: null, status: 'received_goods', receiptNo: 'R-2026-0002', receivedAt: new Date('2026-05-02T10:00:00+09:00') },
      [
        { category: 'rice', unopened: true, bestBefore: '2027-06-01', accepted: true, refusedReason: null },
        { category: 'fresh', unopened: null, bestBefore: null, accepted: false, refusedReason: 'not_shelf_stable' },
        { category: 'canned', unopened: true, bestBefore: '2027-01-31', accepted: true, refusedReason: null },
      ],
    );
    await offer({ name: '鈴木, 花子', kind: 'goods', purposeCode: null, amountYen: null, description: 'タオル 10枚', status: 'received_goods', receiptNo: 'R-2026-0003', receivedAt: new Date('2026-06-03T10:00:00+09:00') });
    await offer({ name: '伊藤 さくら', kind: 'appliance', purposeCode: null, amountYen: null, description: '洗濯機', itemSize: 'large', itemAge: '1to3', itemCondition: 'good', status: 'received_goods', receiptNo: 'R-2026-0004', receivedAt: new Date('2027-03-31T23:59:00+09:00') });
    await offer({ name: '一般 次郎', purposeCode: null, amountYen: 5_000, status: 'received_goods', receiptNo: 'R-2026-0005', receivedAt: new Date('2026-07-01T10:00:00+09:00') });
    // Not in the file: another year's, not yet received.
    await offer({ name: '前年 度子', status: 'received_goods', receiptNo: 'R-2025-0001', receivedAt: new Date('2026-03-31T23:59:00+09:00') });
    await offer({ name: '翌年 度男', status: 'received_goods', receiptNo: 'R-2027-0001', receivedAt: new Date('2027-04-01T00:00:00+09:00') });
    await offer({ name: '未受領 さん', status: 'accepted' });

    const res = await get(coordinator, '/console/reports/donations.csv?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="donations-2026.csv"; filename*=UTF-8''${encodeURIComponent('寄付・寄贈の受領一覧_2026年度.csv')}`);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.rawPayload.toString('utf8')).toBe(
      '\uFEFF受領番号,受領日,種類,使いみち,金額(円),品物・内容,お名前\r\n' +
        'R-2026-0001,2026/04/01,お金,子ども・ひとり親,30000,,寄付 太郎\r\n' +
        'R-2026-0002,2026/05/02,食品(フードドライブ),,,米・穀類(賞味期限 2027/06/01)、缶詰・レトルト(賞味期限 2027/01/31),佐藤 一郎\r\n' +
        'R-2026-0003,2026/06/03,品物(善意銀行),おまかせ(一般),,タオル 10枚,"鈴木, 花子"\r\n' +
        'R-2026-0005,2026/07/01,お金,おまかせ(一般),5000,,一般 次郎\r\n' +
        'R-2026-0004,2027/03/31,家電・家具など,,,洗濯機/大(車が必要)・1〜3年・きれいで問題なく使える,伊藤 さくら\r\n',
    );
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'report.donations.export' } });
    expect(JSON.parse(audit.detail!)).toEqual({ fiscalYear: 2026, rows: 5 });
    expect(JSON.stringify(audit)).not.toContain('寄付 太郎');
  });

  test('the reports page offers both files for a chosen fiscal year', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/reports');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<option value="2026" selected>2026年度(令和8年度)</option>');
    expect(res.body).toContain('<option value="2021">2021年度(令和3年度)</option>');
    expect(res.body).toContain('href="/console/reports/volunteer-hours.csv?year=2026"');
    expect(res.body).toContain('href="/console/reports/donations.csv?year=2026"');
    const chosen = await get(coordinator, '/console/reports?year=2024');
    expect(chosen.body).toContain('<option value="2024" selected>');
    expect(chosen.body).toContain('href="/console/reports/donations.csv?year=2024"');
    expect((await get(coordinator, '/console/reports?year=abc')).statusCode).toBe(400);
  });
});

describe('access', () => {
  test('counsellors are refused every donation, allocation and report page (403) and see no nav items for them; coordinators see both', async () => {
    const counsellor = await loginAs(t.app, 'counsellor');
    const o = await offer();
    for (const url of ['/console/donations', `/console/donations/${o.id}`, `/console/donations/${o.id}/photo`, '/console/allocation', '/console/reports', '/console/reports/volunteer-hours.csv?year=2026', '/console/reports/donations.csv?year=2026']) {
      expect((await get(counsellor, url)).statusCode, url).toBe(403);
    }
    for (const url of [`/console/donations/${o.id}/status`, '/console/allocation', '/console/allocation/wanted']) {
      expect((await post(counsellor, url, { to: 'accepted', name: 'x' })).statusCode, url).toBe(403);
    }
    expect((await db().donationOffer.findUniqueOrThrow({ where: { id: o.id } })).status).toBe('received');
    expect(await db().wantedItem.count()).toBe(0);
    expect(await db().auditLog.count({ where: { action: { startsWith: 'donation.' } } })).toBe(0);
    const home = await get(counsellor, '/console');
    expect(home.body).not.toContain('href="/console/donations"');
    expect(home.body).not.toContain('href="/console/allocation"');

    const coordinator = await loginAs(t.app, 'coordinator');
    const page = await get(coordinator, '/console');
    expect(page.body).toContain('href="/console/donations"');
    expect(page.body).toContain('href="/console/allocation"');
  });

  test('the audit page names the new actions in Japanese', async () => {
    const admin = await loginAs(t.app, 'admin');
    const o = await offer();
    await post(admin, `/console/donations/${o.id}/status`, { to: 'accepted' });
    const res = await get(admin, '/console/audit');
    expect(res.body).toContain('寄付・寄贈の状態の変更（donation.status）');
  });
});

describe('when the audit log cannot be written', () => {
  test('a move fails with the error page and changes nothing: no new status, no receipt number, no notice to the donor', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const o = await offer();
    const accepted = await offer({ status: 'accepted' });
    await breakAuditLog(db());

    const res = await post(coordinator, `/console/donations/${o.id}/status`, { to: 'accepted', message: 'お待ちしています' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('処理中に問題が発生しました');
    expect(await db().donationOffer.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ status: 'received', staffMessage: null });
    const received = await post(coordinator, `/console/donations/${accepted.id}/status`, { to: 'received_goods' });
    expect(received.statusCode).toBe(500);
    expect(await db().donationOffer.findUniqueOrThrow({ where: { id: accepted.id } })).toMatchObject({ status: 'accepted', receiptNo: null, receivedAt: null });
    expect(await db().broadcast.count()).toBe(0);

    // Once the log works again, the same move goes through, told and audited once.
    await repairAuditLog(db());
    expect((await post(coordinator, `/console/donations/${accepted.id}/status`, { to: 'received_goods' })).statusCode).toBe(303);
    expect((await db().donationOffer.findUniqueOrThrow({ where: { id: accepted.id } })).receiptNo).toBe('R-2026-0001');
    expect(await noticesTo(accepted.residentId)).toHaveLength(1);
    expect((await db().auditLog.findMany({ where: { action: 'donation.status' } })).map((a) => JSON.parse(a.detail!))).toEqual([{ from: 'accepted', to: 'received_goods', receiptNo: 'R-2026-0001' }]);
  });

  test('an allocation, a wanted item added and one retired fail with the error page and record nothing', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await offer({ purposeCode: 'children', amountYen: 10_000, status: 'received_goods', receiptNo: 'R-2025-0001', receivedAt: new Date('2025-05-01T10:00:00+09:00') });
    const key = await formKey(coordinator);
    const now = t.clock.now();
    const rice = await db().wantedItem.create({ data: { id: 'wanted-rice', name: 'お米', note: null, active: true, createdAt: now, updatedAt: now } });
    await breakAuditLog(db());

    const allocation = await post(coordinator, '/console/allocation', { formKey: key, purposeCode: 'children', amount: '10000', recipient: '子ども食堂の会', allocatedOn: '2025-06-01', note: '' });
    expect(allocation.statusCode).toBe(500);
    expect(allocation.body).toContain('処理中に問題が発生しました');
    expect(await db().allocation.count()).toBe(0);
    expect((await post(coordinator, '/console/allocation/wanted', { name: '紙おむつ' })).statusCode).toBe(500);
    expect((await post(coordinator, `/console/allocation/wanted/${rice.id}/retire`)).statusCode).toBe(500);
    expect((await db().wantedItem.findMany()).map((w) => [w.name, w.active])).toEqual([['お米', true]]);

    // The same form, sent again once the log works, records the allocation then (its key was not used up).
    await repairAuditLog(db());
    expect((await post(coordinator, '/console/allocation', { formKey: key, purposeCode: 'children', amount: '10000', recipient: '子ども食堂の会', allocatedOn: '2025-06-01', note: '' })).statusCode).toBe(303);
    expect(await db().allocation.count()).toBe(1);
    expect(await db().auditLog.count({ where: { action: 'allocation.create', subjectId: key } })).toBe(1);
  });
});
