/**
 * The console home's day at a glance: counts of what is waiting for staff today, each a cheap indexed count (no
 * personal data). The page links each count to the page where it is handled.
 */

export interface DayAtGlance {
  /** Threads handed to staff that nobody has claimed yet (owner `waiting`). */
  waitingThreads: number;
  /** Open threads (waiting or with staff) marked urgent. */
  urgentThreads: number;
  /** Safety alerts nobody has acknowledged. */
  unacknowledgedAlerts: number;
  /** Events (not cancelled) starting today, Japan time. */
  eventsToday: number;
  /** Salon sessions today (the schedules with staff changes). */
  salonSessionsToday: number;
  /** Donation offers still at 受付 (received, not yet answered by staff). */
  donationOffersWaiting: number;
  /** Volunteer requests still at 受付. */
  volunteerRequestsWaiting: number;
  /** This month's pushes: sent and scheduled, against the monthly budget. */
  pushes: { used: number; scheduled: number; budget: number };
}

export interface DayAtGlanceSource {
  /** The counts at `now`. */
  counts(now: Date): Promise<DayAtGlance>;
}
