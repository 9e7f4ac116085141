import { randomUUID } from 'node:crypto';
import type { EquipmentCount } from '../../domain/disaster/equipment';
import type { FieldAlertEntry, FieldReportRecord, FieldRepositories, FieldRepository, FieldTeam, FieldTeamsSource, MyTeam } from '../../domain/disaster/field-admin';
import type { MemberHours } from '../../domain/disaster/field-report';
import type { NeedStatus } from '../../domain/disaster/needs';
import type { Db, Tx } from './database';
import { needsRepositories } from './prisma-needs-admin';

/** A JSON column of equipment counts; anything malformed reads as none. */
function counts(json: string): EquipmentCount[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.flatMap((x) => (x && typeof x.code === 'string' && Number.isFinite(x.count) ? [{ code: x.code as string, count: Number(x.count) }] : []));
  } catch {
    return [];
  }
}

/** Teams, reports and alerts on Prisma (the client or a transaction's). */
export class PrismaFieldRepository implements FieldRepository {
  constructor(private readonly db: Db | Tx) {}

  async team(teamId: string): Promise<FieldTeam | null> {
    const t = await this.db.team.findUnique({
      where: { id: teamId },
      include: {
        members: { include: { member: { select: { kind: true, size: true, residentId: true, name: true, groupName: true, phone: true } } }, orderBy: [{ leader: 'desc' }, { id: 'asc' }] },
        report: { select: { id: true } },
        need: { select: { referenceNo: true, status: true, address: true, notes: true } },
        centre: { select: { name: true, drill: true } },
      },
    });
    if (!t) return null;
    return {
      id: t.id,
      centreId: t.centreId,
      needId: t.needId,
      date: t.date,
      number: t.number,
      status: t.status === 'back' ? 'back' : 'out',
      equipment: counts(t.equipment),
      missingEquipment: counts(t.missingEquipment),
      reported: t.report !== null,
      members: t.members.map((m) => ({
        memberId: m.memberId,
        kind: m.member.kind === 'group' ? 'group' : 'individual',
        size: m.member.size,
        leader: m.leader,
        residentId: m.member.residentId,
        name: m.member.kind === 'group' && m.member.groupName ? m.member.groupName : m.member.name,
        phone: m.member.phone,
      })),
      need: { referenceNo: t.need.referenceNo, status: t.need.status as NeedStatus, address: t.need.address, notes: t.need.notes },
      centre: t.centre,
    };
  }

  async saveReport(teamId: string, needId: string, r: FieldReportRecord): Promise<boolean> {
    const written = await this.db.$executeRawUnsafe(
      'INSERT INTO "FieldReport" ("id","teamId","needId","back","people","hours","done","remarks","injuries","nearMiss","outcome","remaining","photoIds","returned","missing","channel","residentId","staffId","at") ' +
        'VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19) ON CONFLICT ("teamId") DO NOTHING',
      randomUUID(),
      teamId,
      needId,
      r.back,
      r.people,
      r.hours,
      r.done,
      r.remarks ?? null,
      r.injuries ?? null,
      r.nearMiss ?? null,
      r.outcome,
      r.outcome === 'continuing' ? (r.remaining ?? null) : null,
      JSON.stringify(r.photoIds),
      JSON.stringify(r.returned),
      JSON.stringify(r.missing),
      r.channel,
      r.residentId,
      r.staffId,
      r.at,
    );
    return written === 1;
  }

  async markBack(teamId: string, o: { equipment: EquipmentCount[]; missingEquipment: EquipmentCount[]; at: Date }): Promise<boolean> {
    const { count } = await this.db.team.updateMany({
      where: { id: teamId, status: 'out' },
      data: { status: 'back', backAt: o.at, equipment: JSON.stringify(o.equipment), missingEquipment: JSON.stringify(o.missingEquipment) },
    });
    return count === 1;
  }

  async creditHours(teamId: string, hours: readonly MemberHours[]): Promise<void> {
    for (const h of hours) await this.db.teamMember.updateMany({ where: { teamId, memberId: h.memberId }, data: { hours: h.hours, personHours: h.personHours } });
  }

  async noteOnNeed(needId: string, text: string, at: Date): Promise<void> {
    const need = await this.db.need.findUnique({ where: { id: needId }, select: { notes: true } });
    if (!need) return;
    await this.db.need.update({ where: { id: needId }, data: { notes: need.notes ? `${text}\n${need.notes}` : text, updatedAt: at } });
  }

  async photoRows(residentId: string, lineMessageIds: readonly string[], at: Date): Promise<string[]> {
    const ids: string[] = [];
    for (const lineMessageId of lineMessageIds) {
      const row = await this.db.attachment.upsert({ where: { lineMessageId }, create: { id: randomUUID(), residentId, lineMessageId, status: 'pending', createdAt: at }, update: {}, select: { id: true } });
      ids.push(row.id);
    }
    return ids;
  }

  async openAlert(teamId: string, since: Date): Promise<string | null> {
    const a = await this.db.fieldAlert.findFirst({ where: { teamId, acknowledgedAt: null, raisedAt: { gte: since } }, orderBy: { raisedAt: 'desc' }, select: { id: true } });
    return a?.id ?? null;
  }

  async raiseAlert(a: { centreId: string; teamId: string; memberId: string; residentId: string | null; at: Date }): Promise<string> {
    const row = await this.db.fieldAlert.create({ data: { centreId: a.centreId, teamId: a.teamId, memberId: a.memberId, residentId: a.residentId, raisedAt: a.at }, select: { id: true } });
    return row.id;
  }

  async acknowledge(alertId: string, staffId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.fieldAlert.updateMany({ where: { id: alertId, acknowledgedAt: null }, data: { acknowledgedAt: at, acknowledgedBy: staffId } });
    return count === 1;
  }

  async equipmentNames(centreId: string): Promise<Map<string, string>> {
    return new Map((await this.db.equipmentKind.findMany({ where: { centreId }, select: { code: true, name: true } })).map((k) => [k.code, k.name]));
  }

  async alerts(acknowledged: number): Promise<FieldAlertEntry[]> {
    const select = {
      id: true,
      centreId: true,
      teamId: true,
      memberId: true,
      raisedAt: true,
      acknowledgedAt: true,
      acknowledgedBy: true,
      centre: { select: { name: true, drill: true } },
      team: {
        select: {
          number: true,
          date: true,
          needId: true,
          need: { select: { referenceNo: true, address: true } },
          members: { where: { leader: true }, select: { member: { select: { name: true, phone: true } } } },
        },
      },
    } as const;
    const [open, done] = await Promise.all([
      // Every alert not yet acknowledged is shown: none may be cut off the page.
      this.db.fieldAlert.findMany({ where: { acknowledgedAt: null }, orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }], select }),
      this.db.fieldAlert.findMany({ where: { acknowledgedAt: { not: null } }, orderBy: [{ acknowledgedAt: 'desc' }, { id: 'asc' }], take: acknowledged, select }),
    ]);
    const memberIds = [...new Set([...open, ...done].flatMap((a) => (a.memberId ? [a.memberId] : [])))];
    const names = new Map((await this.db.poolMember.findMany({ where: { id: { in: memberIds } }, select: { id: true, name: true } })).map((m) => [m.id, m.name]));
    return [...open, ...done].map((a) => {
      const leader = a.team?.members[0]?.member ?? null;
      return {
        id: a.id,
        centreId: a.centreId,
        centreName: a.centre.name,
        drill: a.centre.drill,
        teamId: a.teamId,
        teamNumber: a.team?.number ?? null,
        teamDate: a.team?.date ?? null,
        needId: a.team?.needId ?? null,
        needReference: a.team?.need.referenceNo ?? null,
        address: a.team?.need.address ?? null,
        leaderName: leader?.name ?? null,
        leaderPhone: leader?.phone ?? null,
        memberName: a.memberId ? (names.get(a.memberId) ?? null) : null,
        raisedAt: a.raisedAt,
        acknowledgedAt: a.acknowledgedAt,
        acknowledgedBy: a.acknowledgedBy,
      };
    });
  }
}

/** The residents' teams of the day, for the LINE steps: one query for the teams, one for the equipment names. */
export class PrismaFieldTeams implements FieldTeamsSource {
  constructor(private readonly db: Db) {}

  async teamsOf(centreId: string, residentIds: readonly string[], today: string): Promise<Map<string, MyTeam[]>> {
    const out = new Map<string, MyTeam[]>();
    if (!residentIds.length) return out;
    const teams = await this.db.team.findMany({
      where: { centreId, OR: [{ date: today }, { status: 'out' }], members: { some: { member: { residentId: { in: [...residentIds] } } } } },
      orderBy: [{ dispatchedAt: 'desc' }, { id: 'asc' }],
      include: {
        members: { select: { leader: true, member: { select: { residentId: true, size: true } } } },
        report: { select: { id: true } },
        need: { select: { referenceNo: true } },
        centre: { select: { name: true, drill: true } },
      },
    });
    if (!teams.length) return out;
    const names = await new PrismaFieldRepository(this.db).equipmentNames(centreId);
    for (const t of teams) {
      for (const m of t.members) {
        const residentId = m.member.residentId;
        if (!residentId || !residentIds.includes(residentId)) continue;
        const mine: MyTeam = {
          id: t.id,
          number: t.number,
          status: t.status === 'back' ? 'back' : 'out',
          reported: t.report !== null,
          leader: m.leader,
          people: t.members.reduce((n, x) => n + Math.max(1, x.member.size), 0),
          needReference: t.need.referenceNo,
          centreName: t.centre.name,
          drill: t.centre.drill,
          equipment: counts(t.equipment).map((e) => ({ ...e, name: names.get(e.code) ?? e.code })),
        };
        out.set(residentId, [...(out.get(residentId) ?? []), mine]);
      }
    }
    return out;
  }
}

/** The field use cases' repositories on one transaction. */
export function fieldRepositories(tx: Tx): FieldRepositories {
  return { ...needsRepositories(tx), field: new PrismaFieldRepository(tx) };
}
