/** Staff mark a resident's data request (わたしの情報) done, with its audit row, in one transaction. */
import type { DataRequestStore } from '../../domain/resident-data';
import type { AuditLog } from '../../domain/staff';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

/** False when there is no open request with this id (already done, or none). */
export function closeDataRequest(work: UnitOfWork<{ requests: DataRequestStore; audit: AuditLog }>, request: { id: string; residentId: string }, by: StaffAct): Promise<boolean> {
  return work.run(async ({ requests, audit }) => {
    if (!(await requests.markDone(request.id, by.at, by.staffId))) return false;
    await audit.record(auditOf(by, { action: 'resident.dataRequest.done', subjectType: 'dataRequest', subjectId: request.id, residentId: request.residentId }));
    return true;
  });
}
