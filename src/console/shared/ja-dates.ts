/**
 * Dates and times as the console's pages write them in Japanese, always in Japan time. Pure; shared by every
 * feature (the CSV files have their own forms in `csv.ts`).
 */

const DATE_TIME = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
const BY_UTC_DAY: readonly string[] = ['日', '月', '火', '水', '木', '金', '土'];

/** `11/24(火) 10:05` in Japan time. */
export function jaDateTime(d: Date): string {
  return DATE_TIME.format(d);
}

/** A `YYYY-MM-DD` date as `12月8日(火)`. */
export function jaDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日(${BY_UTC_DAY[d.getUTCDay()]})`;
}

/** A `YYYY-MM-DD` date as `2026年5月10日`. */
export function jaLongDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
