import { JST_OFFSET_MS } from './japan-time';

/**
 * The slot of a scheduled job at `now`: the latest time at or before `now`, Japan time, that the cron `expression`
 * names. Every instance ticking for the same due time computes the same slot, so the slot is what they agree on
 * (one run per job and slot, see `ScheduledRuns`); a tick at start, between two due times, belongs to the last one.
 *
 * Written here rather than read from node-cron, which only looks forward. Takes what our schedules use: five fields
 * (minute hour day month weekday) or six (seconds first), each `*`, `n`, `a-b`, with an optional `/step`, or a comma
 * list of those. Day of month and weekday follow cron: when both are restricted, either may match. Japan has no
 * daylight saving time, so a fixed offset is exact.
 */
export function cronSlot(expression: string, now: Date): Date {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) throw new Error(`cron expression needs 5 or 6 fields: ${expression}`);
  const [second, minute, hour, day, month, weekday] = (parts.length === 6 ? parts : ['0', ...parts]) as [string, string, string, string, string, string];
  const seconds = field(second, 0, 59);
  const minutes = field(minute, 0, 59);
  const hours = field(hour, 0, 23);
  const days = field(day, 1, 31);
  const months = field(month, 1, 12);
  const weekdays = field(weekday, 0, 7);
  if (weekdays.has(7)) weekdays.add(0);
  const dayRestricted = day !== '*';
  const weekdayRestricted = weekday !== '*';
  const dayMatches = (t: Date) => {
    const byDay = days.has(t.getUTCDate());
    const byWeekday = weekdays.has(t.getUTCDay());
    return dayRestricted && weekdayRestricted ? byDay || byWeekday : byDay && byWeekday;
  };
  const latestSecond = [...seconds].sort((a, b) => b - a);

  // Walks back minute by minute in Japan time (kept as UTC fields of a shifted date); a minute that matches holds
  // the slot at its latest listed second that is not after `now`.
  const shifted = now.getTime() + JST_OFFSET_MS;
  let minuteStart = Math.floor(shifted / 60_000) * 60_000;
  const nowSecond = Math.floor((shifted - minuteStart) / 1000);
  for (let i = 0; i < MAX_MINUTES_BACK; i++, minuteStart -= 60_000) {
    const t = new Date(minuteStart);
    if (!minutes.has(t.getUTCMinutes()) || !hours.has(t.getUTCHours()) || !months.has(t.getUTCMonth() + 1) || !dayMatches(t)) continue;
    const s = latestSecond.find((x) => i > 0 || x <= nowSecond);
    if (s !== undefined) return new Date(minuteStart + s * 1000 - JST_OFFSET_MS);
  }
  throw new Error(`cron expression names no time in the past year: ${expression}`);
}

/** A year and a day of minutes: the longest any expression here can leave between two due times. */
const MAX_MINUTES_BACK = 366 * 24 * 60 + 1;

function field(text: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) throw new Error(`unsupported cron field: ${text}`);
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) throw new Error(`cron field out of range: ${text}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}
