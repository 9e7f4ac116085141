/**
 * Safety in the field on Prisma: the day's safety settings, the teams out of running centres (with their day's
 * settings and their leader's LINE), the compare-and-set of a reminder and of the overdue flag, the members a
 * centre-wide notice reaches, and the teams flagged overdue.
 */
import { HEAT_LEVELS, type HeatLevel } from '../../domain/disaster/field-safety';
import type { DaySafety, DispatchedPerson, FieldSafetyRepositories, FieldSafetyRepository, OverdueTeam, TeamInFieldRow } from '../../domain/disaster/field-safety-store';
import type { Db, Tx } from './database';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaDisasterRepository } from './prisma-disaster-admin';

const RUNNING = ['open', 'paused'];

function heat(v: string | null): HeatLevel | null {
  return v !== null && (HEAT_LEVELS as readonly string[]).includes(v) ? (v as HeatLevel) : null;
}

export class PrismaFieldSafety implements FieldSafetyRepository {
  constructor(private readonly db: Db | Tx) {}

  async daySafety(dayId: string) {
    const d = await this.db.activityDay.findUnique({ where: { id: dayId }, select: { id: true, centreId: true, date: true, reminderMinutes: true, heatLevel: true, safetyNote: true, centre: { select: { drill: true, status: true } } } });
    if (!d) return null;
    return { id: d.id, centreId: d.centreId, date: d.date, drill: d.centre.drill, centreStatus: d.centre.status, reminderMinutes: d.reminderMinutes, heatLevel: heat(d.heatLevel), safetyNote: d.safetyNote };
  }

  async setDaySafety(dayId: string, s: DaySafety): Promise<void> {
    await this.db.activityDay.update({ where: { id: dayId }, data: { reminderMinutes: s.reminderMinutes, heatLevel: s.heatLevel, safetyNote: s.safetyNote } });
  }

  async teamsOut(): Promise<TeamInFieldRow[]> {
    const teams = await this.db.team.findMany({
      where: { status: 'out', centre: { status: { in: RUNNING } } },
      select: {
        id: true, centreId: true, date: true, number: true, dispatchedAt: true, lastReminderAt: true, overdueAt: true,
        centre: { select: { drill: true } },
        members: { where: { leader: true }, select: { member: { select: { residentId: true } } } },
      },
      orderBy: [{ dispatchedAt: 'asc' }, { id: 'asc' }],
    });
    if (!teams.length) return [];
    const days = await this.db.activityDay.findMany({
      where: { OR: [...new Set(teams.map((t) => `${t.centreId}|${t.date}`))].map((k) => ({ centreId: k.split('|')[0]!, date: k.split('|')[1]! })) },
      select: { centreId: true, date: true, reminderMinutes: true, heatLevel: true, safetyNote: true },
    });
    const dayOf = new Map(days.map((d) => [`${d.centreId}|${d.date}`, { reminderMinutes: d.reminderMinutes, heatLevel: heat(d.heatLevel), safetyNote: d.safetyNote }]));
    return teams.map((t) => ({
      id: t.id,
      centreId: t.centreId,
      drill: t.centre.drill,
      date: t.date,
      number: t.number,
      dispatchedAt: t.dispatchedAt,
      lastReminderAt: t.lastReminderAt,
      overdueAt: t.overdueAt,
      day: dayOf.get(`${t.centreId}|${t.date}`) ?? { reminderMinutes: null, heatLevel: null, safetyNote: null },
      leaderResidentId: t.members[0]?.member.residentId ?? null,
    }));
  }

  async claimReminder(teamId: string, last: Date | null, at: Date): Promise<boolean> {
    const { count } = await this.db.team.updateMany({ where: { id: teamId, status: 'out', lastReminderAt: last }, data: { lastReminderAt: at } });
    return count === 1;
  }

  async claimOverdue(teamId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.team.updateMany({ where: { id: teamId, status: 'out', overdueAt: null }, data: { overdueAt: at } });
    return count === 1;
  }

  async dispatched(centreId: string): Promise<DispatchedPerson[]> {
    const rows = await this.db.teamMember.findMany({ where: { team: { centreId, status: 'out' } }, select: { memberId: true, member: { select: { residentId: true } } }, orderBy: { memberId: 'asc' } });
    const seen = new Set<string>();
    const people: DispatchedPerson[] = [];
    for (const r of rows) {
      if (seen.has(r.memberId)) continue;
      seen.add(r.memberId);
      people.push({ memberId: r.memberId, residentId: r.member.residentId });
    }
    return people;
  }

  async overdue(centreId: string): Promise<OverdueTeam[]> {
    const teams = await this.db.team.findMany({
      where: { centreId, status: 'out', overdueAt: { not: null } },
      select: { id: true, number: true, date: true, dispatchedAt: true, overdueAt: true, need: { select: { referenceNo: true } }, members: { where: { leader: true }, select: { member: { select: { name: true, phone: true } } } } },
      orderBy: [{ dispatchedAt: 'asc' }, { id: 'asc' }],
    });
    return teams.map((t) => ({
      id: t.id,
      number: t.number,
      date: t.date,
      dispatchedAt: t.dispatchedAt,
      overdueAt: t.overdueAt!,
      leaderName: t.members[0]?.member.name ?? null,
      leaderPhone: t.members[0]?.member.phone ?? null,
      needReferenceNo: t.need.referenceNo,
    }));
  }
}

/** The safety use cases' repositories on one transaction. */
export function fieldSafetyRepositories(tx: Tx): FieldSafetyRepositories {
  return { safety: new PrismaFieldSafety(tx), disaster: new PrismaDisasterRepository(tx), audit: new PrismaAuditLog(tx) };
}
