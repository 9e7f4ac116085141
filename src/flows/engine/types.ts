import type { ConsentStatus, FlowData, FlowState, ResidentPatch } from '../../domain/conversation';
import type { Language } from '../../domain/language';
import type { Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import type { InboundInput } from '../../domain/inbound-event';

/** What a flow may know about the resident it talks to. */
export interface ResidentView {
  language: Language;
  consent: ConsentStatus;
  districtCode: string | null;
  topics: string[];
  onboarded: boolean;
}

/** A text from the council profile in every language the bot speaks. */
export type LocalizedText = Record<Language, string>;

/** Council facts a flow needs. Names come in every language so a language change applies at once. */
export interface CouncilView {
  name: LocalizedText;
  phone: string;
  hours: LocalizedText;
  districts: Array<{ code: string; name: LocalizedText }>;
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
}

/** Side effects a step asks for. The runner executes them: writes in one transaction, then sends. */
export type Effect =
  | { type: 'send'; messages: OutMessage[] }
  | { type: 'updateResident'; patch: ResidentPatch }
  | { type: 'requestHandoff'; fromFlow: string | null };

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
