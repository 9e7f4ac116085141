/** A member taking a thread for themselves: one waiting or without a handler, or any thread for those who may reassign work. */
import { mayTake, type ThreadDetail } from '../../domain/staff-threads';
import type { Actor, ThreadActionDeps } from './thread-deps';
import { giveThread } from './thread-moves';

/** Throws `DomainError('thread.transition')` when a colleague changed the thread meanwhile. */
export async function claimThread(deps: ThreadActionDeps, actor: Actor, thread: ThreadDetail): Promise<{ ok: true } | { ok: false; refused: 'notYours' }> {
  if (!mayTake(actor, thread)) return { ok: false, refused: 'notYours' };
  await giveThread(deps, actor.id, thread, actor.id, deps.clock.now());
  return { ok: true };
}
