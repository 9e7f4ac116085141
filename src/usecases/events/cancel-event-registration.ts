/**
 * Cancelling a registration a resident phoned in, while the event is open and has not ended: a freed place goes to
 * the first on the waitlist, who is told.
 */
import type { EventSummary, Registrant } from '../../domain/event-registration';
import { auditOf, type StaffAct } from '../staff-act';
import type { EventDeps } from './event-deps';

export type CancelRegistrationOutcome =
  | { ok: true; promoted: number }
  | { ok: false; refused: 'calledOff' | 'unknownRegistration' | 'ended' | 'alreadyCancelled' };

/** `event` (with its registrants) as staff saw it. */
export async function cancelEventRegistration(
  deps: EventDeps,
  event: Pick<EventSummary, 'id' | 'status' | 'endsAt' | 'title' | 'startsAt' | 'place'> & { registrants: readonly Pick<Registrant, 'id'>[] },
  registrationId: string,
  by: StaffAct,
): Promise<CancelRegistrationOutcome> {
  if (event.status !== 'open') return { ok: false, refused: 'calledOff' };
  if (!event.registrants.some((r) => r.id === registrationId)) return { ok: false, refused: 'unknownRegistration' };
  if (event.endsAt.getTime() <= by.at.getTime()) return { ok: false, refused: 'ended' };
  const promoted = await deps.work.run(async ({ events, audit }) => {
    const was = await events.registrationStatus(event.id, registrationId);
    if (!was || !(await events.cancelRegistration(registrationId, was, by.at))) return null;
    const moved = await events.promoteFirstWaitlisted(event.id, deps.notices.notice('promoted', event), by.at);
    await audit.record(auditOf(by, { action: 'event.registration.cancel', subjectType: 'eventRegistration', subjectId: registrationId, detail: { eventId: event.id, was, promoted: moved } }));
    return moved;
  });
  return promoted === null ? { ok: false, refused: 'alreadyCancelled' } : { ok: true, promoted };
}
