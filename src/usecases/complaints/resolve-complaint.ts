/** Resolving a complaint (→ 解決) with what was done, which 「結果を伝える」 may then send to the resident. */
import type { StaffAct } from '../staff-act';
import type { ComplaintDeps, SeenComplaint } from './complaint-deps';
import { moveComplaint, type ComplaintMoveOutcome } from './complaint-move';

export function resolveComplaint(deps: ComplaintDeps, seen: SeenComplaint, outcome: string, by: StaffAct): Promise<ComplaintMoveOutcome> {
  return moveComplaint(deps, seen, 'resolved', outcome, by);
}
