import { isOpen, nextOpening } from '../../domain/business-hours';
import { jstDate } from '../../domain/japan-time';
import type { InboundInput } from '../../domain/inbound-event';
import { msg, type Msg } from '../../domain/message-text';
import { detectGlobalIntent } from '../engine/global-intents';
import { mayKeepForStaff } from '../../domain/thread';
import type { Effect, FlowContext, FlowState, ResidentMessage, StepResult } from '../engine/types';
import { safetyReply } from './safety-reply';

/** Id of the flow that asks a resident without consent whether staff may keep this conversation. */
export const STAFF_CONSENT_FLOW = 'staffConsent';

/** What of an input is kept for staff; null for inputs that are not messages (taps, follows). */
export function residentMessage(input: InboundInput): ResidentMessage | null {
  switch (input.kind) {
    case 'text':
      return { kind: 'text', text: input.text, lineMessageId: input.messageId };
    case 'media':
      return { kind: input.mediaType, lineMessageId: input.messageId };
    case 'sticker':
      return { kind: 'sticker', lineMessageId: input.messageId };
    case 'location':
      return {
        kind: 'location',
        lineMessageId: input.messageId,
        ...(input.title || input.address ? { text: [input.title, input.address].filter(Boolean).join(' ') } : {}),
        data: { latitude: input.latitude, longitude: input.longitude, ...(input.title ? { title: input.title } : {}), ...(input.address ? { address: input.address } : {}) },
      };
    default:
      return null;
  }
}

/**
 * Safety first: a text that signals danger gets the calm safety reply and is handed to staff as urgent,
 * whatever the flow, the consent or the owner of the conversation. The flow state is kept as it was, so
 * nothing the resident had entered is lost. Null when the input signals no danger.
 */
export function safetyGate(state: FlowState | null, input: InboundInput, ctx: FlowContext): StepResult | null {
  const category = ctx.danger;
  if (input.kind !== 'text' || !category) return null;
  return {
    state,
    effects: [
      { type: 'requestHandoff', fromFlow: state?.flowId ?? null, urgent: true },
      { type: 'safetyAlert', category },
      { type: 'forwardToStaff', message: { kind: 'text', text: input.text, lineMessageId: input.messageId } },
      { type: 'send', messages: safetyReply(category, ctx) },
    ],
  };
}

/**
 * While staff own the conversation, every message goes to them, the bot stays silent and no flow starts (a
 * tap is answered with a short note); while it waits for staff, messages outside a running flow go to them
 * too, and every message does once the thread is urgent. Outside business hours the resident is told
 * once a day when staff will answer. Button taps still reach the bot (the menu keeps working). A message that
 * may not be kept (no consent to the notice nor to this conversation) is not forwarded: `askConsent` gives the
 * answer then. Null when the input is the bot's to handle.
 */
export function staffGate(state: FlowState | null, input: InboundInput, ctx: FlowContext, askConsent: () => StepResult): StepResult | null {
  const thread = ctx.thread;
  if (!thread) return null;
  // A running flow keeps its answers while the thread waits, unless the thread is urgent: then staff need every word.
  if (thread.owner === 'waiting' && state && !thread.urgent) return null;
  const message = residentMessage(input);
  // No flow starts while staff own the conversation: a tap is answered with where things stand.
  // An urgent thread is treated the same: staff are about to take it, and a flow would only get in the way.
  // The answer to the consent question is the bot's, even while staff own the conversation.
  const answering = state?.flowId === STAFF_CONSENT_FLOW;
  if (!message) return (thread.owner === 'staff' || thread.urgent) && input.kind === 'postback' && !answering ? { state, effects: [{ type: 'send', messages: [{ lines: [msg('handoff:withStaff')] }] }] } : null;
  // While waiting, typed menu words (and asking for staff again) still reach the bot; with staff, everything typed is for staff.
  if (thread.owner === 'waiting' && input.kind === 'text' && detectGlobalIntent(input)) return null;
  if (!mayKeepForStaff(ctx.resident.consent, thread)) return askConsent();
  const effects: Effect[] = [{ type: 'forwardToStaff', message }];
  effects.push(...afterHoursNotice(ctx));
  return { state, effects };
}

/**
 * The once-a-day notice, after a message was kept for staff, that staff are away and when they will answer, as
 * effects (none while open or already told today).
 */
export function afterHoursNotice(ctx: FlowContext): Effect[] {
  const today = jstDate(ctx.now);
  if (isOpen(ctx.council.businessHours, ctx.now) || ctx.thread?.afterHoursNoticeOn === today) return [];
  const opens = nextOpening(ctx.council.businessHours, ctx.now);
  return [{ type: 'afterHoursNotice', on: today }, { type: 'send', messages: [{ lines: [msg('handoff:afterHours', { opens: opens.getTime() }), urgentNumbers(ctx)] }] }];
}

/**
 * The answer to asking for staff, led by `lead` (connecting, or already connected): when staff are away, when they
 * will answer — which also counts as today's notice —, and the emergency numbers, once. Nothing has been sent to
 * staff yet, so it says nothing has reached them.
 */
export function askedForStaff(ctx: FlowContext, lead: Msg): Effect[] {
  const today = jstDate(ctx.now);
  if (isOpen(ctx.council.businessHours, ctx.now)) return [{ type: 'send', messages: [{ lines: [lead, urgentNumbers(ctx)] }] }];
  const opens = nextOpening(ctx.council.businessHours, ctx.now);
  return [
    ...(ctx.thread?.afterHoursNoticeOn === today ? [] : [{ type: 'afterHoursNotice' as const, on: today }]),
    { type: 'send', messages: [{ lines: [lead, msg('handoff:afterHoursAsked', { opens: opens.getTime() }), urgentNumbers(ctx)] }] },
  ];
}

function urgentNumbers(ctx: FlowContext): Msg {
  return msg('handoff:urgentNumbers', { fire: ctx.council.emergency.fireAmbulance, police: ctx.council.emergency.police });
}

export { safetyReply };
