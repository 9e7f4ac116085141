/**
 * Cancelling a send that has not started. A personal notice (a resident's own event, donation or volunteer news)
 * is never cancelled here: it goes with a change already made to their record, and withdrawing it would leave them
 * never told.
 */
import { isPersonalNotice, type BroadcastCancelOutcome } from '../../domain/broadcast';
import { auditOf, type StaffAct } from '../staff-act';
import type { BroadcastDeps } from './broadcast-deps';

export function cancelBroadcast(deps: Pick<BroadcastDeps, 'work'>, id: string, by: StaffAct): Promise<BroadcastCancelOutcome> {
  return deps.work.run(async ({ broadcasts, audit }) => {
    const kind = await broadcasts.kindOf(id);
    if (kind === null) return 'not_found';
    if (isPersonalNotice(kind)) return 'personal_notice';
    if (!(await broadcasts.cancelScheduled(id, kind))) return 'not_scheduled';
    await audit.record(auditOf(by, { action: 'broadcast.cancel', subjectType: 'broadcast', subjectId: id }));
    return 'cancelled';
  });
}
