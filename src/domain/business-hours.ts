import { minutesOfDay, type BusinessHours, type Weekday } from './council-profile';
import { DomainError } from './errors';
import { JST_OFFSET_MS, jstDate, jstMidnight } from './japan-time';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;
// Holiday lists cover one fiscal year, but closed ranges could be long; two years bounds the search
// so a profile that never opens fails loudly instead of looping.
const SEARCH_HORIZON_DAYS = 2 * 366;

// Date#getUTCDay order (Sunday = 0) mapped onto the profile's weekday keys.
const BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** An open period as absolute instants (ms since epoch), `end` exclusive. */
interface Period {
  start: number;
  end: number;
}

/** True when the JST day starting at `midnight` is a holiday or inside a closed range. */
function isClosedDay(hours: BusinessHours, midnight: number): boolean {
  const date = jstDate(midnight);
  if (hours.holidays.includes(date)) return true;
  // ISO dates compare correctly as strings.
  return (hours.closedRanges ?? []).some((r) => r.from <= date && date <= r.to);
}

/** Open periods of the JST day starting at `midnight`, in order (the schema keeps them sorted). */
function periodsOn(hours: BusinessHours, midnight: number): Period[] {
  if (isClosedDay(hours, midnight)) return [];
  const weekday = BY_UTC_DAY[new Date(midnight + JST_OFFSET_MS).getUTCDay()] as Weekday;
  return hours.weekly[weekday].map((r) => ({
    start: midnight + minutesOfDay(r.open) * MINUTE_MS,
    end: midnight + minutesOfDay(r.close) * MINUTE_MS,
  }));
}

/** Open periods that end after `fromMs`, in order, starting with the day containing `fromMs`. */
function* periodsFrom(hours: BusinessHours, fromMs: number): Generator<Period> {
  const first = jstMidnight(fromMs);
  for (let day = 0; day < SEARCH_HORIZON_DAYS; day++) {
    for (const p of periodsOn(hours, first + day * DAY_MS)) {
      if (p.end > fromMs) yield p;
    }
  }
  throw new DomainError(
    'profile.invalid',
    `businessHours: no opening within ${SEARCH_HORIZON_DAYS} days of ${new Date(fromMs).toISOString()}`,
  );
}

/** True when the council is open at `now` (opening instant inclusive, closing instant exclusive). */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  const t = now.getTime();
  return periodsOn(hours, jstMidnight(t)).some((p) => p.start <= t && t < p.end);
}

/**
 * The start of the next open period at or after `now`, skipping holidays and closed ranges; `now`
 * itself (a copy) when open. Throws `DomainError('profile.invalid')` if nothing opens within two years.
 */
export function nextOpening(hours: BusinessHours, now: Date): Date {
  const t = now.getTime();
  for (const p of periodsFrom(hours, t)) {
    return new Date(Math.max(p.start, t));
  }
  // periodsFrom throws rather than finishing; this satisfies the type checker.
  throw new Error('unreachable');
}

/**
 * The earliest instant by which `minutes` of open time have elapsed since `from`; e.g. a reply
 * promised "within 60 business minutes" of Friday 16:45 is due Monday 9:15 (hours 8:45–17:15).
 * Zero minutes gives `from`. Throws a RangeError for negative or non-finite `minutes`.
 */
export function addBusinessMinutes(hours: BusinessHours, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a non-negative finite number, got ${minutes}`);
  }
  const t = from.getTime();
  let remaining = minutes * MINUTE_MS;
  if (remaining === 0) return new Date(t);
  for (const p of periodsFrom(hours, t)) {
    const start = Math.max(p.start, t);
    const available = p.end - start;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new Error('unreachable');
}

/**
 * Open minutes between `from` and `to` (0 when `to` is not after `from`): the time that counts for
 * "time to first reply" and "time to close", so a message left on Friday evening is not late on Monday morning.
 */
export function businessMinutesBetween(hours: BusinessHours, from: Date, to: Date): number {
  const end = to.getTime();
  let t = from.getTime();
  if (end <= t) return 0;
  let total = 0;
  for (const p of periodsFrom(hours, t)) {
    if (p.start >= end) break;
    const start = Math.max(p.start, t);
    total += Math.min(p.end, end) - start;
    t = p.end;
    if (p.end >= end) break;
  }
  return total / MINUTE_MS;
}
