import { msg, type Msg } from '../../domain/message-text';
import type { FlowContext } from '../engine/types';
import { donationsContext } from './module-context';

/** わたしの申し込み: each open donation offer of the resident's, with its status and what happens next. */
export function myOffers(ctx: FlowContext): Msg[] {
  return (donationsContext(ctx).offers ?? []).map((o) => msg('donate:myRequests.item', { reference: o.referenceNo, kind: o.kind, status: o.status }));
}
