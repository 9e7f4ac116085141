import type { MyApplication, NewPoolMember, PoolMember } from '../../domain/disaster/centre';
import type { DuplicateMatch } from '../../domain/disaster/duplicates';
import type { FieldReportInput, MyTeam } from '../../domain/disaster/field-admin';
import type { ScreeningRule } from '../../domain/disaster/screening';
import type { CheckInOutcome, MyNeed, NewNeed, RunningCentre, VolunteerPrefill } from '../../domain/disaster/store';
import { moduleContext, moduleEffect, type ModuleEffect } from '../engine/module';
import type { Choice, FlowContext } from '../engine/types';

/** The disaster module's id: its context key, its effects' owner. */
export const DISASTER = 'disaster';

/** The council's disaster settings (profile `disaster:`), as the steps read them; texts are the council's Japanese. */
export interface DisasterSettings {
  /** Skills useful after a disaster, in the profile's order. */
  skills: Choice[];
  /** Insurance plans that cover natural disasters. */
  disasterPlans: string[];
  enrolUrl: string;
  enrolPlace: string;
  orientation: { safety: string; heat: string; bring: string; waitAt: string };
  donationRule: string;
  /** How needs are screened (what volunteers may not do, and where to turn) and how near two pins suspect one household. */
  needs: { screening: ScreeningRule[]; duplicateRadiusMetres: number };
}

/** What the disaster steps and gates read. */
export interface DisasterContext {
  /** Null when the council has no disaster section: the module then says nothing. */
  settings: DisasterSettings | null;
  /** The running centre, or null (no disaster mode). */
  centre: RunningCentre | null;
  /** The resident's entry in the running centre's pool. */
  member: PoolMember | null;
  /** Their applications for the centre's dates from today on. */
  applications: MyApplication[];
  /** Their ordinary volunteer registration, to start a pool entry from. */
  volunteer: VolunteerPrefill | null;
  /** The resident's open needs (「依頼の状況」); absent when not loaded. */
  needs?: MyNeed[];
  /** Likely duplicates of the need form waiting at its summary, found when this event was loaded. */
  suspects?: DuplicateMatch[];
  /** The resident's teams of the day (and any still out); absent when not loaded. */
  teams?: MyTeam[];
}

/** The disaster module's effects. */
export type DisasterEffect =
  | { type: 'saveMember'; centreId: string; member: NewPoolMember }
  | { type: 'apply'; centreId: string; dayIds: string[] }
  | { type: 'reconfirm'; applicationId: string }
  | { type: 'giveBack'; applicationId: string }
  | { type: 'checkIn'; dayId: string; memberId: string; outcome: CheckInOutcome }
  | { type: 'eraseMember' }
  | { type: 'saveNeed'; centreId: string; need: NewNeed }
  | { type: 'noteNeed'; needId: string; note: string }
  /** The leader's return report, filed through its use case. */
  | { type: 'fileReport'; teamId: string; report: FieldReportInput }
  /** 緊急 from a member of a team that is out. */
  | { type: 'raiseAlert'; teamId: string };

const NONE: DisasterContext = { settings: null, centre: null, member: null, applications: [], volunteer: null };

export function disasterContext(ctx: FlowContext): DisasterContext {
  return moduleContext(ctx, DISASTER, NONE);
}

/** The running centre with the council's settings, or null when the bot is not in disaster mode. */
export function running(ctx: FlowContext): { centre: RunningCentre; settings: DisasterSettings } | null {
  const { centre, settings } = disasterContext(ctx);
  return centre && settings ? { centre, settings } : null;
}

export function disasterEffect(effect: DisasterEffect): ModuleEffect<DisasterEffect> {
  return moduleEffect(DISASTER, effect);
}
