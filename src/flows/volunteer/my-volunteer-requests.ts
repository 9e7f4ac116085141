import { msg, type Msg } from '../../domain/message-text';
import type { FlowContext } from '../engine/types';
import { volunteersContext } from './module-context';

/** わたしの申し込み: each open request for help of the resident's, with its status and what happens next. */
export function myVolunteerRequests(ctx: FlowContext): Msg[] {
  const lang = ctx.resident.language;
  return (volunteersContext(ctx).requests ?? []).map((r) => {
    const kind = ctx.council.volunteerSkills.find((s) => s.code === r.kind)?.name[lang] ?? r.kind;
    return msg('volunteer:myRequests.item', { reference: r.referenceNo, kind, date: Date.parse(`${r.date}T00:00:00+09:00`), status: r.status });
  });
}
