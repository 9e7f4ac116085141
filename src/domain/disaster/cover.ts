import { DAY_MS, isCalendarDate } from '../japan-time';
import { fiscalYearOf, fiscalYearSpan } from '../volunteer';

/**
 * Whether a volunteer's natural-disaster insurance (ボランティア活動保険, 天災タイプ) covers a day of disaster
 * work. The basic plan excludes earthquakes, eruptions and tsunami, so only the plans the council lists as
 * disaster plans count. Cover starts at 00:00 the day after enrolment — or on the enrolment day itself while the
 * coordinator has switched on the large-disaster same-day exception (大規模災害特例) — and ends on 31 March of
 * the fiscal year (April–March) the enrolment falls in. Pure: dates are Japan-time `YYYY-MM-DD` values.
 */

/** The insurance a volunteer's profile records. */
export interface DisasterCover {
  /** The plan code from the council profile; null when the volunteer is not insured. */
  plan: string | null;
  /** The Japan-time date of enrolment, YYYY-MM-DD; null when not known. */
  enrolledOn: string | null;
}

/** Why a day is not covered. */
export type NotCoveredReason = 'none' | 'notDisasterPlan' | 'notYet' | 'expired';

/** How the centre reads cover on the day asked about. */
export interface CoverOptions {
  /** The 大規模災害特例 is on: an enrolment covers its own day. */
  sameDayException: boolean;
  /** Plan codes that cover natural disasters. */
  disasterPlans: string[];
}

/**
 * Pure: whether `cover` covers disaster work on `day`, or the first reason it does not, checked in this order:
 * no plan (`none`, also when the enrolment date is unknown — without it the fiscal year cannot be told, and
 * centres turn away volunteers whose cover they cannot confirm), a plan that is not a disaster plan, a day
 * before cover starts (`notYet`), a day after the fiscal year ends (`expired`). Throws a `RangeError` when a
 * date is not a calendar date written YYYY-MM-DD.
 */
export function coveredOn(cover: DisasterCover, day: string, opts: CoverOptions): { covered: true } | { covered: false; reason: NotCoveredReason } {
  checkDate('day', day);
  if (cover.plan === null || cover.enrolledOn === null) return { covered: false, reason: 'none' };
  checkDate('enrolledOn', cover.enrolledOn);
  if (!opts.disasterPlans.includes(cover.plan)) return { covered: false, reason: 'notDisasterPlan' };
  const from = opts.sameDayException ? cover.enrolledOn : dayAfter(cover.enrolledOn);
  if (day < from) return { covered: false, reason: 'notYet' };
  if (day > fiscalYearSpan(fiscalYearOf(cover.enrolledOn)).to) return { covered: false, reason: 'expired' };
  return { covered: true };
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function checkDate(what: string, date: string): void {
  if (!isCalendarDate(date)) throw new RangeError(`${what} must be a calendar date written YYYY-MM-DD, got ${date}`);
}

/** Whether a day is covered, and why not. */
export type CoverCheck = ReturnType<typeof coveredOn>;
