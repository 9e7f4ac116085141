/** Acknowledging a safety alert of a thread (staff have seen it). `notFound` when the thread has no such alert. */
import { DomainError } from '../../domain/errors';
import type { ThreadDetail } from '../../domain/staff-threads';
import type { Actor, ThreadActionDeps } from './thread-deps';
import { auditThread } from './thread-moves';

export async function acknowledgeAlert(deps: ThreadActionDeps, actor: Actor, thread: Pick<ThreadDetail, 'alerts'>, alertId: string): Promise<{ ok: true } | { ok: false; refused: 'notFound' }> {
  if (!thread.alerts.some((a) => a.id === alertId)) return { ok: false, refused: 'notFound' };
  const now = deps.clock.now();
  await deps.work.run(async ({ threads, audit }) => {
    const alert = await threads.alert(alertId);
    if (!alert) throw new DomainError('thread.notFound', `no alert ${alertId}`);
    await threads.acknowledgeAlert(alertId, actor.id, now);
    await auditThread(audit, { staffId: actor.id, action: 'alert.acknowledge', threadId: alert.conversationId, residentId: alert.residentId, detail: { alertId }, at: now });
  });
  return { ok: true };
}
