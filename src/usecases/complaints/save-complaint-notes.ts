/** Staff's own notes on a complaint (not shown to the resident), saved with an audit row. */
import { COMPLAINT_NOTES_MAX } from '../../domain/complaint';
import { auditOf, type StaffAct } from '../staff-act';
import type { ComplaintDeps, SeenComplaint } from './complaint-deps';

export type SaveNotesOutcome = { ok: true } | { ok: false; refused: 'tooLong'; length: number } | { ok: false; refused: 'changedMeanwhile' };

export async function saveComplaintNotes(deps: ComplaintDeps, seen: SeenComplaint, notes: string, by: StaffAct): Promise<SaveNotesOutcome> {
  const text = notes.trim();
  if (text.length > COMPLAINT_NOTES_MAX) return { ok: false, refused: 'tooLong', length: text.length };
  return deps.work.run(async ({ complaints, audit }) => {
    const row = await complaints.get(seen.id);
    if (!row || !(await complaints.update(row.id, row.status, { notes: text || null, at: by.at }))) return { ok: false, refused: 'changedMeanwhile' };
    await audit.record(auditOf(by, { action: 'complaint.notes', subjectType: 'complaint', subjectId: row.id, ...(row.residentId ? { residentId: row.residentId } : {}), detail: { length: text.length } }));
    return { ok: true };
  });
}
