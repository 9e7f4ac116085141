// Under test: the console's reads over growing tables, on a temp SQLite file migrated as in production — the month's
// push count, the volunteers list, CSV and ranking candidates, a thread's history, the inbox, the measures, the
// volunteer-hours file and the audit pages. Each asserts what the page gets (exact counts, the same rows as the
// pure rules in src/domain, pages that are bounded and fit together) and SQLite's plan for every statement sent
// (EXPLAIN QUERY PLAN: an index range, no `SCAN` of the table, no sort of every row); nothing is timed. Faked: nothing
// (rows are written straight to the database). On PostgreSQL the contents are checked and the plans are not (its
// planner reads tiny tables whole whatever the indexes).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { matchesFilter, volunteerCounts, type VolunteerFilter } from '../../src/domain/volunteer-admin';
import { rankVolunteers, type VolunteerRequestNeed } from '../../src/domain/matching';
import type { VolunteerProfile } from '../../src/domain/volunteer';
import { PrismaBroadcastAdmin } from '../../src/infra/prisma/prisma-broadcast-admin';
import { PrismaVolunteerAdmin } from '../../src/infra/prisma/prisma-volunteer-admin';
import { toVolunteer } from '../../src/infra/prisma/prisma-volunteers';
import { HISTORY_PAGE, PrismaStaffThreadStore } from '../../src/infra/prisma/prisma-staff-threads';
import { prismaMeasuresSource } from '../../src/infra/prisma/prisma-measures-source';
import { PrismaAnnualReport } from '../../src/infra/prisma/prisma-annual-report';
import { PrismaAuditLog } from '../../src/infra/prisma/prisma-audit-log';
import { PrismaComplaints } from '../../src/infra/prisma/complaint-store';
import { PrismaFaq } from '../../src/infra/prisma/prisma-faq';
import { PrismaVolunteerRequests } from '../../src/infra/prisma/prisma-volunteer-requests';
import { PrismaEventAdmin } from '../../src/infra/prisma/prisma-event-admin';
import { PrismaDisasterAdmin } from '../../src/infra/prisma/prisma-disaster-admin';
import { PrismaDataRequests } from '../../src/infra/prisma/prisma-data-requests';
import { PrismaNeedsRepository } from '../../src/infra/prisma/prisma-needs-admin';
import type { BusinessHours } from '../../src/domain/council-profile';
import { createTestDb, testDatabaseKind, type TestDb } from '../helpers/test-db';
import { fullScans, plannedQueries, tempSorts } from '../helpers/query-plans';

let t: TestDb;
const db = () => t.db;
/** The plans asserted are SQLite's (EXPLAIN QUERY PLAN); on PostgreSQL the pages' contents are still checked. */
const plansOn = testDatabaseKind() === 'sqlite';
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

let residents = 0;
async function resident() {
  residents += 1;
  const at = new Date('2026-01-01T00:00:00Z');
  return db().resident.create({ data: { lineUserId: `U${String(residents).padStart(32, '0')}`, consent: 'granted', followedAt: at, createdAt: at, updatedAt: at } });
}

const SKILLS = ['escort', 'listening', 'shopping', 'garden'];
const DISTRICTS = ['kaigan', 'yama', 'eki'];

/** `n` registrations with mixed statuses, skills, districts, days and insurance (some stored oddly). */
async function volunteers(n: number, seed = 7) {
  const r = random(seed);
  for (let i = 0; i < n; i++) {
    const res = await resident();
    const insured = r() < 0.6;
    const days = ['mon', 'tue', 'wed', 'sat', 'sun'].filter(() => r() < 0.4);
    await db().volunteer.create({
      data: {
        residentId: res.id,
        name: `ボランティア${i}`,
        districtCode: r() < 0.1 ? null : pick(r, DISTRICTS),
        skills: r() < 0.05 ? '"escort"' : JSON.stringify(SKILLS.filter(() => r() < 0.4)),
        availability: r() < 0.05 ? '{"mon":"am"}' : JSON.stringify(Object.fromEntries(days.map((d) => [d, ['am', 'pm', 'evening', 'night'].filter(() => r() < 0.5)]))),
        insuranceFiscalYear: insured ? pick(r, [2025, 2026, 2026, 2026]) : null,
        insurancePlan: insured ? pick(r, ['basic', 'disaster', 'basic', 'other']) : null,
        insuranceEnrolledOn: insured ? pick(r, [null, '', '2026-04-01', '2026-11-23', '2026-11-24', '2026-12-01']) : null,
        status: pick(r, ['active', 'active', 'active', 'paused', 'left']),
        registeredAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 3) * 86_400_000 * 200),
        updatedAt: new Date('2026-01-01T00:00:00Z'),
      },
    });
  }
}

describe("this month's push count (the broadcast list and form)", () => {
  test('counts exactly the pushes sent this month, from one range of an index alone', async () => {
    const row = (id: string, method: string, status: string, sentAt: string | null) =>
      db().outboundMessage.create({ data: { id, lineUserId: 'U1', method, status, messages: '[]', createdAt: new Date(sentAt ?? '2026-11-05T00:00:00Z'), sentAt: sentAt ? new Date(sentAt) : null } });
    await row('a', 'push', 'sent', '2026-11-01T00:00:00Z');
    await row('b', 'push', 'sent', '2026-11-30T23:59:59Z');
    await row('c', 'push', 'sent', '2026-10-31T23:59:59Z');
    await row('d', 'push', 'sent', '2026-12-01T00:00:00Z');
    await row('e', 'reply', 'sent', '2026-11-10T00:00:00Z');
    await row('f', 'push', 'failed', null);
    await row('g', 'push', 'pending', null);
    const monthStart = new Date('2026-11-01T00:00:00Z');
    const monthEnd = new Date('2026-12-01T00:00:00Z');
    expect(await new PrismaBroadcastAdmin(db()).usage(monthStart, monthEnd)).toEqual({ used: 2, scheduled: 0 });

    if (!plansOn) return;
    const plans = await plannedQueries(t.url, (d) => new PrismaBroadcastAdmin(d).usage(monthStart, monthEnd));
    const count = plans.find((q) => q.sql.includes('"OutboundMessage"'))!;
    expect(count.plan.join('\n')).toMatch(/SEARCH OutboundMessage USING COVERING INDEX OutboundMessage_status_method_sentAt_idx \(status=\? AND method=\? AND sentAt>\? AND sentAt<\?\)/);
    expect(fullScans(plans, ['OutboundMessage', 'Broadcast'])).toEqual([]);
  });
});

describe('the volunteers list and CSV', () => {
  const filters: VolunteerFilter[] = [
    { statuses: ['active', 'paused'], skill: null, districtCode: null, insuredOn: null },
    { statuses: ['active'], skill: 'escort', districtCode: null, insuredOn: null },
    { statuses: ['paused'], skill: null, districtCode: 'yama', insuredOn: null },
    { statuses: ['active', 'paused', 'left'], skill: 'garden', districtCode: 'kaigan', insuredOn: '2026-11-24' },
    { statuses: ['left'], skill: null, districtCode: null, insuredOn: '2026-11-24' },
    { statuses: ['active', 'paused'], skill: null, districtCode: null, insuredOn: '2026-04-01' },
  ];

  test('pages hold the same registrations as the pure filter, newest first, each once; the counts match the pure counts', async () => {
    await volunteers(130);
    const admin = new PrismaVolunteerAdmin(db());
    const all = (await db().volunteer.findMany()).map((r) => ({ ...toVolunteer(r), registeredAt: r.registeredAt }));
    const newestFirst = (a: { registeredAt: Date; id: string }, b: { registeredAt: Date; id: string }) => b.registeredAt.getTime() - a.registeredAt.getTime() || (a.id < b.id ? -1 : 1);
    for (const f of filters) {
      const expected = all.filter((v) => matchesFilter(v, f)).sort(newestFirst).map((v) => v.id);
      const seen: string[] = [];
      for (let offset = 0; offset < expected.length + 20; offset += 20) {
        const page = await admin.page(f, { offset, limit: 20 });
        expect(page.total).toBe(expected.length);
        expect(page.rows.length).toBeLessThanOrEqual(20);
        seen.push(...page.rows.map((v) => v.id));
      }
      expect(seen).toEqual(expected);
      const exported: string[] = [];
      for await (const batch of admin.each(f)) exported.push(...batch.map((v) => v.id));
      expect(exported).toEqual(expected);
    }
    expect(await admin.counts('2026-11-24')).toEqual(volunteerCounts(all, '2026-11-24'));
  });

  test.runIf(plansOn)('a page and the counts read an index, not every registration (SQLite query plans)', async () => {
    await volunteers(20);
    const plans = await plannedQueries(t.url, async (d) => {
      const admin = new PrismaVolunteerAdmin(d);
      await admin.page(filters[0]!, { offset: 0, limit: 50 });
      await admin.page(filters[1]!, { offset: 50, limit: 50 });
      await admin.counts('2026-11-24');
    });
    expect(fullScans(plans, ['Volunteer'])).toEqual([]);
  });
});

describe("a volunteer request's ranking", () => {
  test('ranking only the candidates gives the same shortlist as ranking every active volunteer, whatever the recent invitations', async () => {
    await volunteers(160, 11);
    const admin = new PrismaVolunteerAdmin(db());
    const active = (await db().volunteer.findMany({ where: { status: 'active' } })).map(toVolunteer);
    const r = random(3);
    const needs: VolunteerRequestNeed[] = [
      { skills: ['escort'], districtCode: 'kaigan', date: '2026-11-24', part: 'am', people: 2 },
      { skills: ['garden', 'escort', 'garden'], districtCode: null, date: '2026-11-28', people: 1 },
      { skills: [], districtCode: 'yama', date: '2026-12-06', part: 'evening', people: 3 },
      { skills: ['disaster'], districtCode: null, date: '2026-11-25', people: 5, disasterWork: true },
      { skills: ['listening'], districtCode: 'eki', date: '2027-04-02', people: 1 },
    ];
    for (const need of needs) {
      for (const limit of [1, 5, 20]) {
        const recent = new Map(active.filter(() => r() < 0.5).map((v) => [v.id, 1 + Math.floor(r() * 6)]));
        const candidates = await admin.rankingCandidates(need, limit);
        const ids = (xs: ReturnType<typeof rankVolunteers>) => xs.map((x) => x.volunteer.id);
        expect(ids(rankVolunteers(need, candidates, recent, { limit }))).toEqual(ids(rankVolunteers(need, active, recent, { limit })));
        // Narrow: not everybody, once the shortlist is short.
        if (limit === 1) expect(candidates.length).toBeLessThan(active.length);
      }
    }
  });

  test('candidates carry what the ranking reads, as the registration holds it', async () => {
    await volunteers(10, 5);
    const [first] = await new PrismaVolunteerAdmin(db()).rankingCandidates({ skills: [], districtCode: null, date: '2026-11-24', people: 1 }, 1000);
    const row = await db().volunteer.findUniqueOrThrow({ where: { id: first!.id } });
    expect(first).toEqual(toVolunteer(row) satisfies VolunteerProfile);
  });
});

async function thread(owner = 'staff', at = new Date('2026-11-01T00:00:00Z')) {
  const res = await resident();
  return db().conversation.create({ data: { residentId: res.id, owner, openedAt: at, lastMessageAt: at, ...(owner === 'closed' ? { closedAt: at } : { waitingSince: at }) } });
}

describe("a thread's history", () => {
  test('shows the latest 50; 「以前のメッセージ」 adds 50 earlier ones each time until the first; live updates start after the latest', async () => {
    const c = await thread();
    const base = Date.parse('2026-11-01T00:00:00Z');
    await db().conversationMessage.createMany({ data: Array.from({ length: 120 }, (_, i) => ({ conversationId: c.id, direction: i % 2 ? 'out' : 'in', kind: 'text', text: `m${i}`, createdAt: new Date(base + i * 60_000) })) });
    const store = new PrismaStaffThreadStore(db());
    const texts = (h: Array<{ text: string | null }>) => h.map((e) => e.text);
    const page1 = (await store.detail(c.id))!;
    expect(page1.history).toHaveLength(HISTORY_PAGE);
    expect(texts(page1.history)).toEqual(Array.from({ length: 50 }, (_, i) => `m${70 + i}`));
    expect(page1.earlierSince).toEqual(new Date(base + 20 * 60_000));
    const page2 = (await store.detail(c.id, { historySince: page1.earlierSince! }))!;
    expect(texts(page2.history)).toEqual(Array.from({ length: 100 }, (_, i) => `m${20 + i}`));
    expect(page2.earlierSince).toEqual(new Date(base));
    const page3 = (await store.detail(c.id, { historySince: page2.earlierSince! }))!;
    expect(page3.history).toHaveLength(120);
    expect(page3.earlierSince).toBeNull();
    // A `since` later than the latest 50 still shows the latest 50.
    expect((await store.detail(c.id, { historySince: new Date(base + 119 * 60_000) }))!.history).toHaveLength(HISTORY_PAGE);
    expect(texts(await store.historySince(c.id, new Date(base + 118 * 60_000)))).toEqual(['m118', 'm119']);
  });

  test('a short thread shows everything and offers nothing earlier', async () => {
    const c = await thread();
    await db().conversationMessage.createMany({ data: Array.from({ length: 3 }, (_, i) => ({ conversationId: c.id, direction: 'in', kind: 'text', text: `m${i}`, createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)) })) });
    const d = (await new PrismaStaffThreadStore(db()).detail(c.id))!;
    expect(d.history.map((e) => e.text)).toEqual(['m0', 'm1', 'm2']);
    expect(d.earlierSince).toBeNull();
  });

  test.runIf(plansOn)("the page's reads are ranges of indexes: its messages and its consultations (SQLite query plans)", async () => {
    const c = await thread();
    const plans = await plannedQueries(t.url, (d) => new PrismaStaffThreadStore(d).detail(c.id));
    expect(fullScans(plans, ['ConversationMessage', 'Consultation', 'OutboundMessage', 'Conversation'])).toEqual([]);
    expect(plans.some((q) => q.plan.some((l) => /Consultation USING INDEX Consultation_conversationId_createdAt_idx/.test(l)))).toBe(true);
  });
});

describe('the inbox and the measures', () => {
  test.runIf(plansOn)('every view, the closed one included, reads an index in its order; no consultation scan (SQLite query plans)', async () => {
    await thread('closed');
    await thread('waiting');
    const plans = await plannedQueries(t.url, async (d) => {
      const store = new PrismaStaffThreadStore(d);
      for (const view of ['waiting', 'mine', 'team', 'urgent'] as const) await store.inbox(view, { id: 's1', teams: ['money'] });
      // The closed view in pages, as an admin and as a counsellor (who sees their teams' threads, urgent ones and their own).
      for (const role of ['admin', 'counsellor'] as const) await store.closed({ id: 's1', role, teams: ['money'] }, { offset: 0, limit: 50 });
    });
    expect(fullScans(plans, ['Conversation', 'Consultation', 'ConversationAlert', 'Alert'])).toEqual([]);
    const closed = plans.filter((q) => /ORDER BY .*closedAt/.test(q.sql) || /COUNT/.test(q.sql) && /closed|owner/.test(q.sql));
    expect(closed.length).toBe(4);
    for (const q of closed) expect(q.plan.join('\n')).toMatch(/Conversation_owner_closedAt_idx/);
    expect(tempSorts(closed)).toEqual([]);
  });

  test('the measures read threads opened since the date and older open ones, by index', async () => {
    const since = new Date('2026-10-01T00:00:00Z');
    await thread('closed', new Date('2026-09-01T00:00:00Z'));
    await thread('staff', new Date('2026-09-01T00:00:00Z'));
    await thread('closed', new Date('2026-10-05T00:00:00Z'));
    const source = prismaMeasuresSource(db(), {} as BusinessHours);
    expect((await source.load(since)).threads.map((x) => x.openedAt.toISOString()).sort()).toEqual(['2026-09-01T00:00:00.000Z', '2026-10-05T00:00:00.000Z']);
    if (!plansOn) return;
    const plans = await plannedQueries(t.url, (d) => prismaMeasuresSource(d, {} as BusinessHours).load(since));
    expect(fullScans(plans, ['Conversation', 'SurveyResponse'])).toEqual([]);
  });
});

describe('the volunteer-hours file and the audit pages', () => {
  test.runIf(plansOn)("the year's hours are read from the year's requests, not every invitation (SQLite query plans)", async () => {
    const plans = await plannedQueries(t.url, (d) => new PrismaAnnualReport(d).volunteerHours(2026));
    expect(fullScans(plans, ['VolunteerInvitation'])).toEqual([]);
  });

  test.runIf(plansOn)('a later audit page starts its range at the cursor; filters by staff or action read their own index (SQLite query plans)', async () => {
    const before = { at: new Date('2026-11-01T00:00:00Z'), id: 'm' };
    const plans = await plannedQueries(t.url, async (d) => {
      const audit = new PrismaAuditLog(d);
      await audit.list({ limit: 100, before });
      await audit.list({ limit: 100, filter: { staffId: 's1' } });
      await audit.list({ limit: 100, before, filter: { action: 'volunteer.view' } });
    });
    expect(fullScans(plans, ['AuditLog'])).toEqual([]);
    expect(plans[0]!.plan.join('\n')).toMatch(/AuditLog_at_idx \(at<\?\)/);
    expect(plans[1]!.plan.join('\n')).toMatch(/AuditLog_staffId_at_idx/);
    expect(plans[2]!.plan.join('\n')).toMatch(/AuditLog_action_at_idx/);
  });
});

describe('the annual report', () => {
  test.runIf(plansOn)("every figure is read from its year's range of an index, not from a whole growing table (SQLite query plans)", async () => {
    const { prismaAnnualReportRows } = await import('../../src/infra/prisma/prisma-annual-report-rows');
    const { fiscalYearBounds } = await import('../../src/domain/annual-report-sections');
    const b = fiscalYearBounds(2026);
    const plans = await plannedQueries(t.url, async (d) => {
      const rows = prismaAnnualReportRows(d) as unknown as Record<string, (b: unknown) => Promise<unknown>>;
      for (const read of Object.values(rows)) await read(b);
    });
    expect(fullScans(plans, ['Consultation', 'SafetyAlert', 'Resident', 'DonationOffer', 'VolunteerInvitation', 'VolunteerRequest', 'ConversationMessage'])).toEqual([]);
  });
});

describe('the paged lists (complaints, volunteer requests, events, disaster centres, data requests, a need’s history)', () => {
  test.runIf(plansOn)('each page and its count walk an index range; none sorts every row (SQLite query plans)', async () => {
    const at = new Date('2026-11-01T00:00:00Z');
    const res = await resident();
    for (let i = 0; i < 5; i++) {
      await db().complaint.create({ data: { referenceNo: `K-${i}`, kind: 'complaint', topic: 'staff', text: 'x', contact: 'none', status: i % 2 ? 'new' : 'resolved', createdAt: at, updatedAt: at } });
      await db().volunteerRequest.create({ data: { referenceNo: `V-${i}`, residentId: res.id, requesterType: 'person', kind: 'escort', date: `2026-11-0${i + 1}`, part: 'am', people: 1, status: i % 2 ? 'received' : 'done', createdAt: at, updatedAt: at } });
      await db().councilEvent.create({ data: { title: '{"ja":"x"}', description: '{"ja":"x"}', place: 'x', startsAt: at, endsAt: at, capacity: 1, deadline: at, createdAt: at, updatedAt: at } });
      await db().disasterCentre.create({ data: { name: `c${i}`, districts: '[]', openedOn: '2026-11-01', drill: i % 2 === 0, status: 'closed', createdAt: at, updatedAt: at } });
      await db().dataRequest.create({ data: { residentId: res.id, kind: 'copy', status: 'open', at } });
      await db().auditLog.create({ data: { action: 'disaster.need.view', subjectType: 'need', subjectId: 'n1', at } });
      await db().faqEntry.create({ data: { questions: '["q"]', answer: '{"ja":"a"}', createdAt: at, updatedAt: at } });
      await db().broadcast.create({ data: { kind: i % 2 ? 'announcement' : 'volunteer_notice', title: 'x', content: '{}', targeting: '{}', scheduledAt: at, createdAt: at, status: 'sent' } });
    }
    const page = { offset: 0, limit: 50 };
    const plans = await plannedQueries(t.url, async (d) => {
      await new PrismaComplaints(d).list({ status: null }, page);
      await new PrismaComplaints(d).list({ status: 'new' }, page);
      await new PrismaVolunteerRequests(d).list(['received', 'matched', 'scheduled'], page);
      await new PrismaVolunteerRequests(d).list(['done', 'declined'], page, true);
      await new PrismaEventAdmin(d).list(page);
      await new PrismaDisasterAdmin(d).centres(true, page);
      await new PrismaDisasterAdmin(d).centreTotals(true);
      await new PrismaDataRequests(d).open(page);
      await new PrismaNeedsRepository(d).auditRows('n1', page);
      await new PrismaBroadcastAdmin(d).list('composed', page);
      await new PrismaBroadcastAdmin(d).list('personal', page);
      await new PrismaFaq(d).list('', page);
    });
    expect(fullScans(plans, ['Complaint', 'VolunteerRequest', 'CouncilEvent', 'DisasterCentre', 'DataRequest', 'AuditLog', 'PoolMember', 'ActivityDay', 'Broadcast', 'FaqEntry'])).toEqual([]);
    // Only the open requests (the work in hand, not the years of finished ones) and staff's own sends (a few a week,
    // not the personal notices) are sorted as a whole.
    expect(tempSorts(plans).map((s) => s.replace(/^.*←\s*/, ''))).toEqual([expect.stringMatching(/status` IN \(\?,\?,\?\) ORDER BY .*date` ASC/), expect.stringMatching(/Broadcast.*kind` IN \(\?,\?,\?,\?\) ORDER BY/)]);
    const finished = plans.find((q) => q.sql.includes('+"status"'))!;
    expect(finished.plan.join('\n')).toMatch(/SCAN VolunteerRequest USING INDEX VolunteerRequest_date_idx/);
    const personal = plans.find((q) => q.sql.includes('+"kind"'))!;
    expect(personal.plan.join('\n')).toMatch(/SCAN Broadcast USING INDEX Broadcast_scheduledAt_idx/);
    expect(plans.filter((q) => /COUNT/.test(q.sql) && q.sql.includes('Broadcast')).map((q) => q.plan.join(' '))).toEqual([expect.stringMatching(/Broadcast_kind_scheduledAt_idx/), expect.stringMatching(/Broadcast_kind_scheduledAt_idx/)]);
    for (const [table, index] of [['FaqEntry', 'FaqEntry_updatedAt_idx'], ['Complaint', 'Complaint_status_createdAt_idx'], ['CouncilEvent', 'CouncilEvent_startsAt_idx'], ['DisasterCentre', 'DisasterCentre_drill_createdAt_idx'], ['DataRequest', 'DataRequest_status_at_idx'], ['AuditLog', 'AuditLog_subjectType_subjectId_at_idx']]) {
      expect(plans.filter((q) => q.sql.includes(`FROM \`main\`.\`${table}\``)).map((q) => q.plan.join(' ')).join('\n'), table).toContain(index!);
    }
  });
});
