import type { ConsultationStanding, ConsultationStatus } from './consultation';
import type { Page, Paged } from './paging';
import type { PersonalNoticeOutbox } from './personal-notice';
import type { Language } from './language';
import type { LineMessage } from './line-message';
import type { AuditTrail, StaffRole } from './staff';
import type { ThreadOwner } from './thread';

/** One row of the console inbox. */
export interface InboxItem {
  id: string;
  owner: ThreadOwner;
  urgent: boolean;
  teamCode: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  openedAt: Date;
  waitingSince: Date | null;
  lastMessageAt: Date;
  /** The latest consultation on the thread, if any. */
  consultation: { referenceNo: string; categoryCode: string; status: string } | null;
  unacknowledgedAlerts: number;
}

/** Which threads an inbox view lists. */
export type InboxView = 'waiting' | 'mine' | 'team' | 'urgent' | 'closed';

/** One entry of a thread's history, oldest first. */
export interface HistoryEntry {
  id: string;
  direction: 'in' | 'out' | 'system';
  kind: string;
  text: string | null;
  data: Record<string, unknown> | null;
  attachmentId: string | null;
  staffName: string | null;
  /** Delivery status of a staff reply (pending, sent, failed, skipped) and its outbound row. */
  delivery: string | null;
  outboundId: string | null;
  createdAt: Date;
}

/** A consultation as the console shows it. */
export interface ConsultationRecord {
  id: string;
  referenceNo: string;
  categoryCode: string;
  teamCode: string;
  forWhom: string;
  districtCode: string | null;
  contactMethod: string;
  phone: string | null;
  contactTime: string | null;
  urgency: string;
  description: string;
  attachmentIds: string[];
  status: ConsultationStatus;
  referralTarget: string | null;
  replyDueAt: Date;
  createdAt: Date;
}

/** Everything the conversation page shows. */
export interface ThreadDetail extends InboxItem {
  residentId: string;
  lineUserId: string;
  language: Language;
  districtCode: string | null;
  closedAt: Date | null;
  firstStaffReplyAt: Date | null;
  /** The latest messages (all since `historySince` when asked), oldest first. */
  history: HistoryEntry[];
  /** The `historySince` that shows a stretch of earlier messages too; null when the history starts here. */
  earlierSince: Date | null;
  notes: Array<{ id: string; staffName: string; text: string; createdAt: Date }>;
  consultations: ConsultationRecord[];
  /** `fromMessage` false: raised by staff (`RAISED_ALERT_CATEGORIES`), with no safety reply to the resident. */
  alerts: Array<{ id: string; category: string; createdAt: Date; acknowledgedAt: Date | null; fromMessage: boolean }>;
  survey: { score: number; comment: string | null } | null;
}

/** A push to send after a staff action is committed (its row is already written with its retry key). */
export interface QueuedPush {
  id: string;
  lineUserId: string;
  retryKey: string;
  messages: LineMessage[];
}

/**
 * Who owned the thread when the staff member decided to act. Changes apply only if it is still so, so of two
 * colleagues acting at once one wins and the other is told (`DomainError('thread.transition')`).
 */
export interface ThreadSnapshot {
  owner: ThreadOwner;
  assigneeId: string | null;
}

/** Threads as the console's pages read them. */
export interface StaffThreadStore {
  /** The threads of an open view (the work in hand), urgent first, then the longest wait. */
  inbox(view: Exclude<InboxView, 'closed'>, staff: { id: string; teams: string[] }): Promise<InboxItem[]>;
  /** One page of the closed threads `staff` may see ({@link maySee}), the latest closed first, and how many there are. */
  closed(staff: { id: string; role: StaffRole; teams: readonly string[] }, page: Page): Promise<Paged<InboxItem>>;
  /** The thread with its latest messages, or every message since `historySince` when that is earlier. */
  detail(id: string, opts?: { historySince?: Date }): Promise<ThreadDetail | null>;
  /** The thread's inbox row and resident, without its history (for visibility checks on frequent requests). */
  head(id: string): Promise<(InboxItem & { residentId: string }) | null>;
  /** History entries at or after `after` (for live updates without reloading; the page skips ids it has). */
  historySince(id: string, after: Date): Promise<HistoryEntry[]>;
  /** A copied photo or file and the thread it was sent in; null until it has been copied from LINE. */
  attachment(id: string): Promise<{ contentType: string; data: Buffer; conversationId: string; residentId: string } | null>;
}

/** A thread's owner and handler as they stand, with what a staff action needs to know of it. */
export interface ThreadState extends ThreadSnapshot {
  residentId: string;
  firstStaffReplyAt: Date | null;
}

/** What a staff action changes on a thread. */
export interface ThreadChange {
  owner: ThreadOwner;
  assigneeId?: string;
  lastMessageAt?: Date;
  firstStaffReplyAt?: Date;
  closedAt?: Date;
  /** Whether the satisfaction survey was asked when the thread closed. */
  survey?: 'asked' | 'skipped';
}

/** A flow state to start for a resident (the survey after a thread closes). */
export interface FlowStart {
  flowId: string;
  version: number;
  step: string;
  data: Record<string, unknown>;
}

/** Threads as a use case changes them, inside its unit of work. */
export interface ThreadRepository {
  state(id: string): Promise<ThreadState | null>;
  /** Changes the thread if it is still as `seen`; false (nothing written) otherwise. */
  update(id: string, seen: ThreadSnapshot, change: ThreadChange): Promise<boolean>;
  /** Stores a push to send once the transaction commits, with its retry key. */
  addPush(push: QueuedPush, at: Date): Promise<void>;
  /** Stores a staff reply in the thread's history, sent by the push `outboundId`. */
  addStaffReply(threadId: string, reply: { text: string; staff: { id: string; displayName: string }; outboundId: string }, at: Date): Promise<void>;
  addNote(threadId: string, staffId: string, text: string, at: Date): Promise<void>;
  /** A consultation as it stands, with the resident it is about; null when there is no such consultation. */
  consultation(consultationId: string): Promise<(ConsultationStanding & { residentId: string; referenceNo: string; categoryCode: string }) | null>;
  setConsultationStatus(consultationId: string, change: { status: ConsultationStatus; referralTarget: string | null; closedAt: Date | null }, at: Date): Promise<void>;
  /** True while the resident is in the middle of a flow. */
  inFlow(residentId: string): Promise<boolean>;
  startFlow(residentId: string, flow: FlowStart, at: Date): Promise<void>;
  /** The resident and thread of a safety alert; null when there is no such alert. */
  alert(alertId: string): Promise<{ residentId: string; conversationId: string } | null>;
  /** Marks the alert acknowledged, unless it already is. */
  acknowledgeAlert(alertId: string, by: string, at: Date): Promise<void>;
  /** A staff reply of this thread whose push failed (with its retry key); null otherwise. */
  failedReply(threadId: string, outboundId: string): Promise<QueuedPush | null>;
  /** Puts a failed push back in line to be sent again (same row, same retry key). */
  retryPush(outboundId: string): Promise<void>;
}

/** The repositories the thread use cases change, bound to one unit of work. */
export interface ThreadRepositories {
  threads: ThreadRepository;
  audit: AuditTrail;
  /** The resident's own news (a consultation's status), sent by the broadcast engine once the change is written. */
  notices: PersonalNoticeOutbox;
}

/**
 * Pure: whether a member sees a thread. Counsellors see threads of their teams, threads not yet routed to a team,
 * urgent ones and their own; coordinators and admins see all.
 */
export function maySee(staff: { id: string; role: StaffRole; teams: readonly string[] }, t: { teamCode: string | null; urgent: boolean; assigneeId: string | null }): boolean {
  if (staff.role !== 'counsellor') return true;
  return t.urgent || t.teamCode === null || staff.teams.includes(t.teamCode) || t.assigneeId === staff.id;
}

/**
 * Pure: whether a member may act on the thread as its handler (claim, reply, close): anyone when it waits or has
 * no handler, otherwise its handler — and those who may reassign work (coordinators and admins).
 */
export function mayTake(actor: { id: string; mayReassign?: boolean }, t: { owner: ThreadOwner; assigneeId: string | null }): boolean {
  return actor.mayReassign === true || t.owner === 'waiting' || t.assigneeId === null || t.assigneeId === actor.id;
}

/**
 * Alerts staff raise on a resident's thread from a console page (not detected in a message), a closed set beside
 * the safety categories of src/domain/safety.ts: `crisis` (危機介入), staff judged the household needs the
 * consultation team at once. Such an alert has no webhook event and no safety reply.
 */
export const RAISED_ALERT_CATEGORIES = ['crisis'] as const;
export type RaisedAlertCategory = (typeof RAISED_ALERT_CATEGORIES)[number];

/** A resident's thread that is not closed, as an alert finds it. */
export interface OpenThread extends ThreadSnapshot {
  id: string;
}

/** Residents' threads as raising an alert changes them, inside the caller's unit of work. */
export interface AlertThreadRepository {
  /** The resident's thread that is not closed (at most one), or null. */
  openThread(residentId: string): Promise<OpenThread | null>;
  /** Opens an urgent thread for the resident, owned by `owner` and waiting since `at`. */
  openUrgent(thread: { id: string; residentId: string; owner: ThreadOwner }, at: Date): Promise<void>;
  /** Makes the thread urgent with `owner`, if it is still as `seen`; false (nothing written) otherwise. */
  raise(threadId: string, seen: ThreadSnapshot, owner: ThreadOwner, at: Date): Promise<boolean>;
  /** A system line in the thread's history (staff read it; the resident is sent nothing). */
  addSystemLine(threadId: string, text: string, at: Date): Promise<void>;
  /** A safety alert on the thread, unacknowledged, with no webhook event. */
  addAlert(alert: { id: string; residentId: string; threadId: string; category: RaisedAlertCategory }, at: Date): Promise<void>;
  /** Pushes to on-duty staff, marked as safety rows (sent first), for the outbox to send once committed. */
  addSafetyPushes(pushes: QueuedPush[], at: Date): Promise<void>;
}
