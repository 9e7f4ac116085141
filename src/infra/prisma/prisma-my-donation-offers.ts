import type { DonationKind, MyDonationOffer, MyDonationOfferSource } from '../../domain/donation';
import type { Db } from './database';
import { byResident } from './by-resident';

/** Donors' open offers for わたしの申し込み (waiting for an answer, or accepted and not yet handed over), oldest first. */
export class PrismaMyDonationOffers implements MyDonationOfferSource {
  constructor(private readonly db: Db) {}

  async openOf(residentIds: readonly string[]): Promise<Map<string, MyDonationOffer[]>> {
    if (!residentIds.length) return new Map();
    const rows = await this.db.donationOffer.findMany({
      where: { residentId: { in: [...residentIds] }, status: { in: ['received', 'accepted'] } },
      select: { residentId: true, referenceNo: true, kind: true, status: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return byResident(rows, (r) => ({ referenceNo: r.referenceNo, kind: r.kind as DonationKind, status: r.status as MyDonationOffer['status'] }));
  }
}
