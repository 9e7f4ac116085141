/**
 * What the bot reads and writes of a disaster volunteer centre: the running centre with its dates, a resident's pool
 * entry and applications, and the changes one step makes. The console's side (opening centres, dates, the draw, the
 * reception desk) has its own port.
 */
import type { LineMessage } from '../line-message';
import type { Notice } from '../notice';
import type { ActivityDay, DisasterCentre, MyApplication, NewPoolMember, PoolMember } from './centre';
import type { DuplicateMatch, NeedFingerprint } from './duplicates';
import type { FieldReportInput } from './field-admin';
import type { GeoPoint } from './geo';
import type { DamageKind, Household, NeedStatus, RequesterRelation, WorkKind } from './needs';

/** An activity date as residents see it (the draw's settings stay with the console). */
export type CentreDay = Pick<ActivityDay, 'id' | 'date' | 'capacity' | 'opensAt' | 'closesAt' | 'reconfirmBy' | 'checkInCode'>;

/** A running centre (open or paused) with its dates from today on, in date order. */
export type RunningCentre = DisasterCentre & { days: CentreDay[] };

/** A resident's ordinary volunteer registration, as far as joining a centre's pool starts from it. */
export interface VolunteerPrefill {
  id: string;
  name: string;
  phone: string | null;
  skills: string[];
}

/** A pool member with their applications for dates from today on. */
export interface PoolEntry {
  member: PoolMember;
  applications: MyApplication[];
}

/** The bot's reads (on the processing side). */
export interface DisasterStore {
  /** The running centre (a real one before a drill, then the latest opened) with its dates from `today`; null when none runs. */
  runningCentre(today: string): Promise<RunningCentre | null>;
  /** The pool entries of these residents in the centre, by resident id (erased entries are left out). */
  poolOf(centreId: string, residentIds: string[], today: string): Promise<Map<string, PoolEntry>>;
  /** The current (not ended) volunteer registrations of these residents, by resident id. */
  volunteersOf(residentIds: string[]): Promise<Map<string, VolunteerPrefill>>;
  /** The open and done needs (any centre) of these residents' reports, a merged need's survivor in its place, by resident id. */
  needsOf(residentIds: string[]): Promise<Map<string, MyNeed[]>>;
  /** The saved answers of these residents' need forms waiting at their summary (flow `flowId`), by resident id. */
  needFormsAtSummary(residentIds: string[], flowId: string): Promise<Map<string, Record<string, unknown>>>;
  /** Likely duplicates, in the centre, of a need about to be saved. */
  likelyDuplicates(centreId: string, report: NeedFingerprint, radiusMetres: number): Promise<DuplicateMatch[]>;
}

/**
 * How a check-in through LINE is written: checked in on their place (`in`) or as a walk-in (`walkIn`), or flagged for
 * the desk — on their row (`flag`), or as a walk-in who could not be checked in (`flagWalkIn`).
 */
export type CheckInOutcome = 'in' | 'walkIn' | 'flag' | 'flagWalkIn';
export type CheckInWrite = { dayId: string; memberId: string; outcome: CheckInOutcome };

/** What one step writes for the resident (the writer re-checks every condition against the rows). */
export interface DisasterWrite extends NeedWrite {
  /** Joins the centre's pool, or changes the resident's entry. */
  member?: { centreId: string; save: NewPoolMember };
  /** Applies for these dates (each only while its window is open and the centre is open; once). */
  apply?: { centreId: string; dayIds: string[] };
  /** Takes the offered place: only if still `chosen` and before its `replyBy`; else `correction` tells them. */
  reconfirm?: { applicationId: string; correction: Notice };
  /** Gives the place (or the application) back: `released`. */
  giveBack?: { applicationId: string };
  checkIn?: CheckInWrite;
  /**
   * Consent withdrawn: every pool entry of the resident loses its personal fields, pending applications are released;
   * their need reports lose the reporter's fields and their link to the resident (the needs stay for the households).
   */
  erase?: true;
  /**
   * The leader's return report, filed by its use case in a transaction of its own before the step's statements (it
   * reads the team as the transaction finds it). The household's notices come worded for either outcome.
   */
  fieldReport?: { teamId: string; report: FieldReportInput; notices: Record<'done' | 'continuing', Notice>; monthlyPushBudget: number };
  /** 緊急: raises (or finds the open) alert of the team, by its use case, like the report; on-duty staff pushed when new. */
  fieldAlert?: { teamId: string; onDuty: { lineUserIds: string[]; messages: LineMessage[] } };
}

/**
 * A need as the resident's LINE intake gives it (the household's, told by them or by a proxy): what the writer stores
 * as the Need and its first NeedReport.
 */
export interface NewNeed {
  /** N-YYMMDD-XXXX. */
  referenceNo: string;
  relation: RequesterRelation;
  /** The household's name and phone, as a proxy gave them (null for the resident's own home). */
  householdName: string | null;
  householdPhone: string | null;
  /** A proxy's own name. */
  reporterName: string | null;
  address: string | null;
  location: GeoPoint | null;
  damage: DamageKind[];
  work: WorkKind[];
  workOther: string | null;
  /** Screening rule codes the resident ticked. */
  cannotDo: string[];
  /** Every screening rule code the need raised (ticked, work kinds, words). */
  screening: string[];
  /** LINE message ids of the photos, copied like a consultation's. */
  photoMessageIds: string[];
  households: Household[];
  /** YYYY-MM-DD preferred; empty with `anyDay`. */
  preferredDates: string[];
  anyDay: boolean;
  contactMethod: 'line' | 'phone';
  phone: string | null;
  notes: string | null;
}

/**
 * One of the resident's needs (reported by them, or the need theirs was merged into), as 「依頼の状況」 tells it and a
 * new request after the follow-up starts from it.
 */
export interface MyNeed {
  id: string;
  referenceNo: string;
  status: NeedStatus;
  scheduledOn: string | null;
  /** Whose home, as the resident's report said; the household's name and where it is. */
  relation: RequesterRelation;
  householdName: string | null;
  address: string | null;
  location: GeoPoint | null;
}

/** What one step writes about needs. */
export interface NeedWrite {
  /** A new need from the LINE intake, with the likely duplicates found just before (for staff to look at). */
  need?: { centreId: string; save: NewNeed; suspects: DuplicateMatch[] };
  /** A note in a need's history from its reporter (the follow-up's answer), written only on a need they reported. */
  needNote?: { needId: string; note: string };
}
