import type { CouncilProfile } from '../domain/council-profile';
import { languageFromProfile, type Language } from '../domain/language';
import type { LineMessage } from '../domain/line-message';
import type { OutMessage } from '../domain/out-message';
import type { Clock, IdGenerator, Logger, Messenger } from '../domain/ports';
import type { ConversationStore, EventStore, NewOutbound, PendingEvent, ResidentRecord } from '../domain/stores';
import { step, type FlowRegistry, type IdleHandler } from '../flows/engine/step';
import type { CouncilView, Effect, FlowContext, ResidentPatch } from '../flows/engine/types';
import { deliver, type DeliveryDeps } from './deliver';
import type { Translator } from './i18n';
import { toBatches } from './message-builder';
import { normalizeEvent } from './normalize-event';
import { redactEventPayload } from './redact-event';
import { renderOutMessages } from './render-message';
import type { WebhookEventRaw } from './webhook-schema';

/** Everything the event processor needs, injected by the composition root. */
export interface ProcessorDeps extends DeliveryDeps {
  events: EventStore;
  conversations: ConversationStore;
  messenger: Messenger;
  translator: Translator;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  flows: FlowRegistry;
  idle: IdleHandler;
  council: CouncilView;
  profile: CouncilProfile;
  flowTtlMs: number;
  consentVersion: string;
}

/**
 * Processes one stored event for one user: loads the resident and flow state, feeds the input to the pure
 * step function, writes the resident changes, hand-off, new state, outbound rows and the event's status in
 * one transaction, then sends. Events from unfollowed users never cause a send.
 */
export async function processEvent(deps: ProcessorDeps, stored: PendingEvent): Promise<void> {
  const now = deps.clock.now();
  const event = normalizeEvent(JSON.parse(stored.payload) as WebhookEventRaw);
  const userId = stored.userKey;
  const { input } = event;

  let resident = await deps.conversations.findResident(userId);
  if (input.kind === 'unfollow') {
    if (!resident) return deps.events.markSkipped(stored.id, now, redactEventPayload(stored.payload));
    return deps.conversations.commit({ eventId: stored.id, redactedPayload: redactEventPayload(stored.payload), residentId: resident.id, patch: null, followed: false, handoff: null, state: null, outbound: [], now });
  }
  resident ??= await deps.conversations.createResident(userId, await initialLanguage(deps, userId), now);
  if (!resident.followed && input.kind !== 'follow') return deps.events.markSkipped(stored.id, now, redactEventPayload(stored.payload));

  const state = await deps.conversations.loadFlowState(resident.id);
  const ctx = flowContext(deps, resident, now);
  const result = step(deps.flows, deps.idle, state, input, ctx);

  const patch = mergePatches(result.effects);
  const language: Language = patch?.language ?? resident.language;
  const outbound = toOutbound(deps, userId, render(deps, collectMessages(result.effects), language), Boolean(event.replyToken));
  await deps.conversations.commit({
    eventId: stored.id,
    redactedPayload: redactEventPayload(stored.payload),
    residentId: resident.id,
    patch,
    ...(input.kind === 'follow' ? { followed: true } : {}),
    handoff: handoffOf(result.effects),
    state: result.state,
    outbound,
    now,
  });
  for (const row of outbound) await deliver(deps, row, row.method === 'reply' ? event.replyToken : undefined);
}

/** Builds the step context for a resident: pure values minted here, at the edge. */
export function flowContext(deps: Pick<ProcessorDeps, 'council' | 'flowTtlMs' | 'consentVersion'>, resident: ResidentRecord, now: Date): FlowContext {
  return {
    now,
    resident: { language: resident.language, consent: resident.consent, districtCode: resident.districtCode, topics: resident.topics, onboarded: resident.onboardedAt !== null },
    council: deps.council,
    ttlMs: deps.flowTtlMs,
    consentVersion: deps.consentVersion,
  };
}

/** A new friend's first language: from their LINE profile when LINE shares it, else Japanese. Only the language is kept. */
async function initialLanguage(deps: ProcessorDeps, userId: string): Promise<Language> {
  try {
    const profile = await deps.messenger.getProfile(userId);
    return languageFromProfile(profile?.language);
  } catch (e) {
    deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'profile lookup failed; using Japanese');
    return languageFromProfile(undefined);
  }
}

/** Renders messages in the recipient's language and splits them into LINE calls of at most five. */
export function render(deps: Pick<ProcessorDeps, 'translator'>, messages: OutMessage[], language: Language): LineMessage[] {
  return renderOutMessages(messages, deps.translator.forLanguage(language));
}

/** Outbound rows for one user: the first call uses the reply token when there is one; the rest are pushes. */
export function toOutbound(deps: Pick<ProcessorDeps, 'ids'>, userId: string, messages: LineMessage[], hasReplyToken: boolean): NewOutbound[] {
  return toBatches(messages).map((batch, i) => ({
    id: deps.ids.uuid(),
    lineUserId: userId,
    method: i === 0 && hasReplyToken ? 'reply' : 'push',
    retryKey: deps.ids.uuid(),
    messages: batch,
  }));
}

function collectMessages(effects: Effect[]): OutMessage[] {
  return effects.flatMap((e) => (e.type === 'send' ? e.messages : []));
}

function mergePatches(effects: Effect[]): ResidentPatch | null {
  const patches = effects.flatMap((e) => (e.type === 'updateResident' ? [e.patch] : []));
  return patches.length ? Object.assign({}, ...patches) : null;
}

function handoffOf(effects: Effect[]): { fromFlow: string | null } | null {
  const h = effects.find((e) => e.type === 'requestHandoff');
  return h && h.type === 'requestHandoff' ? { fromFlow: h.fromFlow } : null;
}
