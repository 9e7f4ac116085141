import type { Clock, IdGenerator } from '../../domain/ports';
import type { ConsultationStatus } from '../../domain/consultation';
import { msg } from '../../domain/message-text';
import type { QueuedPush, StaffThreadStore, ThreadDetail } from '../../domain/staff-threads';
import type { Language } from '../../domain/language';
import type { LineMessage } from '../../domain/line-message';
import type { OutMessage } from '../../domain/out-message';
import { begin } from '../../flows/engine/step';
import type { FlowContext } from '../../flows/engine/types';
import { surveyFlow } from '../../flows/survey/survey-flow';

/** The longest staff reply accepted (LINE's text limit is 5,000 characters; the name line needs room). */
export const MAX_REPLY = 4500;

/** What staff actions need: the store, the clock and ids, rendering, the step context, and a way to push. */
export interface ThreadActionDeps {
  threads: StaffThreadStore;
  clock: Clock;
  ids: IdGenerator;
  /** Renders flow messages in a language (the bot's renderer). */
  render(messages: OutMessage[], language: Language): LineMessage[];
  /** The step context for a resident of the thread (for starting the survey). */
  context(thread: ThreadDetail, now: Date): FlowContext;
  /** Sends a push row already stored, with its retry key, and records the outcome. */
  push(row: QueuedPush): Promise<unknown>;
}

/** A staff member acting in the console. */
export interface Actor {
  id: string;
  displayName: string;
}

function queued(deps: ThreadActionDeps, lineUserId: string, messages: LineMessage[]): QueuedPush {
  return { id: deps.ids.uuid(), lineUserId, retryKey: deps.ids.uuid(), messages };
}

/**
 * Sends a staff reply to the resident as a push with a stored retry key, headed with the staff member's name
 * and rendered in the resident's language. The message and the push row are stored first, so nothing is lost:
 * a push that fails is shown as failed and can be sent again with the same key. Returns false for an empty
 * reply or a closed thread.
 */
export async function replyToThread(deps: ThreadActionDeps, actor: Actor, thread: ThreadDetail, text: string): Promise<{ delivery: Promise<unknown> } | null> {
  const body = text.trim().slice(0, MAX_REPLY);
  if (!body || thread.owner === 'closed') return null;
  const now = deps.clock.now();
  const push = queued(deps, thread.lineUserId, deps.render([{ lines: [msg('handoff:staffReply', { name: actor.displayName, text: body })] }], thread.language));
  await deps.threads.reply(thread.id, thread, actor, body, push, now);
  // Sent after the page answers: a slow or failing LINE call must not hold the staff member's screen; the row's
  // status shows on the page, and a failed push can be sent again with the same retry key (`resendReply`).
  return { delivery: deps.push(push) };
}

/**
 * Closes the thread: the bot answers again, and the resident is asked the satisfaction survey (1–5 and an
 * optional comment) by a push, unless they are in the middle of a flow; their answer is recorded against this
 * thread. The push goes on after this resolves (`delivery`).
 */
export async function closeThread(deps: ThreadActionDeps, actor: Actor, thread: ThreadDetail): Promise<{ delivery: Promise<unknown> }> {
  const now = deps.clock.now();
  const started = begin(surveyFlow, deps.context(thread, now));
  if (!started.state) throw new Error('the survey flow must start at a step');
  const prompt = started.effects.flatMap((e) => (e.type === 'send' ? e.messages : []));
  const push = queued(deps, thread.lineUserId, deps.render(prompt, thread.language));
  const state = { flowId: started.state.flowId, version: started.state.version, step: started.state.step, data: { ...started.state.data, conversationId: thread.id } };
  const asked = await deps.threads.close(thread.id, thread, actor.id, { state, push }, now);
  return { delivery: asked ? deps.push(push) : Promise.resolve() };
}

/** Claims the thread for the actor, or assigns it to someone else (coordinators and admins). */
export function assignThread(deps: ThreadActionDeps, actor: Actor, thread: ThreadDetail, assigneeId: string): Promise<void> {
  return deps.threads.assign(thread.id, thread, assigneeId, actor.id, deps.clock.now());
}

/** Records an internal note (never sent to the resident). */
export async function addNote(deps: ThreadActionDeps, actor: Actor, threadId: string, text: string): Promise<boolean> {
  const body = text.trim().slice(0, 4000);
  if (!body) return false;
  await deps.threads.addNote(threadId, actor.id, body, deps.clock.now());
  return true;
}

/** Moves a consultation to a new status; a referral names where the resident was referred. */
export function updateConsultation(deps: ThreadActionDeps, actor: Actor, consultationId: string, status: ConsultationStatus, referralTarget: string | null): Promise<void> {
  return deps.threads.setConsultationStatus(consultationId, status, status === 'referred' ? (referralTarget?.trim() || null) : null, actor.id, deps.clock.now());
}

/** Sends a staff reply whose push failed again, with the same row and retry key (LINE drops a repeat). */
export async function resendReply(deps: ThreadActionDeps, threadId: string, outboundId: string): Promise<{ delivery: Promise<unknown> } | null> {
  const row = await deps.threads.failedReply(threadId, outboundId);
  return row ? { delivery: deps.push(row) } : null;
}
