import { jstDate } from './japan-time';

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
  if (mine) return { kind: 'already', status: mine.status as 'registered' | 'waitlisted' };
  if (now.getTime() >= event.deadline.getTime() || now.getTime() >= event.startsAt.getTime()) return { kind: 'closed' };
  const taken = regs.filter((r) => r.status === 'registered').length;
  if (taken < event.capacity) return { kind: 'registered' };
  return { kind: 'waitlisted', position: regs.filter((r) => r.status === 'waitlisted').length + 1 };
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
