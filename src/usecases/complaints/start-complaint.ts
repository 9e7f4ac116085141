/** Taking a complaint up (受付 → 対応中). */
import type { StaffAct } from '../staff-act';
import type { ComplaintDeps, SeenComplaint } from './complaint-deps';
import { moveComplaint, type ComplaintMoveOutcome } from './complaint-move';

export function startComplaint(deps: ComplaintDeps, seen: SeenComplaint, by: StaffAct): Promise<ComplaintMoveOutcome> {
  return moveComplaint(deps, seen, 'in_progress', null, by);
}
