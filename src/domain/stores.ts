import type { DataRequestKind } from './resident-data';
import type { Language } from './language';
import type { LineMessage } from './line-message';
import type { TopicConsentRecord } from './topic-consent';
import type { ConsentStatus, FlowState, ResidentPatch } from './conversation';
import type { ThreadView } from './thread';

/** A resident's message kept for staff (text, or the LINE id of a photo, location data …). */
export interface ForwardedMessage {
  kind: string;
  text?: string;
  data?: Record<string, unknown>;
  lineMessageId?: string;
}

/** A webhook event as stored at the edge, before processing. */
export interface NewWebhookEvent {
  id: string;
  lineType: string;
  sourceType: string;
  userKey: string | null;
  mode: string;
  timestamp: number;
  isRedelivery: boolean;
  payload: string;
  /** `skipped` for events stored only for the record (groups, standby, types the bot ignores). */
  status: 'pending' | 'skipped';
  receivedAt: Date;
}

/** A stored event waiting to be processed. */
export interface PendingEvent {
  id: string;
  userKey: string;
  /** LINE's event `type` (message, postback, follow, unfollow …). */
  lineType: string;
  timestamp: number;
  payload: string;
  /** When the webhook carrying it was received (its reply token's life counts from here). */
  receivedAt: Date;
}

/**
 * Which instance processes a user's events now: with several instances on one database, one user's events are
 * processed by one instance at a time. A lease passes by itself (`PROCESSING_LEASE_MS`) when its instance dies.
 */
export interface ProcessingLeases {
  /** Takes the leases of these users that are free, passed or already this instance's; returns the users won. */
  claim(userKeys: string[], now: Date): Promise<Set<string>>;
  /** Gives back this instance's leases of these users. */
  release(userKeys: string[]): Promise<void>;
}

/** How long a user's processing lease lasts: past any batch's commit and sends, retries included. */
export const PROCESSING_LEASE_MS = 2 * 60_000;

/** Webhook event log. `insertNew` is the exactly-once gate: a known id is not inserted again. */
export interface EventStore {
  /** Inserts the events whose ids are new; returns those ids. */
  insertNew(events: NewWebhookEvent[]): Promise<string[]>;
  /** Pending events of 1:1 users, earliest received first: the queue processing reads its window from. */
  pending(limit: number): Promise<PendingEvent[]>;
  /** The earliest pending event (LINE's order) of each of these users; users with none are left out. */
  oldestPending(userKeys: string[]): Promise<Map<string, PendingEvent>>;
  /**
   * Marks a pending event failed; `redactedPayload` replaces the stored payload so no personal content is kept.
   * Returns false when the event was no longer pending (another instance processed it).
   */
  markFailed(id: string, error: string, now: Date, redactedPayload: string): Promise<boolean>;
  markSkipped(id: string, now: Date, redactedPayload: string): Promise<void>;
}

/** A LINE friend as the bot sees it. */
export interface ResidentRecord {
  id: string;
  lineUserId: string;
  language: Language;
  languageChosen: boolean;
  followed: boolean;
  consent: ConsentStatus;
  districtCode: string | null;
  topics: string[];
  salons: string[];
  onboardedAt: Date | null;
  /** The current decision per consent topic (see `currentConsents`). */
  topicConsents?: TopicConsentRecord[];
}

/** An outbound LINE call to write with the step's other changes, before it is attempted. */
export interface NewOutbound {
  id: string;
  lineUserId: string;
  method: 'reply' | 'push';
  retryKey: string;
  messages: LineMessage[];
  /** For a reply: the event's token and the time after which it is treated as expired. */
  replyToken?: string;
  replyBy?: Date;
  /** A safety reply (helplines): retried until delivered, pushed even after an unknown reply. */
  safety?: boolean;
}

/** A feature module's part of a step's commit: its own data, and content (photos) it asks to copy from LINE. */
export interface ModuleWrite {
  module: string;
  data: unknown;
  attachments?: string[];
}

/** Everything one processed event changes, written in one transaction. */
export interface StepCommit {
  eventId: string;
  /** The stored event payload with personal content removed. */
  redactedPayload: string;
  residentId: string;
  /** Whether a flow state row existed before this step (so an unchanged "no state" writes nothing). */
  hadState?: boolean;
  patch: ResidentPatch | null;
  followed?: boolean;
  /** `consented`: the resident agreed, for this conversation only, that staff see and keep it. */
  handoff: { fromFlow: string | null; urgent?: boolean; teamCode?: string; consented?: boolean } | null;
  /** Messages for staff, stored in the resident's open thread. */
  forwarded?: ForwardedMessage[];
  /**
   * The LINE message id of a message the resident unsent: its content is erased from what was kept for staff
   * (text, location, the copied photo), leaving a trace that a message was withdrawn.
   */
  withdrawn?: string;
  /** A danger signal: an urgent alert on the thread. */
  alert?: { category: string };
  /** The JST date the out-of-hours notice was sent. */
  afterHoursNoticeOn?: string;
  /** The survey answer for the thread the survey was about. */
  survey?: { conversationId: string; score: number; comment: string | null };
  /** A request to see or erase the resident's data (Settings → わたしの情報), for staff. */
  dataRequest?: { kind: DataRequestKind };
  /** What feature modules write with this step (each module's own data, read by its statement writer). */
  modules?: ModuleWrite[];
  state: FlowState | null;
  outbound: NewOutbound[];
  now: Date;
}

/** Residents, their flow state, and the step commit. */
export interface ConversationStore {
  findResident(lineUserId: string): Promise<ResidentRecord | null>;
  createResident(lineUserId: string, language: Language, now: Date): Promise<ResidentRecord>;
  loadFlowState(residentId: string): Promise<FlowState | null>;
  commit(c: StepCommit): Promise<void>;
  /** Residents by LINE user id (missing ids are absent from the map). */
  findResidents(lineUserIds: string[]): Promise<Map<string, ResidentRecord>>;
  /** Creates residents that do not exist yet and returns all of them by LINE user id. */
  createResidents(rows: Array<{ lineUserId: string; language: Language }>, now: Date): Promise<Map<string, ResidentRecord>>;
  /** Flow states by resident id. */
  loadFlowStates(residentIds: string[]): Promise<Map<string, FlowState>>;
  /** The open (not closed) thread of each resident that has one. */
  loadThreads(residentIds: string[]): Promise<Map<string, ThreadView>>;
  /** Writes several users' step commits in one transaction: all of them, or none. */
  commitMany(commits: StepCommit[]): Promise<void>;
}

/** The outcome of one outbound row's attempts, for recording in bulk. */
export type OutboundOutcome =
  | { id: string; status: 'sent'; method: 'reply' | 'push'; requestId: string | undefined; at: Date; ambiguous?: boolean }
  /** LINE may have accepted an attempt without answering, and nothing can tell: not repeated. */
  | { id: string; status: 'unknown'; error: string; at: Date }
  /** Not taken for now (rate limit, LINE unreachable): tried again at `nextAttemptAt`, as a push with its key. */
  | { id: string; status: 'retry'; error: string; nextAttemptAt: Date; ambiguous: boolean }
  | { id: string; status: 'failed' | 'skipped'; error: string };

/** A stored outbound row, as the delivery runner works on it. */
export interface OutboundRow {
  id: string;
  lineUserId: string;
  method: 'reply' | 'push';
  retryKey: string;
  messages: LineMessage[];
  replyToken?: string;
  replyBy?: Date;
  safety: boolean;
  /** An earlier attempt may have reached LINE (a 5xx, a timeout, or a crash while it was `attempting`). */
  ambiguous: boolean;
  attempts: number;
  createdAt: Date;
}

/** Outbound rows and their delivery status. */
export interface OutboxStore {
  insert(rows: NewOutbound[], now: Date): Promise<void>;
  /**
   * Makes `pending` rows `attempting` (durably, before any call), with a lease until `leaseUntil`; returns the
   * ids it claimed (a row already claimed elsewhere is not returned).
   */
  claim(ids: string[], leaseUntil: Date): Promise<string[]>;
  /**
   * Claims rows due for another attempt: `retry` rows whose time has come, `attempting` rows whose lease passed
   * before `abandonedBefore` (their process died: marked ambiguous), and `pending` rows written before
   * `unclaimedBefore` that nobody claimed. Safety rows first, then oldest first.
   */
  claimDue(now: Date, opts: { abandonedBefore: Date; ownAbandonedBefore?: Date; unclaimedBefore: Date; leaseUntil: Date; limit: number }): Promise<OutboundRow[]>;
  /**
   * Durably turns a claimed reply into a push (before the push is attempted), keeping whether it is ambiguous. An
   * ambiguous switch (LINE may have taken the reply) also marks the row as possibly delivered twice, for staff.
   */
  switchToPush(id: string, ambiguous: boolean): Promise<void>;
  /** Records several outcomes in one transaction. */
  recordOutcomes(outcomes: OutboundOutcome[]): Promise<void>;
  isFollowed(lineUserId: string): Promise<boolean>;
}

/** Copies of content residents sent (photos …), kept because LINE deletes it after a while. */
export interface AttachmentStore {
  /** Stores the content of a pending attachment. */
  saveContent(lineMessageId: string, contentType: string, data: Buffer): Promise<void>;
  /** Marks the copy failed for good (LINE no longer has it, or it is too large). */
  markFailed(lineMessageId: string, reason: string): Promise<void>;
  /** LINE message ids still waiting to be copied, oldest first. */
  pending(limit: number): Promise<string[]>;
  /** The stored content of an attachment, for the console. */
  content(id: string): Promise<{ contentType: string; data: Buffer; residentId: string } | null>;
}
