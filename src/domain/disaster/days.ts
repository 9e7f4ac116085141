/**
 * Rules of an activity date (活動日) beyond its values in `centre.ts`: the default reconfirmation deadline, the
 * day's check-in code, what a coordinator may set, when released places are offered again. Pure.
 */
import { DAY_MS, jstMidnightOf } from '../japan-time';
import type { ActivityDay, ApplicationStatus, DayPriorities } from './centre';

/** The chosen reconfirm by the day before the activity at 18:00 (Japan time), unless the coordinator sets another time. */
export function defaultReconfirmBy(date: string): Date {
  return new Date(jstMidnightOf(date) - DAY_MS + 18 * 60 * 60 * 1000);
}

/** The first instant of an activity date (00:00 Japan time): from then on, places given back are not offered again. */
export function dayStart(date: string): Date {
  return new Date(jstMidnightOf(date));
}

/**
 * The characters of a check-in code: capital letters and digits without those read alike (0/O, 1/I/L, 2/Z, 5/S, 8/B),
 * so a code read from the poster and typed on a phone is typed right.
 */
export const CHECK_IN_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const CHECK_IN_LENGTH = 8;

/** A new check-in code from `random` (values in [0, 1)). */
export function newCheckInCode(random: () => number): string {
  let code = '';
  for (let i = 0; i < CHECK_IN_LENGTH; i++) code += CHECK_IN_ALPHABET[Math.floor(random() * CHECK_IN_ALPHABET.length)];
  return code;
}

/** What a coordinator sets for an activity date. */
export interface DayInput {
  /** YYYY-MM-DD, Japan time. */
  date: string;
  capacity: number;
  opensAt: Date;
  closesAt: Date;
  reconfirmBy: Date;
  backfillHours: number;
  priorities: DayPriorities;
}

export const CAPACITY_MAX = 10_000;
export const BACKFILL_HOURS_MAX = 48;

/** Why a date's settings cannot stand, as a closed set of codes (the console words them). */
export type DayProblem = 'windowOrder' | 'reconfirmBeforeClose' | 'reconfirmAfterStart' | 'skillPlacesOverCapacity' | 'datePassed';

/**
 * The first problem of a date's settings at `now`, or null: the window opens before it closes, the chosen
 * reconfirm after it closes and before the day begins, the places kept for skills fit in the capacity; a new date
 * (`isNew`) is not in the past.
 */
export function dayProblem(d: DayInput, now: Date, isNew: boolean): DayProblem | null {
  if (isNew && dayStart(d.date).getTime() + DAY_MS <= now.getTime()) return 'datePassed';
  if (d.opensAt.getTime() >= d.closesAt.getTime()) return 'windowOrder';
  if (d.reconfirmBy.getTime() <= d.closesAt.getTime()) return 'reconfirmBeforeClose';
  if (d.reconfirmBy.getTime() > dayStart(d.date).getTime()) return 'reconfirmAfterStart';
  if (d.priorities.skillPlaces.reduce((n, s) => n + s.places, 0) > d.capacity) return 'skillPlacesOverCapacity';
  return null;
}

/** True once a date's draw has run: its window and deadline stay as the draw used them. */
export function isDrawn(day: Pick<ActivityDay, 'drawnAt'>): boolean {
  return day.drawnAt !== null;
}

/** The statuses that hold one of the day's places: their number never exceeds its capacity. */
export const HOLDING_PLACE: readonly ApplicationStatus[] = ['chosen', 'reconfirmed'];

/** The statuses expected at reception: a place, reconfirmed or not yet. */
export function expectedAtReception(status: ApplicationStatus): boolean {
  return HOLDING_PLACE.includes(status);
}
