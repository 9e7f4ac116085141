/**
 * Teams (班) on Prisma: the volunteers available to form one, the centre's equipment and what its teams hold, the
 * team and its members, and what a team's page and work order read.
 */
import type { EquipmentCount, EquipmentKind } from '../../domain/disaster/equipment';
import type { WorkKind } from '../../domain/disaster/needs';
import type { AvailableVolunteer, NewTeam, TeamDay, TeamDetail, TeamMemberEntry, TeamSummary, TeamsRepositories, TeamsRepository } from '../../domain/disaster/teams-admin';
import type { Db, Tx } from './database';
import { serialiseOn } from './sql-dialect';
import { stringArray } from './json-columns';
import { needsRepositories } from './prisma-needs-admin';

/** An `[{ code, count }]` column; anything malformed reads as nothing lent. */
export function equipmentCounts(json: string): EquipmentCount[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.filter((x): x is EquipmentCount => typeof x?.code === 'string' && Number.isInteger(x?.count) && x.count > 0).map((x) => ({ code: x.code, count: x.count }));
  } catch {
    return [];
  }
}

const memberSelect = { leader: true, member: { select: { id: true, residentId: true, name: true, groupName: true, kind: true, size: true, phone: true } } } as const;

type MemberRow = { leader: boolean; member: { id: string; residentId: string; name: string; groupName: string | null; kind: string; size: number; phone: string | null } };

function memberEntry(m: MemberRow): TeamMemberEntry {
  const p = m.member;
  return { memberId: p.id, residentId: p.residentId, name: p.name, groupName: p.groupName, kind: p.kind === 'group' ? 'group' : 'individual', size: p.size, phone: p.phone, leader: m.leader };
}

const byLeaderThenName = (a: TeamMemberEntry, b: TeamMemberEntry) => Number(b.leader) - Number(a.leader) || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);

export class PrismaTeamsRepository implements TeamsRepository {
  constructor(private readonly db: Db | Tx) {}

  holdForming(centreId: string): Promise<void> {
    return serialiseOn(this.db, `Team.forming:${centreId}`);
  }

  async day(centreId: string, date: string): Promise<TeamDay | null> {
    return this.db.activityDay.findUnique({ where: { centreId_date: { centreId, date } }, select: { id: true, date: true, safetyNote: true, heatLevel: true } });
  }

  async available(centreId: string, date: string): Promise<AvailableVolunteer[]> {
    const day = await this.db.activityDay.findUnique({ where: { centreId_date: { centreId, date } }, select: { id: true } });
    if (!day) return [];
    const checkedIn = await this.db.dayApplication.findMany({
      where: { dayId: day.id, checkedInAt: { not: null }, member: { teams: { none: { team: { status: 'out' } } } } },
      select: { member: { select: { id: true, residentId: true, name: true, groupName: true, kind: true, size: true, origin: true, skills: true, phone: true, coverPlan: true } } },
    });
    const members = checkedIn.map((a) => a.member);
    const ids = members.map((m) => m.id);
    const [residents, history] = await Promise.all([
      this.db.resident.findMany({ where: { id: { in: members.map((m) => m.residentId) } }, select: { id: true, districtCode: true } }),
      this.db.teamMember.findMany({ where: { memberId: { in: ids }, team: { date: { lt: date } } }, select: { memberId: true, team: { select: { date: true } } } }),
    ]);
    const district = new Map(residents.map((r) => [r.id, r.districtCode]));
    const dates = new Map<string, Set<string>>();
    for (const h of history) {
      const set = dates.get(h.memberId) ?? new Set<string>();
      set.add(h.team.date);
      dates.set(h.memberId, set);
    }
    return members
      .map((m) => ({
        memberId: m.id,
        residentId: m.residentId,
        name: m.name,
        groupName: m.groupName,
        kind: m.kind === 'group' ? ('group' as const) : ('individual' as const),
        size: Math.max(1, m.size),
        groupId: null,
        local: m.origin === 'local',
        districtCode: district.get(m.residentId) ?? null,
        skills: stringArray(m.skills),
        experience: dates.get(m.id)?.size ?? 0,
        phone: m.phone,
        insured: m.coverPlan != null,
      }))
      .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  }

  async inventory(centreId: string): Promise<EquipmentKind[]> {
    return this.db.equipmentKind.findMany({ where: { centreId }, select: { code: true, name: true, count: true }, orderBy: [{ name: 'asc' }, { code: 'asc' }] });
  }

  async lentNow(centreId: string): Promise<Map<string, number>> {
    const teams = await this.db.team.findMany({ where: { centreId, NOT: { equipment: '[]' } }, select: { equipment: true } });
    const out = new Map<string, number>();
    for (const t of teams) for (const e of equipmentCounts(t.equipment)) out.set(e.code, (out.get(e.code) ?? 0) + e.count);
    return out;
  }

  async setEquipment(centreId: string, kind: EquipmentKind): Promise<void> {
    await this.db.equipmentKind.upsert({ where: { centreId_code: { centreId, code: kind.code } }, create: { centreId, ...kind }, update: { name: kind.name, count: kind.count } });
  }

  async memberNames(memberIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.poolMember.findMany({ where: { id: { in: [...memberIds] } }, select: { id: true, name: true } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async nextNumber(centreId: string, date: string): Promise<number> {
    const last = await this.db.team.aggregate({ where: { centreId, date }, _max: { number: true } });
    return (last._max.number ?? 0) + 1;
  }

  async createTeam(t: NewTeam): Promise<string> {
    const team = await this.db.team.create({
      data: {
        centreId: t.centreId,
        needId: t.needId,
        date: t.date,
        number: t.number,
        status: 'out',
        equipment: JSON.stringify(t.equipment),
        dispatchedAt: t.dispatchedAt,
        createdBy: t.createdBy,
        members: { create: t.memberIds.map((memberId) => ({ memberId, leader: memberId === t.leaderId })) },
      },
      select: { id: true },
    });
    return team.id;
  }

  async team(teamId: string): Promise<TeamDetail | null> {
    const t = await this.db.team.findUnique({
      where: { id: teamId },
      include: {
        members: { select: memberSelect },
        centre: { select: { name: true, drill: true } },
        need: { select: { referenceNo: true, householdName: true, address: true, phone: true, latitude: true, longitude: true, work: true, workOther: true, notes: true } },
      },
    });
    if (!t) return null;
    const names = new Map((await this.inventory(t.centreId)).map((k) => [k.code, k.name]));
    return {
      ...summary(t),
      centreName: t.centre.name,
      drill: t.centre.drill,
      householdName: t.need.householdName,
      address: t.need.address,
      phone: t.need.phone,
      latitude: t.need.latitude,
      longitude: t.need.longitude,
      work: stringArray(t.need.work) as WorkKind[],
      workOther: t.need.workOther,
      notes: t.need.notes,
      equipment: equipmentCounts(t.equipment).map((e) => ({ ...e, name: names.get(e.code) ?? e.code })),
    };
  }

  async teams(centreId: string, date: string): Promise<TeamSummary[]> {
    const rows = await this.db.team.findMany({ where: { centreId, date }, include: { members: { select: memberSelect }, need: { select: { referenceNo: true } } }, orderBy: { number: 'asc' } });
    return rows.map(summary);
  }
}

function summary(t: { id: string; centreId: string; needId: string; date: string; number: number; status: string; dispatchedAt: Date; backAt: Date | null; members: MemberRow[]; need: { referenceNo: string } }): TeamSummary {
  return {
    id: t.id,
    centreId: t.centreId,
    needId: t.needId,
    referenceNo: t.need.referenceNo,
    date: t.date,
    number: t.number,
    status: t.status === 'back' ? 'back' : 'out',
    dispatchedAt: t.dispatchedAt,
    backAt: t.backAt,
    members: t.members.map(memberEntry).sort(byLeaderThenName),
  };
}

/** The teams use cases' repositories on one transaction. */
export function teamsRepositories(tx: Tx): TeamsRepositories {
  return { ...needsRepositories(tx), teams: new PrismaTeamsRepository(tx) };
}
