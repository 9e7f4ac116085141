/**
 * Keeping personal data no longer than its purpose needs. An event's registrant list (names and phone numbers
 * staff call from on the day) has served its purpose some time after the event: the council profile says how
 * long (`privacy.eventRegistrantDays`). After that the rows keep their status and times, so counts and history
 * stay, but the name and phone are erased.
 */
import { DAY_MS } from './japan-time';

export interface EventRegistrantRetention {
  /** Erases the names and phones of registrations to events that ended before `endedBefore`; returns how many rows. */
  eraseEndedBefore(endedBefore: Date, now: Date): Promise<number>;
}

/** Pure: events that ended before this instant have had their registrants kept `keepDays` days. */
export function registrantCutoff(now: Date, keepDays: number): Date {
  return new Date(now.getTime() - keepDays * DAY_MS);
}
