/**
 * Closing a thread: the bot answers again, and the resident is asked the satisfaction survey (1–5 and an optional
 * comment) by a push, unless they are in the middle of a flow; their answer is recorded against this thread.
 * Every safety alert must have been acknowledged first. The push goes on after this resolves (`delivery`).
 */
import { mayTake, type ThreadDetail } from '../../domain/staff-threads';
import { transition } from '../../domain/thread';
import { begin } from '../../flows/engine/step';
import { surveyFlow } from '../../flows/survey/survey-flow';
import { queuedPush, type Actor, type ThreadActionDeps } from './thread-deps';
import { auditThread, moveThread, threadState } from './thread-moves';

export type CloseOutcome = { ok: true; delivery: Promise<unknown> } | { ok: false; refused: 'alreadyClosed' | 'notYours' | 'unacknowledgedAlerts' };

/** Throws `DomainError('thread.transition')` when a colleague closed the thread meanwhile. */
export async function closeThread(deps: ThreadActionDeps, actor: Actor, thread: ThreadDetail): Promise<CloseOutcome> {
  if (thread.owner === 'closed') return { ok: false, refused: 'alreadyClosed' };
  if (!mayTake(actor, thread)) return { ok: false, refused: 'notYours' };
  if (thread.alerts.some((a) => a.acknowledgedAt === null)) return { ok: false, refused: 'unacknowledgedAlerts' };
  const now = deps.clock.now();
  const started = begin(surveyFlow, deps.context(thread, now));
  if (!started.state) throw new Error('the survey flow must start at a step');
  const prompt = started.effects.flatMap((e) => (e.type === 'send' ? e.messages : []));
  const push = queuedPush(deps, thread.lineUserId, deps.render(prompt, thread.language));
  const survey = { flowId: started.state.flowId, version: started.state.version, step: started.state.step, data: { ...started.state.data, conversationId: thread.id } };
  const asked = await deps.work.run(async ({ threads, audit }) => {
    const t = await threadState(threads, thread.id);
    // A resident in the middle of a flow (a new consultation, say) keeps it; the survey is skipped then.
    const busy = await threads.inFlow(t.residentId);
    await moveThread(threads, thread.id, 'close', thread, { owner: transition(thread.owner, 'close'), closedAt: now, survey: busy ? 'skipped' : 'asked' });
    if (!busy) {
      await threads.startFlow(t.residentId, survey, now);
      await threads.addPush(push, now);
    }
    await auditThread(audit, { staffId: actor.id, action: 'conversation.close', threadId: thread.id, residentId: t.residentId, ...(busy ? { detail: { survey: 'skipped' } } : {}), at: now });
    return !busy;
  });
  return { ok: true, delivery: asked ? deps.push(push) : Promise.resolve() };
}
