/**
 * Needs (ニーズ) as staff handle them in the console: what intake records, what the triage board and a need's page
 * read, and what the use cases change (`NeedsRepository`, inside a unit of work). Ports; Prisma implements them.
 */
import type { Page, Paged } from '../paging';
import type { AlertThreadRepository } from '../staff-threads';
import type { DisasterRepositories } from './admin';
import type { DuplicateMatch, NeedFingerprint } from './duplicates';
import type { DamageKind, Household, NeedChannel, NeedFlag, NeedPriority, NeedStatus, RequesterRelation, SurveyDecision, WorkKind } from './needs';

/** What one intake says about the household and its need (the need's own fields). */
export interface NeedFields {
  householdName: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  districtCode: string | null;
  damage: DamageKind[];
  work: WorkKind[];
  workOther: string | null;
  households: Household[];
  /** YYYY-MM-DD. */
  preferredDates: string[];
  contactMethod: 'line' | 'phone';
  phone: string | null;
  notes: string | null;
}

/** A report entered by staff: who reported it, by which channel. */
export interface StaffReportInput {
  channel: Exclude<NeedChannel, 'line'>;
  relation: RequesterRelation;
  reporterName: string | null;
  reporterPhone: string | null;
  staffId: string;
}

/** A need on the board. */
export interface NeedSummary {
  id: string;
  referenceNo: string;
  centreId: string;
  status: NeedStatus;
  statusSince: Date;
  priority: NeedPriority;
  flags: NeedFlag[];
  householdName: string | null;
  address: string | null;
  districtCode: string | null;
  work: WorkKind[];
  scheduledOn: string | null;
  screening: string[];
  /** For cancelled or impossible: why, and where the household was referred. */
  closedReason: string | null;
  referral: string | null;
  /** Reports with suspected duplicates nobody has looked at yet. */
  unreviewed: number;
  reports: number;
  createdAt: Date;
}

/**
 * The triage board's filters, as checked codes (null: not filtered). `suspect`: a report whose likely duplicates
 * nobody has looked at yet; `stale`: coordinating (調整中) since before `staleBefore` (see `staleBefore`).
 */
export interface NeedBoardFilter {
  districtCode: string | null;
  status: NeedStatus | null;
  work: WorkKind | null;
  flag: NeedFlag | 'suspect' | 'stale' | null;
  staleBefore: Date;
}

/** One status of the board: how many needs match, and the first of them in board order (`boardOrder`). */
export interface NeedBoardColumn {
  status: NeedStatus;
  total: number;
  needs: NeedSummary[];
}

/** The board's header: counts over the whole centre (needs merged into another left out), whatever the filter. */
export interface NeedBoardCounts {
  total: number;
  byStatus: Record<NeedStatus, number>;
  /** Coordinating since before `staleBefore`. */
  stale: number;
  /** Open (not done, cancelled or impossible) and flagged crisis (危機介入). */
  crisis: number;
  /** With a report whose likely duplicates nobody has looked at yet. */
  suspects: number;
}

/** One report of a need, as its page shows it. */
export interface NeedReportEntry {
  id: string;
  channel: NeedChannel;
  relation: RequesterRelation;
  residentId: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  staffId: string | null;
  /** What the report said, as stored (JSON object). */
  content: Record<string, unknown>;
  photoIds: string[];
  suspects: DuplicateMatch[];
  reviewedAt: Date | null;
  createdAt: Date;
}

/** One line of a need's history. */
export interface NeedEventEntry {
  kind: 'status' | 'priority' | 'flags' | 'link' | 'survey' | 'note';
  from: string | null;
  to: string | null;
  note: string | null;
  staffId: string | null;
  at: Date;
}

/** A need with everything its page shows. */
export interface NeedDetail extends NeedSummary, NeedFields {
  surveyDecision: SurveyDecision | null;
  followedUpAt: Date | null;
  mergedIntoId: string | null;
  reportList: NeedReportEntry[];
  events: NeedEventEntry[];
}

/** What a status move writes besides the status. */
export interface NeedMovePatch {
  scheduledOn?: string | null;
  closedReason?: string | null;
  referral?: string | null;
}

/** A need due for its follow-up, with the centre it belongs to. */
export interface FollowUpCandidate {
  id: string;
  referenceNo: string;
  statusSince: Date;
  followedUpAt: Date | null;
  centreName: string;
  drill: boolean;
}

/** The needs' rows, read and written inside a unit of work. */
export interface NeedsRepository {
  centre(centreId: string): Promise<{ id: string; name: string; drill: boolean; status: string } | null>;
  /** The centre running now (開設中 or 受付停止), if any. */
  runningCentreId(): Promise<string | null>;
  /** Likely duplicates among the centre's needs not merged into another, strongest first. */
  likelyDuplicates(centreId: string, report: NeedFingerprint, radiusMetres: number): Promise<DuplicateMatch[]>;
  /** Saves a new need (status received) and its first report; false when the reference number is taken. */
  createNeed(o: { id: string; referenceNo: string; centreId: string; fields: NeedFields; surveyDecision: SurveyDecision | null; flags: NeedFlag[]; screening: string[]; report: StaffReportInput & { content: Record<string, unknown>; suspects: DuplicateMatch[]; reviewedAt: Date | null }; at: Date }): Promise<boolean>;
  /** Adds a report to an existing need (a linked duplicate), reviewed at `at`. */
  addReport(needId: string, report: StaffReportInput & { content: Record<string, unknown>; suspects: DuplicateMatch[] }, at: Date): Promise<string>;
  need(needId: string): Promise<NeedDetail | null>;
  /**
   * The board: every status in board order (`NEED_STATUSES`), each with how many of the centre's needs (not merged
   * into another) match the filter and at most `perStatus` of them in `boardOrder`, filtered and cut in the database.
   */
  board(centreId: string, filter: NeedBoardFilter, perStatus: number): Promise<NeedBoardColumn[]>;
  /** The board's header counts over the whole centre, by aggregates (no need is read). */
  boardCounts(centreId: string, staleBefore: Date): Promise<NeedBoardCounts>;
  /** Every need of the centre (not merged into another) that matches the filter, oldest first (the CSV). */
  matchingNeeds(centreId: string, filter: NeedBoardFilter): Promise<NeedSummary[]>;
  /** Moves a need from `from` (as staff saw it); false when it had moved meanwhile. */
  moveNeed(needId: string, from: NeedStatus, to: NeedStatus, patch: NeedMovePatch, at: Date): Promise<boolean>;
  update(needId: string, change: { priority?: NeedPriority; flags?: NeedFlag[]; surveyDecision?: SurveyDecision | null }, at: Date): Promise<void>;
  recordEvent(needId: string, event: NeedEventEntry): Promise<void>;
  /** Marks a report reviewed (its suspects looked at); false when it was already. */
  reviewReport(reportId: string, at: Date): Promise<boolean>;
  /** Moves a report to another need; returns the need it came from. */
  moveReport(reportId: string, toNeedId: string): Promise<void>;
  /** Marks a need as merged into another (it leaves the board), when it has no report left. */
  mergeIfEmpty(needId: string, intoId: string, at: Date): Promise<boolean>;
  /** One page of the audit rows about the need (every view is one), newest first, and how many there are. */
  auditRows(needId: string, page: Page): Promise<Paged<{ action: string; staffId: string | null; at: Date; detail: Record<string, unknown> | null }>>;
  /** Each resident's latest LINE conversation thread with staff, for the console to link to (危機介入 above all). */
  latestThreads(residentIds: readonly string[]): Promise<Map<string, string>>;
  /** The LINE residents who reported the need, each once. */
  reporters(needId: string): Promise<string[]>;
  /** Done needs, done by `statusSinceBefore` and not followed up since (the use case decides with `followUpDue`). */
  doneNeeds(statusSinceBefore: Date): Promise<FollowUpCandidate[]>;
  /** Sets followedUpAt unless a run already did since the need was done; false then. */
  markFollowedUp(needId: string, statusSince: Date, at: Date): Promise<boolean>;
}

/** What the needs use cases get in one transaction: needs, the centre's notices and push budget, the audit log. */
export interface NeedsRepositories extends DisasterRepositories {
  needs: NeedsRepository;
  /** The core's residents' threads, to raise a 危機介入 alert on a LINE reporter's thread in the same transaction. */
  alertThreads: AlertThreadRepository;
}
