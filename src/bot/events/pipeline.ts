import type { EventCalendar, EventsWrite } from '../../domain/event-registration';
import { jstDate } from '../../domain/japan-time';
import { eventsFlowModule } from '../../flows/events';
import type { EventEffect, EventsContext } from '../../flows/events/module-context';
import { eventNotice } from './notices';
import type { Translator } from '../render/i18n';
import type { PipelineModule } from '../pipeline/module-contract';

/**
 * Salons and council events in processing: upcoming events, the residents' places and staff changes to salon
 * sessions are loaded once per batch; a registration or cancellation is stored with the notices it may need,
 * worded in every language. The batch's list counts each new place, so a later resident in the same batch is told
 * the truth about what is left.
 */
export function eventsPipeline(deps: { calendar: EventCalendar; translator: Translator }): PipelineModule {
  return {
    flow: eventsFlowModule,
    async load(residentIds, now) {
      const [upcoming, places, salonChanges] = await Promise.all([deps.calendar.upcoming(now), deps.calendar.placesOf(residentIds, now), deps.calendar.salonChanges(jstDate(now))]);
      return (residentId): EventsContext => ({ upcoming, mine: places.get(residentId) ?? [], salonChanges });
    },
    plan(effects, { context }) {
      const upcoming = (context as EventsContext | undefined)?.upcoming ?? [];
      const out: EventsWrite = {};
      for (const e of effects as EventEffect[]) {
        const ev = upcoming.find((x) => x.id === e.eventId);
        if (!ev) continue;
        if (e.type === 'registerEvent') {
          if (e.expected === 'registered') ev.registered += 1;
          else ev.waitlisted += 1;
          out.registration = {
            eventId: e.eventId,
            expected: e.expected,
            name: e.registrant.name,
            phone: e.registrant.phone,
            notices: { registered: eventNotice(deps.translator, 'promoted', ev), waitlisted: eventNotice(deps.translator, 'waitlistedInstead', ev), closed: eventNotice(deps.translator, 'closedInstead', ev) },
          };
        } else {
          out.cancellation = { eventId: e.eventId, promoted: eventNotice(deps.translator, 'promoted', ev) };
        }
      }
      return out.registration || out.cancellation ? { data: out } : null;
    },
  };
}
