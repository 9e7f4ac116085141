/**
 * Council events (行事・講座) as a console module: creating and changing events, their registrants (with a CSV
 * for the day's reception), cancelling a registration and calling an event off.
 */
import type { ConsoleModule } from '../console-module';
import { EVENT_FORM_MAX_CHARS } from './event-form';
import { eventRoutes, type EventConsole, type EventDetailView, type EventFormView, type EventListView } from './event-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /** Create, change and call off council events; see and export their registrants (names, phone numbers). */
    'event.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    events: EventListView;
    eventForm: EventFormView;
    event: EventDetailView;
  }
}

export type { EventConsole };

export const eventsModule: ConsoleModule<EventConsole> = {
  id: 'events',
  dir: 'src/console/events',
  // Events and their registrant lists are run by coordinators, not counsellors.
  permissions: { 'event.manage': ['coordinator'] },
  nav: [{ href: '/console/events', label: '行事・講座', permission: 'event.manage' }],
  routes: eventRoutes,
  longestForm: EVENT_FORM_MAX_CHARS,
};
