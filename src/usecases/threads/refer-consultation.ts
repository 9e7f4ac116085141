/**
 * Referring a consultation to a partner body (紹介する). A referral passes the resident's details on, so it rests on
 * their consent to that body: when they have agreed already, the referral is recorded with that consent, the
 * consultation moves to `referred` (the partner's name as its target) and the resident is told where and what happens
 * next; otherwise the referral is recorded as `asked` and the resident is asked in LINE (yes/no buttons) — their answer
 * refers or declines it. Rows, audit row and notice in one transaction.
 */
import type { Notice } from '../../domain/notice';
import type { ReferralRepository } from '../../domain/referral';
import { isGranted, referralTopic } from '../../domain/topic-consent';
import { DomainError } from '../../domain/errors';
import type { ThreadDetail, ThreadRepositories } from '../../domain/staff-threads';
import type { Clock, IdGenerator } from '../../domain/ports';
import type { UnitOfWork } from '../../domain/unit-of-work';
import type { CouncilView } from '../../flows/engine/types';
import type { Actor } from './thread-deps';

type Partner = NonNullable<CouncilView['partners']>[number];

export interface ReferralDeps {
  work: UnitOfWork<ThreadRepositories & { referrals: ReferralRepository }>;
  clock: Clock;
  ids: IdGenerator;
  partners: readonly Partner[];
  /** The resident's notices, worded in every language. */
  notices: { ask(partner: Partner, referenceNo: string, referralId: string): Notice; referred(partner: Partner, referenceNo: string): Notice };
}

export type ReferralOutcome = { ok: true; referred: boolean } | { ok: false; refused: 'badChoice' | 'alreadyAsked' | 'alreadyReferred' };

/** Refers `consultationId` (one of the thread's) to the partner `partnerCode`, or asks the resident first. */
export async function referConsultation(deps: ReferralDeps, actor: Actor, thread: Pick<ThreadDetail, 'consultations'>, consultationId: string, partnerCode: string): Promise<ReferralOutcome> {
  const partner = deps.partners.find((p) => p.code === partnerCode);
  if (!partner || !thread.consultations.some((c) => c.id === consultationId)) return { ok: false, refused: 'badChoice' };
  const now = deps.clock.now();
  return deps.work.run(async ({ threads, audit, notices, referrals }) => {
    const consultation = await threads.consultation(consultationId);
    if (!consultation) throw new DomainError('thread.notFound', `no consultation ${consultationId}`);
    const earlier = (await referrals.ofConsultations([consultationId])).filter((r) => r.partnerCode === partnerCode);
    if (earlier.some((r) => r.status === 'asked')) return { ok: false, refused: 'alreadyAsked' } as const;
    if (earlier.some((r) => r.status === 'referred')) return { ok: false, refused: 'alreadyReferred' } as const;
    const { residentId, referenceNo } = consultation;
    const consent = (await referrals.consentsOf(residentId)).find((c) => c.topic === referralTopic(partnerCode));
    const id = deps.ids.uuid();
    const base = { id, consultationId, partnerCode, staffId: actor.id, createdAt: now };
    if (consent && isGranted([consent], consent.topic)) {
      await referrals.add({ ...base, status: 'referred', consentId: consent.id, consentVersion: consent.version, answeredAt: now });
      await threads.setConsultationStatus(consultationId, { status: 'referred', referralTarget: partner.name.ja, closedAt: null }, now);
      await audit.record({ staffId: actor.id, action: 'consultation.referred', subjectType: 'consultation', subjectId: consultationId, residentId, detail: { partner: partnerCode, consentId: consent.id }, at: now });
      await notices.add({ kind: 'consultation_notice', notice: deps.notices.referred(partner, referenceNo), residentIds: [residentId], at: now, createdBy: actor.id });
      return { ok: true, referred: true } as const;
    }
    await referrals.add({ ...base, status: 'asked', consentId: null, consentVersion: null, answeredAt: null });
    await audit.record({ staffId: actor.id, action: 'consultation.referralAsked', subjectType: 'consultation', subjectId: consultationId, residentId, detail: { partner: partnerCode }, at: now });
    await notices.add({ kind: 'consultation_notice', notice: deps.notices.ask(partner, referenceNo, id), residentIds: [residentId], at: now, createdBy: actor.id });
    return { ok: true, referred: false } as const;
  });
}
