/**
 * The console's date-and-time inputs (`<input type="datetime-local">`), which are always Japan time.
 */
import { JST_OFFSET_MS } from '../../domain/japan-time';

/** The shape of a `datetime-local` value (`2026-12-05T13:30`); {@link parseLocal} also checks it is a real time. */
export const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A `datetime-local` value as the instant it means in Japan time. */
export function fromLocal(value: string): Date {
  return new Date(`${value}:00+09:00`);
}

/** An instant as a `datetime-local` value in Japan time (`2026-12-05T13:30`). */
export function toLocal(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}

/**
 * A `datetime-local` value as the instant it means in Japan time, or null unless it names a real date and time:
 * a month 13, a 30 February or a 24:00 would otherwise be refused by nothing or roll over into another day.
 */
export function parseLocal(value: string): Date | null {
  if (!LOCAL_DATE_TIME.test(value)) return null;
  const at = fromLocal(value);
  return Number.isNaN(at.getTime()) || toLocal(at) !== value ? null : at;
}
