/**
 * Complaints and opinions (苦情・ご意見): what a resident sends through LINE, the statuses the person responsible
 * for complaints (苦情解決責任者) moves it through, and the yearly counts the annual report publishes. An anonymous
 * one keeps no link to the resident and cannot be answered; a named one says how to reach the resident.
 */
import type { Page, Paged } from './paging';
import type { AuditTrail } from './staff';
import type { PersonalNoticeOutbox } from './personal-notice';

/** 苦情 (something went wrong) or ご意見・ご提案 (an opinion or a suggestion). */
export const COMPLAINT_KINDS = ['complaint', 'opinion'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** What it is about: 相談の対応, ボランティア, 寄付, 行事・サロン, 職員の対応, その他. */
export const COMPLAINT_TOPICS = ['consultation', 'volunteer', 'donation', 'events', 'staff', 'other'] as const;
export type ComplaintTopic = (typeof COMPLAINT_TOPICS)[number];

/** How the resident may be reached: not at all (anonymous), by a LINE message, or by phone. */
export const COMPLAINT_CONTACTS = ['none', 'line', 'phone'] as const;
export type ComplaintContact = (typeof COMPLAINT_CONTACTS)[number];

/** 受付 → 対応中 → 解決, or 取り下げ (the resident withdrew it, or it needs nothing more). */
export const COMPLAINT_STATUSES = ['new', 'in_progress', 'resolved', 'withdrawn'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The moves staff make in the console. */
export const COMPLAINT_MOVES = ['in_progress', 'resolved', 'withdrawn'] as const;
export type ComplaintMove = (typeof COMPLAINT_MOVES)[number];

/** The longest text a resident may send, and the longest outcome and notes staff may write. */
export const COMPLAINT_TEXT_MAX = 1000;
export const COMPLAINT_OUTCOME_MAX = 1000;
export const COMPLAINT_NOTES_MAX = 2000;

const ALLOWED: Readonly<Record<ComplaintStatus, readonly ComplaintMove[]>> = {
  new: ['in_progress', 'resolved', 'withdrawn'],
  in_progress: ['resolved', 'withdrawn'],
  resolved: [],
  withdrawn: [],
};

/** Pure: whether a complaint in `from` may be moved to `to`. Resolved and withdrawn ones are closed. */
export function canMoveComplaint(from: ComplaintStatus, to: ComplaintMove): boolean {
  return ALLOWED[from].includes(to);
}

/** Pure: whether the outcome can be sent to the resident now (resolved, reachable on LINE, not sent yet). */
export function canTellOutcome(c: Pick<ComplaintRecord, 'status' | 'contact' | 'residentId' | 'outcome' | 'outcomeToldAt'>): boolean {
  return c.status === 'resolved' && c.contact === 'line' && c.residentId !== null && !!c.outcome && c.outcomeToldAt === null;
}

/** A complaint as the flow hands it to the writer. */
export interface NewComplaint {
  referenceNo: string;
  kind: ComplaintKind;
  topic: ComplaintTopic;
  text: string;
  contact: ComplaintContact;
  /** Digits, for contact `phone`. */
  phone: string | null;
}

/** A stored complaint. */
export interface ComplaintRecord extends NewComplaint {
  id: string;
  /** Null for an anonymous one (or once the resident was erased). */
  residentId: string | null;
  status: ComplaintStatus;
  notes: string | null;
  outcome: string | null;
  outcomeToldAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What the console reads. */
export interface ComplaintAdmin {
  /** One page, newest first, optionally of one status, and how many there are. */
  list(filter: { status: ComplaintStatus | null }, page: Page): Promise<Paged<ComplaintRecord>>;
  get(id: string): Promise<ComplaintRecord | null>;
}

/** A change to a complaint, written only if it is still in the status staff saw (`from`). */
export interface ComplaintChange {
  status?: ComplaintStatus;
  notes?: string | null;
  outcome?: string | null;
  outcomeToldAt?: Date;
  at: Date;
}

/** Where the complaint use cases write, inside one unit of work. */
export interface ComplaintStore extends Pick<ComplaintAdmin, 'get'> {
  /**
   * False when the row is gone or no longer in `from` (someone else moved it meanwhile), or, for a change that
   * records the outcome's sending, when it was already sent.
   */
  update(id: string, from: ComplaintStatus, change: ComplaintChange): Promise<boolean>;
}

/** The repositories a complaint use case gets in its transaction. */
export interface ComplaintRepositories {
  complaints: ComplaintStore;
  notices: PersonalNoticeOutbox;
  audit: AuditTrail;
}

/** One cell of the yearly counts: complaints or opinions about a topic, in a status, received in the fiscal year. */
export interface ComplaintYearCount {
  kind: ComplaintKind;
  topic: ComplaintTopic;
  status: ComplaintStatus;
  count: number;
}

/**
 * The annual report's source for 苦情・ご意見: counts by kind × topic × status of what was received in fiscal year
 * `fiscalYear` (1 April 00:00 to 1 April of the next year, Japan time). Cells with no rows are left out.
 */
export interface ComplaintYearCounts {
  complaintYearCounts(fiscalYear: number): Promise<ComplaintYearCount[]>;
}
