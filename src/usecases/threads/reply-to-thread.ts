/**
 * A staff reply to the resident, sent as a push with a stored retry key, headed with the staff member's name and
 * rendered in the resident's language. The message and the push row are stored first, so nothing is lost: a push
 * that fails is shown as failed and can be sent again with the same key (`resend-reply.ts`). Replying claims a
 * waiting thread for the one who replies.
 */
import { msg } from '../../domain/message-text';
import { mayTake, type ThreadDetail } from '../../domain/staff-threads';
import { transition } from '../../domain/thread';
import { queuedPush, type Actor, type ThreadActionDeps } from './thread-deps';
import { auditThread, moveThread, threadState } from './thread-moves';

/** The longest staff reply accepted (LINE's text limit is 5,000 characters; the name line needs room). */
export const MAX_REPLY = 4500;

export type ReplyOutcome =
  /** Stored; `delivery` settles once the push has been tried (the page does not wait for it). */
  | { ok: true; delivery: Promise<unknown> }
  | { ok: false; refused: 'closed' | 'notYours' | 'empty' };

/** Throws `DomainError('thread.transition')` when a colleague changed the thread meanwhile. */
export async function replyToThread(deps: ThreadActionDeps, actor: Actor, thread: ThreadDetail, text: string): Promise<ReplyOutcome> {
  if (thread.owner === 'closed') return { ok: false, refused: 'closed' };
  if (!mayTake(actor, thread)) return { ok: false, refused: 'notYours' };
  const body = text.trim().slice(0, MAX_REPLY);
  if (!body) return { ok: false, refused: 'empty' };
  const now = deps.clock.now();
  const push = queuedPush(deps, thread.lineUserId, deps.render([{ lines: [msg('handoff:staffReply', { name: actor.displayName, text: body })] }], thread.language));
  await deps.work.run(async ({ threads, audit }) => {
    const t = await threadState(threads, thread.id);
    await moveThread(threads, thread.id, 'claim', thread, {
      owner: transition(thread.owner, 'claim'),
      lastMessageAt: now,
      ...(thread.owner === 'waiting' ? { assigneeId: actor.id } : {}),
      ...(t.firstStaffReplyAt ? {} : { firstStaffReplyAt: now }),
    });
    await threads.addPush(push, now);
    await threads.addStaffReply(thread.id, { text: body, staff: actor, outboundId: push.id }, now);
    await auditThread(audit, { staffId: actor.id, action: 'conversation.reply', threadId: thread.id, residentId: t.residentId, at: now });
  });
  // Sent after the page answers: a slow or failing LINE call must not hold the staff member's screen; the row's
  // status shows on the page, and a failed push can be sent again with the same retry key.
  return { ok: true, delivery: deps.push(push) };
}
