import { randomUUID } from 'node:crypto';
import type { Page, Paged } from '../../domain/paging';
import type { NewVolunteerRequest, VolunteerProfile } from '../../domain/volunteer';
import type { InvitationRecord, RequestStatus, VolunteerRequestAdmin, VolunteerRequestRecord, VolunteerRequestRepositories, VolunteerRequestRepository } from '../../domain/volunteer-requests';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaPersonalNotices } from './prisma-personal-notices';
import { SqlParams } from './sql-batch';
import { dialectOf, unindexed } from './sql-dialect';
import { toVolunteer } from './prisma-volunteers';
import { IN_SLICE, inSlices } from './bound-values';

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

/** Requests for volunteers' help, on Prisma: the console's reads, and a unit of work's changes on its transaction. */
/** Up to this many volunteers, their recent invitations are counted by id. */
const RECENT_ASKS_BY_ID = IN_SLICE;

export class PrismaVolunteerRequests implements VolunteerRequestAdmin, VolunteerRequestRepository {
  constructor(private readonly db: Db | Tx) {}

  async list(statuses: readonly RequestStatus[], page: Page, latestFirst = false): Promise<Paged<VolunteerRequestRecord & { accepted: number }>> {
    const where = { status: { in: [...statuses] } };
    const [rows, total] = await Promise.all([latestFirst ? this.latestFirst(statuses, page) : this.db.volunteerRequest.findMany({ where, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], skip: page.offset, take: page.limit }), this.db.volunteerRequest.count({ where })]);
    const accepted = rows.length ? await this.db.volunteerInvitation.groupBy({ by: ['requestId'], where: { requestId: { in: rows.map((r) => r.id) }, status: 'accepted' }, _count: { _all: true } }) : [];
    return { rows: rows.map((r) => ({ ...toRecord(r), accepted: accepted.find((a) => a.requestId === r.id)?._count._all ?? 0 })), total };
  }

  /**
   * A page of the requests in these statuses, the latest date first. The finished ones are most of the table and
   * grow for years: the date's index is walked from the newest (`+"status"` keeps SQLite off the status index,
   * which would sort every finished request; PostgreSQL has no unary plus on text and plans this itself),
   * stopping at the page's end.
   */
  private async latestFirst(statuses: readonly RequestStatus[], page: Page): Promise<Row[]> {
    const p = new SqlParams();
    const ids = await this.db.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT "id" FROM "VolunteerRequest" WHERE ${unindexed(this.db, '"status"')} IN (${p.list([...statuses])}) ORDER BY "date" DESC, "createdAt" DESC, "id" DESC LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`,
      ...p.values,
    );
    const rows = new Map((await this.db.volunteerRequest.findMany({ where: { id: { in: ids.map((r) => r.id) } } })).map((r) => [r.id, r]));
    return ids.flatMap((r) => rows.get(r.id) ?? []);
  }

  async get(id: string): Promise<(VolunteerRequestRecord & { invitations: InvitationRecord[] }) | null> {
    const row = await this.db.volunteerRequest.findUnique({ where: { id }, include: { invitations: { include: { volunteer: { select: { name: true } } }, orderBy: { invitedAt: 'asc' } } } });
    if (!row) return null;
    return {
      ...toRecord(row),
      invitations: row.invitations.map((i) => ({ id: i.id, volunteerId: i.volunteerId, volunteerName: i.volunteer.name, status: i.status as InvitationRecord['status'], invitedAt: i.invitedAt, answeredAt: i.answeredAt, hours: i.hours })),
    };
  }

  async recentAsks(since: Date, volunteerIds?: readonly string[]): Promise<Map<string, number>> {
    // For a shortlist's candidates, one range of `[volunteerId, invitedAt]` each; for many, one pass over the table.
    const only = volunteerIds && volunteerIds.length <= RECENT_ASKS_BY_ID ? { volunteerId: { in: [...volunteerIds] } } : {};
    if (volunteerIds?.length === 0) return new Map();
    const groups = await this.db.volunteerInvitation.groupBy({ by: ['volunteerId'], where: { ...only, invitedAt: { gte: since } }, _count: { _all: true } });
    return new Map(groups.map((g) => [g.volunteerId, g._count._all]));
  }

  async find(id: string): Promise<VolunteerRequestRecord | null> {
    const row = await this.db.volunteerRequest.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  /**
   * Read in the inviting transaction. SQLite runs one writing transaction at a time; PostgreSQL runs them side by
   * side, so the request's row is locked first: a second coordinator inviting at once waits for the first to commit
   * and then reads their invitations, rather than failing on the `[requestId, volunteerId]` constraint.
   */
  async invitedVolunteerIds(requestId: string): Promise<string[]> {
    if (dialectOf(this.db) === 'postgresql') await this.db.$queryRawUnsafe('SELECT "id" FROM "VolunteerRequest" WHERE "id" = $1 FOR UPDATE', requestId);
    return (await this.db.volunteerInvitation.findMany({ where: { requestId }, select: { volunteerId: true } })).map((i) => i.volunteerId);
  }

  async activeVolunteers(ids: readonly string[]): Promise<Array<VolunteerProfile & { residentId: string }>> {
    const rows = await inSlices(ids, (slice) => this.db.volunteer.findMany({ where: { id: { in: slice }, status: 'active' } }));
    return rows.map((r) => ({ ...toVolunteer(r), residentId: r.residentId }));
  }

  async invite(requestId: string, volunteerId: string, invitedBy: string, at: Date): Promise<string> {
    const id = randomUUID();
    await this.db.volunteerInvitation.create({ data: { id, requestId, volunteerId, status: 'invited', invitedBy, invitedAt: at } });
    return id;
  }

  async setStatus(id: string, from: RequestStatus, change: { to: RequestStatus; declineReason: string | null; at: Date }): Promise<boolean> {
    const moved = await this.db.volunteerRequest.updateMany({ where: { id, status: from }, data: { status: change.to, declineReason: change.declineReason, updatedAt: change.at } });
    return moved.count === 1;
  }

  async withdrawWaiting(requestId: string): Promise<void> {
    await this.db.volunteerInvitation.updateMany({ where: { requestId, status: 'invited' }, data: { status: 'withdrawn' } });
  }

  async accepted(requestId: string): Promise<Array<{ invitationId: string; residentId: string }>> {
    const taking = await this.db.volunteerInvitation.findMany({ where: { requestId, status: 'accepted' }, include: { volunteer: { select: { residentId: true } } } });
    return taking.map((i) => ({ invitationId: i.id, residentId: i.volunteer.residentId }));
  }
}

/** The volunteer-request use cases' repositories on one transaction. */
export function volunteerRequestRepositories(tx: Tx): VolunteerRequestRepositories {
  return { requests: new PrismaVolunteerRequests(tx), notices: new PrismaPersonalNotices(tx), audit: new PrismaAuditLog(tx) };
}
