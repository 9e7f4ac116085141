import { helplineTopicsFor, type SafetyCategory } from '../../domain/safety';
import { msg, type Msg } from '../../domain/message-text';
import { telUri } from '../../domain/phone';
import type { Chip, OutMessage } from '../../domain/out-message';
import type { FlowContext } from '../engine/types';

/** At most this many helplines, so the reply stays short enough to read in a crisis. */
const MAX_HELPLINES = 3;

/**
 * The calm reply to a message that signals danger: a short acknowledgement, the emergency numbers, the
 * helplines for the danger's topics (from the profile), and that staff have been told. Tap-to-call buttons.
 * It never claims to be an emergency line.
 */
export function safetyReply(category: SafetyCategory, ctx: FlowContext): OutMessage[] {
  const lang = ctx.resident.language;
  const topics = helplineTopicsFor(category);
  const lines = ctx.council.emergency.helplines.filter((h) => h.for.some((t) => topics.includes(t)));
  const helplines = (lines.length ? lines : ctx.council.emergency.helplines.filter((h) => h.for.includes('general'))).slice(0, MAX_HELPLINES);
  const body: Msg[] = [
    msg(`handoff:safety.lead.${category}`),
    msg('handoff:safety.emergency', { police: ctx.council.emergency.police, fire: ctx.council.emergency.fireAmbulance }),
    ...helplines.map((h) => msg('handoff:safety.helpline', { name: h.name[lang], phone: h.phone, hours: h.hours[lang] })),
    msg('handoff:safety.staffTold', { phone: ctx.council.phone }),
  ];
  const call: Chip[] = [
    { kind: 'uri', label: msg('handoff:safety.call', { name: ctx.council.emergency.fireAmbulance }), uri: telUri(ctx.council.emergency.fireAmbulance) },
    { kind: 'uri', label: msg('handoff:safety.call', { name: ctx.council.emergency.police }), uri: telUri(ctx.council.emergency.police) },
    ...helplines.map((h): Chip => ({ kind: 'uri', label: msg('handoff:safety.callShort', { phone: h.phone }), uri: telUri(h.phone) })),
  ];
  return [{ lines: body, chips: call }];
}
