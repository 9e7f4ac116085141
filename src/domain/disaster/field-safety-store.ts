/**
 * The port of safety in the field: the day's safety settings, the teams out of running centres as the reminder and
 * overdue jobs read them, the members a centre-wide urgent notice reaches, and the teams flagged as not back.
 */
import type { AuditTrail } from '../staff';
import type { DisasterRepository } from './admin';
import type { HeatLevel } from './field-safety';

/** The day's safety settings; null fields are not set (the heat level's defaults apply). */
export interface DaySafety {
  reminderMinutes: number | null;
  heatLevel: HeatLevel | null;
  safetyNote: string | null;
}

/** A team out in the field with what the jobs need: its centre, its day's settings and its leader's LINE. */
export interface TeamInFieldRow {
  id: string;
  centreId: string;
  drill: boolean;
  /** YYYY-MM-DD, Japan time. */
  date: string;
  number: number;
  dispatchedAt: Date;
  lastReminderAt: Date | null;
  overdueAt: Date | null;
  /** The settings of the centre's activity day of the team's date (all null when the date has none). */
  day: DaySafety;
  /** The leader's resident (null: the leader has no LINE, or the team has no leader). */
  leaderResidentId: string | null;
}

/** A team out and not back by the day's end, as the coordinator phones its leader. */
export interface OverdueTeam {
  id: string;
  number: number;
  date: string;
  dispatchedAt: Date;
  overdueAt: Date;
  leaderName: string | null;
  leaderPhone: string | null;
  needReferenceNo: string;
}

/** A person a centre-wide urgent notice reaches: a member of a team out, with their LINE. */
export interface DispatchedPerson {
  memberId: string;
  residentId: string | null;
}

/** Reads and writes of safety in the field, on one unit of work. */
export interface FieldSafetyRepository {
  /** A day's settings with its centre; null when there is no such day. */
  daySafety(dayId: string): Promise<(DaySafety & { id: string; centreId: string; date: string; drill: boolean; centreStatus: string }) | null>;
  setDaySafety(dayId: string, s: DaySafety): Promise<void>;
  /** Teams with status out in running centres (open or paused), oldest dispatch first. */
  teamsOut(): Promise<TeamInFieldRow[]>;
  /**
   * Records a reminder at `at` when the team is still out and its `lastReminderAt` is still `last` (compare and set):
   * false when another run got there first or the team came back.
   */
  claimReminder(teamId: string, last: Date | null, at: Date): Promise<boolean>;
  /** Marks the team overdue at `at` unless it already is or is back; false when nothing was written. */
  claimOverdue(teamId: string, at: Date): Promise<boolean>;
  /** The members of the centre's teams out, each member once. */
  dispatched(centreId: string): Promise<DispatchedPerson[]>;
  /** The centre's teams out and flagged overdue, longest out first. */
  overdue(centreId: string): Promise<OverdueTeam[]>;
}

/** The repositories the safety use cases change, bound to one unit of work. */
export interface FieldSafetyRepositories {
  safety: FieldSafetyRepository;
  disaster: DisasterRepository;
  audit: AuditTrail;
}
