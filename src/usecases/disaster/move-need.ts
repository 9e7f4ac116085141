/**
 * Moving a need on the triage board, by the moves `mayMoveNeed` allows: 活動予定 needs the date, 取消 and 対応不可
 * need the reason and where the household was referred. The move, its history event and audit row in one
 * transaction with the household's notice: each LINE reporter of the need (each once) hears the change when
 * `requesterHears` says it concerns them, marked 【訓練】 in a drill, counted against the month's push budget.
 */
import { markedForDrill } from '../../domain/disaster/centre';
import type { NeedsRepositories } from '../../domain/disaster/needs-admin';
import { mayMoveNeed, requesterHears, type NeedStatus } from '../../domain/disaster/needs';
import type { Notice } from '../../domain/notice';
import { auditOf, type StaffAct } from '../staff-act';
import { queueWithinBudget } from './draw-due-days';
import type { NeedsDeps } from './needs-deps';

/** What a move carries besides the statuses. */
export interface MoveDetails {
  /** YYYY-MM-DD, for scheduled. */
  scheduledOn?: string | null;
  reason?: string | null;
  referral?: string | null;
}

/** Moved (with how many were told), or why not. */
export type MoveNeedOutcome =
  | { ok: true; told: number }
  | { ok: false; refused: 'unknown' | 'notAllowed' | 'movedMeanwhile' | 'dateMissing' | 'reasonMissing' };

/** Queues `notice` (drill-marked) to each resident once, within the budget's audit; returns how many. */
export async function tellReporters(
  repos: Pick<NeedsRepositories, 'disaster' | 'audit'>,
  deps: Pick<NeedsDeps, 'monthlyPushBudget'>,
  residentIds: readonly string[],
  notice: Notice,
  o: { drill: boolean; needId: string; centreId: string; now: Date; reason: 'needStatus' | 'needLink' | 'needFollowUp' | 'fieldReport' },
): Promise<number> {
  const once = [...new Set(residentIds)];
  const marked = markedForDrill(notice, o.drill);
  await queueWithinBudget(repos.disaster, repos.audit, once.map((residentId) => ({ residentId, notice: marked })), { budget: deps.monthlyPushBudget, now: o.now, centreId: o.centreId, needId: o.needId, reason: o.reason });
  return once.length;
}

/** `from` as staff saw it. */
export async function moveNeed(deps: NeedsDeps, needId: string, from: NeedStatus, to: NeedStatus, details: MoveDetails, by: StaffAct): Promise<MoveNeedOutcome> {
  if (!mayMoveNeed(from, to)) return { ok: false, refused: 'notAllowed' };
  const closing = to === 'cancelled' || to === 'impossible';
  if (to === 'scheduled' && !details.scheduledOn) return { ok: false, refused: 'dateMissing' };
  if (closing && (!details.reason?.trim() || !details.referral?.trim())) return { ok: false, refused: 'reasonMissing' };
  return deps.work.run(async (repos): Promise<MoveNeedOutcome> => {
    const { needs, audit } = repos;
    const need = await needs.need(needId);
    if (!need || need.mergedIntoId) return { ok: false, refused: 'unknown' };
    const centre = await needs.centre(need.centreId);
    if (!centre) return { ok: false, refused: 'unknown' };
    const patch = {
      ...(to === 'scheduled' ? { scheduledOn: details.scheduledOn ?? null } : {}),
      // A visit called off (back to coordinating) is no longer planned for its date.
      ...(to === 'coordinating' ? { scheduledOn: null } : {}),
      ...(closing ? { closedReason: details.reason!.trim(), referral: details.referral!.trim() } : {}),
      ...(to === 'received' ? { closedReason: null, referral: null } : {}),
    };
    if (!(await needs.moveNeed(needId, from, to, patch, by.at))) return { ok: false, refused: 'movedMeanwhile' };
    const note = to === 'scheduled' ? details.scheduledOn! : closing ? `${details.reason!.trim()}(紹介先: ${details.referral!.trim()})` : null;
    await needs.recordEvent(needId, { kind: 'status', from, to, note, staffId: by.staffId, at: by.at });
    const kind = requesterHears(from, to);
    let told = 0;
    if (kind) {
      const notice = deps.notices.status(kind, { centreName: centre.name, referenceNo: need.referenceNo, date: details.scheduledOn ?? null, reason: details.reason ?? null, referral: details.referral ?? null });
      told = await tellReporters(repos, deps, await needs.reporters(needId), notice, { drill: centre.drill, needId, centreId: centre.id, now: by.at, reason: 'needStatus' });
    }
    await audit.record(auditOf(by, { action: 'disaster.need.status', subjectType: 'need', subjectId: needId, detail: { from, to, notice: kind, told, drill: centre.drill } }));
    return { ok: true, told };
  });
}
