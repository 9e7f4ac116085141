import type { DataRequestKind } from '../../domain/resident-data';
import type { ConsentStatus, FlowData, FlowState, ResidentPatch } from '../../domain/conversation';
import type { Language } from '../../domain/language';
import type { Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import type { InboundInput } from '../../domain/inbound-event';
import type { BusinessHours, HelplineTopic } from '../../domain/council-profile';
import type { ReplyWithin } from '../../domain/consultation';
import type { SafetyCategory } from '../../domain/safety';
import type { ThreadView } from '../../domain/thread';
import type { ConsentTopic, TopicConsentRecord } from '../../domain/topic-consent';
import type { SalonSchedule } from '../../domain/salon-schedule';

/** What a flow may know about the resident it talks to. */
export interface ResidentView {
  language: Language;
  consent: ConsentStatus;
  districtCode: string | null;
  topics: string[];
  /** Salon codes the resident follows. */
  salons: string[];
  onboarded: boolean;
  /** The current decision per consent topic (health … and `referral:<partner>`); absent: none loaded. */
  topicConsents?: TopicConsentRecord[];
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
  categories: Array<Choice & { team: string; about: LocalizedText; prepare: LocalizedText; consentTopics?: ConsentTopic[] }>;
  /** Partner bodies consultations may be referred to (with the resident's consent). */
  partners?: Array<{ code: string; name: LocalizedText; kind: string; phone: string; next: LocalizedText }>;
  businessHours: BusinessHours;
  replyWithin: ReplyWithin;
  /** Salons with their details (Japanese as written by the council) and schedules. */
  salons: Array<Choice & { district: string; place: string; fee: string; bring: string | null; accessibility: string | null; contact: string; schedule: SalonSchedule }>;
  /** Skills volunteers register with, in the profile's order. */
  volunteerSkills: Choice[];
  /** Donations, or null when the council takes none through LINE: the allocation plans, food rules and hand-over windows. */
  donations: DonationsView | null;
  /**
   * Numbers for safety replies: 110, 119 and the helplines with the topics each serves; `languages` lists the bot's
   * languages a foreign-language line answers in (absent: a line in Japanese).
   */
  emergency: { police: string; fireAmbulance: string; helplines: Array<{ name: LocalizedText; phone: string; hours: LocalizedText; for: HelplineTopic[]; languages?: Language[] }> };
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
  /** What each feature module loaded for this resident, by module id (see `moduleContext`). */
  modules: Readonly<Record<string, unknown>>;
  /** What each module says and erases if the resident withdraws consent now (Settings). */
  consentWithdrawal: ConsentWithdrawal[];
  /** What each module says and erases if the resident withdraws consent to one topic (filled by the engine). */
  topicWithdrawal?: Partial<Record<ConsentTopic, ConsentWithdrawal[]>>;
}

/** What a module says and does when the resident withdraws consent (Settings). */
export interface ConsentWithdrawal {
  /** Lines added to the warning before the resident confirms. */
  warn: Msg[];
  /** Lines added to the confirmation once done. */
  done: Msg[];
  /** The module's writes (erasing what it holds). */
  effects: Effect[];
}

/** An effect only its module understands; the engine and the pipeline carry it to the module's writer. */
export interface ModuleEffect<E = unknown> {
  type: 'module';
  module: string;
  effect: E;
}

/**
 * Side effects a step asks for. The runner executes them: writes in one transaction, then sends. The engine's own
 * are sending, resident changes and the hand-off to staff; a feature's are module effects.
 */
export type Effect =
  | { type: 'send'; messages: OutMessage[] }
  | { type: 'updateResident'; patch: ResidentPatch }
  /** `consented`: a resident without consent to the privacy notice agreed that staff keep this conversation. */
  | { type: 'requestHandoff'; fromFlow: string | null; urgent?: boolean; teamCode?: string; consented?: boolean }
  | { type: 'forwardToStaff'; message: ResidentMessage }
  | { type: 'safetyAlert'; category: SafetyCategory }
  | { type: 'afterHoursNotice'; on: string }
  /** The answer to the survey asked when staff closed a thread. */
  | { type: 'recordSurvey'; conversationId: string; score: number; comment: string | null }
  /** A request from Settings (わたしの情報) to see or erase the resident's data, for staff to answer outside LINE. */
  | { type: 'requestData'; kind: DataRequestKind }
  | ModuleEffect;

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
