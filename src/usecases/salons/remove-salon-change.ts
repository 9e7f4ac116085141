/**
 * Taking back a change staff made to a salon's date: only one of this salon's changes from today on (a past day's
 * change stays as it was). False when there is no such change, or it was taken back meanwhile.
 */
import { jstDate } from '../../domain/japan-time';
import { auditOf, type StaffAct } from '../staff-act';
import type { SalonDeps } from './salon-deps';

export async function removeSalonChange(deps: SalonDeps, salon: string, changeId: string, by: StaffAct): Promise<boolean> {
  const change = (await deps.changes.list(jstDate(by.at))).find((c) => c.id === changeId && c.salon === salon);
  if (!change) return false;
  return deps.work.run(async ({ changes, audit }) => {
    if (!(await changes.remove(change.id))) return false;
    await audit.record(auditOf(by, { action: 'salon.change.remove', subjectType: 'salonChange', subjectId: change.id, detail: { salon, kind: change.kind, date: change.date } }));
    return true;
  });
}
