/**
 * Moving a consultation of a thread to a new status (new, in progress, referred, closed); a referral names where
 * the resident was referred.
 */
import { CONSULTATION_STATUSES, type ConsultationStatus } from '../../domain/consultation';
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
  await deps.work.run(async ({ threads, audit }) => {
    const residentId = await threads.consultationResident(consultationId);
    if (!residentId) throw new DomainError('thread.notFound', `no consultation ${consultationId}`);
    await threads.setConsultationStatus(consultationId, { status: chosen, referralTarget: chosen === 'referred' ? referralTarget?.trim() || null : null, closedAt: chosen === 'closed' ? now : null }, now);
    await audit.record({ staffId: actor.id, action: 'consultation.status', subjectType: 'consultation', subjectId: consultationId, residentId, detail: { status: chosen }, at: now });
  });
  return { ok: true };
}
