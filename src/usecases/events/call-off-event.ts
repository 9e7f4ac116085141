/**
 * Calling an event off (中止): once staff confirm that everyone will be told, the event and its reminder are
 * cancelled and everyone registered or waiting at that moment gets one notice. Of two call-offs at once, the second
 * finds the event called off and is refused, so everyone is told once; a registration that commits meanwhile is
 * told, and one that comes after finds the event called off.
 */
import type { EventSummary } from '../../domain/event-registration';
import { auditOf, type StaffAct } from '../staff-act';
import type { EventDeps } from './event-deps';

export type CallOffOutcome = { ok: true; told: number } | { ok: false; refused: 'alreadyOff' | 'notConfirmed' };

/** `event` as staff saw it; `confirmed` when they ticked that the registrants will be told. */
export async function callOffEvent(deps: EventDeps, event: Pick<EventSummary, 'id' | 'status' | 'title' | 'startsAt' | 'place'>, confirmed: boolean, by: StaffAct): Promise<CallOffOutcome> {
  if (event.status !== 'open') return { ok: false, refused: 'alreadyOff' };
  if (!confirmed) return { ok: false, refused: 'notConfirmed' };
  const told = await deps.work.run(async ({ events, notices, audit }) => {
    // The status moves first, conditionally; whom to tell is read after it, in the same transaction.
    if (!(await events.callOff(event.id, by.at))) return null;
    await events.withdrawReminder(event.id);
    const residentIds = await events.residentsRegistered(event.id);
    if (residentIds.length) await notices.add({ kind: 'event_notice', notice: deps.notices.notice('cancelledEvent', event), residentIds, at: by.at });
    await audit.record(auditOf(by, { action: 'event.cancel', subjectType: 'event', subjectId: event.id, detail: { told: residentIds.length } }));
    return residentIds.length;
  });
  return told === null ? { ok: false, refused: 'alreadyOff' } : { ok: true, told };
}
