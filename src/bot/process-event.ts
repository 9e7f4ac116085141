import type { CouncilProfile } from '../domain/council-profile';
import { languageFromProfile, type Language } from '../domain/language';
import type { LineMessage } from '../domain/line-message';
import type { OutMessage } from '../domain/out-message';
import type { Clock, IdGenerator, Logger, Messenger } from '../domain/ports';
import type { AttachmentStore, ConversationStore, EventStore, NewOutbound, PendingEvent, ResidentRecord, StepCommit } from '../domain/stores';
import { attachmentsOf, copyAttachments } from './copy-attachments';
import { step, type FlowRegistry, type IdleHandler } from '../flows/engine/step';
import type { CouncilView, Effect, FlowContext, FlowState, ResidentPatch } from '../flows/engine/types';
import { deliverNew, type DeliveryDeps } from './deliver';
import { REPLY_TOKEN_LIFE_MS } from '../domain/delivery';
import type { Translator } from './i18n';
import { toBatches } from './message-builder';
import { normalizeEvent } from './normalize-event';
import { redactEvent } from './redact-event';
import type { RenderCache } from './render-cache';
import { renderOutMessages } from './render-message';
import type { WebhookEventRaw } from './webhook-schema';
import { msg } from '../domain/message-text';
import type { SafetyCategory } from '../domain/safety';
import type { ThreadView } from '../domain/thread';
import { recordsOf } from './commit-records';
import type { EventCalendar, EventView, MyRegistration } from '../domain/event-registration';
import type { SalonChange } from '../domain/salon-schedule';
import type { InvitationView, VolunteerProfile, VolunteerStore } from '../domain/volunteer';
import type { WantedItemSource } from '../domain/donation-admin';
import { nameListFormats, volunteerNotice, withUninsuredWarning } from './volunteer-notices';
import { jstDate } from '../domain/japan-time';
import { eventNotice } from './event-notices';

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
  /** Reuses renderings of repeated prompts; optional. */
  renderCache?: RenderCache;
  /** Copies of content residents sent. */
  attachments: AttachmentStore;
  /** The safety detector (pure). */
  detectDanger(text: string): SafetyCategory | null;
  /** Upcoming council events and residents' places. */
  calendar: EventCalendar;
  /** Volunteer registrations. */
  volunteers: VolunteerStore;
  /** The council's wanted items (donation section). */
  wanted: WantedItemSource;
}

/**
 * Upcoming events, each resident's places and staff changes to salon sessions, for a batch (empty when no event
 * in the batch needs them).
 */
export interface EventsSnapshot {
  upcoming: EventView[];
  places: Map<string, MyRegistration[]>;
  salonChanges: SalonChange[];
  /** Volunteer registrations of residents in the volunteer section, by resident id. */
  volunteers: Map<string, VolunteerProfile>;
  /** Invitations of residents answering one, by resident id. */
  invitations: Map<string, InvitationView[]>;
  /** The public wanted-items list, when someone in the batch opens the donation section. */
  wanted: Array<{ name: string; note: string | null }>;
}

const NO_EVENTS: EventsSnapshot = { upcoming: [], places: new Map(), salonChanges: [], volunteers: new Map(), invitations: new Map(), wanted: [] };

/** What processing one event amounts to, before anything is written. */
export type EventPlan =
  | { kind: 'skip'; eventId: string; redactedPayload: string }
  | { kind: 'commit'; commit: StepCommit; followed: boolean };

/**
 * Decides what one event does, given the resident and their flow state as loaded: feeds the input to the pure
 * step function and turns the effects into one commit (resident changes, hand-off, new state, rendered
 * outbound rows, the event's status). Events from unfollowed users never produce a send.
 */
export function planEvent(deps: ProcessorDeps, stored: PendingEvent, resident: ResidentRecord | null, state: FlowState | null, now: Date, thread: ThreadView | null = null, events: EventsSnapshot = NO_EVENTS): EventPlan {
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
  const ctx = { ...flowContext(deps, resident, now, thread), danger, events: { upcoming: events.upcoming, mine: events.places.get(resident.id) ?? [] }, salonChanges: events.salonChanges, volunteer: events.volunteers.get(resident.id) ?? null, invitations: events.invitations.get(resident.id) ?? [], wanted: events.wanted };
  const result = step(deps.flows, deps.idle, state, input, ctx);
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
    ...eventRecords(deps, result.effects, events),
    ...volunteerRecords(result.effects),
    ...invitationRecords(deps, result.effects, events.invitations.get(resident.id) ?? []),
    state: result.state,
    outbound,
    now,
  };
  return { kind: 'commit', commit, followed: true };
}

/** Processes one stored event on its own: load, plan, commit in one transaction, then send. */
export async function processEvent(deps: ProcessorDeps, stored: PendingEvent): Promise<void> {
  const now = deps.clock.now();
  let resident = await deps.conversations.findResident(stored.userKey);
  if (!resident && !isUnfollow(stored)) resident = await deps.conversations.createResident(stored.userKey, await initialLanguage(deps, stored.userKey), now);
  const state = resident ? await deps.conversations.loadFlowState(resident.id) : null;
  const thread = resident ? ((await deps.conversations.loadThreads([resident.id])).get(resident.id) ?? null) : null;
  const events = resident ? await loadEvents(deps, [{ stored, state, residentId: resident.id }], now) : NO_EVENTS;
  const plan = planEvent(deps, stored, resident, state, now, thread, events);
  if (plan.kind === 'skip') return deps.events.markSkipped(plan.eventId, now, plan.redactedPayload);
  await deps.conversations.commit(plan.commit);
  await deliverNew(deps, plan.commit.outbound, now);
  await copyAttachments(deps, attachmentsOf(plan.commit));
}

/** True when an event may reach the events or salons flow: the resident is in one, or taps their menu section. */
function mayNeedEvents(stored: PendingEvent, state: FlowState | null): boolean {
  return state?.flowId === 'events' || state?.flowId === 'salons' || stored.payload.includes('menu=events');
}

/** True when an event may reach the volunteer flow, or settings (withdrawing consent ends a registration). */
function mayNeedVolunteer(stored: PendingEvent, state: FlowState | null): boolean {
  return state?.flowId === 'volunteer' || state?.flowId === 'settings' || stored.payload.includes('menu=volunteer');
}

/**
 * Loads what only some flows read — upcoming events, places, salon changes, volunteer registrations — and only
 * when some event of the batch may reach those flows.
 */
export async function loadEvents(deps: Pick<ProcessorDeps, 'calendar' | 'volunteers' | 'wanted'>, items: Array<{ stored: PendingEvent; state: FlowState | null; residentId: string }>, now: Date): Promise<EventsSnapshot> {
  const needing = items.filter((i) => mayNeedEvents(i.stored, i.state));
  const volunteering = items.filter((i) => mayNeedVolunteer(i.stored, i.state)).map((i) => i.residentId);
  const answering = items.filter((i) => i.stored.payload.includes('va=') || i.stored.payload.includes('vr=')).map((i) => i.residentId);
  const donating = items.some((i) => i.state?.flowId === 'donate' || i.stored.payload.includes('menu=donate'));
  if (!needing.length && !volunteering.length && !answering.length && !donating) return NO_EVENTS;
  const [upcoming, places, salonChanges, volunteers, invitations, wanted] = await Promise.all([
    needing.length ? deps.calendar.upcoming(now) : [],
    needing.length ? deps.calendar.placesOf(needing.map((i) => i.residentId), now) : new Map<string, MyRegistration[]>(),
    needing.length ? deps.calendar.salonChanges(jstDate(now)) : [],
    volunteering.length ? deps.volunteers.ofResidents(volunteering) : new Map<string, VolunteerProfile>(),
    answering.length ? deps.volunteers.invitationsOf(answering) : new Map<string, InvitationView[]>(),
    donating ? deps.wanted.activeWantedItems() : [],
  ]);
  return { upcoming, places, salonChanges, volunteers, invitations, wanted: wanted.map((w) => ({ name: w.name, note: w.note })) };
}

/** A volunteer's answer to an invitation, with the notices it may need worded in every language. */
function invitationRecords(deps: ProcessorDeps, effects: Effect[], invitations: InvitationView[]): Pick<StepCommit, 'invitationAnswer'> {
  const e = effects.find((x) => x.type === 'answerInvitation');
  if (!e || e.type !== 'answerInvitation') return {};
  const inv = invitations.find((i) => i.id === e.invitationId);
  if (!inv) return {};
  const notice = (kind: 'acceptedInstead' | 'filledInstead' | 'filledOthers' | 'matched') => volunteerNotice(deps.translator, deps.council, kind, inv);
  // A place after all, for someone whose insurance does not cover the day: said with what to do about it.
  const acceptedInstead = inv.insured ? notice('acceptedInstead') : withUninsuredWarning(deps.translator, deps.council, notice('acceptedInstead'), inv);
  return {
    invitationAnswer: {
      invitationId: e.invitationId,
      answer: e.answer,
      expected: e.expected,
      notices: { acceptedInstead, filledInstead: notice('filledInstead'), filledOthers: notice('filledOthers'), matched: notice('matched') },
      names: nameListFormats(deps.translator),
    },
  };
}

/** The volunteer registration changes a step asks for. */
function volunteerRecords(effects: Effect[]): Pick<StepCommit, 'volunteer' | 'volunteerRequest' | 'activityReport'> {
  let out: StepCommit['volunteer'];
  let request: StepCommit['volunteerRequest'];
  let report: StepCommit['activityReport'];
  for (const e of effects) {
    if (e.type === 'saveVolunteer') out = { ...out, save: e.volunteer };
    if (e.type === 'setVolunteerStatus') out = { ...out, status: e.status };
    if (e.type === 'eraseVolunteer') out = { ...out, erase: true };
    if (e.type === 'submitVolunteerRequest') request = e.request;
    if (e.type === 'reportActivity') report = { ...report, invitationId: e.invitationId, ...(e.hours !== undefined ? { hours: e.hours } : {}), ...(e.note !== undefined ? { note: e.note } : {}) };
  }
  return { ...(out ? { volunteer: out } : {}), ...(request ? { volunteerRequest: request } : {}), ...(report ? { activityReport: report } : {}) };
}

/**
 * The registration records a step asks for, with the notices it may need worded in every language. The batch's
 * snapshot counts the new place, so a later resident in the same batch is told the truth about what is left.
 */
function eventRecords(deps: ProcessorDeps, effects: Effect[], events: EventsSnapshot): Pick<StepCommit, 'eventRegistration' | 'eventCancellation'> {
  const out: Pick<StepCommit, 'eventRegistration' | 'eventCancellation'> = {};
  for (const e of effects) {
    if (e.type !== 'registerEvent' && e.type !== 'cancelEventRegistration') continue;
    const ev = events.upcoming.find((x) => x.id === e.eventId);
    if (!ev) continue;
    if (e.type === 'registerEvent') {
      if (e.expected === 'registered') ev.registered += 1;
      else ev.waitlisted += 1;
      out.eventRegistration = {
        eventId: e.eventId,
        expected: e.expected,
        name: e.registrant.name,
        phone: e.registrant.phone,
        notices: { registered: eventNotice(deps.translator, 'promoted', ev), waitlisted: eventNotice(deps.translator, 'waitlistedInstead', ev), closed: eventNotice(deps.translator, 'closedInstead', ev) },
      };
    } else {
      out.eventCancellation = { eventId: e.eventId, promoted: eventNotice(deps.translator, 'promoted', ev) };
    }
  }
  return out;
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
    resident: { language: resident.language, consent: resident.consent, districtCode: resident.districtCode, topics: resident.topics, salons: resident.salons, onboarded: resident.onboardedAt !== null },
    council: deps.council,
    ttlMs: deps.flowTtlMs,
    consentVersion: deps.consentVersion,
    events: { upcoming: [], mine: [] },
    salonChanges: [],
    volunteer: null,
    invitations: [],
    wanted: [],
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
