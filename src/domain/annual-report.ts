/**
 * Figures for the council's annual report (事業報告): volunteer activity per volunteer over a fiscal year. The
 * donations side reads `DonationAdmin.receivedIn`.
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
