/**
 * The disaster centre as staff run it: what the console's pages read (`DisasterAdmin`) and what the use cases and
 * the scheduled draw change (`DisasterRepository`, inside a unit of work). Ports; Prisma implements them.
 */
import type { Page, Paged } from '../paging';
import type { AuditTrail } from '../staff';
import type { ActivityDay, ApplicationStatus, CentreStatus, DisasterCentre, PoolMember } from './centre';
import type { DayInput } from './days';
import type { Notice } from '../notice';

/** What a coordinator gives to open a centre (it starts 準備中). */
export interface CentreInput {
  name: string;
  /** District codes from the profile. */
  districts: string[];
  /** YYYY-MM-DD, Japan time. */
  openedOn: string;
  drill: boolean;
}

/** A centre with its counts, as the list shows it. */
export interface CentreSummary extends DisasterCentre {
  createdAt: Date;
  updatedAt: Date;
  /** Pool entries, and the people they stand for (a group counts its size). */
  members: number;
  people: number;
  days: number;
}

/** A pool member as staff see them. */
export interface PoolEntry extends PoolMember {
  residentId: string;
  joinedAt: Date;
}

/** How many applications of a date are in each state (and how many people checked in). */
export interface DayCounts {
  /** Every application made through LINE (walk-ins are not applications). */
  applied: number;
  chosen: number;
  reconfirmed: number;
  waitlisted: number;
  released: number;
  walkIns: number;
  checkedIn: number;
  /** Applications still waiting for the draw. */
  pending: number;
}

export interface DaySummary extends ActivityDay {
  counts: DayCounts;
}

/** One application with its member, as the date's pages and reception show it. */
export interface ApplicationEntry {
  id: string;
  status: ApplicationStatus;
  /** Place in the draw: the chosen first (1…), then the waitlist. */
  position: number | null;
  offeredAt: Date | null;
  replyBy: Date | null;
  appliedAt: Date;
  checkedInAt: Date | null;
  /** line | desk */
  checkedInBy: string | null;
  member: Pick<PoolEntry, 'id' | 'name' | 'groupName' | 'kind' | 'size' | 'origin' | 'skills' | 'phone' | 'emergencyContact' | 'cover' | 'losses'>;
}

/** Notices sent over the month's push budget: what the draw or a backfill cost, and what was left. */
export interface BudgetOverrun {
  dayId: string;
  at: Date;
  cost: number;
  remaining: number;
  reason: 'draw' | 'backfill';
}

/** The pages' reads. */
export interface DisasterAdmin {
  /** One page of the real centres or of the drills (the pages list them apart), newest first, and how many there are. */
  centres(drill: boolean, page: Page): Promise<Paged<CentreSummary>>;
  /** Pool entries, the people they stand for and activity days of every real centre or every drill. */
  centreTotals(drill: boolean): Promise<{ members: number; people: number; days: number }>;
  /** The centre running now (開設中 or 受付停止; one at a time), if any. */
  running(): Promise<CentreSummary | null>;
  centre(id: string): Promise<CentreSummary | null>;
  members(centreId: string): Promise<PoolEntry[]>;
  days(centreId: string): Promise<DaySummary[]>;
  day(dayId: string): Promise<(DaySummary & { centre: DisasterCentre }) | null>;
  /** A date's applications: drawn order (position), then the rest by time of applying. */
  applications(dayId: string): Promise<ApplicationEntry[]>;
  /** Pool members whose name (or group name) contains `q`, without an application for the date that holds a place. */
  findMembers(centreId: string, dayId: string, q: string): Promise<PoolEntry[]>;
  overruns(centreId: string): Promise<BudgetOverrun[]>;
  /** This month's pushes: sent, and scheduled (as the broadcast console counts them). */
  usage(monthStart: Date, monthEnd: Date): Promise<{ used: number; scheduled: number }>;
}

/** One personal notice of the centre to a resident (its kind is `disaster_notice`). */
export interface DisasterNoticeRow {
  residentId: string;
  notice: Notice;
  /** Sent in quiet hours too (a centre-wide urgent notice: aftershock, evacuation, weather). */
  urgent?: boolean;
}

/** An applicant as the draw reads them. */
export interface Applicant {
  applicationId: string;
  memberId: string;
  residentId: string;
  local: boolean;
  skills: string[];
  losses: number;
}

/** The draw's outcome as stored: application ids in drawn order, chosen first. */
export interface DrawResult {
  chosen: string[];
  waitlist: string[];
}

/** What the use cases and jobs change, on one transaction. */
export interface DisasterRepository {
  createCentre(c: CentreInput, at: Date): Promise<string>;
  centreState(id: string): Promise<Pick<DisasterCentre, 'status' | 'drill' | 'name'> | null>;
  /**
   * Moves a centre from `from` to `to`, only if it still is `from` and — when `to` runs (open or paused) — no other
   * centre runs: decided in one statement. False (nothing written) otherwise.
   */
  moveCentre(id: string, from: CentreStatus, to: CentreStatus, at: Date): Promise<boolean>;
  /** The centre that runs, other than `except`, if any. */
  runningCentre(except?: string): Promise<Pick<DisasterCentre, 'id' | 'name'> | null>;
  setOptions(id: string, o: { sameDayCover: boolean; walkIns: boolean }, at: Date): Promise<boolean>;

  codeTaken(code: string): Promise<boolean>;
  /** False when the centre already has the date. */
  createDay(centreId: string, d: DayInput, checkInCode: string, at: Date): Promise<string | null>;
  /** Before the draw every setting changes; after it (`drawn`), only capacity and backfill hours. False when the draw ran meanwhile. */
  updateDay(dayId: string, d: DayInput, drawn: boolean): Promise<boolean>;

  /** Dates whose window has closed at `now`, not yet drawn, of a running centre. */
  dueDraws(now: Date): Promise<Array<ActivityDay & { centre: Pick<DisasterCentre, 'name' | 'drill'> }>>;
  /** Marks the date drawn with `seed`, only if it is not yet (the guard against drawing twice). */
  claimDraw(dayId: string, seed: string, now: Date): Promise<boolean>;
  applicants(dayId: string): Promise<Applicant[]>;
  /** Stores the outcome (chosen with `replyBy`, the rest waitlisted, positions in drawn order) and counts a loss for each waitlisted member. */
  storeDraw(dayId: string, result: DrawResult, now: Date, replyBy: Date): Promise<void>;

  /** Drawn dates of running centres that may still have places to release or offer (not ended before `now`'s day). */
  openDraws(now: Date): Promise<Array<ActivityDay & { centre: Pick<DisasterCentre, 'name' | 'drill'> }>>;
  /** Releases places not reconfirmed by their `replyBy` (≤ now); returns whose (application and resident ids). */
  releaseExpired(dayId: string, now: Date): Promise<Array<{ applicationId: string; residentId: string }>>;
  /**
   * Offers free places to the waitlist in drawn order — as many as capacity minus the places held, counted in the
   * same statement — with `replyBy`; returns whom (application and resident ids).
   */
  backfill(dayId: string, now: Date, replyBy: Date): Promise<Array<{ applicationId: string; residentId: string; position: number }>>;

  /** Writes the notices as `Broadcast` rows (kind `disaster_notice`, one resident each, counted against the budget). */
  queueNotices(rows: readonly DisasterNoticeRow[], at: Date): Promise<void>;
  usage(monthStart: Date, monthEnd: Date): Promise<{ used: number; scheduled: number }>;

  /** Checks in at the desk an application that holds a place (or becomes a walk-in when `walkIn`); false when it no longer can. */
  deskCheckIn(applicationId: string, dayId: string, walkIn: boolean, now: Date): Promise<ApplicationStatus | null>;
  /** A pool member who did not apply, checked in at the desk as a walk-in; false when they already have an application. */
  deskWalkIn(dayId: string, memberId: string, now: Date): Promise<string | null>;
}

export interface DisasterRepositories {
  disaster: DisasterRepository;
  audit: AuditTrail;
}
