/**
 * Teams (班) as the console forms them and the work order prints them: who is available today, the centre's
 * equipment and what is lent now, the next 班番号, creating a team, and a team's details. A port, read and written
 * inside a unit of work (`TeamsRepositories`) or outside it by the pages; Prisma implements it.
 */
import type { EquipmentCount, EquipmentKind } from './equipment';
import type { NeedsRepositories } from './needs-admin';
import type { WorkKind } from './needs';
import type { Volunteer } from './teams';

/** A volunteer available to form a team, with the LINE resident their dispatch notice goes to. */
export interface AvailableVolunteer extends Volunteer {
  residentId: string;
  /** The group's name for a group entry. */
  groupName: string | null;
}

/** Today's activity day of a centre, as a dispatch notice reads it (the safety rules). */
export interface TeamDay {
  id: string;
  date: string;
  safetyNote: string | null;
  heatLevel: string | null;
}

/** What a new team is. */
export interface NewTeam {
  centreId: string;
  needId: string;
  /** YYYY-MM-DD, Japan time. */
  date: string;
  number: number;
  equipment: EquipmentCount[];
  memberIds: string[];
  leaderId: string;
  dispatchedAt: Date;
  createdBy: string | null;
}

/** One member of a team as its page and the work order show them. */
export interface TeamMemberEntry {
  memberId: string;
  residentId: string;
  name: string;
  groupName: string | null;
  kind: 'individual' | 'group';
  size: number;
  phone: string | null;
  leader: boolean;
}

/** A team on today's list. */
export interface TeamSummary {
  id: string;
  centreId: string;
  needId: string;
  referenceNo: string;
  date: string;
  number: number;
  status: 'out' | 'back';
  dispatchedAt: Date;
  backAt: Date | null;
  members: TeamMemberEntry[];
}

/** A team with everything its page and its work order (活動依頼書兼報告書) show. */
export interface TeamDetail extends TeamSummary {
  centreName: string;
  drill: boolean;
  householdName: string | null;
  address: string | null;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
  work: WorkKind[];
  workOther: string | null;
  notes: string | null;
  /** Equipment still lent, with the kinds' names. */
  equipment: Array<EquipmentCount & { name: string }>;
}

/** Teams' rows. */
export interface TeamsRepository {
  /**
   * Holds the forming of the centre's teams until the transaction ends, before what forming reads (who is available,
   * what is lent, the next number): two tablets forming at once take turns, and the second reads what the first wrote.
   */
  holdForming(centreId: string): Promise<void>;
  /** The centre's activity day of `date`, if it has one. */
  day(centreId: string, date: string): Promise<TeamDay | null>;
  /**
   * The centre's volunteers available on `date`: checked in on that date's activity day and not in a team out;
   * experience is the number of earlier dates they were in a team. Ordered by memberId.
   */
  available(centreId: string, date: string): Promise<AvailableVolunteer[]>;
  /** The centre's equipment kinds, by name. */
  inventory(centreId: string): Promise<EquipmentKind[]>;
  /** What the centre's teams hold now (code → count), from the teams' equipment still out. */
  lentNow(centreId: string): Promise<Map<string, number>>;
  /** Adds a kind or changes its name and count. */
  setEquipment(centreId: string, kind: EquipmentKind): Promise<void>;
  /** The names of pool members (a refusal names who is no longer available). */
  memberNames(memberIds: readonly string[]): Promise<Map<string, string>>;
  /** The next 班番号 of the centre on `date` (1 for the first team). */
  nextNumber(centreId: string, date: string): Promise<number>;
  /** Saves the team and its members; returns its id. */
  createTeam(team: NewTeam): Promise<string>;
  team(teamId: string): Promise<TeamDetail | null>;
  /** The centre's teams of `date`, by number. */
  teams(centreId: string, date: string): Promise<TeamSummary[]>;
}

/** What the teams use cases get in one transaction: the needs' repositories and the teams'. */
export interface TeamsRepositories extends NeedsRepositories {
  teams: TeamsRepository;
}
