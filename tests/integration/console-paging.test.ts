// Under test: the console's lists that grow, in pages (src/console/shared/paging.ts) through app.inject on the real
// app and a temp SQLite file — complaints, volunteer requests, events, disaster centres, open data requests, a need's
// history, and the residents search's "more than shown" notice. With more rows than a page (many written at one
// instant, so the order's tie-breaker decides): page 1 and page 2 hold the right rows, each once; the count is of
// every match; the filter stays in the pager's links; a page past the end shows the last one. Rows are written
// straight to the database. Faked: the clock (FakeClock) and LINE.
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
const hrefs = (html: string, pattern: RegExp) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).filter((h) => pattern.test(h));
const pagerLink = (html: string, rel: 'prev' | 'next') => [...html.matchAll(/href="([^"]+)" rel="(prev|next)"/g)].find((m) => m[2] === rel)?.[1]?.replace(/&amp;/g, '&') ?? null;

/** Walks every page from `url` by the pager's 「次へ」 links; returns each page's body. */
async function allPages(login: ConsoleLogin, url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let next: string | null = url; next; ) {
    const res = await get(login, next);
    expect(res.statusCode).toBe(200);
    bodies.push(res.body);
    next = pagerLink(res.body, 'next');
    expect(bodies.length).toBeLessThan(20);
  }
  return bodies;
}

describe('complaints', () => {
  async function complaint(n: number, status: string, at: Date) {
    return db().complaint.create({ data: { referenceNo: `K-261124-${String(n).padStart(4, '0')}`, kind: 'complaint', topic: 'staff', text: '対応', contact: 'none', phone: null, residentId: null, status, createdAt: at, updatedAt: at } });
  }

  test('50 a page, newest first; rows at one instant split over pages without loss; the status filter is kept', async () => {
    const admin = await loginAs(t.app, 'admin');
    const same = new Date('2026-11-01T00:00:00Z');
    for (let i = 0; i < 70; i++) await complaint(i, i % 7 === 0 ? 'resolved' : 'new', i < 60 ? same : new Date(same.getTime() + i * 60_000));
    const pages = await allPages(admin, '/console/complaints?status=new');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('60件中 1–50件');
    expect(pages[1]).toContain('60件中 51–60件');
    expect(pagerLink(pages[1]!, 'prev')).toBe('/console/complaints?status=new');
    const refs = pages.flatMap((b) => hrefs(b, /^\/console\/complaints\/[^?]/));
    expect(refs).toHaveLength(60);
    expect(new Set(refs).size).toBe(60);
    // Newest first: the ten written later lead the first page.
    const later = await db().complaint.findMany({ where: { status: 'new', createdAt: { gt: same } }, orderBy: { createdAt: 'desc' } });
    expect(refs.slice(0, later.length)).toEqual(later.map((c) => `/console/complaints/${c.id}`));
    expect(pagerLink(pages[0]!, 'next')).toBe('/console/complaints?status=new&page=2');
    // Past the end: the last page.
    expect((await get(admin, '/console/complaints?status=new&page=9')).body).toContain('60件中 51–60件');
    // Unfiltered: every one.
    expect((await get(admin, '/console/complaints')).body).toContain('70件中 1–50件');
    expect((await get(admin, '/console/complaints?status=resolved')).body).toContain('全10件');
  });
});

describe('volunteer requests', () => {
  let n = 0;
  async function helpRequest(status: string, date: string) {
    n += 1;
    const now = t.clock.now();
    const r = await db().resident.create({ data: { lineUserId: `U${String(n).padStart(32, '0')}`, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
    return db().volunteerRequest.create({
      data: { referenceNo: `V-261124-B${String(n).padStart(3, '0')}`, residentId: r.id, requesterType: 'person', kind: 'escort', districtCode: 'kaigan', date, part: 'am', people: 1, status, createdAt: now, updatedAt: now },
    });
  }

  test('the open ones soonest first and the finished ones latest first, 50 a page, each once; the tab is kept in the links', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    for (let i = 0; i < 55; i++) await helpRequest(i % 2 ? 'received' : 'scheduled', `2026-12-${String(1 + (i % 3)).padStart(2, '0')}`);
    for (let i = 0; i < 53; i++) await helpRequest(i % 4 ? 'done' : 'declined', `2026-${String(1 + (i % 10)).padStart(2, '0')}-15`);
    const open = await allPages(coordinator, '/console/volunteer-requests');
    expect(open).toHaveLength(2);
    expect(open[0]).toContain('55件中 1–50件');
    const openRefs = open.flatMap((b) => hrefs(b, /^\/console\/volunteer-requests\/[^?]/));
    expect(new Set(openRefs).size).toBe(55);
    const days = async (refs: string[]) => Promise.all(refs.map(async (h) => (await db().volunteerRequest.findUniqueOrThrow({ where: { id: h.split('/').at(-1)! } })).date));
    const openDays = await days(openRefs);
    expect(openDays).toEqual([...openDays].sort());

    const closed = await allPages(coordinator, '/console/volunteer-requests?show=closed');
    expect(closed).toHaveLength(2);
    expect(closed[1]).toContain('53件中 51–53件');
    expect(pagerLink(closed[0]!, 'next')).toBe('/console/volunteer-requests?show=closed&page=2');
    expect(pagerLink(closed[1]!, 'prev')).toBe('/console/volunteer-requests?show=closed');
    const closedRefs = closed.flatMap((b) => hrefs(b, /^\/console\/volunteer-requests\/[^?]/));
    expect(new Set(closedRefs).size).toBe(53);
    const closedDays = await days(closedRefs);
    expect(closedDays).toEqual([...closedDays].sort().reverse());
    expect((await get(coordinator, '/console/volunteer-requests?show=closed&page=5')).body).toContain('53件中 51–53件');
  });
});

describe('events', () => {
  test('50 a page, the latest start first; events starting at one time are split without loss', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const now = t.clock.now();
    const same = new Date('2027-01-10T01:00:00Z');
    for (let i = 0; i < 63; i++) {
      const startsAt = i < 55 ? same : new Date(same.getTime() + i * 86_400_000);
      await db().councilEvent.create({ data: { title: JSON.stringify({ ja: `講座${i}` }), description: '{"ja":"x"}', place: '福祉センター', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), capacity: 10, deadline: startsAt, createdAt: now, updatedAt: now } });
    }
    const pages = await allPages(coordinator, '/console/events');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('63件中 1–50件');
    expect(pages[1]).toContain('63件中 51–63件');
    expect(pagerLink(pages[0]!, 'next')).toBe('/console/events?page=2');
    const refs = pages.flatMap((b) => hrefs(b, /^\/console\/events\/[^/?]+$/).filter((h) => h !== '/console/events/new'));
    expect(new Set(refs).size).toBe(63);
    const later = await db().councilEvent.findMany({ where: { startsAt: { gt: same } }, orderBy: { startsAt: 'desc' } });
    expect(refs.slice(0, 8)).toEqual(later.map((e) => `/console/events/${e.id}`));
  });
});

describe('disaster centres', () => {
  test('real centres and drills are paged apart, each link keeping the other list’s page; the totals are of every centre', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const now = t.clock.now();
    for (let i = 0; i < 56; i++) {
      const c = await db().disasterCentre.create({ data: { name: `訓練${i}`, districts: '[]', openedOn: '2026-09-01', drill: true, status: 'closed', createdAt: now, updatedAt: now } });
      await db().poolMember.create({ data: { centreId: c.id, residentId: `r${i}`, kind: 'group', name: 'x', size: 3, origin: 'local', skills: '[]', availableDates: '[]', joinedAt: now, updatedAt: now } });
    }
    await db().disasterCentre.create({ data: { name: '台風', districts: '[]', openedOn: '2026-11-20', drill: false, status: 'open', createdAt: now, updatedAt: now } });
    const first = await get(coordinator, '/console/disaster');
    expect(first.body).toContain('センター 1件/登録者 0件(0人)');
    expect(first.body).toContain('センター 56件/登録者 56件(168人)');
    expect(first.body).toContain('56件中 1–50件');
    expect(first.body).toContain('いま開設中のセンター');
    expect(pagerLink(first.body, 'next')).toBe('/console/disaster?drillPage=2');
    const second = await get(coordinator, '/console/disaster?drillPage=2');
    expect(second.body).toContain('56件中 51–56件');
    expect(pagerLink(second.body, 'prev')).toBe('/console/disaster');
    const refs = [first.body, second.body].flatMap((b) => hrefs(b, /^\/console\/disaster\/centres\/[^/?]+$/));
    expect(new Set(refs).size).toBe(57);
  });
});

describe('the residents page', () => {
  async function resident(n: number) {
    const now = t.clock.now();
    return db().resident.create({ data: { lineUserId: `U${String(n).padStart(32, '0')}`, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
  }

  test('open data requests in pages of 50, oldest first, each once; the pager does not repeat a search', async () => {
    const admin = await loginAs(t.app, 'admin');
    const same = new Date('2026-11-01T00:00:00Z');
    for (let i = 0; i < 57; i++) {
      const r = await resident(i);
      await db().dataRequest.create({ data: { residentId: r.id, kind: 'copy', status: i === 3 ? 'done' : 'open', at: i < 50 ? same : new Date(same.getTime() - i * 60_000) } });
    }
    const first = await get(admin, '/console/residents?q=' + encodeURIComponent('田中'));
    expect(first.body).toContain('56件中 1–50件');
    expect(pagerLink(first.body, 'next')).toBe('/console/residents?page=2#requests-heading');
    const second = await get(admin, '/console/residents?page=2');
    expect(second.body).toContain('56件中 51–56件');
    const refs = [first.body, second.body].flatMap((b) => hrefs(b, /^\/console\/residents\/[^/?]+$/));
    expect(new Set(refs).size).toBe(56);
    // The oldest (written earlier than the 50 at one instant) lead the first page.
    const oldest = await db().dataRequest.findMany({ where: { at: { lt: same } }, orderBy: { at: 'asc' } });
    expect(refs.slice(0, 7)).toEqual(oldest.map((d) => `/console/residents/${d.residentId}`));
    expect(await db().auditLog.count({ where: { action: 'resident.data.find' } })).toBe(1);
  });

  test('a name matching more records than a search reads says so; fewer show every one without the notice', async () => {
    const admin = await loginAs(t.app, 'admin');
    const now = t.clock.now();
    for (let i = 0; i < 52; i++) {
      const r = await resident(i);
      await db().volunteer.create({ data: { residentId: r.id, name: `鈴木 ${i}`, skills: '[]', availability: '{}', registeredAt: now, updatedAt: now } });
    }
    const many = await get(admin, '/console/residents?q=' + encodeURIComponent('鈴木'));
    expect(many.body).toContain('50件以上あります');
    expect(hrefs(many.body, /^\/console\/residents\/[^/?]+$/)).toHaveLength(50);
    const few = await get(admin, '/console/residents?q=' + encodeURIComponent('鈴木 1'));
    expect(few.body).not.toContain('件以上あります');
    expect(hrefs(few.body, /^\/console\/residents\/[^/?]+$/)).toHaveLength(11);
    const audits = await db().auditLog.findMany({ where: { action: 'resident.data.find' }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => JSON.parse(a.detail!).more ?? false).sort()).toEqual([false, true]);
  });
});

describe("the inbox's closed threads (終了)", () => {
  test('50 a page, the latest closed first, each once; a counsellor counts and pages only the threads they may see', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const counsellor = await loginAs(t.app, 'counsellor', { teams: ['anshin'] });
    const now = t.clock.now();
    const same = new Date('2026-11-20T00:00:00Z');
    for (let i = 0; i < 75; i++) {
      const r = await db().resident.create({ data: { lineUserId: `U${String(i).padStart(32, '0')}`, consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
      // Every third thread is another team's: the counsellor sees 50 of 75.
      const closedAt = i < 60 ? same : new Date(same.getTime() + i * 60_000);
      await db().conversation.create({ data: { residentId: r.id, owner: 'closed', teamCode: i % 3 === 2 ? 'livelihood' : 'anshin', openedAt: same, closedAt, lastMessageAt: same } });
    }
    await db().conversation.create({ data: { residentId: (await db().resident.findFirstOrThrow()).id, owner: 'waiting', openedAt: same, lastMessageAt: same } });
    const threadRefs = (html: string) => hrefs(html, /^\/console\/threads\/[^/?]+$/);
    const pages = await allPages(coordinator, '/console/inbox?view=closed');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('75件中 1–50件');
    expect(pages[0]).toContain('data-page="1"');
    expect(pagerLink(pages[0]!, 'next')).toBe('/console/inbox?view=closed&page=2');
    const refs = pages.flatMap(threadRefs);
    expect(new Set(refs).size).toBe(75);
    const later = await db().conversation.findMany({ where: { closedAt: { gt: same } }, orderBy: { closedAt: 'desc' } });
    expect(refs.slice(0, 15)).toEqual(later.map((c) => `/console/threads/${c.id}`));
    // The poll of page 2 refreshes page 2.
    const polled = await get(coordinator, '/console/inbox/rows?view=closed&page=2');
    expect((JSON.parse(polled.body) as { rows: Array<{ href: string }> }).rows.map((r) => r.href)).toEqual(threadRefs(pages[1]!));

    const mine = await get(counsellor, '/console/inbox?view=closed');
    expect(mine.body).toContain('全50件');
    expect(mine.body).not.toContain('rel="next"');
    const visible = await db().conversation.findMany({ where: { owner: 'closed', teamCode: 'anshin' } });
    expect(threadRefs(mine.body).sort()).toEqual(visible.map((c) => `/console/threads/${c.id}`).sort());
    // The open views are not paged.
    expect((await get(coordinator, '/console/inbox')).body).not.toContain('件中');
  });
});

describe('broadcasts', () => {
  test("staff's sends and the personal notices are paged apart, the latest first, each link keeping the other list's page", async () => {
    const admin = await loginAs(t.app, 'admin');
    const same = new Date('2026-11-20T00:00:00Z');
    const row = (kind: string, i: number, at: Date) => db().broadcast.create({ data: { kind, title: `${kind}${i}`, content: '{"ja":"x"}', targeting: '{"everyone":true}', scheduledAt: at, createdAt: at, status: 'sent' } });
    for (let i = 0; i < 53; i++) await row('announcement', i, i < 45 ? same : new Date(same.getTime() + i * 60_000));
    for (let i = 0; i < 120; i++) await row(i % 2 ? 'volunteer_notice' : 'event_notice', i, i < 100 ? same : new Date(same.getTime() - i * 60_000));
    const first = await get(admin, '/console/broadcasts');
    expect(first.body).toContain('53件中 1–50件');
    expect(first.body).toContain('120件中 1–50件');
    const links = [...first.body.matchAll(/href="([^"]+)" rel="next"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(links).toEqual(['/console/broadcasts?page=2', '/console/broadcasts?noticePage=2#notices-heading']);
    const both = await get(admin, '/console/broadcasts?page=2&noticePage=3');
    expect(both.body).toContain('53件中 51–53件');
    expect(both.body).toContain('120件中 101–120件');
    expect([...both.body.matchAll(/href="([^"]+)" rel="prev"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))).toEqual(['/console/broadcasts?noticePage=3', '/console/broadcasts?noticePage=2&page=2#notices-heading']);
    // Every personal notice once over the three pages; the 20 written earlier are the last.
    const titles = async (url: string) => [...(await get(admin, url)).body.matchAll(/<td>((?:volunteer|event)_notice\d+)<\/td>/g)].map((m) => m[1]!);
    const all = [...(await titles('/console/broadcasts')), ...(await titles('/console/broadcasts?noticePage=2')), ...(await titles('/console/broadcasts?noticePage=3'))];
    expect(new Set(all).size).toBe(120);
    expect(all.slice(100)).toEqual(Array.from({ length: 20 }, (_, k) => `${100 + k}`).map((n) => `${Number(n) % 2 ? 'volunteer' : 'event'}_notice${n}`));
  });
});

describe('FAQ entries', () => {
  test('50 a page, the latest change first; the search is kept in the links', async () => {
    const admin = await loginAs(t.app, 'admin');
    // The council profile's seeded entries are there too: count them as the page does.
    const seeded = await db().faqEntry.count();
    const same = new Date('2026-11-20T00:00:00Z');
    for (let i = 0; i < 70; i++) await db().faqEntry.create({ data: { questions: JSON.stringify([`${i % 2 ? 'ごみ' : 'バス'}の質問${i}`]), answer: JSON.stringify({ ja: '答え' }), createdAt: same, updatedAt: same } });
    const all = await allPages(admin, '/console/faq');
    expect(all[0]).toContain(`${70 + seeded}件中 1–50件`);
    const q = encodeURIComponent('ごみの質問');
    const pages = await allPages(admin, `/console/faq?q=${q}`);
    expect(pages[0]).toContain('全35件');
    const more = await db().faqEntry.createMany({ data: Array.from({ length: 20 }, (_, i) => ({ questions: JSON.stringify([`ごみの質問 追加${i}`]), answer: JSON.stringify({ ja: '答え' }), createdAt: same, updatedAt: same })) });
    expect(more.count).toBe(20);
    const again = await allPages(admin, `/console/faq?q=${q}`);
    expect(again).toHaveLength(2);
    expect(again[0]).toContain('55件中 1–50件');
    expect(pagerLink(again[0]!, 'next')).toBe(`/console/faq?q=${encodeURIComponent('ごみの質問')}&page=2`);
    const refs = again.flatMap((b) => hrefs(b, /^\/console\/faq\/[^/?]+$/).filter((h) => h !== '/console/faq/new'));
    expect(new Set(refs).size).toBe(55);
  });
});
