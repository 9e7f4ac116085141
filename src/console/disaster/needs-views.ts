/**
 * The needs (ニーズ) pages' view models: the codes' Japanese names, the triage board (by status in board order,
 * each status cut to a limit with its total and a link to the rest, stale needs marked), the duplicates shown at
 * intake, and the CSV. Pure.
 */
import type { DuplicateMatch, DuplicateReason } from '../../domain/disaster/duplicates';
import type { NeedBoardColumn, NeedBoardCounts, NeedBoardFilter, NeedSummary } from '../../domain/disaster/needs-admin';
import {
  isStale,
  mayMoveNeed,
  NEED_FLAGS,
  NEED_STATUSES,
  WORK_KINDS,
  type DamageKind,
  type Household,
  type NeedChannel,
  type NeedFlag,
  type NeedPriority,
  type NeedStatus,
  type RequesterRelation,
  type SurveyDecision,
  type WorkKind,
} from '../../domain/disaster/needs';
import { csvDateTime, csvFile } from '../shared/csv';
import { districtText, type NamedCode } from '../shared/names';
import { DRILL_LABEL } from './disaster-views';

/** Staff's Japanese words for each code (the console is in Japanese only; residents' words are in the locales). */
export const NEED_STATUS_LABELS: Readonly<Record<NeedStatus, string>> = {
  received: '受付',
  surveying: '現地調査',
  coordinating: '調整中',
  scheduled: '活動予定',
  active: '活動中',
  continuing: '継続',
  done: '完了',
  cancelled: '取消',
  impossible: '対応不可',
};
export const PRIORITY_LABELS: Readonly<Record<NeedPriority, string>> = { high: '高', medium: '中', low: '低' };
export const FLAG_LABELS: Readonly<Record<NeedFlag, string>> = { crisis: '危機介入', watch: '見守り', vulnerable: '要配慮', locationUnknown: '場所不明', duplicate: '重複' };
export const DAMAGE_LABELS: Readonly<Record<DamageKind, string>> = { floodAbove: '床上浸水', floodBelow: '床下浸水', partial: '一部破損', sediment: '土砂流入', other: 'その他' };
export const WORK_LABELS: Readonly<Record<WorkKind, string>> = { mud: '土砂・泥出し', furniture: '家財の運び出し', cleaning: '清掃', garbage: 'ごみ出し', transport: '運搬', other: 'その他' };
export const HOUSEHOLD_LABELS: Readonly<Record<Household, string>> = { elderly: '高齢者', disabled: '障がいのある方', alone: '独居', smallChildren: '乳幼児' };
export const RELATION_LABELS: Readonly<Record<RequesterRelation, string>> = { self: '本人', family: '家族', neighbour: '近所の人', welfareCommissioner: '民生委員', helper: 'ヘルパー・ケアマネジャー' };
export const CHANNEL_LABELS: Readonly<Record<NeedChannel, string>> = { line: 'LINE', phone: '電話', counter: '窓口', visit: '訪問', welfareCommissioner: '民生委員から' };
export const SURVEY_LABELS: Readonly<Record<SurveyDecision, string>> = { needed: '必要', notNeeded: '不要', ask: '要相談' };
export const REASON_LABELS: Readonly<Record<DuplicateReason, string>> = { sameResident: '同じLINEの人', samePhone: '同じ電話番号', sameAddress: '同じ住所', nearby: '地図の位置が近い' };

/** The board's colour class of each status (console.css has no such colours: disaster-needs.css does). */
export function statusClass(s: NeedStatus): string {
  return `need-status need-${s}`;
}

/** The board's filters, from the query string; unknown values are dropped. */
export interface NeedFilter {
  district: string;
  status: string;
  work: string;
  flag: string;
}

/** Reads the board's filters from the query string. */
export function needFilter(query: Record<string, unknown>, districts: readonly NamedCode[]): NeedFilter {
  const pick = (v: unknown, allowed: readonly string[]) => (typeof v === 'string' && allowed.includes(v) ? v : '');
  return {
    district: pick(query.district, districts.map((d) => d.code)),
    status: pick(query.status, NEED_STATUSES),
    work: pick(query.work, WORK_KINDS),
    flag: pick(query.flag, [...NEED_FLAGS, 'suspect', 'stale']),
  };
}

/** `?district=…&…` of the filters set, or ''. */
export function needFilterQuery(f: NeedFilter): string {
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ''));
  return q.size ? `?${q.toString()}` : '';
}

/** The filter as the repository takes it: the codes set, and the instant before which 調整中 is stale. */
export function boardFilter(f: NeedFilter, staleBefore: Date): NeedBoardFilter {
  return {
    districtCode: f.district || null,
    status: (f.status || null) as NeedStatus | null,
    work: (f.work || null) as WorkKind | null,
    flag: (f.flag || null) as NeedBoardFilter['flag'],
    staleBefore,
  };
}

/**
 * How many needs each status shows on the whole board. A tablet at the centre reloads the board all day over a
 * mobile line: 50 a status keeps the page small (the whole board of 5,000 needs was 1.6 MB) while the first
 * screenfuls, where crisis and high-priority needs come first, are all there. The column still says its total.
 */
export const BOARD_COLUMN_LIMIT = 50;
/**
 * How many needs a single status shows (the status filter, which each cut column links to). Past this the page
 * says so and points to the narrower filters and the CSV, which lists every need the filter matches.
 */
export const STATUS_PAGE_LIMIT = 500;

/** How many needs a status shows under this filter. */
export function columnLimit(f: NeedFilter): number {
  return f.status ? STATUS_PAGE_LIMIT : BOARD_COLUMN_LIMIT;
}

/** A need's row on the board. */
export interface BoardRow {
  href: string;
  referenceNo: string;
  household: string;
  address: string;
  district: string;
  work: string;
  priority: string;
  priorityHigh: boolean;
  flags: Array<{ label: string; danger: boolean }>;
  suspect: boolean;
  stale: boolean;
  since: string;
  scheduledOn: string | null;
}

/** A status's group (column) on the board: its rows, how many match in all, and where to see the rest. */
export interface BoardGroup {
  status: NeedStatus;
  label: string;
  className: string;
  /** How many needs of this status match the filter (the rows are the first of them). */
  total: number;
  rows: BoardRow[];
  /** When the rows are cut: how many are left out, and (unless the status filter is on) a link to this status alone. */
  more: { hidden: number; link: { href: string; label: string } | null } | null;
}

/**
 * The board's groups, every status in board order (even empty), rows in the order the repository gives
 * (`boardOrder`: crisis first, then high priority, then the longest waiting). A cut column links to its status
 * alone (the other filters kept) unless the status filter is already on.
 */
export function boardGroups(
  columns: readonly NeedBoardColumn[],
  o: { filter: NeedFilter; boardHref: string; now: Date; staleHours: number; districts: readonly NamedCode[]; href: (id: string) => string },
): BoardGroup[] {
  const byStatus = new Map(columns.map((c) => [c.status, c]));
  return NEED_STATUSES.map((status) => {
    const column = byStatus.get(status) ?? { status, total: 0, needs: [] };
    const hidden = column.total - column.needs.length;
    return {
      status,
      label: NEED_STATUS_LABELS[status],
      className: statusClass(status),
      total: column.total,
      rows: column.needs.map((n) => boardRow(n, o)),
      more:
        hidden > 0
          ? { hidden, link: o.filter.status ? null : { href: `${o.boardHref}${needFilterQuery({ ...o.filter, status })}`, label: `「${NEED_STATUS_LABELS[status]}」だけを表示する(${STATUS_PAGE_LIMIT}件まで)` } }
          : null,
    };
  });
}

function boardRow(n: NeedSummary, o: { now: Date; staleHours: number; districts: readonly NamedCode[]; href: (id: string) => string }): BoardRow {
  return {
    href: o.href(n.id),
    referenceNo: n.referenceNo,
    household: n.householdName ?? '(名前なし)',
    address: n.address ?? '(住所なし)',
    district: districtText(n.districtCode, o.districts),
    work: n.work.map((w) => WORK_LABELS[w]).join('、') || '—',
    priority: PRIORITY_LABELS[n.priority],
    priorityHigh: n.priority === 'high',
    flags: n.flags.map((f) => ({ label: FLAG_LABELS[f], danger: f === 'crisis' })),
    suspect: n.unreviewed > 0,
    stale: isStale(n, o.now, o.staleHours),
    since: csvDateTime(n.statusSince),
    scheduledOn: n.scheduledOn,
  };
}

/** The whole centre's count of each status, in board order, for the board's header. */
export function statusCounts(counts: NeedBoardCounts): Array<{ label: string; count: number }> {
  return NEED_STATUSES.map((s) => ({ label: NEED_STATUS_LABELS[s], count: counts.byStatus[s] }));
}

/** The moves a need's page offers from `status`, with their buttons' words, in board order. */
export function needMoves(status: NeedStatus): Array<{ to: NeedStatus; label: string; needsDate: boolean; needsReason: boolean }> {
  return NEED_STATUSES.filter((to) => to !== status && mayMoveNeed(status, to)).map((to) => ({
    to,
    label: `「${NEED_STATUS_LABELS[to]}」にする`,
    needsDate: to === 'scheduled',
    needsReason: to === 'cancelled' || to === 'impossible',
  }));
}

/** A suspected duplicate as staff read it. */
export interface DuplicateRow {
  needId: string;
  href: string;
  referenceNo: string;
  address: string;
  household: string;
  status: string;
  reasons: string;
  distance: string;
}

/** The duplicates found, with what the centre knows of each (a need missing from `known` shows its reference only). */
export function duplicateRows(matches: readonly DuplicateMatch[], known: ReadonlyMap<string, Pick<NeedSummary, 'address' | 'householdName' | 'status'>>, href: (id: string) => string): DuplicateRow[] {
  return matches.map((m) => {
    const n = known.get(m.needId);
    return {
      needId: m.needId,
      href: href(m.needId),
      referenceNo: m.referenceNo,
      address: n?.address ?? '—',
      household: n?.householdName ?? '—',
      status: n ? NEED_STATUS_LABELS[n.status] : '—',
      reasons: m.reasons.map((r) => REASON_LABELS[r]).join('・'),
      distance: m.distanceMetres === undefined ? '—' : `約${Math.round(m.distanceMetres)}m`,
    };
  });
}

/** A plain map link (OpenStreetMap) for a pin; the page shows the coordinates as text beside it. */
export function mapLink(lat: number, lng: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat.toFixed(6)}&mlon=${lng.toFixed(6)}#map=18/${lat.toFixed(6)}/${lng.toFixed(6)}`;
}

/** The needs CSV's header. */
export const NEEDS_CSV_HEADER = ['区分', '受付番号', '状態', '状態になった日時', '優先度', 'フラグ', '重複の疑い', '世帯', '住所', '地区', '依頼内容', '活動予定日', '取消・対応不可の理由', '紹介先', '受付日時'] as const;

/** The needs CSV (drills labelled in their own column and file name, see `needsCsvName`). */
export function needsCsv(needs: readonly NeedSummary[], districts: readonly NamedCode[], drill: boolean): string {
  return csvFile(
    NEEDS_CSV_HEADER,
    needs.map((n) => [
      drill ? DRILL_LABEL : '実際の災害',
      n.referenceNo,
      NEED_STATUS_LABELS[n.status],
      csvDateTime(n.statusSince),
      PRIORITY_LABELS[n.priority],
      n.flags.map((f) => FLAG_LABELS[f]).join('・'),
      n.unreviewed > 0 ? 'あり' : '',
      n.householdName ?? '',
      n.address ?? '',
      n.districtCode ? districtText(n.districtCode, districts) : '',
      n.work.map((w) => WORK_LABELS[w]).join('・'),
      n.scheduledOn ?? '',
      n.closedReason ?? '',
      n.referral ?? '',
      csvDateTime(n.createdAt),
    ]),
  );
}

/** The CSV's file name: drills start with 訓練_. */
export function needsCsvName(c: { name: string; drill: boolean }, date: string): string {
  const clean = c.name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim().slice(0, 60) || 'センター';
  return `${c.drill ? `${DRILL_LABEL}_` : ''}災害ニーズ_${clean}_${date.replace(/-/g, '')}.csv`;
}
