/**
 * Staff raising an alert on residents' conversations from a console page: for each resident, their thread that is
 * not closed — or a new one — is handed to staff (`transition(…, 'handOff')`: a thread with the bot or a new one
 * waits for staff, one a colleague holds stays theirs) and made urgent, with a system line saying why and one
 * unacknowledged safety alert, so it shows in the inbox's urgent view and alert path as a danger message's thread
 * does; on-duty staff get the same kind of LINE push (no personal data) once. It names no feature: a module passes
 * the residents, the category and the line, and runs it inside its own unit of work with its own rows.
 */
import type { LineMessage } from '../../domain/line-message';
import type { IdGenerator } from '../../domain/ports';
import type { AuditTrail } from '../../domain/staff';
import type { AlertThreadRepository, RaisedAlertCategory } from '../../domain/staff-threads';
import { transition } from '../../domain/thread';
import { DomainError } from '../../domain/errors';
import { auditThread } from './thread-moves';

/** What raising alerts is given: ids, and the on-duty staff to tell (the profile's `consultation.onDutyLineUserIds`). */
export interface AlertThreadDeps {
  ids: IdGenerator;
  /** `drillNotice` goes instead of `notice` when the alert is raised in a drill (訓練), so nobody takes it for real. */
  onDuty: { lineUserIds: readonly string[]; notice: LineMessage[]; drillNotice?: LineMessage[] };
}

/** The repositories it writes, bound to the caller's unit of work. */
export interface AlertThreadRepositories {
  alertThreads: AlertThreadRepository;
  audit: AuditTrail;
}

/** One resident's thread the alert went to; `opened` false when their open thread was reused. */
export interface AlertedThread {
  residentId: string;
  threadId: string;
  opened: boolean;
}

/**
 * Raises `category` on each distinct resident's thread with `line` in its history, an audit row per thread, and
 * queues the on-duty notice once when any alert was raised. Throws `DomainError('thread.transition')` when a
 * colleague changed a thread meanwhile (the caller's unit of work then rolls everything back).
 */
export async function openAlertThreads(
  deps: AlertThreadDeps,
  { alertThreads, audit }: AlertThreadRepositories,
  o: { residentIds: readonly string[]; category: RaisedAlertCategory; line: string; staffId: string; at: Date; drill?: boolean },
): Promise<AlertedThread[]> {
  const done: AlertedThread[] = [];
  for (const residentId of new Set(o.residentIds)) {
    const open = await alertThreads.openThread(residentId);
    let threadId: string;
    if (open) {
      threadId = open.id;
      if (!(await alertThreads.raise(open.id, open, transition(open.owner, 'handOff'), o.at))) throw new DomainError('thread.transition', `thread ${open.id} changed meanwhile`);
    } else {
      threadId = deps.ids.uuid();
      await alertThreads.openUrgent({ id: threadId, residentId, owner: transition('bot', 'handOff') }, o.at);
    }
    await alertThreads.addSystemLine(threadId, o.line, o.at);
    const alertId = deps.ids.uuid();
    await alertThreads.addAlert({ id: alertId, residentId, threadId, category: o.category }, o.at);
    await auditThread(audit, { staffId: o.staffId, action: 'alert.raise', threadId, residentId, detail: { alertId, category: o.category, opened: !open }, at: o.at });
    done.push({ residentId, threadId, opened: !open });
  }
  if (done.length && deps.onDuty.lineUserIds.length) {
    await alertThreads.addSafetyPushes(
      deps.onDuty.lineUserIds.map((to) => ({ id: deps.ids.uuid(), lineUserId: to, retryKey: deps.ids.uuid(), messages: (o.drill && deps.onDuty.drillNotice) || deps.onDuty.notice })),
      o.at,
    );
  }
  return done;
}
