/**
 * What moving a complaint to 対応中, 解決 or 取り下げ shares: the move checked against the status staff saw and again
 * in the transaction, the row and its audit row written together. Used by the three use cases beside it.
 */
import { canMoveComplaint, COMPLAINT_OUTCOME_MAX, type ComplaintMove } from '../../domain/complaint';
import { auditOf, type StaffAct } from '../staff-act';
import type { ComplaintDeps, SeenComplaint } from './complaint-deps';

export type ComplaintMoveOutcome =
  | { ok: true }
  /** Resolving without saying what was done. */
  | { ok: false; refused: 'outcomeRequired' }
  | { ok: false; refused: 'outcomeTooLong'; length: number }
  /** The move is not allowed from the status staff saw. */
  | { ok: false; refused: 'notAllowed' }
  /** The complaint was gone or moved by someone else by the time the move was written: nothing was. */
  | { ok: false; refused: 'changedMeanwhile' };

/** Moves the complaint `to`; `outcome` (what was done, for 解決) is stored with it. */
export async function moveComplaint(deps: ComplaintDeps, seen: SeenComplaint, to: ComplaintMove, outcome: string | null, by: StaffAct): Promise<ComplaintMoveOutcome> {
  const text = outcome?.trim() ?? '';
  if (to === 'resolved' && !text) return { ok: false, refused: 'outcomeRequired' };
  if (text.length > COMPLAINT_OUTCOME_MAX) return { ok: false, refused: 'outcomeTooLong', length: text.length };
  if (!canMoveComplaint(seen.status, to)) return { ok: false, refused: 'notAllowed' };
  return deps.work.run(async ({ complaints, audit }) => {
    const row = await complaints.get(seen.id);
    if (!row || !canMoveComplaint(row.status, to)) return { ok: false, refused: 'changedMeanwhile' };
    const change = { status: to, at: by.at, ...(to === 'resolved' ? { outcome: text } : {}) };
    if (!(await complaints.update(row.id, row.status, change))) return { ok: false, refused: 'changedMeanwhile' };
    // The outcome is the council's words about a resident's matter: only its length goes into the log.
    await audit.record(
      auditOf(by, {
        action: 'complaint.status',
        subjectType: 'complaint',
        subjectId: row.id,
        ...(row.residentId ? { residentId: row.residentId } : {}),
        detail: { from: row.status, to, ...(to === 'resolved' ? { outcomeLength: text.length } : {}) },
      }),
    );
    return { ok: true };
  });
}
