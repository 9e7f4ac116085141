import type { ReferralAsk, ReferralAskSource, ReferralRecord, ReferralRepository, ReferralStatus } from '../../domain/referral';
import { currentConsents, type TopicConsentRecord, type TopicDecision } from '../../domain/topic-consent';
import type { Db, Tx } from './database';

/** Referrals and topic consents on Prisma (a transaction client inside a unit of work). */
export class PrismaReferrals implements ReferralRepository, ReferralAskSource {
  constructor(private readonly db: Db | Tx) {}

  async ofConsultations(consultationIds: readonly string[]): Promise<ReferralRecord[]> {
    if (!consultationIds.length) return [];
    const rows = await this.db.referral.findMany({ where: { consultationId: { in: [...consultationIds] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => ({ ...r, status: r.status as ReferralStatus }));
  }

  async add(r: ReferralRecord): Promise<void> {
    await this.db.referral.create({ data: { ...r } });
  }

  async consentsOf(residentId: string): Promise<TopicConsentRecord[]> {
    const rows = await this.db.topicConsent.findMany({ where: { residentId } });
    return currentConsents(rows.map((t) => ({ id: t.id, topic: t.topic, decision: t.decision as TopicDecision, version: t.version, at: t.at.toISOString() })));
  }

  async generalOf(residentId: string): Promise<{ status: string; version: string | null; at: Date | null } | null> {
    const r = await this.db.resident.findUnique({ where: { id: residentId }, select: { consent: true, consentVersion: true, consentAt: true } });
    return r ? { status: r.consent, version: r.consentVersion, at: r.consentAt } : null;
  }

  async askedOf(residentIds: readonly string[]): Promise<Map<string, ReferralAsk[]>> {
    const out = new Map<string, ReferralAsk[]>();
    if (!residentIds.length) return out;
    const rows = await this.db.referral.findMany({
      where: { status: 'asked', consultation: { residentId: { in: [...residentIds] } } },
      select: { id: true, partnerCode: true, consultation: { select: { residentId: true, referenceNo: true } } },
    });
    for (const r of rows) out.set(r.consultation.residentId, [...(out.get(r.consultation.residentId) ?? []), { id: r.id, partnerCode: r.partnerCode, referenceNo: r.consultation.referenceNo }]);
    return out;
  }
}
