// Under test: the console's volunteer pages (ボランティア) through app.inject on the real app and a temp SQLite
// file — the list with skills, days and insurance in words, the counts at its top, the warning for volunteers
// whose insurance does not cover today, the filters (status, skill, district, insured today), a volunteer's
// page (with this fiscal year's activities and hours, and their latest activities), the CSV download (bytes as Japanese Excel needs them), auditing of every view and download, and refusals
// (counsellors, an unknown id). Registrations, requests and invitations are written straight to the database (the
// LINE side is tested elsewhere). Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST, fiscal year 2026) and LINE.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });

let residents = 0;

interface VolunteerSeed {
  name: string;
  phone?: string | null;
  districtCode?: string | null;
  skills?: string[];
  availability?: Record<string, string[]>;
  insurance?: { fiscalYear: number; plan: string; enrolledOn: string | null } | null;
  status?: 'active' | 'paused' | 'left';
  registeredAt: string;
  leftAt?: string;
}

/** A resident and their volunteer registration as the LINE flow stores them; returns the registration. */
async function volunteer(v: VolunteerSeed) {
  residents += 1;
  const now = t.clock.now();
  const r = await db().resident.create({
    data: { lineUserId: `U${String(residents).padStart(32, '0')}`, language: 'ja', consent: 'granted', followedAt: now, createdAt: now, updatedAt: now },
  });
  return db().volunteer.create({
    data: {
      residentId: r.id,
      name: v.name,
      phone: v.phone ?? null,
      districtCode: v.districtCode ?? null,
      skills: JSON.stringify(v.skills ?? []),
      availability: JSON.stringify(v.availability ?? {}),
      insuranceFiscalYear: v.insurance?.fiscalYear ?? null,
      insurancePlan: v.insurance?.plan ?? null,
      insuranceEnrolledOn: v.insurance?.enrolledOn ?? null,
      status: v.status ?? 'active',
      registeredAt: new Date(v.registeredAt),
      updatedAt: new Date(v.registeredAt),
      leftAt: v.leftAt ? new Date(v.leftAt) : null,
    },
  });
}

/** Five volunteers: three active (one insured today), one paused, one who left. */
async function seed() {
  const yamada = await volunteer({
    name: '山田 花子',
    phone: '09011112222',
    districtCode: 'kaigan',
    skills: ['escort', 'listening'],
    availability: { sun: ['am'], sat: ['am'] },
    insurance: { fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-05-10' },
    registeredAt: '2026-06-01T10:00:00+09:00',
  });
  const sato = await volunteer({
    name: '佐藤 一郎',
    districtCode: 'shiomidai',
    skills: ['sign_language'],
    availability: { mon: ['pm', 'am'], fri: ['evening'] },
    registeredAt: '2026-07-15T10:00:00+09:00',
  });
  const suzuki = await volunteer({
    name: '鈴木 次郎',
    phone: '0312345678',
    districtCode: 'kaigan',
    skills: ['escort'],
    insurance: { fiscalYear: 2025, plan: 'disaster', enrolledOn: null },
    status: 'paused',
    registeredAt: '2025-05-01T10:00:00+09:00',
  });
  const takahashi = await volunteer({
    name: '高橋 三郎',
    phone: '09099998888',
    districtCode: 'kaigan',
    skills: ['listening'],
    availability: { tue: ['am'] },
    insurance: { fiscalYear: 2026, plan: 'disaster', enrolledOn: null },
    status: 'left',
    registeredAt: '2026-08-01T10:00:00+09:00',
    leftAt: '2026-10-01T10:00:00+09:00',
  });
  // Enrolled today: covered only from tomorrow.
  const ito = await volunteer({
    name: '伊藤 "さくら"',
    phone: '09012345678',
    skills: ['events'],
    availability: { wed: ['evening'] },
    insurance: { fiscalYear: 2026, plan: 'disaster', enrolledOn: '2026-11-24' },
    registeredAt: '2026-11-20T10:00:00+09:00',
  });
  return { yamada, sato, suzuki, takahashi, ito };
}

/** The list's table rows: each row's cells as text, and whether it carries the insurance warning. */
function tableRows(html: string): Array<{ cells: string[]; warning: boolean }> {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
    const row = m[1] as string;
    const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => (c[1] as string).replace(/<strong[^>]*>[\s\S]*?<\/strong>/g, '').replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').trim());
    return { cells, warning: row.includes('今日は保険の対象外') };
  });
}

const names = (html: string) => tableRows(html).map((r) => r.cells[0]);

let requests = 0;

/**
 * A request for `date` of `kind` and `volunteerId`'s invitation to it, answered `status` (accepted unless told),
 * with the hours and note they reported (none when `hours` is null).
 */
async function activity(volunteerId: string, a: { date: string; kind?: string; hours: number | null; note?: string | null; status?: string; requestStatus?: string }) {
  requests += 1;
  const now = t.clock.now();
  const requester = await db().resident.create({
    data: { lineUserId: `R${String(requests).padStart(32, '0')}`, language: 'ja', consent: 'granted', followedAt: now, createdAt: now, updatedAt: now },
  });
  const request = await db().volunteerRequest.create({
    data: { referenceNo: `V-261124-A${String(requests).padStart(3, '0')}`, residentId: requester.id, requesterType: 'person', kind: a.kind ?? 'escort', date: a.date, part: 'am', people: 1, status: a.requestStatus ?? 'done', createdAt: now, updatedAt: now },
  });
  await db().volunteerInvitation.create({
    data: {
      requestId: request.id,
      volunteerId,
      status: a.status ?? 'accepted',
      invitedAt: now,
      answeredAt: now,
      hours: a.hours,
      report: a.hours === null ? null : (a.note ?? null),
      reportedAt: a.hours === null ? null : now,
    },
  });
  return request;
}

/** The rows of the activity table on a volunteer's page, each row's cells as text. */
function activityRows(html: string): string[][] {
  const section = /<section class="card" id="activity"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return cellRows(/<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '');
}

/** The rows of the table of activities whose hours are not reported yet. */
function unreportedRows(html: string): string[][] {
  return cellRows(/<caption id="unreported-caption">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '');
}

/** Each row of a table body, its cells as text. */
function cellRows(body: string): string[][] {
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] as string).matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => (c[1] as string).replace(/<[^>]+>/g, '').trim()));
}

describe('the volunteer list', () => {
  test('shows active and paused volunteers newest first, in words, with counts and the insurance warning; opening it is audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await seed();
    const res = await get(coordinator, '/console/volunteers');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>ボランティア</h1>');
    expect(res.body).toMatch(/<dt>活動中<\/dt><dd><strong>3人<\/strong>/);
    expect(res.body).toMatch(/<dt>休止中<\/dt><dd><strong>1人<\/strong>/);
    expect(res.body).toMatch(/<dt>保険が今日有効<\/dt><dd><strong>1人<\/strong>/);
    expect(res.body).toContain('11月24日(火)');

    expect(tableRows(res.body)).toEqual([
      { cells: ['伊藤 "さくら"', '—', '行事の手伝い', '水 夕方以降', '2026年度 天災', '活動中', '2026/11/20'], warning: true },
      { cells: ['佐藤 一郎', '汐見台地区社会福祉協議会', '手話', '月 午前/午後・金 夕方以降', 'なし', '活動中', '2026/07/15'], warning: true },
      { cells: ['山田 花子', '海岸地区社会福祉協議会', '傾聴・話し相手、送迎・付き添い', '土 午前・日 午前', '2026年度 基本', '活動中', '2026/06/01'], warning: false },
      { cells: ['鈴木 次郎', '海岸地区社会福祉協議会', '送迎・付き添い', '登録なし', '2025年度 天災', '休止中', '2025/05/01'], warning: true },
    ]);
    // The list holds no phone numbers; the detail page does.
    expect(res.body).not.toContain('090-1111-2222');
    // A simple GET form with labels, and the CSV of the same list.
    for (const label of ['<label for="status">状態</label>', '<label for="skill">できること</label>', '<label for="district">地区</label>', '今日、保険が有効な人だけ']) expect(res.body).toContain(label);
    expect(res.body).toContain('<form method="get" action="/console/volunteers"');
    expect(res.body).toContain('href="/console/volunteers.csv"');

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteer.list.view' } });
    expect(audit.staffId).toBe(coordinator.member.id);
    expect(JSON.parse(audit.detail!)).toEqual({ rows: 4, filter: { status: 'current' } });
  });

  test('filters by status, skill, district and insurance today; unknown values are ignored', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await seed();
    const cases: Array<[string, string[]]> = [
      ['status=active', ['伊藤 "さくら"', '佐藤 一郎', '山田 花子']],
      ['status=paused', ['鈴木 次郎']],
      ['status=left', ['高橋 三郎']],
      ['status=all', ['伊藤 "さくら"', '高橋 三郎', '佐藤 一郎', '山田 花子', '鈴木 次郎']],
      ['skill=escort', ['山田 花子', '鈴木 次郎']],
      ['skill=listening&status=all', ['高橋 三郎', '山田 花子']],
      ['district=kaigan', ['山田 花子', '鈴木 次郎']],
      ['district=kaigan&status=all', ['高橋 三郎', '山田 花子', '鈴木 次郎']],
      ['insured=1', ['山田 花子']],
      ['insured=1&status=all', ['高橋 三郎', '山田 花子']],
      ['skill=escort&district=kaigan&insured=1', ['山田 花子']],
      ['skill=sign_language&district=kaigan', []],
      ['skill=nope&district=nowhere&status=bogus', ['伊藤 "さくら"', '佐藤 一郎', '山田 花子', '鈴木 次郎']],
    ];
    for (const [query, expected] of cases) {
      const res = await get(coordinator, `/console/volunteers?${query}`);
      expect(res.statusCode, query).toBe(200);
      expect(names(res.body), query).toEqual(expected);
      // The counts stay those of the whole register.
      expect(res.body, query).toMatch(/<dt>活動中<\/dt><dd><strong>3人<\/strong>/);
    }
    const filtered = await get(coordinator, '/console/volunteers?skill=escort&insured=1');
    expect(filtered.body).toContain('<option value="escort" selected>送迎・付き添い</option>');
    expect(filtered.body).toContain('name="insured" value="1" checked');
    expect(filtered.body).toContain('href="/console/volunteers.csv?skill=escort&amp;insured=1"');
    expect(filtered.body).toContain('絞り込みをやめる');
    const none = await get(coordinator, '/console/volunteers?skill=sign_language&district=kaigan');
    expect(none.body).toContain('条件に当てはまるボランティアはいません。');
    // A left volunteer with a lapsed plan gets no warning (they are not asked to help).
    const left = await get(coordinator, '/console/volunteers?status=left');
    expect(tableRows(left.body)[0]?.warning).toBe(false);
  });

  test('an empty register says so, with zero counts', async () => {
    const admin = await loginAs(t.app, 'admin');
    const res = await get(admin, '/console/volunteers');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<dt>活動中<\/dt><dd><strong>0人<\/strong>/);
    expect(res.body).toContain('ボランティアはまだ登録されていません。');
  });
});

describe('a volunteer’s page', () => {
  test('shows the phone number and every detail; each opening is audited with the resident', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada } = await seed();
    const res = await get(coordinator, `/console/volunteers/${yamada.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>山田 花子さん</h1>');
    const facts: Array<[string, string]> = [
      ['状態', '活動中'],
      ['お名前', '山田 花子'],
      ['電話', '090-1111-2222'],
      ['地区', '海岸地区社会福祉協議会'],
      ['できること', '傾聴・話し相手、送迎・付き添い'],
      ['曜日と時間帯', '土 午前・日 午前'],
      ['保険', '2026年度 基本'],
      ['保険の加入日', '2026年5月10日'],
      ['今日の活動', '保険の対象'],
      ['災害の活動', '保険の対象外(天災タイプではありません)'],
      ['登録日', '2026/06/01'],
    ];
    for (const [label, value] of facts) expect(res.body, label).toContain(`<dt>${label}</dt><dd>${value}</dd>`);
    expect(res.body).not.toContain('role="alert"');

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteer.view' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'volunteer', subjectId: yamada.id, residentId: yamada.residentId });
    expect(audit.detail).toBeNull();
  });

  test('a volunteer reached through LINE only, without insurance, gets the warning; one who left shows the date', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { sato, takahashi, ito } = await seed();
    const res = await get(coordinator, `/console/volunteers/${sato.id}`);
    expect(res.body).toContain('<dt>電話</dt><dd>LINEで連絡</dd>');
    expect(res.body).toContain('<dt>保険</dt><dd>なし</dd>');
    expect(res.body).toContain('<dt>今日の活動</dt><dd>保険の対象外</dd>');
    expect(res.body).toMatch(/<p class="alert" role="alert">[\s\S]*?今日\(11月24日\(火\)\)の活動は、ボランティア活動保険の対象になりません/);

    const enrolledToday = await get(coordinator, `/console/volunteers/${ito.id}`);
    expect(enrolledToday.body).toContain('<dt>保険の加入日</dt><dd>2026年11月24日</dd>');
    expect(enrolledToday.body).toContain('<dt>今日の活動</dt><dd>保険の対象外</dd>');
    expect(enrolledToday.body).toContain('role="alert"');

    const left = await get(coordinator, `/console/volunteers/${takahashi.id}`);
    expect(left.body).toContain('<dt>状態</dt><dd>退会</dd>');
    expect(left.body).toContain('<dt>退会日</dt><dd>2026/10/01</dd>');
    expect(left.body).toContain('<dt>保険の加入日</dt><dd>わからない(年度の初めから有効とみなします)</dd>');
    expect(left.body).toContain('<dt>災害の活動</dt><dd>保険の対象(天災タイプ)</dd>');
    expect(left.body).not.toContain('role="alert"');
    expect(await db().auditLog.count({ where: { action: 'volunteer.view' } })).toBe(3);
  });

  test('shows this fiscal year’s activities and hours (by the request’s date, April to March) and the latest activities', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada, sato, ito } = await seed();
    // Fiscal year 2026 (the clock is 24 Nov 2026): from 1 April 2026, however late in the year it was reported.
    const first = await activity(yamada.id, { date: '2026-04-01', kind: 'listening', hours: 0.5 });
    const escort = await activity(yamada.id, { date: '2026-10-10', hours: 2, note: '玄関の段差に <手すり> があると安心です' });
    const latest = await activity(yamada.id, { date: '2026-11-20', kind: 'listening', hours: 1.5 });
    // Fiscal year 2025: listed among the latest, not counted this year.
    const lastYear = await activity(yamada.id, { date: '2026-03-31', hours: 3, note: '雨でした' });
    // Not counted nor among the latest: accepted but no hours reported yet (listed apart), declined, or someone else's.
    const unreported = await activity(yamada.id, { date: '2026-11-22', hours: null });
    const upcoming = await activity(yamada.id, { date: '2026-12-05', hours: null, requestStatus: 'scheduled' });
    await activity(yamada.id, { date: '2026-11-23', hours: null, requestStatus: 'declined' });
    await activity(yamada.id, { date: '2026-11-21', hours: 4, status: 'declined' });
    await activity(sato.id, { date: '2026-11-01', hours: 5 });

    const res = await get(coordinator, `/console/volunteers/${yamada.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2 id="activity-heading">活動の記録</h2>');
    expect(res.body).toContain('<dt>年度</dt><dd>2026年度(2026年4月〜2027年3月)</dd>');
    expect(res.body).toContain('<dt>今年度の活動回数</dt><dd><strong>3回</strong></dd>');
    expect(res.body).toContain('<dt>今年度の活動時間</dt><dd><strong>4時間</strong></dd>');
    expect(activityRows(res.body)).toEqual([
      ['2026年11月20日', '傾聴・話し相手', '1.5時間', '—', latest.referenceNo],
      ['2026年10月10日', '送迎・付き添い', '2時間', '玄関の段差に &lt;手すり&gt; があると安心です', escort.referenceNo],
      ['2026年4月1日', '傾聴・話し相手', '0.5時間', '—', first.referenceNo],
      ['2026年3月31日', '送迎・付き添い', '3時間', '雨でした', lastYear.referenceNo],
    ]);
    expect(res.body).toContain(`<a href="/console/volunteer-requests/${escort.id}">${escort.referenceNo}</a>`);
    // Agreed but not reported: listed apart, oldest first, saying whether LINE has asked for the hours yet.
    expect(unreportedRows(res.body)).toEqual([
      ['2026年11月22日', '送迎・付き添い', '報告待ち(LINEでお願い済み)', unreported.referenceNo],
      ['2026年12月5日', '送迎・付き添い', '依頼の完了前', upcoming.referenceNo],
    ]);

    // Each volunteer's own: Sato has the one reported activity; Ito none this year or ever.
    const other = await get(coordinator, `/console/volunteers/${sato.id}`);
    expect(other.body).toContain('<dt>今年度の活動回数</dt><dd><strong>1回</strong></dd>');
    expect(other.body).toContain('<dt>今年度の活動時間</dt><dd><strong>5時間</strong></dd>');
    const empty = await get(coordinator, `/console/volunteers/${ito.id}`);
    expect(empty.body).toContain('<dt>今年度の活動回数</dt><dd><strong>0回</strong></dd>');
    expect(empty.body).toContain('<dt>今年度の活動時間</dt><dd><strong>0時間</strong></dd>');
    expect(activityRows(empty.body)).toEqual([]);
    expect(unreportedRows(empty.body)).toEqual([]);
    expect(empty.body).toContain('活動の記録はまだありません');

    // In April the count starts again (a new login: the session has expired); the latest activities stay listed.
    t.clock.set('2027-04-01T09:00:00+09:00');
    const april = await get(await loginAs(t.app, 'coordinator'), `/console/volunteers/${yamada.id}`);
    expect(april.body).toContain('<dt>年度</dt><dd>2027年度(2027年4月〜2028年3月)</dd>');
    expect(april.body).toContain('<dt>今年度の活動回数</dt><dd><strong>0回</strong></dd>');
    expect(activityRows(april.body)).toHaveLength(4);
  });

  test('lists at most the ten latest activities but counts them all', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada } = await seed();
    for (let day = 1; day <= 12; day += 1) await activity(yamada.id, { date: `2026-09-${String(day).padStart(2, '0')}`, hours: 1 });
    const res = await get(coordinator, `/console/volunteers/${yamada.id}`);
    expect(res.body).toContain('<dt>今年度の活動回数</dt><dd><strong>12回</strong></dd>');
    expect(res.body).toContain('<dt>今年度の活動時間</dt><dd><strong>12時間</strong></dd>');
    expect(activityRows(res.body).map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => `2026年9月${12 - i}日`));
  });

  test('an unknown id is a 404 page, and nothing is audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/volunteers/no-such-volunteer');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('ボランティアが見つかりません');
    expect(res.body).toContain('href="/console/volunteers"');
    expect(await db().auditLog.count({ where: { action: 'volunteer.view' } })).toBe(0);
  });
});

describe('the volunteer list in pages', () => {
  test('shows 50 a page with links to the next and previous pages that keep the filter; the CSV still holds every one', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    for (let i = 0; i < 62; i++) await volunteer({ name: `ボランティア${String(i).padStart(2, '0')}`, skills: i % 2 ? ['escort'] : ['listening'], registeredAt: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 86_400_000).toISOString() });
    const first = await get(coordinator, '/console/volunteers');
    expect(tableRows(first.body)).toHaveLength(50);
    expect(tableRows(first.body)[0]!.cells[0]).toBe('ボランティア61');
    expect(first.body).toContain('全62人のうち1〜50人目');
    expect(first.body).toContain('href="/console/volunteers?page=2" rel="next"');
    expect(first.body).not.toContain('rel="prev"');
    const second = await get(coordinator, '/console/volunteers?page=2');
    expect(tableRows(second.body).map((r) => r.cells[0])).toEqual(Array.from({ length: 12 }, (_, i) => `ボランティア${String(11 - i).padStart(2, '0')}`));
    expect(second.body).toContain('href="/console/volunteers" rel="prev"');
    expect(second.body).not.toContain('rel="next"');
    // A page past the end shows the last one.
    expect(tableRows((await get(coordinator, '/console/volunteers?page=9')).body)).toHaveLength(12);

    // Filtered: 31 with escort, one page; the filter stays in the links when there are more.
    const escort = await get(coordinator, '/console/volunteers?skill=escort');
    expect(tableRows(escort.body)).toHaveLength(31);
    expect(escort.body).not.toContain('rel="next"');
    for (let i = 0; i < 30; i++) await volunteer({ name: `送迎${i}`, skills: ['escort'], registeredAt: '2025-01-01T00:00:00Z' });
    const more = await get(coordinator, '/console/volunteers?skill=escort');
    expect(more.body).toContain('href="/console/volunteers?skill=escort&amp;page=2" rel="next"');
    expect(tableRows((await get(coordinator, '/console/volunteers?skill=escort&page=2')).body)).toHaveLength(11);
    // The counts at the top are of everyone, not of the page.
    expect(first.body).toMatch(/<dt>活動中<\/dt><dd><strong>62人<\/strong>/);

    const csv = (await get(coordinator, '/console/volunteers.csv')).rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(csv).toHaveLength(1 + 92);
    expect(csv.at(-1)).toMatch(/^92,/);
  });
});

describe('the volunteer CSV', () => {
  test('is the filtered list as UTF-8 with a BOM, CRLF, quoting and hyphenated phones, named in Japanese; the export is audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await seed();
    const res = await get(coordinator, '/console/volunteers.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="volunteers.csv"; filename*=UTF-8''${encodeURIComponent('ボランティア一覧_20261124.csv')}`);
    expect(res.headers['cache-control']).toBe('no-store');

    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toBe(
      [
        '番号,お名前,電話,地区,できること,曜日と時間帯,保険,状態,登録日',
        '1,"伊藤 ""さくら""",090-1234-5678,—,行事の手伝い,水 夕方以降,2026年度 天災(今日は対象外),活動中,2026/11/20',
        '2,佐藤 一郎,LINEで連絡,汐見台地区社会福祉協議会,手話,月 午前/午後・金 夕方以降,なし,活動中,2026/07/15',
        '3,山田 花子,090-1111-2222,海岸地区社会福祉協議会,傾聴・話し相手、送迎・付き添い,土 午前・日 午前,2026年度 基本,活動中,2026/06/01',
        '4,鈴木 次郎,03-1234-5678,海岸地区社会福祉協議会,送迎・付き添い,登録なし,2025年度 天災(今日は対象外),休止中,2025/05/01',
        '',
      ].join('\r\n'),
    );
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteer.export' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'volunteer' });
    expect(JSON.parse(audit.detail!)).toEqual({ rows: 4, filter: { status: 'current' } });
  });

  test('follows the filter of the list', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    await seed();
    const res = await get(coordinator, '/console/volunteers.csv?skill=listening&status=all');
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines).toEqual([
      '番号,お名前,電話,地区,できること,曜日と時間帯,保険,状態,登録日',
      '1,高橋 三郎,090-9999-8888,海岸地区社会福祉協議会,傾聴・話し相手,火 午前,2026年度 天災,退会,2026/08/01',
      '2,山田 花子,090-1111-2222,海岸地区社会福祉協議会,傾聴・話し相手、送迎・付き添い,土 午前・日 午前,2026年度 基本,活動中,2026/06/01',
      '',
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteer.export' } });
    expect(JSON.parse(audit.detail!)).toEqual({ rows: 2, filter: { status: 'all', skill: 'listening' } });
  });
});

describe('permissions and the audit page', () => {
  test('counsellors cannot open the list, a volunteer or the CSV; the nav shows ボランティア only to those who may', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada } = await seed();
    const counsellor = await loginAs(t.app, 'counsellor');
    for (const url of ['/console/volunteers', `/console/volunteers/${yamada.id}`, '/console/volunteers.csv', '/console/volunteers/no-such-volunteer']) {
      expect((await get(counsellor, url)).statusCode, url).toBe(403);
    }
    expect(await db().auditLog.count({ where: { action: { startsWith: 'volunteer.' } } })).toBe(0);
    expect((await get(counsellor, '/console')).body).not.toContain('href="/console/volunteers"');
    expect((await get(coordinator, '/console')).body).toContain('href="/console/volunteers"');
    const admin = await loginAs(t.app, 'admin');
    expect((await get(admin, '/console/volunteers')).statusCode).toBe(200);
  });

  test('the audit page names the volunteer actions in Japanese', async () => {
    const admin = await loginAs(t.app, 'admin');
    const { yamada } = await seed();
    await get(admin, '/console/volunteers');
    await get(admin, `/console/volunteers/${yamada.id}`);
    await get(admin, '/console/volunteers.csv');
    const res = await get(admin, '/console/audit');
    expect(res.body).toContain('ボランティアの一覧の閲覧（volunteer.list.view）');
    expect(res.body).toContain('ボランティアの登録内容の閲覧（volunteer.view）');
    expect(res.body).toContain('ボランティアの一覧のダウンロード（volunteer.export）');
    // Rows carry ids and counts, never a name or a phone number.
    const rows = JSON.stringify(await db().auditLog.findMany({ where: { action: { startsWith: 'volunteer.' } } }));
    expect(rows).not.toContain('山田');
    expect(rows).not.toContain('09011112222');
  });
});
