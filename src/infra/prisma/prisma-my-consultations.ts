import type { ConsultationStatus, MyConsultation, MyConsultationSource } from '../../domain/consultation';
import type { Db } from './database';
import { byResident } from './by-resident';

/** Residents' consultations for わたしの申し込み: open ones and those closed since a date, oldest first. */
export class PrismaMyConsultations implements MyConsultationSource {
  constructor(private readonly db: Db) {}

  async openOf(residentIds: readonly string[], closedSince: Date): Promise<Map<string, MyConsultation[]>> {
    if (!residentIds.length) return new Map();
    const rows = await this.db.consultation.findMany({
      where: { residentId: { in: [...residentIds] }, OR: [{ status: { not: 'closed' } }, { closedAt: { gte: closedSince } }] },
      select: { residentId: true, referenceNo: true, categoryCode: true, status: true, referralTarget: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return byResident(rows, (r) => ({ referenceNo: r.referenceNo, categoryCode: r.categoryCode, status: r.status as ConsultationStatus, referralTarget: r.referralTarget }));
  }
}
