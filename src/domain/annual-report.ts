/**
 * Figures for the council's annual report (事業報告): volunteer activity per volunteer over a fiscal year, and
 * one volunteer's figures and latest activities for their console page. The donations side reads
 * `DonationAdmin.receivedIn`.
 */

/** One volunteer's activity over a fiscal year. */
export interface VolunteerHoursRow {
  volunteerId: string;
  name: string;
  /** Activities they took part in and reported hours for. */
  activities: number;
  /** Sum of the reported hours. */
  hours: number;
}

export interface VolunteerHoursSource {
  /**
   * Per volunteer, the accepted invitations with reported hours whose request's date (Japan time) lies in the
   * fiscal year; volunteers without any are left out. In name order.
   */
  volunteerHours(fiscalYear: number): Promise<VolunteerHoursRow[]>;
}

/** One activity a volunteer took part in (an accepted invitation) and reported hours for. */
export interface VolunteerActivity {
  requestId: string;
  /** The request's V-YYMMDD-XXXX. */
  referenceNo: string;
  /** The request's date (YYYY-MM-DD, Japan time). */
  date: string;
  /** What kind of help: a skill code from the council profile. */
  kind: string;
  hours: number;
  /** What the volunteer wrote with their hours; null when nothing. */
  note: string | null;
}

/** One volunteer's activity: a fiscal year's figures (counted as in {@link VolunteerHoursSource}) and their latest activities. */
export interface VolunteerActivitySummary {
  fiscalYear: number;
  activities: number;
  hours: number;
  /** The latest activities of any year, newest date first. */
  recent: VolunteerActivity[];
  /**
   * Activities they agreed to whose hours are not reported yet (the request not called off), oldest date first;
   * `asked` once the request is done, when the volunteer has been asked in LINE for their hours.
   */
  unreported: Array<Omit<VolunteerActivity, 'hours' | 'note'> & { asked: boolean }>;
}

export interface VolunteerActivitySource {
  /** `volunteerId`'s activities and hours in `fiscalYear`, and up to `recentLimit` of their latest activities. */
  volunteerActivity(volunteerId: string, fiscalYear: number, recentLimit: number): Promise<VolunteerActivitySummary>;
}

/**
 * The kind of a disaster activity among a volunteer's activities: one team of a disaster volunteer centre their pool
 * entry (started from their registration) was in; its `requestId` and `referenceNo` are the need's.
 */
export const DISASTER_ACTIVITY = 'disaster';

/** Hours are reported in halves at most; rounding keeps float sums (0.1 + 0.2) out of totals. */
export function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100;
}
