/**
 * The annual report (事業報告) as sections: each feature contributes one or more {@link AnnualReportSection}s
 * for a fiscal year — tables of counts (the source of every figure), charts drawn from those tables, and CSV rows
 * derived from the tables — so a new feature (complaints) plugs in as one more {@link AnnualReportSectionSource}.
 * Pure helpers: the fiscal year's bounds in Japan time, months, nearest-rank percentiles and the "<5" rule.
 */
import { jstDate, jstMidnightOf, JST_OFFSET_MS } from './japan-time';

/** A fiscal year (April–March) as Japan-time bounds. */
export interface FiscalYearBounds {
  fiscalYear: number;
  /** 1 April 00:00 JST, as an instant (inclusive). */
  start: Date;
  /** 1 April 00:00 JST of the next year (exclusive). */
  end: Date;
  /** `YYYY-04-01` and `YYYY+1-03-31`: for columns holding Japan-time dates. */
  fromDate: string;
  toDate: string;
  /** The twelve months, `2025-04` … `2026-03`. */
  months: string[];
}

/** Pure: the bounds of `fiscalYear` (2025 = 2025-04-01 00:00 JST up to 2026-04-01 00:00 JST). */
export function fiscalYearBounds(fiscalYear: number): FiscalYearBounds {
  const fromDate = `${fiscalYear}-04-01`;
  const toDate = `${fiscalYear + 1}-03-31`;
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = ((3 + i) % 12) + 1;
    return `${m >= 4 ? fiscalYear : fiscalYear + 1}-${String(m).padStart(2, '0')}`;
  });
  return { fiscalYear, start: new Date(jstMidnightOf(fromDate)), end: new Date(jstMidnightOf(`${fiscalYear + 1}-04-01`)), fromDate, toDate, months };
}

/** Pure: the fiscal year an instant falls in, Japan time. */
export function fiscalYearOfInstant(at: Date): number {
  const [y, m] = jstDate(at).split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** True when `at` lies in the fiscal year (start inclusive, end exclusive). */
export function inFiscalYear(b: FiscalYearBounds, at: Date | null | undefined): at is Date {
  return !!at && at.getTime() >= b.start.getTime() && at.getTime() < b.end.getTime();
}

/** The Japan-time month of an instant, `YYYY-MM`. */
export function jstMonth(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 7);
}

/** `2025-04` → `2025年4月`. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/**
 * Pure: the nearest-rank `p` percentile (0 < p ≤ 1) of the values — a value that occurred, never an interpolation
 * between two real waits (as the measures page does); null when there are none.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Counts from 1 to this minus one are shown as "<5" in a table whose cells could identify someone. */
export const SUPPRESS_BELOW = 5;

/**
 * The small-count rule: in a table marked `suppress`, a cell counting 1–4 is shown (on screen and in the CSV) as
 * "<5"; 0 stays 0 (nobody to identify) and totals stay exact (the published totals must add up to the council's
 * own records). Money, hours, durations and shares are not counts of people and are never suppressed.
 */
export function shownCount(count: number, suppress: boolean): string {
  if (suppress && count > 0 && count < SUPPRESS_BELOW) return `<${SUPPRESS_BELOW}`;
  return String(count);
}

/** One line of a table: a key (stable code) with its label and one value per column. */
export interface ReportRow {
  key: string;
  label: string;
  values: number[];
}

/**
 * A table of figures. Its rows' values are exact; what is shown is decided by `suppress` (counts of people 1–4
 * become "<5") and `unit`. `total` adds a row summing each column (always exact).
 */
export interface ReportTable {
  id: string;
  title: string;
  /** The header of the key column (「分野」). */
  keyLabel: string;
  columns: Array<{ key: string; label: string }>;
  rows: ReportRow[];
  /** True for counts that could identify someone (per district, per category by month …). */
  suppress: boolean;
  total: boolean;
  /** What the values are: counts (件/人), yen, hours or minutes. */
  unit: 'count' | 'yen' | 'hours' | 'minutes' | 'percent';
  /** A plain note under the table (how it is counted, its limits). */
  note?: string;
}

/** A chart drawn from one of the section's tables (the table stays on the page as its text equivalent). */
export interface ReportChart {
  id: string;
  title: string;
  tableId: string;
  type: 'bar' | 'line';
  /** Stack the table's columns (bar charts). */
  stacked: boolean;
  /** Draw rows as the x axis and columns as series (false: columns on the axis, rows as series). */
  rowsOnAxis: boolean;
}

/** One section of the report. */
export interface AnnualReportSection {
  id: string;
  title: string;
  tables: ReportTable[];
  charts: ReportChart[];
  /** Plain sentences shown under the title (e.g. "no disaster centre was open this year"). */
  notes: string[];
}

/** What a feature contributes: its section(s) for a fiscal year, or none when it has nothing that year. */
export interface AnnualReportSectionSource {
  id: string;
  sections(year: FiscalYearBounds): Promise<AnnualReportSection[]>;
}

/** The total row of a table: each column summed. */
export function totalRow(t: ReportTable): ReportRow {
  return { key: 'total', label: '合計', values: t.columns.map((_, i) => round2(t.rows.reduce((s, r) => s + (r.values[i] ?? 0), 0))) };
}

/** Rounds to two decimals (hours are halves; float sums stay clean). */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** How a value is shown in `t` (the screen and the CSV show the same text). */
export function shownValue(t: ReportTable, value: number, isTotal: boolean): string {
  if (t.unit === 'count') return shownCount(value, t.suppress && !isTotal);
  return String(value);
}

/** One CSV line of the report: section, breakdown (the table), key (the row, and the column when there are several), value as shown. */
export type ReportCsvRow = [section: string, breakdown: string, key: string, value: string];

/** Pure: the CSV rows of sections, every cell as the page shows it (the "<5" rule applied). */
export function reportCsvRows(sections: readonly AnnualReportSection[]): ReportCsvRow[] {
  const out: ReportCsvRow[] = [];
  for (const s of sections) {
    for (const t of s.tables) {
      const rows = t.total ? [...t.rows.map((r) => ({ r, total: false })), { r: totalRow(t), total: true }] : t.rows.map((r) => ({ r, total: false }));
      for (const { r, total } of rows) {
        t.columns.forEach((c, i) => {
          const key = t.columns.length > 1 ? `${r.label} / ${c.label}` : r.label;
          out.push([s.title, t.title, key, shownValue(t, r.values[i] ?? 0, total)]);
        });
      }
    }
  }
  return out;
}

/**
 * Pure: a count table from items: one row per key (in `keys` order, then unknown keys as they came), one column per
 * column key. `label` names a row key.
 */
export function countTable<T>(
  base: Omit<ReportTable, 'rows' | 'columns' | 'unit'> & { unit?: ReportTable['unit'] },
  items: readonly T[],
  rowOf: (item: T) => string,
  keys: ReadonlyArray<{ key: string; label: string }>,
  columns: ReadonlyArray<{ key: string; label: string }> = [{ key: 'count', label: '件数' }],
  columnOf: (item: T) => string = () => 'count',
  valueOf: (item: T) => number = () => 1,
): ReportTable {
  const rows: ReportRow[] = keys.map((k) => ({ key: k.key, label: k.label, values: columns.map(() => 0) }));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const item of items) {
    const key = rowOf(item);
    let row = byKey.get(key);
    if (!row) {
      row = { key, label: key, values: columns.map(() => 0) };
      rows.push(row);
      byKey.set(key, row);
    }
    const c = columns.findIndex((col) => col.key === columnOf(item));
    if (c >= 0) row.values[c] = round2(row.values[c]! + valueOf(item));
  }
  return { unit: 'count', ...base, columns: [...columns], rows };
}

/** The twelve months as row keys with Japanese labels. */
export function monthKeys(b: FiscalYearBounds): Array<{ key: string; label: string }> {
  return b.months.map((m) => ({ key: m, label: monthLabel(m) }));
}

/** How many in one Japan-time month (`YYYY-MM`). */
export interface MonthCount {
  month: string;
  count: number;
}

/**
 * The raw rows of one fiscal year the core sections are computed from: only the columns counted, never a name or
 * a message. Each list holds the rows whose own date lies in the year (see each field).
 */
export interface AnnualReportRows {
  /** Consultations created in the year, with the first staff reply in their thread after they were made. */
  consultations(b: FiscalYearBounds): Promise<Array<{ createdAt: Date; categoryCode: string; districtCode: string | null; contactMethod: string; status: string; referralTarget: string | null; replyDueAt: Date; firstReplyAt: Date | null }>>;
  /** Safety alerts raised in the year. */
  alerts(b: FiscalYearBounds): Promise<Array<{ createdAt: Date; category: string; acknowledgedAt: Date | null }>>;
  /** Residents who followed (last follow) or blocked (last unfollow) in the year, counted by Japan-time month (`YYYY-MM`). */
  follows(b: FiscalYearBounds): Promise<{ followed: MonthCount[]; unfollowed: MonthCount[] }>;
  /** Volunteers (not erased) registered before the year's end, with when they left. */
  volunteers(b: FiscalYearBounds): Promise<Array<{ id: string; registeredAt: Date; leftAt: Date | null; districtCode: string | null }>>;
  /**
   * Reported activities in the year: accepted invitations with hours whose request's date lies in it (kind = the
   * request's skill, district = the request's), and disaster team entries with hours (kind `disaster`).
   */
  activities(b: FiscalYearBounds): Promise<Array<{ volunteerId: string; date: string; kind: string; districtCode: string | null; hours: number }>>;
  /** Volunteer requests whose date lies in the year. */
  volunteerRequests(b: FiscalYearBounds): Promise<Array<{ kind: string; status: string }>>;
  /** Donation offers made in the year, and money received (receivedAt) in the year. */
  donationOffers(b: FiscalYearBounds): Promise<Array<{ kind: string; status: string; createdAt: Date }>>;
  moneyReceived(b: FiscalYearBounds): Promise<Array<{ kind: string; amountYen: number | null; receivedAt: Date }>>;
  /** Allocations made (allocatedOn) in the year. */
  allocations(b: FiscalYearBounds): Promise<Array<{ purposeCode: string; amountYen: number }>>;
  /** Events starting in the year with their registrations by status. */
  events(b: FiscalYearBounds): Promise<Array<{ startsAt: Date; status: string; registered: number; waitlisted: number; cancelled: number }>>;
  /** Staff changes to salon schedules dated in the year. */
  salonChanges(b: FiscalYearBounds): Promise<Array<{ salon: string; date: string; kind: 'cancelled' | 'extra' | 'note'; start: string | null; end: string | null }>>;
  /** Disaster centres (not drills) open at some point of the year, with their figures up to the year's end. */
  disasterCentres(b: FiscalYearBounds): Promise<Array<{ name: string; openedOn: string; status: string; checkIns: number; volunteers: number; teams: number; needs: number; needsDone: number }>>;
}
