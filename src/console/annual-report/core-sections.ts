/**
 * The report's sections built from the year's rows (`AnnualReportRows`): consultations, safety alerts, friends,
 * volunteers, donations, events and salons, the disaster centre. Pure builders (rows and the profile's names →
 * tables and charts) and one {@link AnnualReportSectionSource} that reads the rows and builds them.
 */
import {
  countTable,
  inFiscalYear,
  jstMonth,
  monthKeys,
  nearestRank,
  round2,
  type AnnualReportRows,
  type AnnualReportSection,
  type AnnualReportSectionSource,
  type FiscalYearBounds,
  type ReportTable,
} from '../../domain/annual-report-sections';
import { DAY_MS, jstMidnightOf } from '../../domain/japan-time';
import { upcomingSessions, withChanges, type SalonSchedule } from '../../domain/salon-schedule';
import { ALERT_CATEGORY_LABELS } from '../shared/alert-labels';

type Named = { code: string; name: string };
const keysOf = (items: readonly Named[]) => items.map((i) => ({ key: i.code, label: i.name }));
const labelled = (labels: Readonly<Record<string, string>>) => Object.entries(labels).map(([key, label]) => ({ key, label }));

/** The profile's names the core sections label their rows with. */
export interface ReportNames {
  categories: readonly Named[];
  districts: readonly Named[];
  skills: readonly Named[];
  /** Allocation plans by fiscal year: purposes with their budgets. */
  plans: ReadonlyArray<{ fiscalYear: number; purposes: ReadonlyArray<Named & { budgetYen: number }> }>;
  salons: ReadonlyArray<Named & { schedule: SalonSchedule }>;
}

const NO_DISTRICT = { key: 'none', label: '地区の記録なし' };
const CHANNEL = labelled({ line: 'LINE', phone: '電話', visit: '窓口・訪問' });
const CONSULTATION_STATUS = labelled({ new: '新規(未対応)', in_progress: '対応中', referred: '他機関へつないだ', closed: '終了' });
const ALERT = labelled(ALERT_CATEGORY_LABELS);
const REQUEST_STATUS = labelled({ received: '受付', matched: 'ボランティア決定', scheduled: '日時決定', done: '完了', declined: 'お受けできない' });
const DONATION_KIND = labelled({ money: 'お金', goods: '品物(善意銀行)', food: '食品(フードドライブ)', appliance: '家電・家具など' });
const DONATION_STATUS = labelled({ received: '受付', accepted: '受け入れ決定', declined: 'お断り', received_goods: '受領済み' });
const MINUTE = 60_000;

/** Minutes between two instants, to one decimal. */
const minutes = (from: Date, to: Date) => Math.round(((to.getTime() - from.getTime()) / MINUTE) * 10) / 10;

/** A one-column table of durations: how many, median, 90th percentile (minutes) and more rows. */
function durationTable(id: string, title: string, rows: Array<{ key: string; label: string; value: number; unit: ReportTable['unit'] }>, note: string): ReportTable[] {
  // Each figure has its own unit, so each is a table of one row (the CSV keeps the unit in the breakdown's name).
  return rows.map((r) => ({ id: `${id}-${r.key}`, title: `${title}: ${r.label}`, keyLabel: '項目', columns: [{ key: 'value', label: r.label }], rows: [{ key: r.key, label: r.label, values: [r.value] }], suppress: false, total: false, unit: r.unit, note }));
}

/** Pure: the consultations section. */
export function consultationsSection(b: FiscalYearBounds, rows: Awaited<ReturnType<AnnualReportRows['consultations']>>, names: ReportNames): AnnualReportSection {
  const categories = keysOf(names.categories);
  const byMonthArea = countTable({ id: 'consultations-month-area', title: '月別・分野別の相談件数', keyLabel: '月', suppress: true, total: true }, rows, (r) => jstMonth(r.createdAt), monthKeys(b), categories, (r) => r.categoryCode);
  const referred = rows.filter((r) => r.status === 'referred');
  const targets = [...new Set(referred.map((r) => (r.referralTarget ?? '').trim() || '(つなぎ先の記録なし)'))].sort((x, y) => x.localeCompare(y, 'ja'));
  const waits = rows.flatMap((r) => (r.firstReplyAt ? [minutes(r.createdAt, r.firstReplyAt)] : []));
  const inTarget = rows.filter((r) => r.firstReplyAt && r.firstReplyAt.getTime() <= r.replyDueAt.getTime()).length;
  return {
    id: 'consultations',
    title: '相談',
    notes: [`${rows.length}件の相談を受けました(LINEの相談フォームと職員が記録した相談)。`],
    tables: [
      countTable({ id: 'consultations-area', title: '分野別の相談件数', keyLabel: '分野', suppress: true, total: true }, rows, (r) => r.categoryCode, categories),
      byMonthArea,
      countTable({ id: 'consultations-district', title: '地区別の相談件数', keyLabel: '地区', suppress: true, total: true }, rows, (r) => r.districtCode ?? NO_DISTRICT.key, [...keysOf(names.districts), NO_DISTRICT]),
      countTable({ id: 'consultations-channel', title: '連絡方法別の相談件数', keyLabel: '連絡方法', suppress: true, total: true }, rows, (r) => r.contactMethod, CHANNEL),
      countTable({ id: 'consultations-outcome', title: '対応結果別の相談件数', keyLabel: '結果', suppress: true, total: true }, rows, (r) => r.status, CONSULTATION_STATUS),
      countTable({ id: 'consultations-referral', title: 'つなぎ先別の件数', keyLabel: 'つなぎ先', suppress: true, total: true }, referred, (r) => (r.referralTarget ?? '').trim() || '(つなぎ先の記録なし)', targets.map((t) => ({ key: t, label: t }))),
      ...durationTable(
        'consultations-first-reply',
        '最初の職員返信までの時間',
        [
          { key: 'replied', label: '職員が返信した相談(件)', value: waits.length, unit: 'count' },
          { key: 'median', label: '中央値(分)', value: nearestRank(waits, 0.5) ?? 0, unit: 'minutes' },
          { key: 'p90', label: '90パーセンタイル(分)', value: nearestRank(waits, 0.9) ?? 0, unit: 'minutes' },
          { key: 'withinTarget', label: '返信期限内の割合(%)', value: rows.length ? round2((inTarget / rows.length) * 100) : 0, unit: 'percent' },
        ],
        '相談の受付から、その会話で職員が最初に送った返信までの実時間です。期限内の割合は、すべての相談のうち返信期限までに職員が返信したものの割合です(返信のない相談は期限外として数えます)。',
      ),
    ],
    charts: [{ id: 'chart-consultations', title: '月別・分野別の相談件数', tableId: byMonthArea.id, type: 'bar', stacked: true, rowsOnAxis: true }],
  };
}

/** Pure: the safety alerts section. */
export function alertsSection(b: FiscalYearBounds, rows: Awaited<ReturnType<AnnualReportRows['alerts']>>): AnnualReportSection {
  const acks = rows.flatMap((r) => (r.acknowledgedAt ? [minutes(r.createdAt, r.acknowledgedAt)] : []));
  return {
    id: 'alerts',
    title: '安全確認のアラート',
    notes: [],
    tables: [
      countTable({ id: 'alerts-month', title: '月別のアラート件数', keyLabel: '月', suppress: true, total: true }, rows, (r) => jstMonth(r.createdAt), monthKeys(b)),
      countTable({ id: 'alerts-category', title: '種類別のアラート件数', keyLabel: '種類', suppress: true, total: true }, rows, (r) => r.category, ALERT),
      ...durationTable(
        'alerts-ack',
        '確認までの時間',
        [
          { key: 'median', label: '中央値(分)', value: nearestRank(acks, 0.5) ?? 0, unit: 'minutes' },
          { key: 'p90', label: '90パーセンタイル(分)', value: nearestRank(acks, 0.9) ?? 0, unit: 'minutes' },
          { key: 'unacknowledged', label: '未確認(件)', value: rows.length - acks.length, unit: 'count' },
        ],
        'アラートが出てから職員が「確認した」を押すまでの実時間です。',
      ),
    ],
    charts: [],
  };
}

/** Pure: friends gained and blocks by month. */
export function friendsSection(b: FiscalYearBounds, rows: Awaited<ReturnType<AnnualReportRows['follows']>>): AnnualReportSection {
  const items = [...rows.followed.map((m) => ({ ...m, c: 'followed' })), ...rows.unfollowed.map((m) => ({ ...m, c: 'blocked' }))];
  const table = countTable(
    {
      id: 'friends-month',
      title: '月別の友だち追加とブロック',
      keyLabel: '月',
      suppress: false,
      total: true,
      note: '友だちごとに最後の追加日と最後のブロック日だけを記録しているため、同じ人が何度も追加・ブロックした場合は最後の1回だけを数えます。',
    },
    items,
    (i) => i.month,
    monthKeys(b),
    [
      { key: 'followed', label: '友だち追加' },
      { key: 'blocked', label: 'ブロック' },
    ],
    (i) => i.c,
    (i) => i.count,
  );
  return { id: 'friends', title: 'LINEの友だち', notes: [], tables: [table], charts: [{ id: 'chart-friends', title: '月別の友だち追加とブロック', tableId: table.id, type: 'line', stacked: false, rowsOnAxis: true }] };
}

/** Pure: the volunteers section. */
export function volunteersSection(
  b: FiscalYearBounds,
  volunteers: Awaited<ReturnType<AnnualReportRows['volunteers']>>,
  activities: Awaited<ReturnType<AnnualReportRows['activities']>>,
  requests: Awaited<ReturnType<AnnualReportRows['volunteerRequests']>>,
  names: ReportNames,
): AnnualReportSection {
  const registered = volunteers.filter((v) => inFiscalYear(b, v.registeredAt)).length;
  const activeAtEnd = volunteers.filter((v) => !v.leftAt || v.leftAt.getTime() >= b.end.getTime()).length;
  const active = new Set(activities.map((a) => a.volunteerId)).size;
  const skills = keysOf(names.skills);
  // Disaster team entries count under `disaster`, a row of its own unless the profile has that skill already.
  if (!skills.some((k) => k.key === 'disaster')) skills.push({ key: 'disaster', label: '災害ボランティア' });
  const hoursByMonth = countTable({ id: 'volunteer-hours-month', title: '月別の活動時間', keyLabel: '月', suppress: false, total: true, unit: 'hours' }, activities, (a) => a.date.slice(0, 7), monthKeys(b), [{ key: 'hours', label: '時間' }], () => 'hours', (a) => a.hours);
  return {
    id: 'volunteers',
    title: 'ボランティア',
    notes: [],
    tables: [
      {
        id: 'volunteers-people',
        title: '登録と活動',
        keyLabel: '項目',
        columns: [{ key: 'count', label: '人数' }],
        rows: [
          { key: 'registered', label: '年度中の新規登録', values: [registered] },
          { key: 'activeAtEnd', label: '年度末の登録者(活動中・休止中)', values: [activeAtEnd] },
          { key: 'active', label: '1回以上活動した人', values: [active] },
        ],
        suppress: false,
        total: false,
        unit: 'count',
      },
      countTable({ id: 'volunteer-hours-skill', title: '活動の種類別の活動時間', keyLabel: '種類', suppress: false, total: true, unit: 'hours' }, activities, (a) => a.kind, skills, [{ key: 'hours', label: '時間' }], () => 'hours', (a) => a.hours),
      countTable({ id: 'volunteer-hours-district', title: '地区別の活動時間', keyLabel: '地区', suppress: false, total: true, unit: 'hours', note: '依頼の地区で数えます。災害ボランティアは「地区の記録なし」です。' }, activities, (a) => a.districtCode ?? NO_DISTRICT.key, [...keysOf(names.districts), NO_DISTRICT], [{ key: 'hours', label: '時間' }], () => 'hours', (a) => a.hours),
      hoursByMonth,
      countTable({ id: 'volunteer-requests', title: '依頼の種類別・結果別の件数', keyLabel: '種類', suppress: true, total: true }, requests, (r) => r.kind, keysOf(names.skills), REQUEST_STATUS, (r) => r.status),
    ],
    charts: [{ id: 'chart-volunteer-hours', title: '月別の活動時間', tableId: hoursByMonth.id, type: 'bar', stacked: false, rowsOnAxis: true }],
  };
}

/** Pure: donations and allocations. */
export function donationsSection(
  b: FiscalYearBounds,
  offers: Awaited<ReturnType<AnnualReportRows['donationOffers']>>,
  money: Awaited<ReturnType<AnnualReportRows['moneyReceived']>>,
  allocations: Awaited<ReturnType<AnnualReportRows['allocations']>>,
  names: ReportNames,
): AnnualReportSection {
  const plan = names.plans.find((p) => p.fiscalYear === b.fiscalYear)?.purposes ?? [];
  const allocated = countTable({ id: 'allocations-purpose', title: '目的別の配分(計画との比較)', keyLabel: '目的', suppress: false, total: true, unit: 'yen' }, allocations, (a) => a.purposeCode, keysOf(plan), [{ key: 'allocated', label: '配分額(円)' }, { key: 'budget', label: '計画額(円)' }], () => 'allocated', (a) => a.amountYen);
  for (const row of allocated.rows) row.values[1] = plan.find((p) => p.code === row.key)?.budgetYen ?? 0;
  return {
    id: 'donations',
    title: '寄付・寄贈',
    notes: plan.length ? [] : ['この年度の配分計画はありません。'],
    tables: [
      countTable({ id: 'donation-offers', title: '申し出の種類別・結果別の件数', keyLabel: '種類', suppress: true, total: true }, offers, (o) => o.kind, DONATION_KIND, DONATION_STATUS, (o) => o.status),
      {
        id: 'donation-money',
        title: '受け取ったお金',
        keyLabel: '項目',
        columns: [{ key: 'value', label: '値' }],
        rows: [
          { key: 'count', label: '受領件数', values: [money.filter((m) => m.kind === 'money').length] },
          { key: 'yen', label: '受領額(円)', values: [money.filter((m) => m.kind === 'money').reduce((s, m) => s + (m.amountYen ?? 0), 0)] },
        ],
        suppress: false,
        total: false,
        unit: 'yen',
      },
      allocated,
    ],
    charts: [],
  };
}

/** The number of salon sessions each salon held in the year (the schedule with staff changes). */
export function salonSessions(b: FiscalYearBounds, salons: ReportNames['salons'], changes: Awaited<ReturnType<AnnualReportRows['salonChanges']>>): Array<{ code: string; name: string; sessions: number }> {
  const days = Math.round((jstMidnightOf(b.toDate) - jstMidnightOf(b.fromDate)) / DAY_MS);
  return salons.map((s) => {
    const mine = changes.filter((c) => c.salon === s.code).map((c, i) => ({ ...c, id: String(i), note: null }));
    const sessions = upcomingSessions(withChanges(s.schedule, mine), b.start, days).filter((x) => x.date >= b.fromDate && x.date <= b.toDate);
    return { code: s.code, name: s.name, sessions: sessions.length };
  });
}

/** Pure: events and salons. */
export function eventsSection(b: FiscalYearBounds, events: Awaited<ReturnType<AnnualReportRows['events']>>, salons: ReturnType<typeof salonSessions>): AnnualReportSection {
  const held = events.filter((e) => e.status !== 'cancelled');
  return {
    id: 'events',
    title: '行事・サロン',
    notes: ['行事の当日の出欠は記録していないため、参加は申し込み(確定)の人数で数えます。'],
    tables: [
      countTable(
        { id: 'events-month', title: '月別の行事と申し込み', keyLabel: '月', suppress: false, total: true },
        held.flatMap((e) => [{ m: jstMonth(e.startsAt), c: 'events', v: 1 }, { m: jstMonth(e.startsAt), c: 'registered', v: e.registered }, { m: jstMonth(e.startsAt), c: 'waitlisted', v: e.waitlisted }, { m: jstMonth(e.startsAt), c: 'cancelled', v: e.cancelled }]),
        (x) => x.m,
        monthKeys(b),
        [{ key: 'events', label: '行事数' }, { key: 'registered', label: '申し込み(確定)' }, { key: 'waitlisted', label: 'キャンセル待ち' }, { key: 'cancelled', label: '申し込み取り消し' }],
        (x) => x.c,
        (x) => x.v,
      ),
      { id: 'events-cancelled', title: '中止した行事', keyLabel: '項目', columns: [{ key: 'count', label: '件数' }], rows: [{ key: 'cancelled', label: '中止', values: [events.length - held.length] }], suppress: false, total: false, unit: 'count' },
      { id: 'salon-sessions', title: 'サロンの開催回数', keyLabel: 'サロン', columns: [{ key: 'sessions', label: '開催回数' }], rows: salons.map((s) => ({ key: s.code, label: s.name, values: [s.sessions] })), suppress: false, total: true, unit: 'count', note: 'サロンの予定(休みと臨時開催の変更を含む)から数えた回数です。' },
    ],
    charts: [],
  };
}

/** Pure: the disaster volunteer centre's figures, or no section when none was open in the year. */
export function disasterSection(centres: Awaited<ReturnType<AnnualReportRows['disasterCentres']>>): AnnualReportSection[] {
  if (!centres.length) return [];
  const cols = [
    { key: 'checkIns', label: '受付(のべ人数)' },
    { key: 'volunteers', label: '活動した人(実人数)' },
    { key: 'teams', label: '派遣した班' },
    { key: 'needs', label: 'ニーズ' },
    { key: 'needsDone', label: '完了したニーズ' },
  ] as const;
  return [
    {
      id: 'disaster',
      title: '災害ボランティアセンター',
      notes: [],
      tables: [{ id: 'disaster-centres', title: 'センターごとの数字(訓練を除く)', keyLabel: 'センター', columns: cols.map((c) => ({ ...c })), rows: centres.map((c, i) => ({ key: String(i + 1), label: `${c.name}(${c.openedOn}開設)`, values: cols.map((k) => c[k.key]) })), suppress: false, total: true, unit: 'count' }],
      charts: [],
    },
  ];
}

/** The core sections, read from `rows` and labelled with `names`, in the report's order. */
export function coreReportSections(rows: AnnualReportRows, names: ReportNames): AnnualReportSectionSource {
  return {
    id: 'core',
    async sections(b) {
      const [consultations, alerts, follows, volunteers, activities, requests, offers, money, allocations, events, changes, centres] = await Promise.all([
        rows.consultations(b),
        rows.alerts(b),
        rows.follows(b),
        rows.volunteers(b),
        rows.activities(b),
        rows.volunteerRequests(b),
        rows.donationOffers(b),
        rows.moneyReceived(b),
        rows.allocations(b),
        rows.events(b),
        rows.salonChanges(b),
        rows.disasterCentres(b),
      ]);
      return [
        consultationsSection(b, consultations, names),
        alertsSection(b, alerts),
        friendsSection(b, follows),
        volunteersSection(b, volunteers, activities, requests, names),
        donationsSection(b, offers, money, allocations, names),
        eventsSection(b, events, salonSessions(b, names.salons, changes)),
        ...disasterSection(centres),
      ];
    },
  };
}
