/**
 * Switching a centre's options: 大規模災害特例 (insurance covers from the day of enrolment) and walk-ins (people who
 * did not apply may be checked in on the day). Not once the centre has ended; the change and its audit row
 * together.
 */
import { auditOf, type StaffAct } from '../staff-act';
import type { DisasterDeps } from './disaster-deps';

export type SetOptionsOutcome = { ok: true } | { ok: false; refused: 'unknown' | 'closed' };

export function setCentreOptions(deps: Pick<DisasterDeps, 'work'>, centreId: string, options: { sameDayCover: boolean; walkIns: boolean }, by: StaffAct): Promise<SetOptionsOutcome> {
  return deps.work.run(async ({ disaster, audit }): Promise<SetOptionsOutcome> => {
    const now = await disaster.centreState(centreId);
    if (!now) return { ok: false, refused: 'unknown' };
    if (!(await disaster.setOptions(centreId, options, by.at))) return { ok: false, refused: 'closed' };
    await audit.record(auditOf(by, { action: 'disaster.centre.options', subjectType: 'disasterCentre', subjectId: centreId, detail: { ...options } }));
    return { ok: true };
  });
}
