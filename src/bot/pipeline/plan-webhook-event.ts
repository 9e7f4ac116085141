import type { CouncilProfile } from '../../domain/council-profile';
import { languageFromProfile, type Language } from '../../domain/language';
import type { LineMessage } from '../../domain/line-message';
import type { OutMessage } from '../../domain/out-message';
import type { Clock, IdGenerator, Logger, Messenger } from '../../domain/ports';
import type { AttachmentStore, ConversationStore, EventStore, ModuleWrite, NewOutbound, PendingEvent, ResidentRecord, StepCommit } from '../../domain/stores';
import { effectsOf } from '../../flows/engine/module';
import { asksMyRequests } from '../../flows/my-requests/my-requests';
import { step, type Engine } from '../../flows/engine/step';
import type { CouncilView, Effect, FlowContext, FlowState, ResidentPatch } from '../../flows/engine/types';
import type { DeliveryDeps } from './deliver';
import { REPLY_TOKEN_LIFE_MS } from '../../domain/delivery';
import type { Translator } from '../render/i18n';
import { toBatches } from '../render/message-builder';
import type { PipelineModule } from './module-contract';
import { normalizeEvent } from '../edge/normalize-event';
import { redactEvent } from '../edge/redact-event';
import type { RenderCache } from '../render/render-cache';
import { renderOutMessages } from '../render/render-message';
import type { WebhookEventRaw } from '../edge/webhook-schema';
import { msg } from '../../domain/message-text';
import type { SafetyCategory } from '../../domain/safety';
import type { ThreadView } from '../../domain/thread';
import { recordsOf } from './commit-records';

/** Everything the event processor needs, injected by the composition root. */
export interface ProcessorDeps extends DeliveryDeps {
  events: EventStore;
  conversations: ConversationStore;
  messenger: Messenger;
  translator: Translator;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** The conversation engine, composed from the core flows and the modules' flow parts. */
  engine: Engine;
  /** The feature modules' processing parts, in registration order. */
  modules: readonly PipelineModule[];
  council: CouncilView;
  profile: CouncilProfile;
  flowTtlMs: number;
  consentVersion: string;
  /** Reuses renderings of repeated prompts; optional. */
  renderCache?: RenderCache;
  /** Copies of content residents sent. */
  attachments: AttachmentStore;
  /** The safety detector (pure). */
  detectDanger(text: string): SafetyCategory | null;
}

/** What a batch loaded for the modules its events may reach: each module's getter of a resident's context. */
export type ModuleContexts = ReadonlyMap<string, (residentId: string) => unknown>;

const NO_CONTEXTS: ModuleContexts = new Map();

/** What processing one event amounts to, before anything is written. */
export type EventPlan =
  | { kind: 'skip'; eventId: string; redactedPayload: string }
  | { kind: 'commit'; commit: StepCommit; followed: boolean };

/**
 * Decides what one event does, given the resident and their flow state as loaded: feeds the input to the pure
 * step function and turns the effects into one commit (resident changes, hand-off, new state, rendered
 * outbound rows, the event's status). Events from unfollowed users never produce a send.
 */
export function planEvent(deps: ProcessorDeps, stored: PendingEvent, resident: ResidentRecord | null, state: FlowState | null, now: Date, thread: ThreadView | null = null, contexts: ModuleContexts = NO_CONTEXTS): EventPlan {
  const raw = JSON.parse(stored.payload) as WebhookEventRaw;
  const event = normalizeEvent(raw);
  // Redacting changes the parsed object; the normalised event already holds its own copies of the values.
  const redactedPayload = redactEvent(raw as Record<string, unknown>);
  const { input } = event;
  if (input.kind === 'unfollow') {
    if (!resident) return { kind: 'skip', eventId: stored.id, redactedPayload };
    const commit: StepCommit = { eventId: stored.id, redactedPayload, residentId: resident.id, hadState: state !== null, patch: null, followed: false, handoff: null, state: null, outbound: [], now };
    return { kind: 'commit', commit, followed: false };
  }
  if (!resident) throw new Error('resident must be created before planning');
  if (input.kind === 'unsend') {
    // LINE asks bots to respect an unsend: no flow runs and nothing is said, what was kept of the message is erased.
    const commit: StepCommit = { eventId: stored.id, redactedPayload, residentId: resident.id, hadState: state !== null, patch: null, handoff: null, withdrawn: input.messageId, state, outbound: [], now };
    return { kind: 'commit', commit, followed: resident.followed };
  }
  if (!resident.followed && input.kind !== 'follow') return { kind: 'skip', eventId: stored.id, redactedPayload };

  const danger = input.kind === 'text' ? deps.detectDanger(input.text) : null;
  const modules: Record<string, unknown> = {};
  for (const [id, contextOf] of contexts) modules[id] = contextOf(resident.id);
  const ctx: FlowContext = { ...flowContext(deps, resident, now, thread), danger, modules };
  const result = step(deps.engine, state, input, ctx);
  const patch = mergePatches(result.effects);
  const language: Language = patch?.language ?? resident.language;
  const records = recordsOf(result.effects);
  const safety = records.alert !== undefined;
  const outbound = toOutbound(deps, stored.userKey, render(deps, collectMessages(result.effects), language), replyWindow(event.replyToken, stored.receivedAt, now), safety);
  if (safety) outbound.push(...onDutyNotices(deps));
  const commit: StepCommit = {
    eventId: stored.id,
    redactedPayload,
    residentId: resident.id,
    hadState: state !== null,
    patch,
    ...(input.kind === 'follow' ? { followed: true } : {}),
    handoff: handoffOf(result.effects),
    ...records,
    ...moduleWrites(deps.modules, result.effects, resident.id, modules, now),
    state: result.state,
    outbound,
    now,
  };
  return { kind: 'commit', commit, followed: true };
}

/** The stored event's postback data, or null for any other input. */
function postbackData(stored: PendingEvent): string | null {
  if (stored.lineType !== 'postback') return null;
  const data = (JSON.parse(stored.payload) as { postback?: { data?: unknown } }).postback?.data;
  return typeof data === 'string' ? data : null;
}

/**
 * True when an event may reach the module: it asked for every event, one of its flows runs, or the tap opens its
 * section or carries its keys.
 */
function mayReach(m: PipelineModule, stored: PendingEvent, state: FlowState | null): boolean {
  if (m.alsoFor?.allEvents) return true;
  if (state && (m.flow.flows.some((f) => f.id === state.flowId) || m.alsoFor?.flows?.includes(state.flowId))) return true;
  const data = postbackData(stored);
  if (!data) return false;
  const params = new URLSearchParams(data);
  const section = params.get('menu');
  if (section && m.flow.menu?.some((s) => s.section === section)) return true;
  return m.flow.postbackKeys.some((k) => params.has(k));
}

/**
 * Loads what the modules' steps read, each module only for the residents whose event may reach it, all modules
 * at once; a module no event of the batch can reach loads nothing.
 */
export async function loadModuleContexts(modules: readonly PipelineModule[], items: Array<{ stored: PendingEvent; state: FlowState | null; residentId: string }>, now: Date): Promise<ModuleContexts> {
  // わたしの申し込み reaches every module that lists open items.
  const asking = new Set(items.filter((i) => asksMine(i.stored)).map((i) => i.residentId));
  const typed = items.filter((i) => isTextMessage(i.stored));
  const loads = modules.flatMap((m) => {
    const lists = m.flow.myRequests !== undefined;
    const residents = items.filter((i) => mayReach(m, i.stored, i.state) || (lists && asking.has(i.residentId))).map((i) => i.residentId);
    const theirs = lists ? residents.filter((r) => asking.has(r)) : [];
    const engaged = [...typed, ...items.filter((i) => carriesKey(m, i.stored))].map((i) => i.residentId);
    return m.load && residents.length ? [m.load(residents, now, theirs, engaged).then((get) => [m.flow.id, get] as const)] : [];
  });
  return new Map(await Promise.all(loads));
}

/** Whether the stored event asks for わたしの申し込み (a tap or typed words; only those events are parsed). */
function asksMine(stored: PendingEvent): boolean {
  const data = postbackData(stored);
  if (data !== null) return asksMyRequests({ kind: 'postback', data });
  if (stored.lineType !== 'message') return false;
  const message = (JSON.parse(stored.payload) as { message?: { type?: unknown; text?: unknown } }).message;
  return message?.type === 'text' && typeof message.text === 'string' && asksMyRequests({ kind: 'text', text: message.text, messageId: '' });
}

/** Whether the stored event is a tap carrying one of the module's postback keys. */
function carriesKey(m: PipelineModule, stored: PendingEvent): boolean {
  const data = postbackData(stored);
  if (!data) return false;
  const params = new URLSearchParams(data);
  return m.flow.postbackKeys.some((k) => params.has(k));
}

/** Whether the stored event is a typed text message (only the message's type is read). */
function isTextMessage(stored: PendingEvent): boolean {
  if (stored.lineType !== 'message') return false;
  return (JSON.parse(stored.payload) as { message?: { type?: unknown } }).message?.type === 'text';
}

/** What each module writes for its effects of one step. */
function moduleWrites(modules: readonly PipelineModule[], effects: Effect[], residentId: string, contexts: Record<string, unknown>, now: Date): Pick<StepCommit, 'modules'> {
  const writes: ModuleWrite[] = [];
  for (const m of modules) {
    const own = effectsOf(effects, m.flow.id);
    if (!own.length || !m.plan) continue;
    const planned = m.plan(own, { residentId, context: contexts[m.flow.id], now });
    if (planned) writes.push({ module: m.flow.id, ...planned });
  }
  return writes.length ? { modules: writes } : {};
}

/** True when the stored event is an unfollow (no resident is created for it). */
export function isUnfollow(stored: PendingEvent): boolean {
  return stored.lineType === 'unfollow';
}

/** Builds the step context for a resident: pure values minted here, at the edge. */
export function flowContext(
  deps: Pick<ProcessorDeps, 'council' | 'flowTtlMs' | 'consentVersion' | 'ids'>,
  resident: ResidentRecord,
  now: Date,
  thread: ThreadView | null = null,
): FlowContext {
  return {
    thread,
    seed: deps.ids.uuid().replace(/-/g, ''),
    danger: null,
    now,
    resident: { language: resident.language, consent: resident.consent, districtCode: resident.districtCode, topics: resident.topics, salons: resident.salons, onboarded: resident.onboardedAt !== null, topicConsents: resident.topicConsents ?? [] },
    council: deps.council,
    ttlMs: deps.flowTtlMs,
    consentVersion: deps.consentVersion,
    modules: {},
    // Filled by the engine from the modules, given what they loaded.
    consentWithdrawal: [],
  };
}

/** A new friend's first language: from their LINE profile when LINE shares it, else Japanese. Only the language is kept. */
export async function initialLanguage(deps: ProcessorDeps, userId: string): Promise<Language> {
  try {
    const profile = await deps.messenger.getProfile(userId);
    return languageFromProfile(profile?.language);
  } catch (e) {
    deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'profile lookup failed; using Japanese');
    return languageFromProfile(undefined);
  }
}

/** Renders messages in the recipient's language (reusing an earlier rendering of the same messages). */
export function render(deps: Pick<ProcessorDeps, 'translator' | 'renderCache'>, messages: OutMessage[], language: Language): LineMessage[] {
  const draw = () => renderOutMessages(messages, deps.translator.forLanguage(language));
  return deps.renderCache ? deps.renderCache.get(`${language}\u0000${JSON.stringify(messages)}`, draw) : draw();
}

/** The reply token of an event received at `receivedAt`, with the time it is used until; none once that has passed. */
export function replyWindow(token: string | undefined, receivedAt: Date, now: Date): { token: string; by: Date } | undefined {
  const by = new Date(receivedAt.getTime() + REPLY_TOKEN_LIFE_MS);
  return token && by.getTime() > now.getTime() ? { token, by } : undefined;
}

/**
 * Outbound rows for one user: the first call uses the reply token while it lives; the rest are pushes. Every row
 * has a retry key, used if it is pushed. `safety` marks rows carrying a safety reply (see src/domain/delivery.ts).
 */
export function toOutbound(deps: Pick<ProcessorDeps, 'ids'>, userId: string, messages: LineMessage[], reply: { token: string; by: Date } | undefined, safety = false): NewOutbound[] {
  return toBatches(messages).map((batch, i) => ({
    id: deps.ids.uuid(),
    lineUserId: userId,
    method: i === 0 && reply ? 'reply' : 'push',
    retryKey: deps.ids.uuid(),
    messages: batch,
    ...(i === 0 && reply ? { replyToken: reply.token, replyBy: reply.by } : {}),
    ...(safety ? { safety: true } : {}),
  }));
}

/** Pushes telling on-duty staff (if the profile names any) that an urgent message is waiting in the console. */
function onDutyNotices(deps: ProcessorDeps): NewOutbound[] {
  const notice = render(deps, [{ lines: [msg('handoff:onDutyAlert', { council: deps.council.name.ja })] }], 'ja');
  return deps.profile.consultation.onDutyLineUserIds.flatMap((to) => toOutbound(deps, to, notice, undefined, true));
}

function collectMessages(effects: Effect[]): OutMessage[] {
  return effects.flatMap((e) => (e.type === 'send' ? e.messages : []));
}

function mergePatches(effects: Effect[]): ResidentPatch | null {
  const patches = effects.flatMap((e) => (e.type === 'updateResident' ? [e.patch] : []));
  return patches.length ? Object.assign({}, ...patches) : null;
}

function handoffOf(effects: Effect[]): StepCommit['handoff'] {
  const h = effects.find((e) => e.type === 'requestHandoff');
  if (!h || h.type !== 'requestHandoff') return null;
  return { fromFlow: h.fromFlow, ...(h.urgent ? { urgent: true } : {}), ...(h.teamCode ? { teamCode: h.teamCode } : {}), ...(h.consented ? { consented: true } : {}) };
}
