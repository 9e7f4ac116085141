// Under test: the annual report (/console/report and /console/report.csv) on the real app and a temp SQLite file.
// A year of rows (and rows just outside it, at the Japan-time boundaries) is seeded straight through Prisma from a
// seeded random generator; every figure of the CSV is checked against figures computed here with plain loops over
// the seeded data (not the report's code), with the "<5" rule restated here. Also: the page, who may open it, the
// audited download. Faked: the clock (FakeClock, 10 May 2026 JST: fiscal year 2026) and LINE (RecordingMessenger).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loginAs } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-05-10T10:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

type Named = { code: string; name: string };
const profile = parse(readFileSync('profiles/demo-council.yaml', 'utf8')) as {
  consultationCategories: Named[];
  districts: Named[];
  volunteer: { skills: Named[] };
  donations: { allocationPlans: Array<{ fiscalYear: number; purposes: Array<Named & { budgetYen: number }> }> };
  salons: Named[];
};

/** A small deterministic random generator (mulberry32). */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

// FY2025: 2025-04-01 00:00 JST (2025-03-31T15:00Z) up to 2026-04-01 00:00 JST (2026-03-31T15:00Z).
const FY_START = Date.parse('2025-03-31T15:00:00Z');
const FY_END = Date.parse('2026-03-31T15:00:00Z');
const inYear = (d: Date | null | undefined) => !!d && d.getTime() >= FY_START && d.getTime() < FY_END;
const inYearDate = (s: string) => s >= '2025-04-01' && s <= '2026-03-31';
const jstMonth = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 7);
const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
const MONTHS = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
/** Somewhere from two months before the year to two months after it, plus the exact boundary instants now and then. */
const BOUNDARIES = ['2026-03-31T14:59:00Z', '2026-03-31T15:00:00Z', '2025-03-31T15:00:00Z', '2025-03-31T14:59:59Z'];

/** The rule restated: 1–4 → "<5" where suppressed. */
const shown = (n: number, suppress: boolean) => (suppress && n > 0 && n < 5 ? '<5' : String(n));
const r2 = (n: number) => Math.round(n * 100) / 100;
function rank(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

/** Expected CSV rows: breakdown|key → shown value. */
class Expected {
  readonly m = new Map<string, string>();
  set(breakdown: string, key: string, value: string) {
    this.m.set(`${breakdown}|${key}`, value);
  }
  /** A count table: one cell per (row, column) and the total per column. */
  table(breakdown: string, rows: Array<{ label: string; values: number[] }>, columns: string[], suppress: boolean, total = true) {
    const multi = columns.length > 1;
    for (const r of rows) columns.forEach((c, i) => this.set(breakdown, multi ? `${r.label} / ${c}` : r.label, shown(r.values[i] ?? 0, suppress)));
    if (total) columns.forEach((c, i) => this.set(breakdown, multi ? `合計 / ${c}` : '合計', String(r2(rows.reduce((s, r) => s + (r.values[i] ?? 0), 0)))));
  }
}

/** Counts of items by a key, in the order of `keys`. */
function countBy<T>(items: T[], key: (x: T) => string, keys: Array<{ key: string; label: string }>, value: (x: T) => number = () => 1) {
  return keys.map((k) => {
    let n = 0;
    for (const x of items) if (key(x) === k.key) n += value(x);
    return { label: k.label, values: [r2(n)] };
  });
}

async function seedYear() {
  const R = rng(20250401);
  const when = () => (R.next() < 0.08 ? new Date(R.pick(BOUNDARIES)) : new Date(Date.parse('2025-02-01T00:00:00Z') + R.int(14 * 30 * 24 * 60) * 60_000));
  const date = () => new Date(when().getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  const cats = profile.consultationCategories.slice(0, 5).map((c) => c.code);
  const districts = profile.districts.slice(0, 4).map((d) => d.code);
  const skills = ['listening', 'escort', 'heavy_work'];
  const now = new Date('2026-05-10T01:00:00Z');

  const residents = [];
  for (let i = 0; i < 60; i++) {
    const followedAt = when();
    const unfollowedAt = R.next() < 0.3 ? when() : null;
    residents.push(await db().resident.create({ data: { lineUserId: `U${String(i).padStart(32, '0')}`, consent: 'granted', followedAt, unfollowedAt, followed: !unfollowedAt, createdAt: followedAt, updatedAt: now } }));
  }
  const consultations = [];
  for (let i = 0; i < 90; i++) {
    const res = R.pick(residents);
    const createdAt = when();
    const conv = await db().conversation.create({ data: { residentId: res.id, owner: 'staff', openedAt: createdAt, lastMessageAt: createdAt } });
    const status = R.pick(['new', 'in_progress', 'referred', 'closed']);
    const c = {
      createdAt,
      categoryCode: R.pick(cats),
      districtCode: R.next() < 0.2 ? null : R.pick(districts),
      contactMethod: R.pick(['line', 'phone', 'visit']),
      status,
      referralTarget: status === 'referred' ? R.pick(['地域包括支援センター', '生活支援課', '']) : null,
      replyDueAt: new Date(createdAt.getTime() + 24 * 3600_000),
      replies: [] as Date[],
    };
    // A staff message before the consultation (an earlier talk in the thread) is not its reply.
    if (R.next() < 0.2) await db().conversationMessage.create({ data: { conversationId: conv.id, direction: 'out', kind: 'text', text: 'x', staffId: 's', createdAt: new Date(createdAt.getTime() - 3600_000) } });
    await db().conversationMessage.create({ data: { conversationId: conv.id, direction: 'in', kind: 'text', text: 'x', createdAt: new Date(createdAt.getTime() + 60_000) } });
    for (let k = 0, n = R.next() < 0.75 ? 1 + R.int(2) : 0; k < n; k++) {
      const at = new Date(createdAt.getTime() + R.int(3000) * 60_000);
      c.replies.push(at);
      await db().conversationMessage.create({ data: { conversationId: conv.id, direction: 'out', kind: 'text', text: 'x', staffId: 's', createdAt: at } });
    }
    // A bot message (no staff member) is not a staff reply.
    await db().conversationMessage.create({ data: { conversationId: conv.id, direction: 'out', kind: 'text', text: 'bot', createdAt: new Date(createdAt.getTime() + 30_000) } });
    await db().consultation.create({
      data: { referenceNo: `C-${i}`, residentId: res.id, conversationId: conv.id, categoryCode: c.categoryCode, teamCode: 't', forWhom: 'self', districtCode: c.districtCode, contactMethod: c.contactMethod, urgency: 'normal', description: 'x', status, referralTarget: c.referralTarget, replyDueAt: c.replyDueAt, createdAt, updatedAt: now },
    });
    consultations.push(c);
    if (R.next() < 0.35) {
      const alertAt = when();
      const ack = R.next() < 0.7 ? new Date(alertAt.getTime() + R.int(500) * 60_000 + R.int(60) * 1000) : null;
      await db().safetyAlert.create({ data: { residentId: res.id, conversationId: conv.id, category: R.pick(['suicide', 'elder_abuse', 'crisis']), acknowledgedAt: ack, acknowledgedBy: ack ? 's' : null, createdAt: alertAt } });
    }
  }
  const volunteers = [];
  for (let i = 0; i < 18; i++) {
    const registeredAt = when();
    volunteers.push(await db().volunteer.create({ data: { residentId: residents[i]!.id, name: `V${i}`, districtCode: R.pick(districts), registeredAt, leftAt: R.next() < 0.25 ? when() : null, status: 'active', updatedAt: now } }));
  }
  for (let i = 0; i < 25; i++) {
    const req = await db().volunteerRequest.create({
      data: { referenceNo: `V-${i}`, residentId: R.pick(residents).id, requesterType: 'person', kind: R.pick(skills), districtCode: R.next() < 0.15 ? null : R.pick(districts), date: date(), part: 'am', people: 1, status: R.pick(['received', 'matched', 'scheduled', 'done', 'declined']), createdAt: now, updatedAt: now },
    });
    const chosen = new Set<number>();
    for (let k = 0, n = 1 + R.int(3); k < n; k++) chosen.add(R.int(volunteers.length));
    for (const v of chosen) {
      const accepted = R.next() < 0.75;
      await db().volunteerInvitation.create({ data: { requestId: req.id, volunteerId: volunteers[v]!.id, status: accepted ? 'accepted' : 'declined', invitedAt: now, hours: accepted && R.next() < 0.8 ? (1 + R.int(8)) / 2 : null } });
    }
  }
  const purposes = profile.donations.allocationPlans.find((p) => p.fiscalYear === 2025)!.purposes.map((p) => p.code);
  for (let i = 0; i < 30; i++) {
    const kind = R.pick(['money', 'goods', 'food', 'appliance']);
    const status = R.pick(['received', 'accepted', 'declined', 'received_goods']);
    await db().donationOffer.create({
      data: { referenceNo: `D-${i}`, residentId: R.pick(residents).id, kind, amountYen: kind === 'money' ? 1000 * (1 + R.int(50)) : null, name: 'x', slot: 's', status, receivedAt: status === 'received_goods' ? when() : null, createdAt: when(), updatedAt: now },
    });
  }
  for (let i = 0; i < 10; i++) await db().allocation.create({ data: { purposeCode: R.pick(purposes), amountYen: 10000 * (1 + R.int(20)), recipient: 'x', allocatedOn: date(), createdBy: 's', createdAt: now } });
  for (let i = 0; i < 8; i++) {
    const startsAt = when();
    const ev = await db().councilEvent.create({ data: { title: '{"ja":"x"}', description: '{"ja":"x"}', place: '{"ja":"x"}', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), capacity: 30, deadline: startsAt, status: R.next() < 0.2 ? 'cancelled' : 'open', createdAt: now, updatedAt: now } });
    const who = new Set<number>();
    for (let k = 0, n = R.int(12); k < n; k++) who.add(R.int(residents.length));
    for (const w of who) await db().eventRegistration.create({ data: { eventId: ev.id, residentId: residents[w]!.id, status: R.pick(['registered', 'registered', 'waitlisted', 'cancelled']), at: now, name: 'x', updatedAt: now } });
  }
  // Salon changes: shiomidai-cafe cancelled on a Wednesday, an extra Monday session; one change outside the year.
  await db().salonChange.create({ data: { salonCode: 'shiomidai-cafe', date: '2025-07-16', kind: 'cancelled', createdAt: now } });
  await db().salonChange.create({ data: { salonCode: 'shiomidai-cafe', date: '2025-07-21', kind: 'extra', createdAt: now } });
  await db().salonChange.create({ data: { salonCode: 'shiomidai-cafe', date: '2026-04-01', kind: 'cancelled', createdAt: now } });
  // A drill centre is not the disaster centre's figures: no disaster section.
  await db().disasterCentre.create({ data: { name: '訓練', districts: '[]', openedOn: '2025-09-01', drill: true, status: 'open', createdAt: now, updatedAt: now } });
}

/** Every figure of FY2025, computed with plain loops over what is in the database. */
async function expectedFigures(): Promise<Map<string, string>> {
  const e = new Expected();
  const named = (xs: Named[]) => xs.map((x) => ({ key: x.code, label: x.name }));
  const cats = named(profile.consultationCategories);
  const districts = [...named(profile.districts), { key: 'none', label: '地区の記録なし' }];
  const months = MONTHS.map((m) => ({ key: m, label: monthLabel(m) }));

  const consultations = (await db().consultation.findMany({ include: { conversation: { include: { messages: true } } } })).filter((c) => inYear(c.createdAt));
  e.table('分野別の相談件数', countBy(consultations, (c) => c.categoryCode, cats), ['件数'], true);
  const byMonthArea = months.map((m) => ({ label: m.label, values: cats.map((c) => consultations.filter((x) => jstMonth(x.createdAt) === m.key && x.categoryCode === c.key).length) }));
  e.table('月別・分野別の相談件数', byMonthArea, cats.map((c) => c.label), true);
  e.table('地区別の相談件数', countBy(consultations, (c) => c.districtCode ?? 'none', districts), ['件数'], true);
  e.table('連絡方法別の相談件数', countBy(consultations, (c) => c.contactMethod, [{ key: 'line', label: 'LINE' }, { key: 'phone', label: '電話' }, { key: 'visit', label: '窓口・訪問' }]), ['件数'], true);
  e.table('対応結果別の相談件数', countBy(consultations, (c) => c.status, [{ key: 'new', label: '新規(未対応)' }, { key: 'in_progress', label: '対応中' }, { key: 'referred', label: '他機関へつないだ' }, { key: 'closed', label: '終了' }]), ['件数'], true);
  const targets = new Map<string, number>();
  for (const c of consultations) if (c.status === 'referred') targets.set(c.referralTarget?.trim() || '(つなぎ先の記録なし)', (targets.get(c.referralTarget?.trim() || '(つなぎ先の記録なし)') ?? 0) + 1);
  e.table('つなぎ先別の件数', [...targets].map(([label, n]) => ({ label, values: [n] })), ['件数'], true);
  const waits: number[] = [];
  let inTarget = 0;
  for (const c of consultations) {
    let first: number | null = null;
    for (const m of c.conversation!.messages) {
      if (m.direction !== 'out' || !m.staffId || m.createdAt.getTime() < c.createdAt.getTime()) continue;
      if (first === null || m.createdAt.getTime() < first) first = m.createdAt.getTime();
    }
    if (first === null) continue;
    waits.push(Math.round(((first - c.createdAt.getTime()) / 60_000) * 10) / 10);
    if (first <= c.replyDueAt.getTime()) inTarget++;
  }
  const fr = '最初の職員返信までの時間';
  e.set(`${fr}: 職員が返信した相談(件)`, '職員が返信した相談(件)', String(waits.length));
  e.set(`${fr}: 中央値(分)`, '中央値(分)', String(rank(waits, 0.5)));
  e.set(`${fr}: 90パーセンタイル(分)`, '90パーセンタイル(分)', String(rank(waits, 0.9)));
  e.set(`${fr}: 返信期限内の割合(%)`, '返信期限内の割合(%)', String(r2((inTarget / consultations.length) * 100)));

  const alerts = (await db().safetyAlert.findMany()).filter((a) => inYear(a.createdAt));
  e.table('月別のアラート件数', countBy(alerts, (a) => jstMonth(a.createdAt), months), ['件数'], true);
  e.table('種類別のアラート件数', countBy(alerts, (a) => a.category, [{ key: 'suicide', label: '自殺の危険' }, { key: 'self_harm', label: '自傷' }, { key: 'child_abuse', label: '子どもの虐待' }, { key: 'elder_abuse', label: '高齢者の虐待' }, { key: 'domestic_violence', label: 'DV' }, { key: 'sexual_violence', label: '性暴力' }, { key: 'emergency', label: '緊急事態' }, { key: 'crisis', label: '危機介入(職員の判断)' }]), ['件数'], true);
  const acks = alerts.filter((a) => a.acknowledgedAt).map((a) => Math.round(((a.acknowledgedAt!.getTime() - a.createdAt.getTime()) / 60_000) * 10) / 10);
  e.set('確認までの時間: 中央値(分)', '中央値(分)', String(rank(acks, 0.5)));
  e.set('確認までの時間: 90パーセンタイル(分)', '90パーセンタイル(分)', String(rank(acks, 0.9)));
  e.set('確認までの時間: 未確認(件)', '未確認(件)', String(alerts.length - acks.length));

  const residents = await db().resident.findMany();
  e.table('月別の友だち追加とブロック', months.map((m) => ({ label: m.label, values: [residents.filter((r) => inYear(r.followedAt) && jstMonth(r.followedAt) === m.key).length, residents.filter((r) => inYear(r.unfollowedAt) && jstMonth(r.unfollowedAt!) === m.key).length] })), ['友だち追加', 'ブロック'], false);

  const volunteers = await db().volunteer.findMany();
  e.set('登録と活動', '年度中の新規登録', String(volunteers.filter((v) => inYear(v.registeredAt)).length));
  e.set('登録と活動', '年度末の登録者(活動中・休止中)', String(volunteers.filter((v) => v.registeredAt.getTime() < FY_END && (!v.leftAt || v.leftAt.getTime() >= FY_END)).length));
  const activities = (await db().volunteerInvitation.findMany({ include: { request: true } })).filter((i) => i.status === 'accepted' && i.hours !== null && inYearDate(i.request.date));
  e.set('登録と活動', '1回以上活動した人', String(new Set(activities.map((a) => a.volunteerId)).size));
  const skills = named(profile.volunteer.skills);
  e.table('活動の種類別の活動時間', countBy(activities, (a) => a.request.kind, skills, (a) => a.hours!), ['時間'], false);
  e.table('地区別の活動時間', countBy(activities, (a) => a.request.districtCode ?? 'none', districts, (a) => a.hours!), ['時間'], false);
  e.table('月別の活動時間', countBy(activities, (a) => a.request.date.slice(0, 7), months, (a) => a.hours!), ['時間'], false);
  const requests = (await db().volunteerRequest.findMany()).filter((r) => inYearDate(r.date));
  const reqStatus = [['received', '受付'], ['matched', 'ボランティア決定'], ['scheduled', '日時決定'], ['done', '完了'], ['declined', 'お受けできない']] as const;
  e.table('依頼の種類別・結果別の件数', skills.map((s) => ({ label: s.label, values: reqStatus.map(([st]) => requests.filter((r) => r.kind === s.key && r.status === st).length) })), reqStatus.map(([, l]) => l), true);

  const offers = await db().donationOffer.findMany();
  const kinds = [['money', 'お金'], ['goods', '品物(善意銀行)'], ['food', '食品(フードドライブ)'], ['appliance', '家電・家具など']] as const;
  const dStatus = [['received', '受付'], ['accepted', '受け入れ決定'], ['declined', 'お断り'], ['received_goods', '受領済み']] as const;
  const made = offers.filter((o) => inYear(o.createdAt));
  e.table('申し出の種類別・結果別の件数', kinds.map(([k, l]) => ({ label: l, values: dStatus.map(([s]) => made.filter((o) => o.kind === k && o.status === s).length) })), dStatus.map(([, l]) => l), true);
  const money = offers.filter((o) => o.kind === 'money' && o.status === 'received_goods' && inYear(o.receivedAt));
  e.set('受け取ったお金', '受領件数', String(money.length));
  e.set('受け取ったお金', '受領額(円)', String(money.reduce((s, o) => s + (o.amountYen ?? 0), 0)));
  const plan = profile.donations.allocationPlans.find((p) => p.fiscalYear === 2025)!.purposes;
  const allocations = (await db().allocation.findMany()).filter((a) => inYearDate(a.allocatedOn));
  e.table('目的別の配分(計画との比較)', plan.map((p) => ({ label: p.name, values: [allocations.filter((a) => a.purposeCode === p.code).reduce((s, a) => s + a.amountYen, 0), p.budgetYen] })), ['配分額(円)', '計画額(円)'], false);

  const events = (await db().councilEvent.findMany({ include: { registrations: true } })).filter((ev) => inYear(ev.startsAt));
  const held = events.filter((ev) => ev.status !== 'cancelled');
  e.table('月別の行事と申し込み', months.map((m) => {
    const these = held.filter((ev) => jstMonth(ev.startsAt) === m.key);
    const regs = (s: string) => these.reduce((n, ev) => n + ev.registrations.filter((r) => r.status === s).length, 0);
    return { label: m.label, values: [these.length, regs('registered'), regs('waitlisted'), regs('cancelled')] };
  }), ['行事数', '申し込み(確定)', 'キャンセル待ち', '申し込み取り消し'], false);
  e.set('中止した行事', '中止', String(events.length - held.length));
  // Salon sessions by walking every day of the year through the demo salons' rules (see profiles/demo-council.yaml).
  const counts = { 'kaigan-ikiiki': 0, 'kaigan-kodomo': 0, 'shiomidai-cafe': 0 } as Record<string, number>;
  for (let d = Date.parse('2025-04-01T00:00:00Z'); d <= Date.parse('2026-03-31T00:00:00Z'); d += 86_400_000) {
    const day = new Date(d);
    const iso = day.toISOString().slice(0, 10);
    const wd = day.getUTCDay();
    const dom = day.getUTCDate();
    const last = new Date(d + 7 * 86_400_000).getUTCMonth() !== day.getUTCMonth();
    if (wd === 2 && (Math.ceil(dom / 7) === 2 || Math.ceil(dom / 7) === 4)) counts['kaigan-ikiiki']!++;
    if (wd === 5 && last) counts['kaigan-kodomo']!++;
    if ((wd === 3 && iso !== '2025-07-16') || iso === '2025-07-21') counts['shiomidai-cafe']!++;
  }
  e.table('サロンの開催回数', profile.salons.map((s) => ({ label: s.name, values: [counts[s.code] ?? 0] })), ['開催回数'], false);
  return e.m;
}

/** The CSV's rows as breakdown|key → value (every row has four plain cells in this data). */
function csvRows(body: string): Map<string, string> {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const lines = body.slice(1).split('\r\n');
  expect(lines[0]).toBe('区分,内訳,項目,値');
  expect(lines.at(-1)).toBe('');
  const out = new Map<string, string>();
  for (const line of lines.slice(1, -1)) {
    const cells = line.split(',');
    expect(cells).toHaveLength(4);
    out.set(`${cells[1]}|${cells[2]}`, cells[3]!);
  }
  return out;
}

describe('the annual report of a seeded year', () => {
  test('every figure of the CSV matches the figures computed independently; the download is audited', async () => {
    await seedYear();
    const admin = await loginAs({ server: t.app.server, db: db() }, 'admin');
    const res = await t.app.server.inject({ method: 'GET', url: '/console/report.csv?fy=2025', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const got = csvRows(res.body);
    const want = await expectedFigures();
    // Every expected figure is in the CSV with its value …
    const mismatches = [...want].filter(([k, v]) => got.get(k) !== v).map(([k, v]) => `${k}: want ${v}, got ${got.get(k)}`);
    expect(mismatches).toEqual([]);
    // … and every other figure in the CSV is a zero row the expectations did not list, or the total of a listed table.
    const extra = [...got].filter(([k, v]) => !want.has(k) && v !== '0');
    expect(extra).toEqual([]);
    expect([...got.keys()].some((k) => k.startsWith('センターごとの数字'))).toBe(false);
    // The "<5" rule reached the CSV (the seeded district counts are small).
    expect([...got.values()]).toContain('<5');

    const audit = await db().auditLog.findMany({ where: { action: 'report.annual.export' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.staffId).toBe(admin.member.id);
  });

  test('the page shows the sections, tables and charts; coordinators may open it, counsellors may not; a bad year is refused', async () => {
    await seedYear();
    const coordinator = await loginAs({ server: t.app.server, db: db() }, 'coordinator');
    const page = await t.app.server.inject({ method: 'GET', url: '/console/report?fy=2025', headers: { cookie: coordinator.cookie } });
    expect(page.statusCode).toBe(200);
    for (const id of ['section-consultations', 'section-alerts', 'section-friends', 'section-volunteers', 'section-donations', 'section-events', 'chart-friends', 'chart-consultations', 'chart-volunteer-hours', 'table-consultations-district']) {
      expect(page.body).toContain(`id="${id}"`);
    }
    expect(page.body).toContain('/console/assets/chart.umd.min.js');
    expect(page.body).not.toContain('section-disaster');
    const script = await t.app.server.inject({ method: 'GET', url: '/console/assets/chart.umd.min.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    const bad = await t.app.server.inject({ method: 'GET', url: '/console/report?fy=20x5', headers: { cookie: coordinator.cookie } });
    expect(bad.statusCode).toBe(400);
    const counsellor = await loginAs({ server: t.app.server, db: db() }, 'counsellor');
    const refused = await t.app.server.inject({ method: 'GET', url: '/console/report?fy=2025', headers: { cookie: counsellor.cookie } });
    expect(refused.statusCode).toBe(403);
  });
});

describe('the disaster centre in the report', () => {
  test('a real centre open in the year gets its section (a drill, or a centre closed before the year, does not)', async () => {
    const now = t.clock.now();
    await db().disasterCentre.create({ data: { name: '豪雨災害', districts: '[]', openedOn: '2025-09-01', drill: false, status: 'closed', createdAt: now, updatedAt: new Date('2025-10-01T00:00:00Z') } });
    await db().disasterCentre.create({ data: { name: '訓練', districts: '[]', openedOn: '2025-09-01', drill: true, status: 'open', createdAt: now, updatedAt: now } });
    await db().disasterCentre.create({ data: { name: '前の年', districts: '[]', openedOn: '2024-07-01', drill: false, status: 'closed', createdAt: now, updatedAt: new Date('2024-08-01T00:00:00Z') } });
    const admin = await loginAs({ server: t.app.server, db: db() }, 'admin');
    const res = await t.app.server.inject({ method: 'GET', url: '/console/report.csv?fy=2025', headers: { cookie: admin.cookie } });
    const rows = csvRows(res.body);
    const centre = [...rows].filter(([k]) => k.startsWith('センターごとの数字'));
    expect(centre.map(([k]) => k).sort()).toEqual(
      ['受付(のべ人数)', '活動した人(実人数)', '派遣した班', 'ニーズ', '完了したニーズ'].flatMap((c) => [`センターごとの数字(訓練を除く)|豪雨災害(2025-09-01開設) / ${c}`, `センターごとの数字(訓練を除く)|合計 / ${c}`]).sort(),
    );
  });
});
