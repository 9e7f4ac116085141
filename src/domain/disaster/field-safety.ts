/**
 * Break and water reminders (休憩・水分補給) to the leaders of teams out in the field, and the day's heat level.
 * What is due is a pure function of the teams' recorded times and `now`: the scheduler only triggers, so a rerun
 * after a crash sends nothing twice as long as the sender records `lastReminderAt`.
 */

/** A team out in the field, as the reminder check reads it. */
export interface TeamInField {
  id: string;
  dispatchedAt: Date;
  /** When its leader was last reminded; null before the first reminder. */
  lastReminderAt: Date | null;
}

/**
 * Pure: the ids of teams whose leader is reminded now, in input order — a full `intervalMinutes` after the last
 * reminder, or after dispatch for the first (a team has just set out: no reminder before its first interval).
 * Never twice within the interval. The caller passes teams out only (not back). Throws a `RangeError` when the
 * interval is not a positive number: a zero interval would remind on every run.
 */
export function remindersDue(teams: readonly TeamInField[], intervalMinutes: number, now: Date): string[] {
  if (!Number.isFinite(intervalMinutes) || intervalMinutes <= 0) throw new RangeError(`intervalMinutes must be positive, got ${intervalMinutes}`);
  const interval = intervalMinutes * 60_000;
  return teams.filter((t) => now.getTime() - (t.lastReminderAt ?? t.dispatchedAt).getTime() >= interval).map((t) => t.id);
}

/**
 * Heat levels of the WBGT (暑さ指数) as the Japanese guideline for daily life names them: safe (注意, below 21) ·
 * caution (注意, 21–25) · warning (警戒, 25–28) · severe (厳重警戒, 28–31) · danger (危険, 31 and above).
 */
export const HEAT_LEVELS = ['safe', 'caution', 'warning', 'severe', 'danger'] as const;
export type HeatLevel = (typeof HEAT_LEVELS)[number];

/** Pure: the heat level of a WBGT reading in °C (a reading that is not a number counts as the worst: better safe). */
export function heatLevel(wbgt: number): HeatLevel {
  if (Number.isNaN(wbgt) || wbgt >= 31) return 'danger';
  if (wbgt >= 28) return 'severe';
  if (wbgt >= 25) return 'warning';
  if (wbgt >= 21) return 'caution';
  return 'safe';
}

/** Minutes between break and water reminders, per heat level (the council's settings: `disaster.heat`). */
export type HeatReminderMinutes = Record<HeatLevel, number>;

/**
 * The reminder intervals a council starts with: 30 on ordinary days, 20 at 警戒 (the 20/10 practice of large
 * centres), 15 at 厳重警戒 (water every ~15 minutes), 10 at 危険.
 */
export const DEFAULT_REMINDER_MINUTES: Readonly<HeatReminderMinutes> = { safe: 30, caution: 30, warning: 20, severe: 15, danger: 10 };

/**
 * Pure: the reminder interval in minutes for a heat level, by the council's table. A default the coordinator
 * changes for the day; the day's safety rule text is the locale key `disaster.heat.<level>`.
 */
export function reminderMinutesFor(level: HeatLevel, table: Readonly<HeatReminderMinutes> = DEFAULT_REMINDER_MINUTES): number {
  return table[level];
}
