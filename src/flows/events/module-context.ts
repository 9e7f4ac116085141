import type { EventView, MyRegistration } from '../../domain/event-registration';
import type { SalonChange } from '../../domain/salon-schedule';
import { moduleContext, moduleEffect, type ModuleEffect } from '../engine/module';
import type { FlowContext } from '../engine/types';

/** The events module's id (salons and council events): its context key, its effects' owner. */
export const EVENTS = 'events';

/** What the salon and event steps read. */
export interface EventsContext {
  /** Council events still to come (open for registration or not), soonest first. */
  upcoming: EventView[];
  /** The resident's own places. */
  mine: MyRegistration[];
  /** Staff changes to salon sessions from today on (cancelled, extra, notes). */
  salonChanges: SalonChange[];
}

/** What a resident gives when registering for an event (the registrant list staff call from). */
export interface EventRegistrant {
  name: string;
  phone: string | null;
}

/** The events module's effects. */
export type EventEffect =
  /** Registers (or waitlists) the resident; `expected` is what the resident was told, re-checked when written. */
  | { type: 'registerEvent'; eventId: string; expected: 'registered' | 'waitlisted'; registrant: EventRegistrant }
  /** Cancels the resident's place; a freed place goes to the first on the waitlist, who is told. */
  | { type: 'cancelEventRegistration'; eventId: string };

const NONE: EventsContext = { upcoming: [], mine: [], salonChanges: [] };

export function eventsContext(ctx: FlowContext): EventsContext {
  return moduleContext(ctx, EVENTS, NONE);
}

export function eventEffect(effect: EventEffect): ModuleEffect<EventEffect> {
  return moduleEffect(EVENTS, effect);
}
