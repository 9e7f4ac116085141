import { businessMinutesBetween } from './business-hours';
import type { BusinessHours } from './council-profile';
import { DAY_MS } from './japan-time';

/** What the measures are computed from: one row per thread. */
export interface ThreadTimes {
  openedAt: Date;
  waitingSince: Date | null;
  firstStaffReplyAt: Date | null;
  closedAt: Date | null;
}

/** Median and 90th percentile of a list (null when empty). */
export interface Spread {
  count: number;
  median: number | null;
  p90: number | null;
}

/** Open threads counted by how long they have been open. */
export interface AgeBuckets {
  underDay: number;
  oneToThreeDays: number;
  threeToSevenDays: number;
  overWeek: number;
}

/** The console's measures of how staff answer residents. */
export interface ServiceMeasures {
  /** Business minutes from hand-off to the first staff reply. */
  firstReply: Spread;
  /** Business minutes from hand-off to closing. */
  toClose: Spread;
  openByAge: AgeBuckets;
  survey: { count: number; average: number | null; byScore: Record<1 | 2 | 3 | 4 | 5, number> };
}

function spread(values: number[]): Spread {
  if (values.length === 0) return { count: 0, median: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank percentiles: no interpolation between two real waits.
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { count: values.length, median: rank(0.5), p90: rank(0.9) };
}

/** Computes the measures at `now`. Pure: business minutes follow the council's hours and holidays. */
export function serviceMeasures(hours: BusinessHours, threads: ThreadTimes[], scores: number[], now: Date): ServiceMeasures {
  const start = (t: ThreadTimes) => t.waitingSince ?? t.openedAt;
  const firstReply = threads.filter((t) => t.firstStaffReplyAt).map((t) => businessMinutesBetween(hours, start(t), t.firstStaffReplyAt!));
  const toClose = threads.filter((t) => t.closedAt).map((t) => businessMinutesBetween(hours, start(t), t.closedAt!));
  const openByAge: AgeBuckets = { underDay: 0, oneToThreeDays: 0, threeToSevenDays: 0, overWeek: 0 };
  for (const t of threads.filter((x) => !x.closedAt)) {
    const age = now.getTime() - t.openedAt.getTime();
    if (age < DAY_MS) openByAge.underDay++;
    else if (age < 3 * DAY_MS) openByAge.oneToThreeDays++;
    else if (age < 7 * DAY_MS) openByAge.threeToSevenDays++;
    else openByAge.overWeek++;
  }
  const byScore = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<1 | 2 | 3 | 4 | 5, number>;
  for (const s of scores) if (s >= 1 && s <= 5) byScore[s as 1 | 2 | 3 | 4 | 5]++;
  const valid = scores.filter((s) => s >= 1 && s <= 5);
  return {
    firstReply: spread(firstReply),
    toClose: spread(toClose),
    openByAge,
    survey: { count: valid.length, average: valid.length ? Math.round((valid.reduce((a, b) => a + b, 0) / valid.length) * 10) / 10 : null, byScore },
  };
}

/** Where the measures are computed from: threads opened since a date (and all open ones) and survey answers. */
export interface MeasuresSource {
  businessHours: BusinessHours;
  load(since: Date): Promise<{ threads: ThreadTimes[]; surveys: Array<{ score: number; comment: string | null; at: Date }> }>;
}
