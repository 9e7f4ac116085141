/** Marking a complaint withdrawn (取り下げ): the resident took it back, or it needs nothing more. */
import type { StaffAct } from '../staff-act';
import type { ComplaintDeps, SeenComplaint } from './complaint-deps';
import { moveComplaint, type ComplaintMoveOutcome } from './complaint-move';

export function withdrawComplaint(deps: ComplaintDeps, seen: SeenComplaint, by: StaffAct): Promise<ComplaintMoveOutcome> {
  return moveComplaint(deps, seen, 'withdrawn', null, by);
}
