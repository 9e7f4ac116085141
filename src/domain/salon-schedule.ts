import { minutesOfDay, WEEKDAYS, type Weekday } from './council-profile';
import { DAY_MS, jstDate, jstMidnight, jstMidnightOf } from './japan-time';
import type { AuditTrail } from './staff';

/**
 * When a salon (いきいきサロン, 通いの場) meets, as councils write it: "every Tuesday", "every second and fourth
 * Tuesday", "the 15th of each month". Times are Japan time. Skips and extra sessions are dated exceptions.
 */
export type SalonRule =
  | { kind: 'weekly'; weekday: Weekday; everyNWeeks?: number; anchor?: string }
  | { kind: 'monthlyNth'; weekday: Weekday; nth: Array<1 | 2 | 3 | 4 | 5 | -1> }
  | { kind: 'monthlyDay'; day: number };

export interface SalonSchedule {
  rule: SalonRule;
  /** `HH:MM`, Japan time. */
  start: string;
  end: string;
  /** Dates (YYYY-MM-DD) the salon does not meet (holidays, cancellations). */
  skip?: string[];
  /** Extra sessions outside the rule. */
  extra?: Array<{ date: string; start?: string; end?: string }>;
}

/** One meeting, as instants. */
export interface Session {
  date: string;
  start: Date;
  end: Date;
}

const BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function meetsOn(rule: SalonRule, date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = BY_UTC_DAY[d.getUTCDay()]!;
  const dayOfMonth = d.getUTCDate();
  switch (rule.kind) {
    case 'weekly': {
      if (weekday !== rule.weekday) return false;
      const every = rule.everyNWeeks ?? 1;
      if (every === 1 || !rule.anchor) return true;
      const weeks = Math.round((jstMidnightOf(date) - jstMidnightOf(rule.anchor)) / (7 * DAY_MS));
      return ((weeks % every) + every) % every === 0;
    }
    case 'monthlyNth': {
      if (weekday !== rule.weekday) return false;
      const nth = Math.ceil(dayOfMonth / 7);
      const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      const isLast = dayOfMonth + 7 > daysInMonth;
      return rule.nth.some((n) => n === nth || (n === -1 && isLast));
    }
    case 'monthlyDay':
      return dayOfMonth === rule.day;
  }
}

function session(date: string, start: string, end: string): Session {
  const base = jstMidnightOf(date);
  return { date, start: new Date(base + minutesOfDay(start) * 60_000), end: new Date(base + minutesOfDay(end) * 60_000) };
}

/**
 * The sessions that end after `from`, in order, up to `days` days ahead: the rule's dates minus skipped ones,
 * plus extra sessions. Pure.
 */
export function upcomingSessions(s: SalonSchedule, from: Date, days: number): Session[] {
  const skip = new Set(s.skip ?? []);
  const out: Session[] = [];
  const first = jstMidnight(from);
  for (let i = 0; i <= days; i++) {
    const date = jstDate(first + i * DAY_MS);
    if (meetsOn(s.rule, date) && !skip.has(date)) out.push(session(date, s.start, s.end));
  }
  const last = jstDate(first + days * DAY_MS);
  for (const e of s.extra ?? []) {
    if (e.date < jstDate(first) || e.date > last || out.some((o) => o.date === e.date)) continue;
    out.push(session(e.date, e.start ?? s.start, e.end ?? s.end));
  }
  return out.filter((x) => x.end.getTime() > from.getTime()).sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** True when `value` is a weekday code. */
export function isWeekday(value: unknown): value is Weekday {
  return typeof value === 'string' && (WEEKDAYS as readonly string[]).includes(value);
}

/** A change staff made in the console to one date of a salon's schedule. */
export interface SalonChange {
  id: string;
  salon: string;
  /** YYYY-MM-DD, Japan time. */
  date: string;
  kind: 'cancelled' | 'extra' | 'note';
  /** HH:MM of an extra session (else the usual times). */
  start: string | null;
  end: string | null;
  note: string | null;
}

/** Pure: the schedule with staff changes for its salon applied: cancelled dates skipped, extra sessions added. */
export function withChanges(s: SalonSchedule, changes: readonly SalonChange[]): SalonSchedule {
  if (!changes.length) return s;
  const cancelled = changes.filter((c) => c.kind === 'cancelled').map((c) => c.date);
  const extra = changes.filter((c) => c.kind === 'extra').map((c) => ({ date: c.date, ...(c.start ? { start: c.start } : {}), ...(c.end ? { end: c.end } : {}) }));
  return { ...s, skip: [...(s.skip ?? []), ...cancelled], extra: [...(s.extra ?? []).filter((e) => !cancelled.includes(e.date)), ...extra] };
}

/** A change as staff enter it (the store gives it its id). */
export type SalonChangeInput = Omit<SalonChange, 'id'>;

/** A stored change with who made it and when. */
export interface SalonChangeRecord extends SalonChange {
  createdBy: string | null;
  createdAt: Date;
}

/**
 * Port: the changes staff make to single dates of salons' schedules (the usual schedule is in the council
 * profile), and how many residents follow each salon.
 */
export interface SalonChangeStore {
  /** Changes dated `fromDate` (YYYY-MM-DD, Japan time) or later, by date then in the order they were made. */
  list(fromDate: string): Promise<SalonChangeRecord[]>;
  /** Salon code → residents who follow it (friends now, with consent: those a salon notice reaches). */
  followerCounts(): Promise<Map<string, number>>;
}

/** Staff changes to salons as a use case makes them, inside its unit of work. */
export interface SalonChangeRepository {
  /** Stores a change; returns its id. */
  add(change: SalonChangeInput, createdBy: string, at: Date): Promise<string>;
  /** Deletes a change; false (nothing written) when it was already gone. */
  remove(id: string): Promise<boolean>;
}

/** The repositories the salon use cases change, bound to one unit of work. */
export interface SalonRepositories {
  changes: SalonChangeRepository;
  audit: AuditTrail;
}
