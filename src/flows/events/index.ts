import type { FlowModule } from '../engine/module';
import { salonsFlow } from '../salons/salons-flow';
import { eventsFlow } from './events-flow';
import { EVENTS } from './module-context';
import { myRegistrations } from './my-registrations';

/** Salons and council events (サロン・行事): the section's choice, the events flow and the salons flow; places in わたしの申し込み. */
export const eventsFlowModule: FlowModule = {
  id: EVENTS,
  flows: [eventsFlow, salonsFlow],
  postbackKeys: [],
  menu: [{ section: 'events', flow: eventsFlow.id }],
  myRequests: myRegistrations,
};
