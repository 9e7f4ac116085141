/**
 * What the bot reads and writes of a disaster volunteer centre: the running centre with its dates, a resident's pool
 * entry and applications, and the changes one step makes. The console's side (opening centres, dates, the draw, the
 * reception desk) has its own port.
 */
import type { Notice } from '../notice';
import type { ActivityDay, DisasterCentre, MyApplication, NewPoolMember, PoolMember } from './centre';

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
}

/**
 * How a check-in through LINE is written: checked in on their place (`in`) or as a walk-in (`walkIn`), or flagged for
 * the desk — on their row (`flag`), or as a walk-in who could not be checked in (`flagWalkIn`).
 */
export type CheckInOutcome = 'in' | 'walkIn' | 'flag' | 'flagWalkIn';
export type CheckInWrite = { dayId: string; memberId: string; outcome: CheckInOutcome };

/** What one step writes for the resident (the writer re-checks every condition against the rows). */
export interface DisasterWrite {
  /** Joins the centre's pool, or changes the resident's entry. */
  member?: { centreId: string; save: NewPoolMember };
  /** Applies for these dates (each only while its window is open and the centre is open; once). */
  apply?: { centreId: string; dayIds: string[] };
  /** Takes the offered place: only if still `chosen` and before its `replyBy`; else `correction` tells them. */
  reconfirm?: { applicationId: string; correction: Notice };
  /** Gives the place (or the application) back: `released`. */
  giveBack?: { applicationId: string };
  checkIn?: CheckInWrite;
  /** Consent withdrawn: every pool entry of the resident loses its personal fields, pending applications are released. */
  erase?: true;
}
