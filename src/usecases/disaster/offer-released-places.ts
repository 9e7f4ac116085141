/**
 * Places given back or not reconfirmed in time, run every minute by the module's job. A chosen place not
 * reconfirmed by its `replyBy` is released, and its holder told (so nobody comes on the day for a place they no
 * longer have); then, while the places held (chosen + reconfirmed) are fewer than the
 * capacity, the next on the waitlist (drawn order) is offered one with `replyBy` = now + the date's backfill hours
 * (no later than the day's start), and told. Counting and offering are one SQL statement, so a reconfirmation, a
 * give-back or a second run landing at the same moment never takes a date over its capacity. Release, offers and
 * notices in one transaction per date.
 *
 * Nothing is offered once the day has begun, nor in the quiet hours (the notice would wait for the morning while
 * the time to answer runs); released places wait for the next run outside them.
 */
import { inQuietHours } from '../../domain/broadcast';
import { markedForDrill } from '../../domain/disaster/centre';
import { dayStart } from '../../domain/disaster/days';
import type { DisasterJobDeps } from './disaster-deps';
import { queueWithinBudget } from './draw-due-days';

const HOUR_MS = 60 * 60 * 1000;

/** Releases and offers for every drawn date of a running centre at `now`; returns the totals. */
export async function offerReleasedPlaces(deps: DisasterJobDeps, now: Date): Promise<{ released: number; offered: number }> {
  const days = await deps.work.run(({ disaster }) => disaster.openDraws(now));
  const quiet = inQuietHours(deps.quietHours, now);
  let released = 0;
  let offered = 0;
  for (const day of days) {
    await deps.work.run(async ({ disaster, audit }) => {
      const expired = await disaster.releaseExpired(day.id, now);
      released += expired.length;
      const start = dayStart(day.date).getTime();
      const replyBy = new Date(Math.min(now.getTime() + day.backfillHours * HOUR_MS, start));
      const waiting = quiet || now.getTime() >= start ? [] : await disaster.backfill(day.id, now, replyBy);
      offered += waiting.length;
      const subject = { centreName: day.centre.name, date: day.date, replyBy };
      const notice = (kind: 'released' | 'backfilled', applicationId: string) => markedForDrill(deps.notices.place(kind, subject, applicationId), day.centre.drill);
      const rows = [
        ...expired.map((e) => ({ residentId: e.residentId, notice: notice('released', e.applicationId) })),
        ...waiting.map((w) => ({ residentId: w.residentId, notice: notice('backfilled', w.applicationId) })),
      ];
      await queueWithinBudget(disaster, audit, rows, { budget: deps.monthlyPushBudget, now, dayId: day.id, centreId: day.centreId, reason: 'backfill' });
    });
  }
  return { released, offered };
}
