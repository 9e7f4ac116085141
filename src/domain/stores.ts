import type { Language } from './language';
import type { LineMessage } from './line-message';
import type { ConsentStatus, FlowState, ResidentPatch } from './conversation';
import type { ConsultationDraft } from './consultation';
import type { NewDonationOffer } from './donation';
import type { ThreadView } from './thread';
import type { EventNotice } from './event-registration';
import type { NewVolunteerRequest, VolunteerProfile, VolunteerStatus } from './volunteer';

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
}

/** Webhook event log. `insertNew` is the exactly-once gate: a known id is not inserted again. */
export interface EventStore {
  /** Inserts the events whose ids are new; returns those ids. */
  insertNew(events: NewWebhookEvent[]): Promise<string[]>;
  /** Pending events of 1:1 users, oldest first (for recovery after a restart). */
  pending(limit: number): Promise<PendingEvent[]>;
  /** Marks the event failed; `redactedPayload` replaces the stored payload so no personal content is kept. */
  markFailed(id: string, error: string, now: Date, redactedPayload: string): Promise<void>;
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
}

/** An outbound LINE call to write with the step's other changes, before it is attempted. */
export interface NewOutbound {
  id: string;
  lineUserId: string;
  method: 'reply' | 'push';
  retryKey: string;
  messages: LineMessage[];
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
  handoff: { fromFlow: string | null; urgent?: boolean; teamCode?: string } | null;
  /** A consultation submitted by this event (the thread is handed off with it). */
  consultation?: ConsultationDraft;
  /** Messages for staff, stored in the resident's open thread. */
  forwarded?: ForwardedMessage[];
  /** A danger signal: an urgent alert on the thread. */
  alert?: { category: string };
  /** The JST date the out-of-hours notice was sent. */
  afterHoursNoticeOn?: string;
  /** The survey answer for the thread the survey was about. */
  survey?: { conversationId: string; score: number; comment: string | null };
  /** A registration for a council event (capacity is re-checked when written; see event-registration-statements). */
  eventRegistration?: { eventId: string; expected: 'registered' | 'waitlisted'; name: string; phone: string | null; notices: Record<'registered' | 'waitlisted' | 'closed', EventNotice> };
  /** A cancelled event registration; a freed place goes to the first on the waitlist, who gets `promoted`. */
  eventCancellation?: { eventId: string; promoted: EventNotice };
  /**
   * A volunteer registration saved (new or changed) and/or its status changed, or — consent withdrawn — ended and
   * erased: personal fields blanked, waiting invitations (and acceptances not yet passed on to a requester)
   * withdrawn, activity notes removed, reported hours kept.
   */
  volunteer?: { save?: Omit<VolunteerProfile, 'id'>; status?: VolunteerStatus; erase?: true };
  /** A request for volunteers' help. */
  volunteerRequest?: NewVolunteerRequest;
  /** A donation offer (its appliance photo, if any, is copied like a consultation's photos). */
  donationOffer?: NewDonationOffer;
  /** Hours and/or a note a volunteer reports after an activity they accepted. */
  activityReport?: { invitationId: string; hours?: number; note?: string };
  /** A volunteer's answer to an invitation (whether it takes a place is decided when written). */
  invitationAnswer?: { invitationId: string; answer: 'accept' | 'decline'; expected: 'accepted' | 'filled' | 'declined'; notices: Record<'acceptedInstead' | 'filledInstead' | 'filledOthers' | 'matched', EventNotice> };
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

/** The outcome of one outbound call, for recording in bulk. */
export type OutboundOutcome =
  | { id: string; status: 'sent'; method: 'reply' | 'push'; requestId: string | undefined; at: Date }
  | { id: string; status: 'failed' | 'skipped'; error: string };

/** A stored outbound call still to be (re)tried. */
export interface PendingOutbound {
  id: string;
  lineUserId: string;
  retryKey: string;
  messages: LineMessage[];
  createdAt: Date;
}

/** Delivery status of outbound messages. */
export interface OutboxStore {
  insert(rows: NewOutbound[], now: Date): Promise<void>;
  /** Records several outcomes in one statement per status. */
  recordOutcomes(outcomes: OutboundOutcome[]): Promise<void>;
  /** Calls written but never confirmed (a crash between commit and send), oldest first. */
  pending(limit: number): Promise<PendingOutbound[]>;
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
