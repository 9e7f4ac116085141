/**
 * Adding an activity date to a centre: its capacity, application window, reconfirmation deadline, backfill hours and
 * priorities, checked by `dayProblem`, with a new check-in code (unique among every centre's dates). Not for a
 * centre that has ended, nor twice for one date. The date and its audit row together.
 */
import { dayProblem, newCheckInCode, type DayInput, type DayProblem } from '../../domain/disaster/days';
import type { Parsed } from '../parsed';
import { auditOf, type StaffAct } from '../staff-act';
import type { DisasterDeps } from './disaster-deps';

export type AddDayOutcome =
  | { ok: true; id: string }
  | { ok: false; refused: 'invalid'; error: string }
  | { ok: false; refused: DayProblem | 'unknownCentre' | 'closed' | 'dateTaken' };

/** Tries this many new codes before giving up (25^8 codes: a clash is already rare). */
const CODE_TRIES = 10;

export async function addDay(deps: Pick<DisasterDeps, 'work' | 'random'>, centreId: string, form: Parsed<DayInput>, by: StaffAct): Promise<AddDayOutcome> {
  if (!form.ok) return { ok: false, refused: 'invalid', error: form.error };
  const day = form.value;
  const problem = dayProblem(day, by.at, true);
  if (problem) return { ok: false, refused: problem };
  return deps.work.run(async ({ disaster, audit }): Promise<AddDayOutcome> => {
    const centre = await disaster.centreState(centreId);
    if (!centre) return { ok: false, refused: 'unknownCentre' };
    if (centre.status === 'closed') return { ok: false, refused: 'closed' };
    let code = newCheckInCode(deps.random);
    for (let i = 1; i < CODE_TRIES && (await disaster.codeTaken(code)); i++) code = newCheckInCode(deps.random);
    const id = await disaster.createDay(centreId, day, code, by.at);
    if (!id) return { ok: false, refused: 'dateTaken' };
    await audit.record(auditOf(by, { action: 'disaster.day.create', subjectType: 'activityDay', subjectId: id, detail: { centreId, date: day.date, capacity: day.capacity, drill: centre.drill } }));
    return { ok: true, id };
  });
}
