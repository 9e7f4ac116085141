/**
 * What a feature module contributes to the conversation engine. The engine knows no feature by name: a module
 * declares its flows, the postback keys its taps carry, the main-menu sections it opens, the "answer from
 * anywhere" gates it adds, and what it does when a resident withdraws consent. Its steps read the context its
 * pipeline part loaded (`ctx.modules[id]`) and ask for its writes with module effects (`moduleEffect`).
 */
import type { ConsentTopic } from '../../domain/topic-consent';
import type { InboundInput } from '../../domain/inbound-event';
import type { Msg } from '../../domain/message-text';
import type { ConsentWithdrawal, Effect, Flow, FlowContext, FlowState, ModuleEffect, StepResult, Transition } from './types';

export type { ConsentWithdrawal, ModuleEffect };

/** Wraps a module's own effect value for the engine. */
export function moduleEffect<E>(module: string, effect: E): ModuleEffect<E> {
  return { type: 'module', module, effect };
}

/** The module's own effect values among `effects`, in order. */
export function effectsOf<E = unknown>(effects: readonly Effect[], module: string): E[] {
  return effects.flatMap((e) => (e.type === 'module' && e.module === module ? [e.effect as E] : []));
}

/** The context the module's pipeline part loaded for this resident, or `fallback` when none was loaded. */
export function moduleContext<C>(ctx: FlowContext, module: string, fallback: C): C {
  return (ctx.modules[module] as C | undefined) ?? fallback;
}

/** What a gate may do with the conversation it interrupts. */
export interface GateKit {
  /** The saved state, as it came in. */
  state: FlowState | null;
  /** The live flow in progress (not expired, known), if any. */
  inProgress: { flowId: string } | null;
  /** Sends `lines`, then asks the question of the flow in progress again (which keeps its answers); idle: just `lines`. */
  resume(lines: Msg[], effects: Effect[]): StepResult;
  /** Sends `lines`, then starts `flowId` at `t` (the flow in progress, if any, is left). */
  start(flowId: string, t: Transition, lines: Msg[], effects: Effect[]): StepResult;
  /** After `effects`, starts the flow a main-menu section opens, as tapping it would; null when no flow serves the section. */
  openSection(section: string, effects: Effect[]): StepResult | null;
  /** Whether a flow with this id is registered. */
  hasFlow(flowId: string): boolean;
  /** Whether the step in progress would take `input` as its answer (a step asking for free text takes any words). */
  takes(input: InboundInput): boolean;
}

/**
 * A gate answers an input from anywhere — idle, in a flow, while staff hold the conversation — before the flow in
 * progress sees it (an answer to an invitation, say). Null: not this gate's input.
 */
export type Gate = (input: InboundInput, ctx: FlowContext, kit: GateKit) => StepResult | null;

/** A feature's part in the conversation engine. */
export interface FlowModule {
  id: string;
  flows: Flow[];
  /** Postback keys (the part before `=`) its buttons carry, so the pipeline loads its context for such taps. */
  postbackKeys: string[];
  /** Main-menu sections (`menu=<section>`) that start one of its flows. */
  menu?: Array<{ section: string; flow: string }>;
  /** "Answer from anywhere" gates, tried after the safety gate and before the flow in progress. */
  gates?: Gate[];
  /** Its part in withdrawing consent, given the resident's context; null when it holds nothing of theirs. */
  consentWithdrawal?(ctx: FlowContext): ConsentWithdrawal | null;
  /**
   * Its part in withdrawing consent to one sensitive topic (Settings → 同意の確認): what it says and erases of what it
   * keeps under that topic (never a safety alert); null when it keeps nothing under it.
   */
  topicWithdrawal?(topic: ConsentTopic, ctx: FlowContext): ConsentWithdrawal | null;
  /**
   * Its part in わたしの申し込み: one entry per open item of the resident's (its reference, its status in plain words
   * and what happens next), from the context its pipeline part loaded for a resident who asked (see
   * `PipelineModule.load`'s `asking`); none when it holds nothing open of theirs.
   */
  myRequests?(ctx: FlowContext): Msg[];
}
