/** Assigning a thread to a colleague (or taking it from them): coordinators and admins, to an active member. */
import type { ThreadDetail } from '../../domain/staff-threads';
import type { Actor, ThreadActionDeps } from './thread-deps';
import { giveThread } from './thread-moves';

/** Throws `DomainError('thread.transition')` when a colleague changed the thread meanwhile. */
export async function assignThread(deps: ThreadActionDeps, actor: Actor, thread: ThreadDetail, assigneeId: string): Promise<{ ok: true } | { ok: false; refused: 'noSuchMember' }> {
  const assignee = await deps.staff.findById(assigneeId);
  if (!assignee || !assignee.active) return { ok: false, refused: 'noSuchMember' };
  await giveThread(deps, actor.id, thread, assignee.id, deps.clock.now());
  return { ok: true };
}
