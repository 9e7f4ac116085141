/**
 * Changing an open event. Its start may stay in the past (fixing a typo afterwards) but not be moved there. The
 * day-before reminder is re-planned against the rows as they are in the transaction ({@link replanReminder}); more
 * places move that many people up from the waitlist, each told; fewer places keep everyone already registered.
 */
import { replanReminder, type EventInput, type EventSummary } from '../../domain/event-registration';
import type { Parsed } from '../parsed';
import { auditOf, type StaffAct } from '../staff-act';
import type { EventDeps } from './event-deps';

export type EditEventOutcome =
  | { ok: true; promoted: number }
  /** The event is called off (as staff saw it, or by a colleague meanwhile: then nothing was written). */
  | { ok: false; refused: 'calledOff' | 'calledOffMeanwhile' }
  /** The form does not pass, in the form's own words. */
  | { ok: false; refused: 'invalid'; error: string }
  | { ok: false; refused: 'startPassed' };

/** `event` as staff saw it; `form` the changed event, or the form's problem. */
export async function editEvent(deps: EventDeps, event: Pick<EventSummary, 'id' | 'status' | 'startsAt' | 'capacity'>, form: Parsed<EventInput>, by: StaffAct): Promise<EditEventOutcome> {
  if (event.status !== 'open') return { ok: false, refused: 'calledOff' };
  if (!form.ok) return { ok: false, refused: 'invalid', error: form.error };
  const changed = form.value;
  if (changed.startsAt.getTime() !== event.startsAt.getTime() && changed.startsAt.getTime() <= by.at.getTime()) return { ok: false, refused: 'startPassed' };
  const promoted = await deps.work.run(async ({ events, audit }) => {
    const row = await events.state(event.id);
    if (!row || row.status !== 'open' || !(await events.update(event.id, changed, by.at))) return null;
    const current = row.reminderId ? await events.reminder(row.reminderId) : null;
    const plan = replanReminder(current, row.startsAt, changed.startsAt, by.at, await events.registeredCount(event.id));
    await events.applyReminderPlan(event.id, row.reminderId, plan, deps.notices.notice('reminder', changed), by.at);
    // Added places move the waiting up, as many as there is room for.
    const moved = changed.capacity > row.capacity ? await events.promoteWaitlisted(event.id, deps.notices.notice('promoted', changed), by.at) : 0;
    await audit.record(auditOf(by, { action: 'event.update', subjectType: 'event', subjectId: event.id, detail: { capacity: { from: event.capacity, to: changed.capacity }, promoted: moved } }));
    return moved;
  });
  return promoted === null ? { ok: false, refused: 'calledOffMeanwhile' } : { ok: true, promoted };
}
