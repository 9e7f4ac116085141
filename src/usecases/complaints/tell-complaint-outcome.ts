/**
 * 「結果を伝える」: sends a resolved complaint's outcome to the resident as a personal notice on LINE — once, and
 * only when they left LINE as the way to reach them. A phone contact is called by staff (the page shows the
 * number); an anonymous one cannot be answered.
 */
import { canTellOutcome } from '../../domain/complaint';
import { auditOf, type StaffAct } from '../staff-act';
import type { ComplaintDeps } from './complaint-deps';

export type TellOutcome = { ok: true } | { ok: false; refused: 'notPossible' } | { ok: false; refused: 'changedMeanwhile' };

export async function tellComplaintOutcome(deps: ComplaintDeps, id: string, by: StaffAct): Promise<TellOutcome> {
  return deps.work.run(async ({ complaints, notices, audit }) => {
    const row = await complaints.get(id);
    if (!row) return { ok: false, refused: 'changedMeanwhile' };
    if (!canTellOutcome(row) || !row.residentId || !row.outcome) return { ok: false, refused: 'notPossible' };
    // Guarded on the status as read and no send yet: a second click in another tab writes nothing.
    if (!(await complaints.update(row.id, row.status, { outcomeToldAt: by.at, at: by.at }))) return { ok: false, refused: 'changedMeanwhile' };
    await notices.add({ kind: 'complaint_notice', notice: deps.notices.outcome({ referenceNo: row.referenceNo, outcome: row.outcome }), residentIds: [row.residentId], at: by.at, createdBy: by.staffId });
    await audit.record(auditOf(by, { action: 'complaint.outcome.tell', subjectType: 'complaint', subjectId: row.id, residentId: row.residentId, detail: { outcomeLength: row.outcome.length } }));
    return { ok: true };
  });
}
