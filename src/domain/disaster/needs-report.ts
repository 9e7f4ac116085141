/**
 * Needs (ニーズ) in the council's annual report: every need of a fiscal year as a statistics row, and the totals
 * councils publish (households requesting, served, still open, cancelled or impossible, by work kind and by centre).
 * A row carries no name, phone or address beyond the district: the annual report counts, it does not list people.
 * The port reads; the totals are pure.
 */
import { isOpenNeed, WORK_KINDS, type DamageKind, type NeedChannel, type NeedFlag, type NeedPriority, type NeedStatus, type WorkKind } from './needs';

/** One need of the year as the annual report lists it (statistics only: no household, phone or address). */
export interface NeedYearRow {
  referenceNo: string;
  centreName: string;
  drill: boolean;
  /** When the need was first received. */
  createdAt: Date;
  /** How its first report reached the centre; null if it has none left. */
  firstChannel: NeedChannel | null;
  districtCode: string | null;
  damage: DamageKind[];
  work: WorkKind[];
  status: NeedStatus;
  priority: NeedPriority;
  flags: NeedFlag[];
  /** YYYY-MM-DD, once scheduled. */
  scheduledOn: string | null;
  /** When it last reached 完了 (its history), while it is 完了; null otherwise. */
  doneAt: Date | null;
}

export interface NeedsYearSource {
  /**
   * The needs created in [from, until) of real centres (`drill` false) or of drills (true), not merged into another
   * (a linked duplicate is the same household), oldest first.
   */
  needsCreatedBetween(from: Date, until: Date, drill: boolean): Promise<NeedYearRow[]>;
}

/** The year's figures: each need is one household asking (duplicates are merged before they are counted). */
export interface NeedsYearTotals {
  households: number;
  /** 完了. */
  served: number;
  /** Not 完了, 取消 or 対応不可. */
  open: number;
  cancelled: number;
  impossible: number;
  /** Per work kind (in `WORK_KINDS` order): households asking for it, and how many of those are 完了. */
  byWork: Array<{ work: WorkKind; households: number; served: number }>;
  /** Per centre (in first-need order): households asking, and served. */
  byCentre: Array<{ centreName: string; households: number; served: number }>;
}

/** Pure: the totals of a year's rows. */
export function needsYearTotals(rows: readonly NeedYearRow[]): NeedsYearTotals {
  const count = (p: (r: NeedYearRow) => boolean) => rows.filter(p).length;
  const centres = new Map<string, { households: number; served: number }>();
  for (const r of rows) {
    const c = centres.get(r.centreName) ?? { households: 0, served: 0 };
    c.households += 1;
    if (r.status === 'done') c.served += 1;
    centres.set(r.centreName, c);
  }
  return {
    households: rows.length,
    served: count((r) => r.status === 'done'),
    open: count((r) => isOpenNeed(r.status)),
    cancelled: count((r) => r.status === 'cancelled'),
    impossible: count((r) => r.status === 'impossible'),
    byWork: WORK_KINDS.map((work) => ({ work, households: count((r) => r.work.includes(work)), served: count((r) => r.work.includes(work) && r.status === 'done') })),
    byCentre: [...centres].map(([centreName, c]) => ({ centreName, ...c })),
  };
}
