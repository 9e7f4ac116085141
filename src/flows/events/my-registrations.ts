import { textIn } from '../../domain/event-registration';
import { msg, type Msg } from '../../domain/message-text';
import type { FlowContext } from '../engine/types';
import { eventsContext } from './module-context';

/** わたしの申し込み: each upcoming event the resident registered for or waits for, soonest first. */
export function myRegistrations(ctx: FlowContext): Msg[] {
  const { mine, upcoming } = eventsContext(ctx);
  return mine.flatMap((m) => {
    const e = upcoming.find((x) => x.id === m.eventId);
    if (!e) return [];
    const title = textIn(e.title, ctx.resident.language);
    return [msg('events:myRequests.item', { title, start: e.startsAt.getTime(), status: m.status, position: m.position ?? 1 })];
  });
}
