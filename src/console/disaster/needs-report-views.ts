/**
 * The annual report's needs files (年次報告): one row per need of the fiscal year, and the year's totals as
 * councils publish them. Statistics only — no household name, phone or address (the district is the finest place
 * given), nor the free text of 「その他」 or the notes, which may name people. Real centres and drills are never in the
 * same file: a drill's files say 訓練 in every row and in their name. Pure.
 */
import type { NeedsYearTotals, NeedYearRow } from '../../domain/disaster/needs-report';
import { csvDate, csvFile } from '../shared/csv';
import { fiscalYearLabel } from '../shared/fiscal-year';
import { districtText, type NamedCode } from '../shared/names';
import { DRILL_LABEL } from './disaster-views';
import { CHANNEL_LABELS, DAMAGE_LABELS, FLAG_LABELS, NEED_STATUS_LABELS, PRIORITY_LABELS, WORK_LABELS } from './needs-views';

const KIND = (drill: boolean) => (drill ? DRILL_LABEL : '実際の災害');

/** The year's needs file's header. */
export const NEEDS_YEAR_CSV_HEADER = ['区分', 'センター', '受付番号', '受付日', '最初の受付方法', '地区', '被害', '依頼内容', '状態', '優先度', 'フラグ', '活動予定日', '完了日'] as const;

/** Every need of the year, one a row (see the file's doc for what is left out). */
export function needsYearCsv(rows: readonly NeedYearRow[], districts: readonly NamedCode[], drill: boolean): string {
  return csvFile(
    NEEDS_YEAR_CSV_HEADER,
    rows.map((n) => [
      KIND(drill),
      n.centreName,
      n.referenceNo,
      csvDate(n.createdAt),
      n.firstChannel ? CHANNEL_LABELS[n.firstChannel] : '',
      n.districtCode ? districtText(n.districtCode, districts) : '',
      n.damage.map((d) => DAMAGE_LABELS[d] ?? d).join('・'),
      n.work.map((w) => WORK_LABELS[w] ?? w).join('・'),
      NEED_STATUS_LABELS[n.status] ?? n.status,
      PRIORITY_LABELS[n.priority] ?? n.priority,
      n.flags.map((f) => FLAG_LABELS[f] ?? f).join('・'),
      n.scheduledOn ? n.scheduledOn.replace(/-/g, '/') : '',
      n.doneAt ? csvDate(n.doneAt) : '',
    ]),
  );
}

/** The totals file's header. */
export const NEEDS_TOTALS_CSV_HEADER = ['年度', '区分', '項目', '内訳', '世帯数'] as const;

/** The year's totals as lines of a table (the page shows the same lines). */
export function totalsLines(t: NeedsYearTotals): Array<{ item: string; detail: string; count: number }> {
  return [
    { item: '依頼のあった世帯', detail: '', count: t.households },
    { item: '対応済み(完了)', detail: '', count: t.served },
    { item: '対応中(完了・取消・対応不可のほか)', detail: '', count: t.open },
    { item: '取消', detail: '', count: t.cancelled },
    { item: '対応不可', detail: '', count: t.impossible },
    ...t.byWork.map((w) => ({ item: '依頼内容別:依頼のあった世帯', detail: WORK_LABELS[w.work], count: w.households })),
    ...t.byWork.map((w) => ({ item: '依頼内容別:完了', detail: WORK_LABELS[w.work], count: w.served })),
    ...t.byCentre.map((c) => ({ item: 'センター別:依頼のあった世帯', detail: c.centreName, count: c.households })),
    ...t.byCentre.map((c) => ({ item: 'センター別:完了', detail: c.centreName, count: c.served })),
  ];
}

/** The year's totals (each need counts as one household; duplicates are merged before). */
export function needsTotalsCsv(t: NeedsYearTotals, year: number, drill: boolean): string {
  return csvFile(
    NEEDS_TOTALS_CSV_HEADER,
    totalsLines(t).map((l) => [fiscalYearLabel(year), KIND(drill), l.item, l.detail, String(l.count)]),
  );
}

/** `災害ニーズ_年次報告_2026年度.csv`, `訓練_災害ニーズ_集計_2026年度.csv`. */
export function needsYearCsvName(year: number, drill: boolean, totals: boolean): string {
  return `${drill ? `${DRILL_LABEL}_` : ''}災害ニーズ_${totals ? '集計' : '年次報告'}_${year}年度.csv`;
}

/** The disaster module's annual report page. */
export interface DisasterReportsView {
  year: number;
  yearLabel: string;
  years: Array<{ value: number; label: string }>;
  groups: Array<{
    drill: boolean;
    heading: string;
    households: number;
    lines: ReturnType<typeof totalsLines>;
    needsHref: string;
    totalsHref: string;
  }>;
  backHref: string;
}
