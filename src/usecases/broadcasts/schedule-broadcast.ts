/**
 * Scheduling a broadcast staff composed: refused when its time has passed or it would break the month's push
 * budget (unless an admin goes over it on purpose); otherwise stored with its estimate and its audit row.
 */
import type { NewBroadcast } from '../../domain/broadcast';
import type { BudgetVerdict } from '../../domain/push-budget';
import type { StaffRole } from '../../domain/staff';
import { auditOf, type StaffAct } from '../staff-act';
import { assessBroadcast } from './assess-broadcast';
import type { BroadcastDeps } from './broadcast-deps';

export type ScheduleOutcome =
  | { ok: true; id: string }
  | { ok: false; refused: 'passed' }
  | { ok: false; refused: 'overBudget'; verdict: Extract<BudgetVerdict, { ok: false }> };

/** `send` as composed (`event`: the council event whose registrants it goes to, if any); `by` with the member's role. */
export async function scheduleBroadcast(deps: BroadcastDeps, send: Omit<NewBroadcast, 'createdBy'> & { override: boolean; event: string | null }, by: StaffAct & { role: StaffRole }): Promise<ScheduleOutcome> {
  const assessment = await assessBroadcast(deps, send, by);
  if (!assessment.ok) return assessment;
  const { estimate, verdict } = assessment;
  if (!verdict.ok) return { ok: false, refused: 'overBudget', verdict };
  const { override, event, ...broadcast } = send;
  return deps.work.run(async ({ broadcasts, audit }) => {
    const id = await broadcasts.create({ ...broadcast, createdBy: by.staffId, estimated: estimate }, by.at);
    await audit.record(auditOf(by, { action: 'broadcast.schedule', subjectType: 'broadcast', subjectId: id, detail: { estimate, override, ...(event ? { event } : {}) } }));
    return { ok: true, id };
  });
}
