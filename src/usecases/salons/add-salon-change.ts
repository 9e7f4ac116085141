/**
 * A change staff make to one date of a salon — a session called off, an extra session, a note for the day —
 * stored with its audit row. LINE shows it at once; telling the salon's followers is a separate step (a broadcast).
 * The change comes checked against the salon's sessions by the page's form (`parseSalonChangeForm`).
 */
import type { SalonChangeInput } from '../../domain/salon-schedule';
import { auditOf, type StaffAct } from '../staff-act';
import type { SalonDeps } from './salon-deps';

/** Returns the change's id. */
export function addSalonChange(deps: Pick<SalonDeps, 'work'>, change: SalonChangeInput, by: StaffAct): Promise<string> {
  return deps.work.run(async ({ changes, audit }) => {
    const id = await changes.add(change, by.staffId, by.at);
    await audit.record(
      auditOf(by, {
        action: 'salon.change.add',
        subjectType: 'salonChange',
        subjectId: id,
        detail: { salon: change.salon, kind: change.kind, date: change.date, ...(change.start ? { start: change.start, end: change.end } : {}) },
      }),
    );
    return id;
  });
}
