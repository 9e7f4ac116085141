/**
 * Natural-disaster insurance cover (ボランティア活動保険 天災タイプ) for a day of disaster volunteering. Cover starts at
 * 00:00 the day after enrolment — the same day under the large-disaster exception (大規模災害特例) — and runs to 31
 * March of the April–March fiscal year the enrolment falls in; only the plans that cover natural disasters count
 * (the basic plan excludes earthquakes, eruptions and tsunamis).
 */

/** Whether a volunteer is covered on a day, and why not. */
export type CoverCheck = { covered: true } | { covered: false; reason: 'none' | 'notDisasterPlan' | 'notYet' | 'expired' };

/** The day after `date` (YYYY-MM-DD). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** 31 March ending the fiscal year `date` falls in. */
function fiscalYearEnd(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return `${month >= 4 ? year + 1 : year}-03-31`;
}

/**
 * Pure: whether `cover` covers `day` (YYYY-MM-DD, Japan time). No plan or no enrolment date: `none`; a plan outside
 * `disasterPlans`: `notDisasterPlan`; before cover starts: `notYet`; after 31 March: `expired`.
 */
export function coveredOn(
  cover: { plan: string | null; enrolledOn: string | null },
  day: string,
  rules: { sameDayException: boolean; disasterPlans: readonly string[] },
): CoverCheck {
  if (!cover.plan || !cover.enrolledOn) return { covered: false, reason: 'none' };
  if (!rules.disasterPlans.includes(cover.plan)) return { covered: false, reason: 'notDisasterPlan' };
  const from = rules.sameDayException ? cover.enrolledOn : nextDay(cover.enrolledOn);
  if (day < from) return { covered: false, reason: 'notYet' };
  if (day > fiscalYearEnd(cover.enrolledOn)) return { covered: false, reason: 'expired' };
  return { covered: true };
}
