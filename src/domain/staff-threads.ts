import type { ConsultationStatus } from './consultation';
import type { Language } from './language';
import type { LineMessage } from './line-message';
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
  history: HistoryEntry[];
  notes: Array<{ id: string; staffName: string; text: string; createdAt: Date }>;
  consultations: ConsultationRecord[];
  alerts: Array<{ id: string; category: string; createdAt: Date; acknowledgedAt: Date | null }>;
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

/** Threads as staff work them. Every change writes its audit row in the same transaction. */
export interface StaffThreadStore {
  inbox(view: InboxView, staff: { id: string; teams: string[] }): Promise<InboxItem[]>;
  detail(id: string): Promise<ThreadDetail | null>;
  /** The thread's inbox row and resident, without its history (for visibility checks on frequent requests). */
  head(id: string): Promise<(InboxItem & { residentId: string }) | null>;
  /** History entries at or after `after` (for live updates without reloading; the page skips ids it has). */
  historySince(id: string, after: Date): Promise<HistoryEntry[]>;
  /** Gives the thread to `assigneeId` (claiming is assigning oneself). */
  assign(id: string, seen: ThreadSnapshot, assigneeId: string, by: string, now: Date): Promise<void>;
  /** Stores a staff reply and its push row; the caller sends the push after this resolves. */
  reply(id: string, seen: ThreadSnapshot, staff: { id: string; displayName: string }, text: string, push: QueuedPush, now: Date): Promise<void>;
  addNote(id: string, staffId: string, text: string, now: Date): Promise<void>;
  setConsultationStatus(consultationId: string, status: ConsultationStatus, referralTarget: string | null, by: string, now: Date): Promise<void>;
  /**
   * Closes the thread and, unless the resident is in the middle of a flow, sets their survey state and writes
   * the survey push row. Returns whether the survey was asked. Throws `DomainError('thread.transition')` when
   * the thread was closed meanwhile.
   */
  close(id: string, seen: ThreadSnapshot, by: string, survey: { state: { flowId: string; version: number; step: string; data: Record<string, unknown> }; push: QueuedPush }, now: Date): Promise<boolean>;
  acknowledgeAlert(alertId: string, by: string, now: Date): Promise<void>;
  /** A staff reply of this thread whose push failed, to send again with its retry key; null otherwise. */
  failedReply(threadId: string, outboundId: string): Promise<QueuedPush | null>;
  /** A copied photo or file and the thread it was sent in; null until it has been copied from LINE. */
  attachment(id: string): Promise<{ contentType: string; data: Buffer; conversationId: string; residentId: string } | null>;
}
