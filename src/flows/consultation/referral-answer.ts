import { msg } from '../../domain/message-text';
import { postbackValue } from '../common/parse';
import type { Gate } from '../engine/module';
import { consultationContext, consultationEffect } from './module-context';

/**
 * The resident's answer to a referral staff proposed (the personal notice's はい/いいえ, `ref=<id>&a=yes|no`), from
 * anywhere: yes refers the consultation and says where and what happens next (the partner's phone); no declines it
 * and nothing is passed on. An answer to a question no longer open is told so politely. The flow in progress resumes.
 */
export const referralAnswerGate: Gate = (input, ctx, kit) => {
  const id = postbackValue(input, 'ref');
  if (id === null) return null;
  const answer = postbackValue(input, 'a');
  const ask = consultationContext(ctx).referralAsks?.find((r) => r.id === id);
  const partner = ask ? ctx.council.partners?.find((p) => p.code === ask.partnerCode) : undefined;
  if (!ask || !partner || (answer !== 'yes' && answer !== 'no')) return kit.resume([msg('consent:referral.gone', { phone: ctx.council.phone })], []);
  const lang = ctx.resident.language;
  const effects = [consultationEffect({ type: 'answerReferral', referralId: ask.id, answer, partnerCode: partner.code, partnerName: partner.name.ja })];
  const line =
    answer === 'yes'
      ? msg('consent:referral.done', { name: partner.name[lang], next: partner.next[lang], phone: partner.phone })
      : msg('consent:referral.declined', { name: partner.name[lang] });
  return kit.resume([line], effects);
};
