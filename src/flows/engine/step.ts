import { CONSENT_TOPICS } from '../../domain/topic-consent';
import { msg, type Msg } from '../../domain/message-text';
import type { InboundInput } from '../../domain/inbound-event';
import type { Chip, OutMessage } from '../../domain/out-message';
import { languageChoiceChips, mainMenu, navigationChips, staffChip } from '../common/messages';
import { detectGlobalIntent, type GlobalIntent } from './global-intents';
import type { FlowModule, Gate, GateKit } from './module';
import type { Effect, Flow, FlowContext, FlowData, FlowState, ResidentPatch, StepDef, StepResult, Transition } from './types';

/** The flows the engine can run, by id. */
export type FlowRegistry = Readonly<Record<string, Flow>>;

/** What the engine does when no flow is running. Kept outside the engine so menus can grow. */
export type IdleHandler = (input: InboundInput, ctx: FlowContext, engine: Engine) => StepResult;

/** Starts the staff-consent flow from where the resident is, after `lead` (in the first bubble). */
export type AskConsent = (lead: Msg[]) => StepResult;

/**
 * The core's hand-off rules (src/flows/handoff/handoff-rules.ts), called at fixed points of `step`: the engine knows
 * when to ask them, not what they answer.
 */
export interface HandoffRules {
  /** Safety first: the answer to a text that signals danger, before anything else (consent and expiry included); null when none does. */
  safety(state: FlowState | null, input: InboundInput, ctx: FlowContext): StepResult | null;
  /** While a thread with staff is open, what goes to them instead of the bot; null when the input is the bot's to handle. */
  forStaff(state: FlowState | null, input: InboundInput, ctx: FlowContext, askConsent: AskConsent): StepResult | null;
  /** The answer to asking for staff (スタッフ), from anywhere. */
  askForStaff(state: FlowState | null, ctx: FlowContext, askConsent: AskConsent): StepResult;
  /** The flow that asks whether staff may keep the conversation (a core flow), and where it starts from a given flow. */
  consent: { flowId: string; ask(fromFlow: string | null, data: FlowData | undefined): Transition };
}

/** The engine as composed: its flows, the idle handler, the hand-off rules, the modules' gates and main-menu sections. */
export interface Engine {
  flows: FlowRegistry;
  idle: IdleHandler;
  handoff: HandoffRules;
  /** Tried in order after the safety gate and before the staff gate and the flow in progress. */
  gates: readonly Gate[];
  /** Main-menu section → the flow it starts. */
  sections: Readonly<Record<string, string>>;
  /** The modules' parts in withdrawing consent (see `FlowModule.consentWithdrawal`). */
  withdrawals: ReadonlyArray<NonNullable<FlowModule['consentWithdrawal']>>;
  /** The modules' parts in withdrawing consent to one topic (see `FlowModule.topicWithdrawal`). */
  topicWithdrawals?: ReadonlyArray<NonNullable<FlowModule['topicWithdrawal']>>;
  /** The modules' parts in わたしの申し込み (see `FlowModule.myRequests`), in registration order. */
  myRequests: ReadonlyArray<NonNullable<FlowModule['myRequests']>>;
  /** The core's answer to わたしの申し込み, given the modules' parts; null when the input does not ask it. */
  answerMyRequests: MyRequestsAnswer;
}

/** The core's わたしの申し込み: collects the modules' parts into one answer (src/flows/my-requests). */
export type MyRequestsAnswer = (input: InboundInput, ctx: FlowContext, kit: GateKit, parts: Engine['myRequests']) => StepResult | null;

/** Composes the engine from the core flows and the feature modules (a flow id or section claimed twice is an error). */
export function buildEngine(
  core: { flows: Flow[]; idle: IdleHandler; handoff: HandoffRules; answerMyRequests: MyRequestsAnswer; menu?: FlowModule['menu'] },
  modules: readonly FlowModule[],
): Engine {
  const flows: Record<string, Flow> = {};
  const sections: Record<string, string> = {};
  for (const flow of [...core.flows, ...modules.flatMap((m) => m.flows)]) {
    if (flows[flow.id]) throw new Error(`flow ${flow.id} is registered twice`);
    flows[flow.id] = flow;
  }
  for (const m of [{ id: 'core', menu: core.menu }, ...modules]) {
    for (const { section, flow } of m.menu ?? []) {
      if (sections[section]) throw new Error(`menu section ${section} is claimed twice`);
      if (!flows[flow]) throw new Error(`module ${m.id}: section ${section} names unknown flow ${flow}`);
      sections[section] = flow;
    }
  }
  if (!flows[core.handoff.consent.flowId]) throw new Error(`the staff-consent flow ${core.handoff.consent.flowId} is not registered`);
  const withdrawals = modules.flatMap((m) => (m.consentWithdrawal ? [m.consentWithdrawal.bind(m)] : []));
  const topicWithdrawals = modules.flatMap((m) => (m.topicWithdrawal ? [m.topicWithdrawal.bind(m)] : []));
  const myRequests = modules.flatMap((m) => (m.myRequests ? [m.myRequests.bind(m)] : []));
  return { flows, idle: core.idle, handoff: core.handoff, gates: modules.flatMap((m) => m.gates ?? []), sections, withdrawals, topicWithdrawals, myRequests, answerMyRequests: core.answerMyRequests };
}

const MAX_QUICK_REPLIES = 13;

/**
 * The one pure step function: given the saved state and one input, returns the next state and the effects
 * to run. Global intents are handled here once for every flow; parse failures re-prompt; expired or
 * out-of-date states are dropped politely. Reads no clock, database or network.
 */
export function step(engine: Engine, state: FlowState | null, input: InboundInput, given: FlowContext): StepResult {
  const { flows, idle, handoff } = engine;
  // What each module would say and erase if consent were withdrawn, from the context its pipeline part loaded.
  const ctx: FlowContext = {
    ...given,
    consentWithdrawal: engine.withdrawals.flatMap((w) => w(given) ?? []),
    topicWithdrawal: Object.fromEntries(CONSENT_TOPICS.map((t) => [t, (engine.topicWithdrawals ?? []).flatMap((w) => w(t, given) ?? [])])),
  };
  // Protecting a life comes before everything else, consent and expiry included.
  const danger = handoff.safety(state, input, ctx);
  if (danger) return danger;
  // Then the modules' answers from anywhere (an answer to a volunteer invitation, say), a thread with staff included.
  const kit = gateKit(engine, state, ctx);
  for (const gate of engine.gates) {
    const answered = gate(input, ctx, kit);
    if (answered) return answered;
  }
  // わたしの申し込み, from anywhere but a step that takes the words as its answer: what each module lists of the resident's.
  const mine = engine.answerMyRequests(input, ctx, kit, engine.myRequests);
  if (mine) return mine;
  // A message that may not be kept for staff is dropped, and the resident asked whether it may be.
  const consentFlow = flows[handoff.consent.flowId]!;
  const askConsent = (from: FlowState | null): AskConsent => (lines) => withLead(apply(consentFlow, handoff.consent.ask(from?.flowId ?? null, from?.data), ctx, flows), lines);
  const forStaff = handoff.forStaff(state, input, ctx, askConsent(state));
  if (forStaff) return forStaff;

  const lead: Msg[] = [];
  let current = state;
  const flow = current ? flows[current.flowId] : undefined;
  let outdated = false;

  // Expiry and unknown flows drop the state first; a state from another flow version is restarted only
  // when the input is not a global intent or a menu tap, which still work as usual.
  if (current && !flow) {
    current = null;
    lead.push(msg('common:flowGone'));
  } else if (current && isExpired(current, ctx)) {
    current = null;
    lead.push(msg('common:expired'));
  } else if (current && flow && flow.version !== current.version) {
    outdated = true;
  }

  const intent = detectGlobalIntent(input);
  if (intent) {
    if (outdated && flow && intent.type === 'restart') return begin(flow, ctx, flows);
    if (intent.type === 'staff') return withLead(handoff.askForStaff(current, ctx, askConsent(current)), lead);
    return withLead(handleIntent(intent, current, outdated ? undefined : flow, ctx, flows), lead);
  }

  if (!current || !flow) return withLead(idle(input, ctx, engine), lead);

  // A rich-menu tap in the middle of a flow leaves the flow for that section; following again (after a
  // block) starts over as a new friend would.
  if (input.kind === 'follow' || (input.kind === 'postback' && new URLSearchParams(input.data).has('menu'))) return idle(input, ctx, engine);

  if (outdated) return withLead(begin(flow, ctx, flows), [msg('common:flowUpdated')]);

  const def = flow.steps[current.step];
  if (!def) return withLead(begin(flow, ctx, flows), [msg('common:flowUpdated')]);

  const parsed = def.parse(input, current.data, ctx);
  if (!parsed.ok) {
    // A photo or sticker where only taps do gets the general hint; a step's own error (a step that takes
    // text, a photo or a location) says better what it needs.
    const error = isNonText(input) && parsed.error.key === 'common:pleaseTap' ? msg('common:mediaHint') : parsed.error;
    // Typed words the step cannot use are often a question: say that a person can answer it, and how (not while
    // the resident is being asked whether staff may keep what they write).
    const asking = input.kind === 'text' && current.flowId !== handoff.consent.flowId;
    const lines = asking ? [error, msg('common:askStaff', { phone: ctx.council.phone, hours: ctx.council.hours[ctx.resident.language] })] : [error];
    return {
      state: { ...current, stepStartedAt: ctx.now.toISOString() },
      effects: [send(withNavigation(prependLines(def.prompt(current.data, ctx), lines), asking ? [staffChip()] : []))],
    };
  }
  return apply(flow, def.next(parsed.value, current.data, ctx), ctx, flows);
}

/** Starts a flow from its first step. */
export function begin(flow: Flow, ctx: FlowContext, flows?: FlowRegistry): StepResult {
  return apply(flow, flow.start(ctx), ctx, flows ?? { [flow.id]: flow });
}

function apply(flow: Flow, t: Transition, ctx: FlowContext, flows: FlowRegistry): StepResult {
  const effects = [...(t.effects ?? [])];
  const after = contextAfter(ctx, effects);
  if ('to' in t) {
    const def = flow.steps[t.to];
    if (!def) throw new Error(`flow ${flow.id} has no step ${t.to}`);
    const prompt = withNavigation([...(t.before ?? []), ...def.prompt(t.data, after)]);
    return {
      state: { flowId: flow.id, version: flow.version, step: t.to, data: t.data, stepStartedAt: ctx.now.toISOString() },
      effects: [...effects, send(prompt)],
    };
  }
  const messages = [...(t.messages ?? [])];
  if (t.then === 'menu') messages.push(mainMenu(after));
  if (t.then && t.then !== 'menu') {
    const nextFlow = flows[t.then.flow];
    if (!nextFlow) throw new Error(`unknown flow ${t.then.flow}`);
    const started = begin(nextFlow, after, flows);
    return { state: started.state, effects: [...effects, ...(messages.length ? [send(messages)] : []), ...started.effects] };
  }
  return { state: null, effects: [...effects, ...(messages.length ? [send(messages)] : [])] };
}

/** The global intents but asking for staff, which the hand-off rules answer. */
function handleIntent(intent: Exclude<GlobalIntent, { type: 'staff' }>, state: FlowState | null, flow: Flow | undefined, ctx: FlowContext, flows: FlowRegistry): StepResult {
  switch (intent.type) {
    case 'menu':
      return { state: null, effects: [send([mainMenu(ctx)])] };
    case 'cancel':
      return { state: null, effects: [send([mainMenu(ctx, state ? msg('common:cancelled') : undefined)])] };
    case 'restart':
      return flow ? begin(flow, ctx) : { state: null, effects: [send([mainMenu(ctx)])] };
    case 'language': {
      if (!intent.to) {
        const choice: OutMessage = { lines: [msg('common:language.prompt')], chips: languageChoiceChips((l) => `g=lang&to=${l}`) };
        return { state: flow ? state : null, effects: [send([choice])] };
      }
      const patch: ResidentPatch = { language: intent.to, languageChosen: true };
      const after = contextAfter(ctx, [{ type: 'updateResident', patch }]);
      const def = flow && state ? flow.steps[state.step] : undefined;
      const again = def && state ? withNavigation(def.prompt(state.data, after)) : [mainMenu(after)];
      return {
        state: def && state ? { ...state, stepStartedAt: ctx.now.toISOString() } : null,
        effects: [{ type: 'updateResident', patch }, send(prependLines(again, [msg('common:language.changed')]))],
      };
    }
  }
}

/** What a gate may do: resume the flow in progress after its lines, or start another flow. */
function gateKit({ flows, sections }: Engine, state: FlowState | null, ctx: FlowContext): GateKit {
  const def = inProgress(flows, state, ctx);
  return {
    state,
    inProgress: def && state ? { flowId: state.flowId } : null,
    resume(lines, effects) {
      const again = def && state ? withNavigation(def.prompt(state.data, ctx)) : [];
      return { state: def ? state : null, effects: [...effects, send([{ lines }, ...again])] };
    },
    start(flowId, t, lines, effects) {
      const flow = flows[flowId];
      if (!flow) throw new Error(`unknown flow ${flowId}`);
      const started = apply(flow, t, ctx, flows);
      return { state: started.state, effects: [...effects, ...(lines.length ? [send([{ lines }])] : []), ...started.effects] };
    },
    openSection(section, effects) {
      const flow = flows[sections[section] ?? ''];
      if (!flow) return null;
      const started = begin(flow, ctx, flows);
      return { state: started.state, effects: [...effects, ...started.effects] };
    },
    hasFlow: (flowId) => flowId in flows,
    takes(input) {
      return def && state ? def.parse(input, state.data, ctx).ok : false;
    },
  };
}

/** The step a saved state is on, when that state is still live (not expired, its flow and step known). */
function inProgress(flows: FlowRegistry, state: FlowState | null, ctx: FlowContext): StepDef | undefined {
  return state && !isExpired(state, ctx) ? flows[state.flowId]?.steps[state.step] : undefined;
}

function isExpired(state: FlowState, ctx: FlowContext): boolean {
  return ctx.now.getTime() - Date.parse(state.stepStartedAt) > ctx.ttlMs;
}

function isNonText(input: InboundInput): boolean {
  return input.kind === 'media' || input.kind === 'sticker' || input.kind === 'location';
}

/** The context as it will be once the resident patches in `effects` are written (e.g. a new language). */
function contextAfter(ctx: FlowContext, effects: Effect[]): FlowContext {
  let resident = ctx.resident;
  for (const e of effects) {
    if (e.type !== 'updateResident') continue;
    const p = e.patch;
    resident = {
      ...resident,
      ...(p.language ? { language: p.language } : {}),
      ...(p.consent ? { consent: p.consent } : {}),
      ...(p.districtCode !== undefined ? { districtCode: p.districtCode } : {}),
      ...(p.topics ? { topics: p.topics } : {}),
      ...(p.salons ? { salons: p.salons } : {}),
      ...(p.onboardedAt !== undefined ? { onboarded: p.onboardedAt !== null } : {}),
    };
  }
  return resident === ctx.resident ? ctx : { ...ctx, resident };
}

function send(messages: OutMessage[]): Effect {
  return { type: 'send', messages };
}

/** Puts `lines` at the top of the first message (one bubble instead of two). */
function prependLines(messages: OutMessage[], lines: Msg[]): OutMessage[] {
  if (lines.length === 0) return messages;
  const [first, ...rest] = messages;
  if (!first) return [{ lines }];
  return [{ ...first, lines: [...lines, ...first.lines] }, ...rest];
}

/** Adds the way back to the menu (and cancel), then any `extra` chips, to the last message of every flow prompt. */
function withNavigation(messages: OutMessage[], extra: Chip[] = []): OutMessage[] {
  const last = messages.at(-1);
  if (!last) return messages;
  const chips = last.chips ?? [];
  const nav = [...navigationChips(), ...extra].filter((n) => !chips.some((c) => c.kind === 'postback' && n.kind === 'postback' && c.data === n.data));
  const room = MAX_QUICK_REPLIES - chips.length;
  return [...messages.slice(0, -1), { ...last, chips: [...chips, ...nav.slice(0, Math.max(0, room))] }];
}

function withLead(result: StepResult, lead: Msg[]): StepResult {
  if (lead.length === 0) return result;
  const i = result.effects.findIndex((e) => e.type === 'send');
  if (i < 0) return { ...result, effects: [...result.effects, send([{ lines: lead }])] };
  const effects = [...result.effects];
  const e = effects[i] as Extract<Effect, { type: 'send' }>;
  effects[i] = send(prependLines(e.messages, lead));
  return { ...result, effects };
}
