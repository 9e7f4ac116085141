/** What the field pages show: the urgent alerts (緊急アラート) and the paper report's form (活動報告を入力). */

/** One alert as the page (and its polled rows) show it. */
export interface AlertRow {
  id: string;
  open: boolean;
  drill: boolean;
  team: string;
  needReference: string;
  needHref: string | null;
  address: string;
  leader: string;
  leaderPhone: string;
  member: string;
  raisedAt: string;
  acknowledged: string;
}

export interface DisasterAlertsView {
  rows: AlertRow[];
  /** How many acknowledged alerts the list shows at most (every open one is shown). */
  acknowledgedShown: number;
  open: number;
  done: string | null;
}

export interface DisasterTeamReportView {
  heading: string;
  needReference: string;
  needHref: string;
  teamPeople: number;
  equipment: Array<{ code: string; name: string; count: number }>;
  values: Record<string, string>;
  missing: Record<string, string>;
  problems: string[];
  backHref: string;
}

/** The field pages' views, registered in the console's view map. */
export interface FieldViews {
  disasterAlerts: DisasterAlertsView;
  disasterTeamReport: DisasterTeamReportView;
}
