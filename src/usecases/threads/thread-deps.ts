/**
 * What staff actions on a thread are given: a unit of work over the threads, the staff accounts, the clock and ids,
 * and the bot's own parts — its renderer (the resident's language), its step context (for the survey) and its
 * delivery (a push with its stored retry key, the outcome recorded on the outbound row).
 */
import type { ConsultationNoticeKind, ConsultationNoticeSubject, ConsultationNotify } from '../../domain/consultation';
import type { Notice } from '../../domain/notice';
import type { Clock, IdGenerator } from '../../domain/ports';
import type { Language } from '../../domain/language';
import type { LineMessage } from '../../domain/line-message';
import type { OutMessage } from '../../domain/out-message';
import type { StaffStore } from '../../domain/staff';
import type { QueuedPush, ThreadDetail, ThreadRepositories } from '../../domain/staff-threads';
import type { UnitOfWork } from '../../domain/unit-of-work';
import type { FlowContext } from '../../flows/engine/types';

export interface ThreadActionDeps {
  work: UnitOfWork<ThreadRepositories>;
  /** Colleagues a thread may be assigned to. */
  staff: Pick<StaffStore, 'findById'>;
  clock: Clock;
  ids: IdGenerator;
  /** Renders flow messages in a language (the bot's renderer). */
  render(messages: OutMessage[], language: Language): LineMessage[];
  /** The step context for a resident of the thread (for starting the survey). */
  context(thread: ThreadDetail, now: Date): FlowContext;
  /** Sends a push row already stored, with its retry key, and records the outcome. */
  push(row: QueuedPush): Promise<unknown>;
  /** The resident's notice about their consultation, worded in every language, and which changes the council tells. */
  consultationNotices: { notify: ConsultationNotify; notice(kind: ConsultationNoticeKind, c: ConsultationNoticeSubject): Notice };
}


/** A staff member acting in the console. */
export interface Actor {
  id: string;
  displayName: string;
  /** True for those who may reassign work (coordinators and admins): they may act on any thread. */
  mayReassign?: boolean;
}

/** A push of `messages` to the thread's resident, with a fresh row id and retry key. */
export function queuedPush(deps: Pick<ThreadActionDeps, 'ids'>, lineUserId: string, messages: LineMessage[]): QueuedPush {
  return { id: deps.ids.uuid(), lineUserId, retryKey: deps.ids.uuid(), messages };
}
