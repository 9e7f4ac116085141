import { msg, type Msg } from '../../domain/message-text';
import { isConsentTopic, REFERRAL_CONSENT_VERSION, TOPIC_CONSENT_VERSION } from '../../domain/topic-consent';
import type { Effect, FlowContext, ResidentPatch } from '../engine/types';

/**
 * The general consent withdrawn (Settings): every topic and referral consent the resident gave is withdrawn with it,
 * and what the modules keep under those topics is erased as if each were withdrawn on its own.
 */
export function everyConsentWithdrawn(ctx: FlowContext): { warn: Msg[]; effects: Effect[]; decisions: NonNullable<ResidentPatch['topicConsents']> } {
  const given = (ctx.resident.topicConsents ?? []).filter((c) => c.decision === 'granted');
  if (!given.length) return { warn: [], effects: [], decisions: [] };
  return {
    warn: [msg('consent:withdraw.withGeneral')],
    effects: given.flatMap((c) => (isConsentTopic(c.topic) ? (ctx.topicWithdrawal?.[c.topic] ?? []).flatMap((w) => w.effects) : [])),
    decisions: given.map((c) => ({ topic: c.topic, decision: 'withdrawn' as const, version: isConsentTopic(c.topic) ? TOPIC_CONSENT_VERSION : REFERRAL_CONSENT_VERSION })),
  };
}
