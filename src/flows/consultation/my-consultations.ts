import { msg, type Msg } from '../../domain/message-text';
import type { FlowContext } from '../engine/types';
import { consultationContext } from './module-context';

/** わたしの申し込み: each consultation of the resident's, open or closed lately, with its status and what happens next. */
export function myConsultations(ctx: FlowContext): Msg[] {
  const lang = ctx.resident.language;
  return consultationContext(ctx).open.map((c) => {
    const category = ctx.council.categories.find((k) => k.code === c.categoryCode)?.name[lang] ?? c.categoryCode;
    return msg('consultation:myRequests.item', { reference: c.referenceNo, category, status: c.status, target: c.referralTarget ?? '' });
  });
}
