import { randomUUID } from 'node:crypto';
import type { EventNotice } from '../domain/event-registration';
import type { NewVolunteerRequest } from '../domain/volunteer';
import { moveRefusal, uninsuredFor, type InviteCounts, type InvitationRecord, type RequestStatus, type VolunteerRequestAdmin, type VolunteerRequestRecord } from '../domain/volunteer-requests';
import type { AuditOf } from '../domain/staff';
import type { Db } from './database';
import { jstDate } from '../domain/japan-time';
import { writeAudit } from './prisma-audit-log';
import { toVolunteer } from './prisma-volunteers';

type Row = Awaited<ReturnType<Db['volunteerRequest']['findFirstOrThrow']>>;

function toRecord(r: Row): VolunteerRequestRecord {
  return {
    id: r.id,
    residentId: r.residentId,
    referenceNo: r.referenceNo,
    requesterType: r.requesterType === 'organisation' ? 'organisation' : 'person',
    orgName: r.orgName,
    kind: r.kind,
    districtCode: r.districtCode,
    address: r.address,
    location: r.location ? (JSON.parse(r.location) as NewVolunteerRequest['location']) : null,
    date: r.date,
    part: r.part as NewVolunteerRequest['part'],
    people: r.people,
    notes: r.notes,
    phone: r.phone,
    status: r.status as RequestStatus,
    declineReason: r.declineReason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A personal notice to residents, as a Broadcast row the engine sends. */
function noticeRow(notice: EventNotice, residentIds: string[], now: Date) {
  return { id: randomUUID(), kind: 'volunteer_notice', title: notice.title, content: JSON.stringify(notice.content), targeting: JSON.stringify({ residentIds }), urgent: false, scheduledAt: now, status: 'scheduled', createdAt: now };
}

/** Requests for volunteers' help, for the console, on Prisma. */
export class PrismaVolunteerRequests implements VolunteerRequestAdmin {
  constructor(
    private readonly db: Db,
    /** When a request is done, each volunteer who took part is asked for their hours with this notice. */
    private readonly reportNotice?: (request: VolunteerRequestRecord, invitationId: string) => EventNotice,
  ) {}

  async list(statuses: readonly RequestStatus[]): Promise<Array<VolunteerRequestRecord & { accepted: number }>> {
    const rows = await this.db.volunteerRequest.findMany({ where: { status: { in: [...statuses] } }, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }], take: 500 });
    const accepted = rows.length ? await this.db.volunteerInvitation.groupBy({ by: ['requestId'], where: { requestId: { in: rows.map((r) => r.id) }, status: 'accepted' }, _count: { _all: true } }) : [];
    return rows.map((r) => ({ ...toRecord(r), accepted: accepted.find((a) => a.requestId === r.id)?._count._all ?? 0 }));
  }

  async get(id: string): Promise<(VolunteerRequestRecord & { invitations: InvitationRecord[] }) | null> {
    const row = await this.db.volunteerRequest.findUnique({ where: { id }, include: { invitations: { include: { volunteer: { select: { name: true } } }, orderBy: { invitedAt: 'asc' } } } });
    if (!row) return null;
    return {
      ...toRecord(row),
      invitations: row.invitations.map((i) => ({ id: i.id, volunteerId: i.volunteerId, volunteerName: i.volunteer.name, status: i.status as InvitationRecord['status'], invitedAt: i.invitedAt, answeredAt: i.answeredAt, hours: i.hours })),
    };
  }

  async recentAsks(since: Date): Promise<Map<string, number>> {
    const groups = await this.db.volunteerInvitation.groupBy({ by: ['volunteerId'], where: { invitedAt: { gte: since } }, _count: { _all: true } });
    return new Map(groups.map((g) => [g.volunteerId, g._count._all]));
  }

  async invite(
    requestId: string,
    volunteerIds: readonly string[],
    invitedBy: string,
    notice: (invitationId: string, insured: boolean) => EventNotice,
    now: Date,
    audit: AuditOf<InviteCounts>,
    opts: { uninsuredConfirmed: boolean },
  ): Promise<number> {
    // Read and written in one transaction, so a request settled meanwhile gets no invitations and two
    // coordinators inviting the same volunteer at once make one invitation, not a constraint error.
    return this.db.$transaction(async (tx) => {
      const request = await tx.volunteerRequest.findUnique({ where: { id: requestId }, select: { status: true, date: true } });
      if (!request || request.status !== 'received') return 0;
      const already = new Set((await tx.volunteerInvitation.findMany({ where: { requestId }, select: { volunteerId: true } })).map((i) => i.volunteerId));
      const active = (await tx.volunteer.findMany({ where: { id: { in: volunteerIds.filter((v) => !already.has(v)) }, status: 'active' } })).map((r) => ({ ...toVolunteer(r), residentId: r.residentId }));
      const uninsured = new Set(uninsuredFor(active, request.date).map((v) => v.id));
      const volunteers = opts.uninsuredConfirmed ? active : active.filter((v) => !uninsured.has(v.id));
      for (const v of volunteers) {
        const id = randomUUID();
        await tx.volunteerInvitation.create({ data: { id, requestId, volunteerId: v.id, status: 'invited', invitedBy, invitedAt: now } });
        await tx.broadcast.create({ data: { ...noticeRow(notice(id, !uninsured.has(v.id)), [v.residentId], now), createdBy: invitedBy } });
      }
      if (volunteers.length > 0) await writeAudit(tx, audit({ invited: volunteers.length, uninsured: volunteers.filter((v) => uninsured.has(v.id)).length }));
      return volunteers.length;
    });
  }

  async setStatus(requestId: string, to: RequestStatus, reason: string | null, notice: EventNotice, now: Date, audit: AuditOf<RequestStatus>): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.volunteerRequest.findUnique({ where: { id: requestId } });
      if (!row || moveRefusal({ status: row.status as RequestStatus, date: row.date }, to, jstDate(now)) !== null) return false;
      const moved = await tx.volunteerRequest.updateMany({ where: { id: requestId, status: row.status }, data: { status: to, declineReason: to === 'declined' ? reason : row.declineReason, updatedAt: now } });
      if (moved.count !== 1) return false;
      // Volunteers still waiting to answer are not needed once the request is settled.
      if (to === 'declined' || to === 'done') await tx.volunteerInvitation.updateMany({ where: { requestId, status: 'invited' }, data: { status: 'withdrawn' } });
      await tx.broadcast.create({ data: noticeRow(notice, [row.residentId], now) });
      if (to === 'done' && this.reportNotice) {
        const taking = await tx.volunteerInvitation.findMany({ where: { requestId, status: 'accepted' }, include: { volunteer: { select: { residentId: true } } } });
        for (const i of taking) await tx.broadcast.create({ data: noticeRow(this.reportNotice(toRecord(row), i.id), [i.volunteer.residentId], now) });
      }
      await writeAudit(tx, audit(row.status as RequestStatus));
      return true;
    });
  }
}
