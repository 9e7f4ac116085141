/**
 * Registering a disaster volunteer centre for a named disaster (or a drill): it starts 準備中, so nothing changes
 * for residents until a coordinator opens it. The centre and its audit row together.
 */
import type { CentreInput } from '../../domain/disaster/admin';
import { auditOf, type StaffAct } from '../staff-act';
import type { DisasterDeps } from './disaster-deps';

/** Returns the new centre's id. */
export function createCentre(deps: Pick<DisasterDeps, 'work'>, centre: CentreInput, by: StaffAct): Promise<string> {
  return deps.work.run(async ({ disaster, audit }) => {
    const id = await disaster.createCentre(centre, by.at);
    await audit.record(auditOf(by, { action: 'disaster.centre.create', subjectType: 'disasterCentre', subjectId: id, detail: { drill: centre.drill, districts: centre.districts, openedOn: centre.openedOn } }));
    return id;
  });
}
