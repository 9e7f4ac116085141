/**
 * Whether a pool member's natural-disaster insurance (天災タイプ of the ボランティア活動保険) covers an activity date.
 * Pure: the plan and enrolment date as the member gave them, and the centre's rule for the day of enrolment.
 */
import { fiscalYearOf, fiscalYearSpan } from '../volunteer';

/** The insurance a member gave: its plan code and enrolment date (YYYY-MM-DD), null while not enrolled. */
export interface DisasterCover {
  plan: string | null;
  enrolledOn: string | null;
}

export interface CoverRules {
  /** 大規模災害特例: cover starts on the day of enrolment instead of the day after. */
  sameDayException: boolean;
  /** The plans that cover natural disasters (the profile's `disaster.insurance.disasterPlans`); the basic plan does not. */
  disasterPlans: readonly string[];
}

/** The day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * True when `cover` covers the Japan-time date `day` (YYYY-MM-DD): only a disaster plan covers, from the day after
 * enrolment (the day itself under the large-disaster exception) to 31 March of the fiscal year (April–March) of
 * enrolment.
 */
export function coveredOn(cover: DisasterCover, day: string, rules: CoverRules): boolean {
  if (!cover.plan || !cover.enrolledOn || !rules.disasterPlans.includes(cover.plan)) return false;
  const from = rules.sameDayException ? cover.enrolledOn : nextDay(cover.enrolledOn);
  const { to } = fiscalYearSpan(fiscalYearOf(cover.enrolledOn));
  return day >= from && day <= to;
}
