/**
 * Changing an activity date. Before its draw every setting may change (the date itself and its check-in code stay);
 * after it the window, deadline and priorities are what the draw used, so only the capacity and the backfill hours
 * change — more places are offered to the waitlist by the next backfill run, fewer take nobody's place away.
 */
import type { ActivityDay } from '../../domain/disaster/centre';
import { dayProblem, type DayInput, type DayProblem } from '../../domain/disaster/days';
import type { Parsed } from '../parsed';
import { auditOf, type StaffAct } from '../staff-act';
import type { DisasterDeps } from './disaster-deps';

export type EditDayOutcome =
  | { ok: true }
  | { ok: false; refused: 'invalid'; error: string }
  | { ok: false; refused: DayProblem | 'drawnMeanwhile' };

/** `day` as staff saw it; `form` the changed settings (its date is the day's own). */
export async function editDay(deps: Pick<DisasterDeps, 'work'>, day: ActivityDay & { drill: boolean }, form: Parsed<DayInput>, by: StaffAct): Promise<EditDayOutcome> {
  if (!form.ok) return { ok: false, refused: 'invalid', error: form.error };
  const drawn = day.drawnAt !== null;
  const changed: DayInput = drawn
    ? { date: day.date, opensAt: day.opensAt, closesAt: day.closesAt, reconfirmBy: day.reconfirmBy, priorities: day.priorities, capacity: form.value.capacity, backfillHours: form.value.backfillHours }
    : { ...form.value, date: day.date };
  const problem = drawn ? null : dayProblem(changed, by.at, false);
  if (problem) return { ok: false, refused: problem };
  return deps.work.run(async ({ disaster, audit }): Promise<EditDayOutcome> => {
    if (!(await disaster.updateDay(day.id, changed, drawn))) return { ok: false, refused: 'drawnMeanwhile' };
    await audit.record(
      auditOf(by, { action: 'disaster.day.update', subjectType: 'activityDay', subjectId: day.id, detail: { afterDraw: drawn, capacity: { from: day.capacity, to: changed.capacity }, drill: day.drill } }),
    );
    return { ok: true };
  });
}
