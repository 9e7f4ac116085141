/**
 * The share of residents' free questions the FAQ answered, week by week (Japan-time weeks, Monday to Sunday):
 * answered means one entry given at the top, or candidates offered and one picked; every question asked counts in
 * the whole (unanswered, candidates left unpicked, answered by staff). Pure.
 */
import { DAY_MS, JST_OFFSET_MS, jstDate, jstMidnight } from '../japan-time';

/** A question as the weekly share reads it. */
export interface AskedQuestion {
  at: Date;
  /** answered | candidates | unanswered | staff */
  outcome: string;
  /** The entry given or picked; null when none. */
  entryId: string | null;
  /** How many questions this row stands for (the store may group a day's alike questions; default 1). */
  count?: number;
}

export interface WeekShare {
  /** The Monday the week starts on, YYYY-MM-DD (Japan time). */
  weekStart: string;
  answered: number;
  total: number;
  /** answered / total, or null for a week without questions. */
  share: number | null;
}

/** How many weeks the console shows. */
export const SHARE_WEEKS = 8;

/** Epoch ms of the Monday 00:00 (Japan time) starting the week that contains `at`. */
export function jstWeekStart(at: Date | number): number {
  const midnight = jstMidnight(at);
  const weekday = new Date(midnight + JST_OFFSET_MS).getUTCDay(); // 0 = Sunday
  return midnight - ((weekday + 6) % 7) * DAY_MS;
}

/** True when the FAQ answered the question. */
export function answeredByFaq(q: Pick<AskedQuestion, 'outcome' | 'entryId'>): boolean {
  return q.outcome === 'answered' || (q.outcome === 'candidates' && q.entryId !== null);
}

/** The instant the oldest week shown starts: the questions the share needs are those from it on. */
export function shareSince(now: Date, weeks = SHARE_WEEKS): Date {
  return new Date(jstWeekStart(now) - (weeks - 1) * 7 * DAY_MS);
}

/** The last `weeks` weeks up to the one containing `now`, oldest first; questions outside them are ignored. */
export function weeklyShare(questions: readonly AskedQuestion[], now: Date, weeks = SHARE_WEEKS): WeekShare[] {
  const first = shareSince(now, weeks).getTime();
  const rows = Array.from({ length: weeks }, (_, i) => ({ start: first + i * 7 * DAY_MS, answered: 0, total: 0 }));
  for (const q of questions) {
    const i = Math.floor((q.at.getTime() - first) / (7 * DAY_MS));
    if (i < 0 || i >= weeks || q.at.getTime() > now.getTime()) continue;
    const n = q.count ?? 1;
    rows[i]!.total += n;
    if (answeredByFaq(q)) rows[i]!.answered += n;
  }
  return rows.map((r) => ({ weekStart: jstDate(r.start), answered: r.answered, total: r.total, share: r.total === 0 ? null : r.answered / r.total }));
}
