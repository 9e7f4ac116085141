import type { Notice } from './notice';
import type { Page, Paged } from './paging';
import { jstDate, jstMidnight } from './japan-time';
import { staffTextFor, type Language } from './language';
import type { SalonChange } from './salon-schedule';
import type { PersonalNoticeOutbox } from './personal-notice';
import type { AuditTrail } from './staff';

/**
 * Registration for council events (社会福祉大会, ボランティア講座, 手話入門講座 …): capacity, a deadline, a waitlist
 * that the first cancellation promotes from, and the day-before reminder. Pure rules over plain values; the
 * store applies the resulting changes in one transaction.
 */

/** What the rules need to know about an event. */
export interface EventInfo {
  id: string;
  capacity: number;
  /** Registrations close at this instant. */
  deadline: Date;
  startsAt: Date;
}

export type RegistrationStatus = 'registered' | 'waitlisted' | 'cancelled';

export interface Registration {
  residentId: string;
  status: RegistrationStatus;
  /** When the resident registered (or joined the waitlist): the waitlist's order. */
  at: Date;
}

/** The outcome of asking to register. */
export type RegisterOutcome =
  | { kind: 'registered' }
  | { kind: 'waitlisted'; position: number }
  | { kind: 'already'; status: 'registered' | 'waitlisted' }
  | { kind: 'closed' };

/** Pure: registers while places remain, otherwise offers the waitlist; nothing after the deadline or the start. */
export function register(event: EventInfo, regs: readonly Registration[], residentId: string, now: Date): RegisterOutcome {
  const mine = regs.find((r) => r.residentId === residentId && r.status !== 'cancelled');
  const count = (status: RegistrationStatus) => regs.filter((r) => r.status === status).length;
  return registerByCount(event, { registered: count('registered'), waitlisted: count('waitlisted') }, (mine?.status as 'registered' | 'waitlisted' | undefined) ?? null, now);
}

/** Pure: the same rule from the counts alone (what a resident's conversation knows about an event). */
export function registerByCount(event: EventInfo, counts: { registered: number; waitlisted: number }, mine: 'registered' | 'waitlisted' | null, now: Date): RegisterOutcome {
  if (mine) return { kind: 'already', status: mine };
  if (now.getTime() >= event.deadline.getTime() || now.getTime() >= event.startsAt.getTime()) return { kind: 'closed' };
  if (counts.registered < event.capacity) return { kind: 'registered' };
  return { kind: 'waitlisted', position: counts.waitlisted + 1 };
}

/** The outcome of a cancellation: whether anything was cancelled, and who moves up from the waitlist. */
export interface CancelOutcome {
  cancelled: boolean;
  /** The first waitlisted resident (by registration time), now registered; null when no place opened or no one waits. */
  promoted: string | null;
}

/**
 * Pure: cancels the resident's registration or waitlist place. A registered place that frees up before the
 * event starts goes to the first on the waitlist (who must then be told).
 */
export function cancel(event: EventInfo, regs: readonly Registration[], residentId: string, now: Date): CancelOutcome {
  const mine = regs.find((r) => r.residentId === residentId && r.status !== 'cancelled');
  if (!mine) return { cancelled: false, promoted: null };
  if (mine.status !== 'registered' || now.getTime() >= event.startsAt.getTime()) return { cancelled: true, promoted: null };
  const taken = regs.filter((r) => r.status === 'registered' && r.residentId !== residentId).length;
  if (taken >= event.capacity) return { cancelled: true, promoted: null };
  const next = regs.filter((r) => r.status === 'waitlisted').sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  return { cancelled: true, promoted: next?.residentId ?? null };
}

/** Pure: true when `now` is on the Japan-time day before the event (when its reminder goes out). */
export function isDayBefore(event: Pick<EventInfo, 'startsAt'>, now: Date): boolean {
  return jstDate(now.getTime() + 86_400_000) === jstDate(event.startsAt);
}

/** The hour (Japan time) the day-before reminder goes out. */
export const REMINDER_HOUR_JST = 10;

/**
 * Pure: when the day-before reminder goes: 10:00 Japan time the day before, or null when that time has already
 * passed at `now` (an event created later than that has no one registered yet, so a reminder then would reach
 * no one; residents registering after it are told that no reminder will come).
 */
export function reminderAt(startsAt: Date, now: Date): Date | null {
  const at = new Date(jstMidnight(startsAt) - 86_400_000 + REMINDER_HOUR_JST * 3_600_000);
  return at.getTime() > now.getTime() ? at : null;
}

/** The reminder an event has now, as the broadcast engine keeps it (`scheduled`, `sent`, `cancelled` …). */
export interface ReminderState {
  status: string;
  scheduledAt: Date;
}

/** What becomes of an event's reminder when staff change the event. */
export type ReminderPlan = { kind: 'keep' } | { kind: 'move'; at: Date } | { kind: 'cancel' } | { kind: 'create'; at: Date };

/**
 * Pure: how an edit re-plans the day-before reminder. The same start keeps it as it is (a reminder already sent
 * is not sent again). A new start plans it for 10:00 the day before; when that has passed but it is the day
 * before and people are registered, at once (they would otherwise hear nothing before the day); else none. A
 * reminder still waiting is moved or withdrawn; one already sent (or withdrawn) is followed by a new one.
 */
export function replanReminder(current: ReminderState | null, from: Date, to: Date, now: Date, registered: number): ReminderPlan {
  if (from.getTime() === to.getTime()) return { kind: 'keep' };
  const at = reminderAt(to, now) ?? (registered > 0 && isDayBefore({ startsAt: to }, now) ? now : null);
  if (current?.status === 'scheduled') return at ? { kind: 'move', at } : { kind: 'cancel' };
  return at ? { kind: 'create', at } : { kind: 'keep' };
}

/** A text the council wrote per language; Japanese is required and stands in for a missing translation. */
export type EventText = { ja: string } & Partial<Record<Language, string>>;

/** The text in a language, else its fallback (easy Japanese, then Japanese: see `staffTextFor`). */
export function textIn(text: EventText, language: Language): string {
  return staffTextFor(text, language).text;
}

/** An upcoming event as a resident's conversation sees it. */
export interface EventView extends EventInfo {
  title: EventText;
  description: EventText;
  place: string;
  endsAt: Date;
  registered: number;
  waitlisted: number;
}

/** The resident's own place at an upcoming event. */
export interface MyRegistration {
  eventId: string;
  status: 'registered' | 'waitlisted';
  /** The place in the waitlist (1 = next to move up); null when registered. */
  position: number | null;
}


/** The notices the bot words for an event. */
export type EventNoticeKind = 'promoted' | 'waitlistedInstead' | 'closedInstead' | 'reminder' | 'cancelledEvent';

/** Upcoming events and residents' places, as conversations read them. */
export interface EventCalendar {
  /** Open events that have not started, soonest first, with their counts. */
  upcoming(now: Date): Promise<EventView[]>;
  /** Each resident's places at events that have not started, with waitlist positions. */
  placesOf(residentIds: string[], now: Date): Promise<Map<string, MyRegistration[]>>;
  /** Staff changes to salon sessions on or after this Japan-time date (YYYY-MM-DD). */
  salonChanges(fromDate: string): Promise<SalonChange[]>;
}

/** An event as staff write it. */
export interface EventInput {
  title: EventText;
  description: EventText;
  place: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  deadline: Date;
}

/** An event as the console lists it. */
export interface EventSummary extends EventInput {
  id: string;
  status: 'open' | 'cancelled';
  registered: number;
  waitlisted: number;
  /** The day-before reminder's send, if there is one. */
  reminder: { id: string; status: string; scheduledAt: Date } | null;
}

/** One row of the registrant list. */
export interface Registrant {
  id: string;
  name: string;
  phone: string | null;
  status: RegistrationStatus;
  at: Date;
  /** Place in the waitlist (1 = next to move up); null otherwise. */
  position: number | null;
}

/** Events as the console's pages read them. */
export interface EventAdmin {
  /** One page of the events, the latest start first, and how many there are. */
  list(page: Page): Promise<Paged<EventSummary>>;
  /** The open events that start after `now`, the soonest first (what a broadcast can point to). */
  upcoming(now: Date): Promise<EventSummary[]>;
  /** One event with its registrants (registered and waitlisted in queue order, then cancelled). */
  get(id: string): Promise<(EventSummary & { registrants: Registrant[] }) | null>;
}

/** What a notice about an event says about it. */
export interface EventNoticeSubject {
  title: EventText;
  startsAt: Date;
  place: string;
}

/** An event as it stands in the database when a change is made. */
export interface EventState {
  status: 'open' | 'cancelled';
  startsAt: Date;
  capacity: number;
  reminderId: string | null;
}

/**
 * Events as a use case changes them, inside its unit of work. Who moves up from the waitlist is decided in SQL,
 * against the rows as they are when the transaction runs (see `event-registration-statements.ts`), so a place is
 * never given twice.
 */
export interface EventRepository {
  state(id: string): Promise<EventState | null>;
  /** Writes a new open event, with its day-before reminder when there is one; returns its id. */
  create(e: EventInput, reminder: { at: Date; notice: Notice } | null, createdBy: string, at: Date): Promise<string>;
  /** Changes an event that is still open; false (nothing written) otherwise. */
  update(id: string, e: EventInput, at: Date): Promise<boolean>;
  /** The reminder's send as it stands. */
  reminder(reminderId: string): Promise<ReminderState | null>;
  /** How many hold a place. */
  registeredCount(id: string): Promise<number>;
  /** Carries out a re-planned reminder (see {@link replanReminder}), worded with `notice`. Only a reminder still waiting changes. */
  applyReminderPlan(eventId: string, reminderId: string | null, plan: ReminderPlan, notice: Notice, at: Date): Promise<void>;
  /** Moves up as many of the waitlist as there are free places, each told with `notice`; returns how many. */
  promoteWaitlisted(eventId: string, notice: Notice, at: Date): Promise<number>;
  /** Calls an open event off; false (nothing written) when it was not open. */
  callOff(id: string, at: Date): Promise<boolean>;
  /** Withdraws the event's reminder if it is still waiting. */
  withdrawReminder(id: string): Promise<void>;
  /** The residents registered or waiting, at this moment of the transaction. */
  residentsRegistered(id: string): Promise<string[]>;
  /** What a registration of the event holds now: a place, a place on the waitlist, or nothing (null). */
  registrationStatus(eventId: string, registrationId: string): Promise<'registered' | 'waitlisted' | null>;
  /** Cancels the registration if it still holds `was`; false (nothing written) otherwise. */
  cancelRegistration(registrationId: string, was: 'registered' | 'waitlisted', at: Date): Promise<boolean>;
  /** Gives a freed place to the first on the waitlist, told with `notice`, if the event has not started; returns how many moved (0 or 1). */
  promoteFirstWaitlisted(eventId: string, notice: Notice, at: Date): Promise<number>;
}

/** The repositories the event use cases change, bound to one unit of work. */
export interface EventRepositories {
  events: EventRepository;
  notices: PersonalNoticeOutbox;
  audit: AuditTrail;
}

/** What the events module writes with a step: a registration (capacity re-checked when written) or a cancellation. */
export interface EventsWrite {
  registration?: { eventId: string; expected: 'registered' | 'waitlisted'; name: string; phone: string | null; notices: Record<'registered' | 'waitlisted' | 'closed', Notice> };
  /** A freed place goes to the first on the waitlist, who gets `promoted`. */
  cancellation?: { eventId: string; promoted: Notice };
}
