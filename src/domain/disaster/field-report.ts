/**
 * The leader's return report (活動報告): what it must hold, what it does to the need, the hours each member is
 * credited, and which teams are not back by the day's end. Pure: `now` and the day's end come in as values. The
 * report and the need must not drift apart (a need still 活動中 after a 完了 report sends volunteers again the next
 * day), so the need's next status is derived here from the report, not chosen separately.
 */
import { mayMoveNeed, type NeedStatus } from './needs';

/** What the leader reports on return. */
export interface FieldReport {
  /** Back at the centre (帰着). False: the team went home from the site; its equipment stays out until returned. */
  back: boolean;
  /** People who worked. */
  people: number;
  /** Hours worked on site, per person. */
  hours: number;
  /** What was done. */
  done: string;
  /** What the resident said (e.g. "the back of the closet is still wet"). */
  remarks?: string;
  injuries?: string;
  /** ヒヤリハット. */
  nearMiss?: string;
  /** 完了 (done) or 継続 (continuing: more visits needed). */
  outcome: 'done' | 'continuing';
  /** What remains, required when continuing: the next team reads it on the board. */
  remaining?: string;
}

/** The shortest and longest day a report may claim, per person: half an hour, and twelve (nobody works longer in the field). */
export const REPORT_HOURS_MIN = 0.5;
/** See `REPORT_HOURS_MIN`. */
export const REPORT_HOURS_MAX = 12;

/** Why a report cannot be filed, as a closed set of codes (the flow words them). */
export type ReportProblem = 'hours' | 'people' | 'done' | 'remaining';

/**
 * Pure: every problem of `report` from a team of `teamPeople`, in field order, or [] when it can be filed: hours
 * from 0.5 to 12, people a whole number from 1 to the team's people (nobody joins on site without checking in),
 * something said of what was done, and what remains when continuing. Blank text counts as none.
 */
export function reportProblems(report: FieldReport, teamPeople: number): ReportProblem[] {
  const problems: ReportProblem[] = [];
  if (!Number.isFinite(report.hours) || report.hours < REPORT_HOURS_MIN || report.hours > REPORT_HOURS_MAX) problems.push('hours');
  if (!Number.isInteger(report.people) || report.people < 1 || report.people > teamPeople) problems.push('people');
  if (blank(report.done)) problems.push('done');
  if (report.outcome === 'continuing' && blank(report.remaining)) problems.push('remaining');
  return problems;
}

/**
 * Pure: the need's status after a report with `outcome` — done (完了) or continuing (継続, open and back on the
 * board with what remains, for the coordinator to schedule again). From active (活動中) both moves are allowed;
 * a need already at the outcome stays there (two teams on one need both report); any other move `mayMoveNeed`
 * refuses gives null — the report is kept, the need is not moved, and the caller raises the drift to staff.
 */
export function needAfterReport(needStatus: NeedStatus, outcome: FieldReport['outcome']): NeedStatus | null {
  const to: NeedStatus = outcome === 'done' ? 'done' : 'continuing';
  if (needStatus === to || mayMoveNeed(needStatus, to)) return to;
  return null;
}

/** A team member as the hours record needs them: a group entry counts `size` people. */
export interface TeamMember {
  memberId: string;
  kind: 'individual' | 'group';
  size: number;
}

/** Hours credited to one member entry. */
export interface MemberHours {
  memberId: string;
  /** Hours per person, for the volunteer's yearly record. */
  hours: number;
  /** hours × people the entry counts (a group's size), for the annual report's person-hours. */
  personHours: number;
}

/**
 * Pure: hours per member entry — the report's hours for each, unless `given` sets an entry's hours (a member who
 * left early; 0 for one who did not go), clamped to 0…the report's hours. A group entry is credited the same
 * per-person hours as an individual, and its person-hours count its whole size: groups check in as one entry and
 * the centre does not know which of their people left early. In the team's member order.
 */
export function memberHours(team: { members: readonly TeamMember[] }, report: Pick<FieldReport, 'hours'>, given: ReadonlyMap<string, number> = new Map()): MemberHours[] {
  return team.members.map((m) => {
    const set = given.get(m.memberId);
    const hours = set === undefined || !Number.isFinite(set) ? report.hours : Math.min(report.hours, Math.max(0, set));
    return { memberId: m.memberId, hours, personHours: hours * Math.max(1, m.size) };
  });
}

/** A team as the overdue check reads it. */
export interface TeamOut {
  id: string;
  dispatchedAt: Date;
  backAt: Date | null;
}

/**
 * Pure: the ids of teams sent out and not back (no `backAt`) once `now` has reached the day's end, longest out
 * first (ties by id) — the coordinator phones these leaders. Before the day's end nothing is overdue.
 */
export function overdueTeams(teams: readonly TeamOut[], dayEnd: Date, now: Date): string[] {
  if (now.getTime() < dayEnd.getTime()) return [];
  return teams
    .filter((t) => t.backAt === null && t.dispatchedAt.getTime() <= now.getTime())
    .sort((a, b) => a.dispatchedAt.getTime() - b.dispatchedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((t) => t.id);
}

function blank(s: string | undefined): boolean {
  return s === undefined || s.trim() === '';
}
