import type { MyVolunteerRequest, MyVolunteerRequestSource } from '../../domain/volunteer-requests';
import type { Db } from './database';
import { byResident } from './by-resident';

/** Requesters' open requests for help for わたしの申し込み (received, matched, scheduled), by date. */
export class PrismaMyVolunteerRequests implements MyVolunteerRequestSource {
  constructor(private readonly db: Db) {}

  async openOf(residentIds: readonly string[]): Promise<Map<string, MyVolunteerRequest[]>> {
    if (!residentIds.length) return new Map();
    const rows = await this.db.volunteerRequest.findMany({
      where: { residentId: { in: [...residentIds] }, status: { in: ['received', 'matched', 'scheduled'] } },
      select: { residentId: true, referenceNo: true, kind: true, date: true, status: true },
      orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
    });
    return byResident(rows, (r) => ({ referenceNo: r.referenceNo, kind: r.kind, date: r.date, status: r.status as MyVolunteerRequest['status'] }));
  }
}
