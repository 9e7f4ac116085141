// Under test: the goodwill bank's allocation plan follows the calendar — the console's 配分計画 page shows the plan
// of the fiscal year the clock is in (other years by link), says plainly when the profile has no plan for that
// year and then records nothing, and refuses an allocation larger than what is left of the money received for its
// purpose (also when two are sent at once) — through app.inject on the real app and a temp SQLite file with the
// demo profile (plans for fiscal years 2025 and 2026). Offers are written straight to the database.
// Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
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
const post = (login: ConsoleLogin, fields: Record<string, string>) => postForm(t.app.server, login, '/console/allocation', fields);

let offers = 0;
/** Money received for `purposeCode` on `receivedAt` (JST date), as the donation pages record it. */
async function received(purposeCode: string | null, amountYen: number, receivedAt: string) {
  offers += 1;
  const now = t.clock.now();
  const r = await db().resident.create({ data: { lineUserId: `U${String(offers).padStart(32, 'a')}`, language: 'ja', consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
  await db().donationOffer.create({
    data: {
      referenceNo: `D-261124-B${String(offers).padStart(3, '0')}`, residentId: r.id, kind: 'money', purposeCode, amountYen, name: '寄付 太郎', slot: 'office-am',
      status: 'received_goods', receiptNo: `R-${receivedAt.slice(0, 4)}-${String(offers).padStart(4, '0')}`, receivedAt: new Date(`${receivedAt}T10:00:00+09:00`), createdAt: now, updatedAt: now,
    },
  });
}

/** The allocation form's one-time key from a page. */
function keyOf(html: string): string {
  return /name="formKey" value="([^"]+)"/.exec(html)![1]!;
}

describe('the plan of the year the clock is in', () => {
  test('in November 2026 the page shows the 2026 plan and takes allocations dated in it; the 2025 plan is a link away', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await received('children', 20_000, '2026-06-01');
    const page = await get(coordinator, '/console/allocation');
    expect(page.body).toContain('<h2 id="plan-heading">2026年度の配分計画</h2>');
    expect(page.body).toContain('min="2026-04-01" max="2027-03-31" value="2026-11-24"');
    expect(page.body).toContain('<a href="/console/allocation?year=2025">2025年度</a>');

    const ok = await post(coordinator, { formKey: keyOf(page.body), purposeCode: 'children', amount: '5000', recipient: 'かいがん子ども食堂', allocatedOn: '2026-11-20', note: '' });
    expect(ok.headers.location).toBe('/console/allocation?year=2026&done=allocated#allocations');
    expect(await db().allocation.count()).toBe(1);

    const last = await get(coordinator, '/console/allocation?year=2025');
    expect(last.body).toContain('<h2 id="plan-heading">2025年度の配分計画</h2>');
    expect(last.body).toContain('min="2025-04-01" max="2026-03-31"');
    expect(last.body).toContain('<a href="/console/allocation?year=2026">2026年度(今年度)</a>');
  });

  test('from April 2027, with no plan for that year in the profile, the page says so and nothing can be allocated under it', async () => {
    t.clock.set('2027-04-10T10:00:00+09:00');
    const coordinator = await loginAs(t.app, 'coordinator');
    await received(null, 10_000, '2027-04-05');
    const page = await get(coordinator, '/console/allocation');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2027年度の配分計画は、協議会の設定にまだありません。');
    expect(page.body).not.toContain('id="plan"');
    expect(page.body).not.toContain('name="formKey"');
    expect(page.body).toContain('<a href="/console/allocation?year=2026">2026年度</a>');

    const refused = await post(coordinator, { formKey: '6f1c1a36-7a55-4c2e-9a53-52a4c1f4c001', purposeCode: 'general', amount: '1000', recipient: 'かいがん子ども食堂', allocatedOn: '2027-04-10', note: '' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('2027年度の配分計画がないため、この日付の配分は記録できません。');
    expect(await db().allocation.count()).toBe(0);
    expect(await db().auditLog.count({ where: { action: 'allocation.create' } })).toBe(0);
  });

  test('an unknown or malformed year in the address is refused (400)', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    expect((await get(coordinator, '/console/allocation?year=26')).statusCode).toBe(400);
  });
});

describe('what is left to allocate', () => {
  test('an allocation larger than what is left of the purpose’s money that year is refused in Japanese; up to it is recorded', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await received('disability', 10_000, '2026-05-01');
    await received('disability', 5_000, '2026-07-01');
    // Another year's money and another purpose's do not count.
    await received('disability', 99_000, '2025-12-01');
    await received('children', 88_000, '2026-05-01');

    const page = await get(coordinator, '/console/allocation');
    const fields = { formKey: keyOf(page.body), purposeCode: 'disability', amount: '30000', recipient: 'みなと作業所', allocatedOn: '2026-11-01', note: '' };
    const over = await post(coordinator, fields);
    expect(over.statusCode).toBe(409);
    expect(over.body).toContain('「障害のある人の社会参加」の2026年度の未配分は15,000円です。それより多い30,000円は配分できません。');
    expect(over.body).toContain('value="みなと作業所"');
    expect(await db().allocation.count()).toBe(0);
    expect(await db().auditLog.count({ where: { action: 'allocation.create' } })).toBe(0);

    expect((await post(coordinator, { ...fields, amount: '15000' })).statusCode).toBe(303);
    const after = await get(coordinator, '/console/allocation');
    expect(after.body).not.toContain('badge-danger');
    const more = await post(coordinator, { ...fields, formKey: keyOf(after.body), amount: '1' });
    expect(more.statusCode).toBe(409);
    expect(more.body).toContain('の2026年度の未配分は0円です。');
    expect((await db().allocation.findMany()).map((a) => a.amountYen)).toEqual([15_000]);
  });

  test('two allocations sent at once that together exceed what is left: one is recorded, the other refused', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await received(null, 15_000, '2026-05-01');
    const [a, b] = [keyOf((await get(coordinator, '/console/allocation')).body), keyOf((await get(coordinator, '/console/allocation')).body)];
    const base = { purposeCode: 'general', amount: '10000', recipient: 'かいがん子ども食堂', allocatedOn: '2026-11-01', note: '' };
    const answers = await Promise.all([post(coordinator, { ...base, formKey: a }), post(coordinator, { ...base, formKey: b })]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    expect(await db().allocation.count()).toBe(1);
    expect(await db().auditLog.count({ where: { action: 'allocation.create' } })).toBe(1);
  });
});
