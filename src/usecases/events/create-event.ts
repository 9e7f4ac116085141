/**
 * Creating a council event: it opens for registration on LINE, and its day-before reminder is planned (10:00 Japan
 * time the day before, or none once that has passed) — the event, the reminder's send and the audit row together.
 */
import { reminderAt, type EventInput } from '../../domain/event-registration';
import { auditOf, type StaffAct } from '../staff-act';
import type { EventDeps } from './event-deps';

/** Returns the new event's id. */
export function createEvent(deps: EventDeps, event: EventInput, by: StaffAct): Promise<string> {
  const at = reminderAt(event.startsAt, by.at);
  return deps.work.run(async ({ events, audit }) => {
    const id = await events.create(event, at ? { at, notice: deps.notices.notice('reminder', event) } : null, by.staffId, by.at);
    await audit.record(auditOf(by, { action: 'event.create', subjectType: 'event', subjectId: id, detail: { capacity: event.capacity } }));
    return id;
  });
}
