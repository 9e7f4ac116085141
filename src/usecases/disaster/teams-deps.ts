/**
 * What the teams (班) use cases are given: a unit of work over needs and teams, the bot's wording of the dispatch
 * notices and of the household's notices, and the month's push budget.
 */
import type { TeamsRepositories } from '../../domain/disaster/teams-admin';
import type { WorkKind } from '../../domain/disaster/needs';
import type { Notice } from '../../domain/notice';
import type { UnitOfWork } from '../../domain/unit-of-work';
import type { NeedNotices } from './needs-deps';

/** What every member's dispatch notice says. */
export interface DispatchSubject {
  teamId: string;
  centreName: string;
  number: number;
  referenceNo: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  work: readonly WorkKind[];
  workOther: string | null;
  equipment: ReadonlyArray<{ name: string; count: number }>;
  leaderName: string;
  /** The day's safety rules: the coordinator's words, else the heat level's text, else the default. */
  safetyNote: string | null;
  heatLevel: string | null;
}

/** What only the leader's notice says besides: the team's members and the requester's contact. */
export interface LeaderDetails {
  members: ReadonlyArray<{ name: string; kind: 'individual' | 'group'; groupName: string | null; size: number; phone: string | null }>;
  requester: { name: string | null; phone: string | null };
}

/**
 * The bot's wording of the dispatch notices (src/bot/disaster/dispatch-notices.ts), before any drill mark: every
 * member's with the site (a location when it has a pin) and a 緊急 button; the leader's also with the members and
 * the requester's contact and a 帰着・活動報告 button.
 */
export interface DispatchNotices {
  member(s: DispatchSubject): Notice;
  leader(s: DispatchSubject, d: LeaderDetails): Notice;
}

/** The teams use cases' dependencies. */
export interface TeamsDeps {
  work: UnitOfWork<TeamsRepositories>;
  dispatch: DispatchNotices;
  needNotices: NeedNotices;
  monthlyPushBudget: number;
}
