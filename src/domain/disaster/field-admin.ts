/**
 * Teams in the field as the return report (活動報告) and the 緊急 button need them: the team with its members,
 * equipment and need; the report, the team's return and the members' hours written in one unit of work; the urgent
 * alerts (FieldAlert) raised from the field and acknowledged in the console. Ports; Prisma implements them.
 */
import type { EquipmentCount } from './equipment';
import type { FieldReport, MemberHours, TeamMember } from './field-report';
import type { NeedsRepositories } from './needs-admin';
import type { NeedStatus } from './needs';

/** One member of a team, as the report and the alert read them. */
export interface FieldTeamMember extends TeamMember {
  leader: boolean;
  /** The member's LINE resident (null for a member entered at the desk without LINE). */
  residentId: string | null;
  name: string;
  phone: string | null;
}

/** A team with what its report changes. */
export interface FieldTeam {
  id: string;
  centreId: string;
  needId: string;
  /** YYYY-MM-DD (Japan time). */
  date: string;
  number: number;
  status: 'out' | 'back';
  /** Equipment lent and not yet returned. */
  equipment: EquipmentCount[];
  missingEquipment: EquipmentCount[];
  members: FieldTeamMember[];
  /** Whether its report is filed. */
  reported: boolean;
  need: { referenceNo: string; status: NeedStatus; address: string | null; notes: string | null };
  centre: { name: string; drill: boolean };
}

/** The report as given: the leader's answers, and what came back. */
export interface FieldReportInput extends FieldReport {
  /** すべて返却: everything the team holds came back (ignored when the team went home from the site). */
  allReturned: boolean;
  /** Reported missing (紛失), per kind. */
  missing: EquipmentCount[];
  /** Photos sent in LINE (their message ids). */
  photoMessageIds?: string[];
}

/** The report as stored, with how it came in. */
export interface FieldReportRecord extends FieldReport {
  photoIds: string[];
  returned: EquipmentCount[];
  missing: EquipmentCount[];
  channel: 'line' | 'console';
  residentId: string | null;
  staffId: string | null;
  at: Date;
}

/** An urgent alert as the console lists it. */
export interface FieldAlertEntry {
  id: string;
  centreId: string;
  centreName: string;
  drill: boolean;
  teamId: string | null;
  teamNumber: number | null;
  teamDate: string | null;
  needId: string | null;
  needReference: string | null;
  address: string | null;
  leaderName: string | null;
  leaderPhone: string | null;
  /** The member who pressed 緊急. */
  memberName: string | null;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

/** Teams, their reports and alerts, inside a unit of work (and, for the pages, outside one). */
export interface FieldRepository {
  team(teamId: string): Promise<FieldTeam | null>;
  /** Saves the report unless the team has one: false then (nothing written). */
  saveReport(teamId: string, needId: string, report: FieldReportRecord): Promise<boolean>;
  /** The team back (status back, backAt) with what it still holds and what is missing; false when it was not out. */
  markBack(teamId: string, o: { equipment: EquipmentCount[]; missingEquipment: EquipmentCount[]; at: Date }): Promise<boolean>;
  /** Each member entry's hours and person-hours. */
  creditHours(teamId: string, hours: readonly MemberHours[]): Promise<void>;
  /** Puts `text` (what remains) at the top of the need's notes, where the board and the need's page show it. */
  noteOnNeed(needId: string, text: string, at: Date): Promise<void>;
  /** Attachment rows for photos `residentId` sent in LINE (their content copied after the commit); their ids. */
  photoRows(residentId: string, lineMessageIds: readonly string[], at: Date): Promise<string[]>;
  /** The team's alert not yet acknowledged raised at or after `since`, if any. */
  openAlert(teamId: string, since: Date): Promise<string | null>;
  raiseAlert(a: { centreId: string; teamId: string; memberId: string; residentId: string | null; at: Date }): Promise<string>;
  /** Marks an alert acknowledged; false when it was already (or is not there). */
  acknowledge(alertId: string, staffId: string, at: Date): Promise<boolean>;
  /** The centre's equipment kinds' names, by code. */
  equipmentNames(centreId: string): Promise<Map<string, string>>;
  /** Alerts of the running centres (and drills): every open one (newest first), then the latest `acknowledged` acknowledged. */
  alerts(acknowledged: number): Promise<FieldAlertEntry[]>;
}

/** What the report's and the alert's use cases get in one transaction: the needs' repositories and the field's. */
export interface FieldRepositories extends NeedsRepositories {
  field: FieldRepository;
}

/** A team the resident is in today (out, or back with its report), as the LINE steps read it. */
export interface MyTeam {
  id: string;
  number: number;
  status: 'out' | 'back';
  reported: boolean;
  /** Whether the resident leads it (only the leader reports). */
  leader: boolean;
  /** People the team counts (a group entry its size): the most the report may say worked. */
  people: number;
  needReference: string;
  centreName: string;
  drill: boolean;
  /** Equipment the team still holds, with the centre's names. */
  equipment: Array<{ code: string; name: string; count: number }>;
}

/** What the LINE side loads for a batch: each resident's teams of the day (and those still out). */
export interface FieldTeamsSource {
  /** By resident id: the teams of `centreId` they are in, dated `today` or still out, latest first. */
  teamsOf(centreId: string, residentIds: readonly string[], today: string): Promise<Map<string, MyTeam[]>>;
}
