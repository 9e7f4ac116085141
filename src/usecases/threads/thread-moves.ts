/**
 * What the thread use cases share: moving a thread's owner as one colleague saw it (so of two acting at once one
 * wins and the other is told, `DomainError('thread.transition')`), and the audit row of an act on a thread.
 */
import { DomainError } from '../../domain/errors';
import type { AuditAction, AuditTrail } from '../../domain/staff';
import type { ThreadChange, ThreadRepository, ThreadSnapshot, ThreadState } from '../../domain/staff-threads';
import { ownersAllowing, transition, type OwnershipAction } from '../../domain/thread';
import type { ThreadActionDeps } from './thread-deps';

/** The thread as it stands; throws `DomainError('thread.notFound')` when there is none. */
export async function threadState(threads: ThreadRepository, id: string): Promise<ThreadState> {
  const t = await threads.state(id);
  if (!t) throw new DomainError('thread.notFound', `no thread ${id}`);
  return t;
}

/** Applies `action` to the thread as `seen`; throws `DomainError('thread.transition')` when it is not allowed, or no longer as seen. */
export async function moveThread(threads: ThreadRepository, id: string, action: OwnershipAction, seen: ThreadSnapshot, change: ThreadChange): Promise<void> {
  if (!ownersAllowing(action).includes(seen.owner)) throw new DomainError('thread.transition', `cannot ${action} a thread owned by ${seen.owner}`);
  if (!(await threads.update(id, seen, change))) throw new DomainError('thread.transition', `cannot ${action} thread ${id} now`);
}

/** Writes the audit row of a staff act on a thread. */
export function auditThread(audit: AuditTrail, act: { staffId: string; action: AuditAction; threadId: string; residentId: string; detail?: Record<string, unknown>; at: Date }): Promise<void> {
  return audit.record({ staffId: act.staffId, action: act.action, subjectType: 'conversation', subjectId: act.threadId, residentId: act.residentId, ...(act.detail ? { detail: act.detail } : {}), at: act.at });
}

/** Gives the thread to `assigneeId` (claiming is giving it to oneself), as `thread` was when the actor chose to. */
export function giveThread(deps: Pick<ThreadActionDeps, 'work'>, actorId: string, thread: { id: string } & ThreadSnapshot, assigneeId: string, at: Date): Promise<void> {
  return deps.work.run(async ({ threads, audit }) => {
    const t = await threadState(threads, thread.id);
    await moveThread(threads, thread.id, 'claim', thread, { owner: transition(thread.owner, 'claim'), assigneeId });
    await auditThread(audit, { staffId: actorId, action: actorId === assigneeId ? 'conversation.claim' : 'conversation.assign', threadId: thread.id, residentId: t.residentId, detail: { assigneeId }, at });
  });
}
