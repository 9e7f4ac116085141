import type { ConsentStatus, FlowData, FlowState, ResidentPatch } from '../../domain/conversation';
import type { Language } from '../../domain/language';
import type { Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import type { InboundInput } from '../../domain/inbound-event';
import type { BusinessHours, HelplineTopic } from '../../domain/council-profile';
import type { ConsultationDraft, ReplyWithin } from '../../domain/consultation';
import type { SafetyCategory } from '../../domain/safety';
import type { ThreadView } from '../../domain/thread';
import type { SalonChange, SalonSchedule } from '../../domain/salon-schedule';
import type { EventView, MyRegistration } from '../../domain/event-registration';
import type { NewDonationOffer } from '../../domain/donation';
import type { InvitationView, NewVolunteerRequest, VolunteerProfile, VolunteerStatus } from '../../domain/volunteer';

/** What a flow may know about the resident it talks to. */
export interface ResidentView {
  language: Language;
  consent: ConsentStatus;
  districtCode: string | null;
  topics: string[];
  /** Salon codes the resident follows. */
  salons: string[];
  onboarded: boolean;
}

/** A text from the council profile in every language the bot speaks. */
export type LocalizedText = Record<Language, string>;

/** A choice residents tap: its code, its full name for text, and its button label (fits LINE's 20 characters). */
export interface Choice {
  code: string;
  name: LocalizedText;
  label: LocalizedText;
}

/**
 * Council facts a flow needs. Names come in every language so a language change applies at once; choices shown
 * as buttons carry a short `label` besides the `name` used in text.
 */
export interface CouncilView {
  name: LocalizedText;
  phone: string;
  hours: LocalizedText;
  districts: Choice[];
  /** Consultation areas in the profile's order, each routed to a team. */
  categories: Array<Choice & { team: string; about: LocalizedText; prepare: LocalizedText }>;
  businessHours: BusinessHours;
  replyWithin: ReplyWithin;
  /** Salons with their details (Japanese as written by the council) and schedules. */
  salons: Array<Choice & { district: string; place: string; fee: string; bring: string | null; accessibility: string | null; contact: string; schedule: SalonSchedule }>;
  /** Skills volunteers register with, in the profile's order. */
  volunteerSkills: Choice[];
  /** Donations, or null when the council takes none through LINE: the allocation plans, food rules and hand-over windows. */
  donations: DonationsView | null;
  /** Numbers for safety replies: 110, 119 and the helplines with the topics each serves. */
  emergency: { police: string; fireAmbulance: string; helplines: Array<{ name: LocalizedText; phone: string; hours: LocalizedText; for: HelplineTopic[] }> };
}

/** The council's donation settings as flows read them, names in every language. */
export interface DonationsView {
  /**
   * The goodwill bank's allocation plans (配分計画), one per fiscal year: purposes donors may designate. The plan of
   * the year `now` is in applies; in a year without one, gifts are general (一般預託).
   */
  plans: Array<{ fiscalYear: number; purposes: Array<Choice & { budgetYen: number }> }>;
  /** The food drive's rules; residents choose from `accepted` and `refused` categories alike. */
  food: { minDaysToBestBefore: number; accepted: Choice[]; refused: Choice[] };
  /** When gifts are handed over: brought to the office, or collected (a pick-up asks for the address). */
  slots: Array<Choice & { kind: 'dropOff' | 'pickUp' }>;
}

/** A message the resident sent, as kept for staff. */
export interface ResidentMessage {
  kind: 'text' | 'image' | 'video' | 'audio' | 'file' | 'location' | 'sticker';
  text?: string;
  /** Structured content (a location's title, address and coordinates). */
  data?: Record<string, unknown>;
  lineMessageId?: string;
}

/** Everything a step may read. Minted at the edge so steps stay pure and deterministic. */
export interface FlowContext {
  now: Date;
  resident: ResidentView;
  council: CouncilView;
  /** Milliseconds after which an unanswered step expires. */
  ttlMs: number;
  /** Version of the privacy notice the resident is asked to accept. */
  consentVersion: string;
  /** The resident's open thread with staff; null when the bot owns the conversation. */
  thread: ThreadView | null;
  /** Random characters minted for this event (reference numbers). */
  seed: string;
  /** The danger the input's text signals (found by the safety detector at the edge), or null. */
  danger: SafetyCategory | null;
  /** Council events still to come (open for registration or not), soonest first, and the resident's own places. */
  events: { upcoming: EventView[]; mine: MyRegistration[] };
  /** Staff changes to salon sessions from today on (cancelled, extra, notes). */
  salonChanges: SalonChange[];
  /** The resident's volunteer registration (also when paused or left), or null. */
  volunteer: VolunteerProfile | null;
  /** Invitations the resident (as a volunteer) was sent, loaded when they tap an answer. */
  invitations: InvitationView[];
  /** The council's public "wanted items" list (loaded for the donation section). */
  wanted: Array<{ name: string; note: string | null }>;
}

/** What a resident gives when registering for an event (the registrant list staff call from). */
export interface EventRegistrant {
  name: string;
  phone: string | null;
}

/** Side effects a step asks for. The runner executes them: writes in one transaction, then sends. */
export type Effect =
  | { type: 'send'; messages: OutMessage[] }
  | { type: 'updateResident'; patch: ResidentPatch }
  /** `consented`: a resident without consent to the privacy notice agreed that staff keep this conversation. */
  | { type: 'requestHandoff'; fromFlow: string | null; urgent?: boolean; teamCode?: string; consented?: boolean }
  | { type: 'submitConsultation'; draft: ConsultationDraft }
  | { type: 'forwardToStaff'; message: ResidentMessage }
  | { type: 'safetyAlert'; category: SafetyCategory }
  | { type: 'afterHoursNotice'; on: string }
  | { type: 'recordSurvey'; conversationId: string; score: number; comment: string | null }
  /** Registers (or waitlists) the resident; `expected` is what the resident was told, re-checked when written. */
  | { type: 'registerEvent'; eventId: string; expected: 'registered' | 'waitlisted'; registrant: EventRegistrant }
  /** Cancels the resident's place; a freed place goes to the first on the waitlist, who is told. */
  | { type: 'cancelEventRegistration'; eventId: string }
  /** Registers the resident as a volunteer, or replaces their registration's details. */
  | { type: 'saveVolunteer'; volunteer: Omit<VolunteerProfile, 'id'> }
  /** Pauses, resumes or ends the resident's volunteer registration. */
  | { type: 'setVolunteerStatus'; status: VolunteerStatus }
  /**
   * Consent withdrawn: ends the resident's volunteer registration (if any) and erases its personal fields; the
   * hours of past activities stay, without a name, for the annual report.
   */
  | { type: 'eraseVolunteer' }
  /** Records a request for volunteers' help (status "received"). */
  | { type: 'submitVolunteerRequest'; request: NewVolunteerRequest }
  /** A volunteer's answer to an invitation; `expected` is what they were told, re-checked when written. */
  | { type: 'answerInvitation'; invitationId: string; answer: 'accept' | 'decline'; expected: 'accepted' | 'filled' | 'declined' }
  /** Hours (and later a note) a volunteer reports after an activity they accepted. */
  | { type: 'reportActivity'; invitationId: string; hours?: number; note?: string }
  /** Records a donation offer (status "received"); an appliance's photo is copied like a consultation's. */
  | { type: 'submitDonationOffer'; offer: NewDonationOffer };

/** A parser's verdict: a value, or the message explaining what to do instead. */
export type Parsed<V> = { ok: true; value: V } | { ok: false; error: Msg };

/** Where a step goes next. */
export type Transition =
  | { to: string; data: FlowData; effects?: Effect[]; before?: OutMessage[] }
  | { end: true; effects?: Effect[]; messages?: OutMessage[]; then?: 'menu' | { flow: string } };

/** One step of a flow: what to ask, how to read the answer, and where to go. */
export interface StepDef<V = unknown> {
  prompt(data: FlowData, ctx: FlowContext): OutMessage[];
  parse(input: InboundInput, data: FlowData, ctx: FlowContext): Parsed<V>;
  next(value: V, data: FlowData, ctx: FlowContext): Transition;
}

/** A conversation flow as data. Bump `version` when steps or data change incompatibly. */
export interface Flow {
  id: string;
  version: number;
  start(ctx: FlowContext): Transition;
  steps: Record<string, StepDef<any>>;
}

/** The result of feeding one input to the engine. */
export interface StepResult {
  state: FlowState | null;
  effects: Effect[];
}

export type { ConsentStatus, FlowData, FlowState, ResidentPatch };
