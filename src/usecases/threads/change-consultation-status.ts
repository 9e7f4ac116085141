/**
 * Moving a consultation of a thread to a new status (new, in progress, referred, closed); a referral names where
 * the resident was referred. The resident is told of a change that concerns them (taken, referred, closed — those
 * the council has not kept silent) by a personal notice written with the change.
 */
import { CONSULTATION_STATUSES, consultationNoticeFor, type ConsultationStatus } from '../../domain/consultation';
import { DomainError } from '../../domain/errors';
import type { ThreadDetail } from '../../domain/staff-threads';
import type { Actor, ThreadActionDeps } from './thread-deps';

export type ConsultationStatusOutcome = { ok: true } | { ok: false; refused: 'badChoice' | 'referralRequired' };

/** `status` as chosen on the page; `referralTarget` as typed (or null). */
export async function changeConsultationStatus(deps: ThreadActionDeps, actor: Actor, thread: Pick<ThreadDetail, 'consultations'>, consultationId: string, status: string, referralTarget: string | null): Promise<ConsultationStatusOutcome> {
  if (!thread.consultations.some((c) => c.id === consultationId) || !(CONSULTATION_STATUSES as readonly string[]).includes(status)) return { ok: false, refused: 'badChoice' };
  if (status === 'referred' && !referralTarget?.trim()) return { ok: false, refused: 'referralRequired' };
  const chosen = status as ConsultationStatus;
  const now = deps.clock.now();
  await deps.work.run(async ({ threads, audit, notices }) => {
    const before = await threads.consultation(consultationId);
    if (!before) throw new DomainError('thread.notFound', `no consultation ${consultationId}`);
    const { residentId } = before;
    const after = { status: chosen, referralTarget: chosen === 'referred' ? referralTarget?.trim() || null : null };
    await threads.setConsultationStatus(consultationId, { ...after, closedAt: chosen === 'closed' ? now : null }, now);
    await audit.record({ staffId: actor.id, action: 'consultation.status', subjectType: 'consultation', subjectId: consultationId, residentId, detail: { status: chosen }, at: now });
    const kind = consultationNoticeFor(before, after, deps.consultationNotices.notify);
    if (kind) {
      const notice = deps.consultationNotices.notice(kind, { referenceNo: before.referenceNo, categoryCode: before.categoryCode, referralTarget: after.referralTarget });
      await notices.add({ kind: 'consultation_notice', notice, residentIds: [residentId], at: now, createdBy: actor.id });
    }
  });
  return { ok: true };
}
