import { msg, type Msg } from '../../domain/message-text';
import { CONSENT_TOPICS, isConsentTopic, REFERRAL_CONSENT_VERSION, TOPIC_CONSENT_VERSION, type TopicConsentRecord } from '../../domain/topic-consent';
import type { Chip } from '../../domain/out-message';
import { postbackChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import type { Flow, FlowContext, FlowData, Parsed, Transition } from '../engine/types';

/** The id of the flow Settings opens for 「同意の確認」. */
export const CONSENT_REVIEW_FLOW = 'consents';

/** Characters of a partner's name shown on a withdraw button (LINE labels hold 20). */
const PARTNER_LABEL = 9;
/** Referral consents offered for withdrawal on one message (a message shows at most six buttons, one is 「おわる」). */
const REFERRALS_SHOWN = 5;

function current(ctx: FlowContext, topic: string): TopicConsentRecord | undefined {
  return (ctx.resident.topicConsents ?? []).find((c) => c.topic === topic);
}

function partnerOf(ctx: FlowContext, topic: string) {
  return topic.startsWith('referral:') ? ctx.council.partners?.find((p) => `referral:${p.code}` === topic) : undefined;
}

/** One line per topic: given, declined, withdrawn or not asked, with the date. */
function statusLines(ctx: FlowContext): Msg[] {
  const lang = ctx.resident.language;
  const general = msg(ctx.resident.consent === 'granted' ? 'consent:review.general.granted' : 'consent:review.general.notGranted');
  const topics = CONSENT_TOPICS.map((t) => {
    const c = current(ctx, t);
    return c ? msg(`consent:review.status.${c.decision}`, { topic: t, at: new Date(c.at).getTime() }) : msg('consent:review.status.notAsked', { topic: t });
  });
  const referrals = (ctx.resident.topicConsents ?? []).flatMap((c) => {
    const p = partnerOf(ctx, c.topic);
    return p ? [msg(`consent:review.referral.${c.decision}`, { name: p.name[lang], at: new Date(c.at).getTime() })] : [];
  });
  return [msg('consent:review.title'), general, ...topics, ...referrals];
}

/** What may be withdrawn now: granted topics, then granted referrals. */
function withdrawable(ctx: FlowContext): string[] {
  return (ctx.resident.topicConsents ?? [])
    .filter((c) => c.decision === 'granted' && (isConsentTopic(c.topic) || partnerOf(ctx, c.topic)))
    .map((c) => c.topic)
    .sort((a, b) => Number(!isConsentTopic(a)) - Number(!isConsentTopic(b)) || a.localeCompare(b));
}

function withdrawChip(ctx: FlowContext, topic: string): Chip {
  const p = partnerOf(ctx, topic);
  const label = p
    ? msg('consent:review.withdrawReferral', { name: [...p.name[ctx.resident.language]].slice(0, PARTNER_LABEL).join('') })
    : msg(`consent:review.withdrawTopic.${topic}`);
  return postbackChip(label, `tw=${topic}`);
}

/**
 * Settings → 同意の確認: lists each consent (the general one and each topic: given, declined, not asked, with the
 * date; referrals to partners) and lets the resident withdraw one that was given. The consequence is said plainly
 * before they confirm: what the modules erase under that topic (the details of open consultations), what stays.
 */
export const consentReviewFlow: Flow = {
  id: CONSENT_REVIEW_FLOW,
  version: 1,
  start: () => ({ to: 'list', data: {} }),
  steps: {
    list: {
      prompt: (_data, ctx) => {
        const all = withdrawable(ctx);
        const topics = all.filter(isConsentTopic);
        const referrals = all.length > topics.length;
        // Topics (four at most), the way to the referral consents, and 「おわる」: within a message's six buttons.
        return [
          {
            lines: [...statusLines(ctx), msg(all.length ? 'consent:review.canWithdraw' : 'consent:review.nothingToWithdraw')],
            buttons: [
              ...topics.map((t) => withdrawChip(ctx, t)),
              ...(referrals ? [postbackChip(msg('consent:review.referrals'), 'tw=referrals')] : []),
              postbackChip(msg('consent:review.done'), 'tw=done'),
            ],
          },
        ];
      },
      parse: (input, _data, ctx): Parsed<string> => {
        const v = postbackValue(input, 'tw');
        if (v === 'done' || v === 'referrals' || (v && withdrawable(ctx).includes(v))) return { ok: true, value: v };
        return { ok: false, error: msg('common:pleaseTap') };
      },
      next: (v, data): Transition => (v === 'done' ? { end: true, then: 'menu' } : v === 'referrals' ? { to: 'referrals', data } : { to: 'confirm', data: { ...data, topic: v } }),
    },
    referrals: {
      prompt: (_data, ctx) => [
        {
          lines: [msg('consent:review.referralsPrompt', { phone: ctx.council.phone })],
          buttons: [...withdrawable(ctx).filter((t) => !isConsentTopic(t)).slice(0, REFERRALS_SHOWN).map((t) => withdrawChip(ctx, t)), postbackChip(msg('consent:review.done'), 'tw=done')],
        },
      ],
      parse: (input, _data, ctx): Parsed<string> => {
        const v = postbackValue(input, 'tw');
        if (v === 'done' || (v && !isConsentTopic(v) && withdrawable(ctx).includes(v))) return { ok: true, value: v };
        return { ok: false, error: msg('common:pleaseTap') };
      },
      next: (v, data): Transition => (v === 'done' ? { end: true, then: 'menu' } : { to: 'confirm', data: { ...data, topic: v } }),
    },
    confirm: {
      prompt: (data, ctx) => {
        const topic = String(data.topic);
        const p = partnerOf(ctx, topic);
        const lines: Msg[] = p
          ? [msg('consent:withdraw.referral.deletes', { name: p.name[ctx.resident.language], phone: p.phone })]
          : [msg(`consent:withdraw.topic.${topic}`), ...(isConsentTopic(topic) ? (ctx.topicWithdrawal?.[topic] ?? []).flatMap((w) => w.warn) : []), msg('consent:withdraw.stays')];
        return [{ lines: [...lines, msg('consent:withdraw.confirm')], buttons: [postbackChip(msg('consent:withdraw.yes'), 'twc=yes'), postbackChip(msg('consent:withdraw.no'), 'twc=no')] }];
      },
      parse: (input): Parsed<'yes' | 'no'> => {
        const v = postbackValue(input, 'twc');
        return v === 'yes' || v === 'no' ? { ok: true, value: v } : { ok: false, error: msg('common:pleaseTap') };
      },
      next: (answer, data: FlowData, ctx): Transition => {
        const topic = String(data.topic);
        if (answer === 'no') return { end: true, messages: [{ lines: [msg('consent:withdraw.kept')] }], then: 'menu' };
        const parts = isConsentTopic(topic) ? (ctx.topicWithdrawal?.[topic] ?? []) : [];
        const version = isConsentTopic(topic) ? TOPIC_CONSENT_VERSION : REFERRAL_CONSENT_VERSION;
        return {
          end: true,
          effects: [{ type: 'updateResident', patch: { topicConsents: [{ topic, decision: 'withdrawn', version }] } }, ...parts.flatMap((w) => w.effects)],
          messages: [{ lines: [msg('consent:withdraw.done'), ...parts.flatMap((w) => w.done), msg('consent:withdraw.askAgain', { phone: ctx.council.phone })] }],
          then: 'menu',
        };
      },
    },
  },
};
