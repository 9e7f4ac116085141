/**
 * Japan time for the domain's calendar rules. Japan has had no daylight saving time since 1951, so Asia/Tokyo
 * is always UTC+9: a fixed offset keeps these functions pure and independent of the host's time zone and ICU.
 */
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The Japan-time calendar date of an instant, `YYYY-MM-DD`. */
export function jstDate(at: Date | number): string {
  return new Date(+at + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of midnight, Japan time, of the day containing `at`. */
export function jstMidnight(at: Date | number): number {
  return Math.floor((+at + JST_OFFSET_MS) / DAY_MS) * DAY_MS - JST_OFFSET_MS;
}

/** Epoch ms of midnight, Japan time, of a `YYYY-MM-DD` date. */
export function jstMidnightOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - JST_OFFSET_MS;
}

/** Minutes since midnight, Japan time. */
export function jstMinuteOfDay(at: Date): number {
  return Math.floor((at.getTime() - jstMidnight(at)) / 60_000);
}

/** The first instant of the Japan-time calendar month containing `at`, or `monthsAhead` months later. */
export function jstMonthStart(at: Date, monthsAhead = 0): Date {
  const jst = new Date(at.getTime() + JST_OFFSET_MS);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth() + monthsAhead, 1) - JST_OFFSET_MS);
}

/** True when `s` is a real calendar date written YYYY-MM-DD (not 2026-02-30 or 2026-13-01). */
export function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}
