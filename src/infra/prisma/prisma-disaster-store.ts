import { CENTRE_STATUSES, type ApplicationStatus, type CentreStatus, type DisasterCentre, type MyApplication, type PoolMember } from '../../domain/disaster/centre';
import type { DisasterStore, PoolEntry, RunningCentre, VolunteerPrefill } from '../../domain/disaster/store';
import type { Db } from './database';
import { stringArray } from './json-columns';

type CentreRow = Awaited<ReturnType<Db['disasterCentre']['findFirstOrThrow']>>;
type MemberRow = Awaited<ReturnType<Db['poolMember']['findFirstOrThrow']>>;
type ApplicationRow = Awaited<ReturnType<Db['dayApplication']['findFirstOrThrow']>> & { day: { date: string } };

const APPLICATION_STATUSES: readonly string[] = ['applied', 'chosen', 'reconfirmed', 'waitlisted', 'released', 'walkIn'];

/** A stored centre as the domain reads it. */
export function toCentre(r: CentreRow): DisasterCentre {
  return {
    id: r.id,
    name: r.name,
    districts: stringArray(r.districts),
    openedOn: r.openedOn,
    drill: r.drill,
    status: ((CENTRE_STATUSES as readonly string[]).includes(r.status) ? r.status : 'closed') as CentreStatus,
    sameDayCover: r.sameDayCover,
    walkIns: r.walkIns,
  };
}

/** A stored pool entry as the domain reads it. */
export function toPoolMember(r: MemberRow): PoolMember {
  return {
    id: r.id,
    centreId: r.centreId,
    kind: r.kind === 'group' ? 'group' : 'individual',
    name: r.name,
    groupName: r.groupName,
    size: r.size,
    origin: r.origin === 'outside' ? 'outside' : 'local',
    skills: stringArray(r.skills),
    availableDates: stringArray(r.availableDates),
    phone: r.phone,
    emergencyContact: r.emergencyContact,
    cover: { plan: r.coverPlan, enrolledOn: r.coverEnrolledOn },
    losses: r.losses,
  };
}

function toApplication(r: ApplicationRow): MyApplication {
  return {
    id: r.id,
    dayId: r.dayId,
    date: r.day.date,
    status: (APPLICATION_STATUSES.includes(r.status) ? r.status : 'released') as ApplicationStatus,
    position: r.position,
    replyBy: r.replyBy,
    checkedInAt: r.checkedInAt,
  };
}

/** The bot's reads of the disaster centre, on Prisma (processing side). */
export class PrismaDisasterStore implements DisasterStore {
  constructor(private readonly db: Db) {}

  async runningCentre(today: string): Promise<RunningCentre | null> {
    const row = await this.db.disasterCentre.findFirst({
      where: { status: { in: ['open', 'paused'] } },
      // A real centre before a drill running at the same time; then the latest opened.
      orderBy: [{ drill: 'asc' }, { openedOn: 'desc' }, { createdAt: 'desc' }],
      include: {
        days: {
          where: { date: { gte: today } },
          orderBy: { date: 'asc' },
          select: { id: true, date: true, capacity: true, opensAt: true, closesAt: true, reconfirmBy: true, checkInCode: true },
        },
      },
    });
    return row ? { ...toCentre(row), days: row.days } : null;
  }

  async poolOf(centreId: string, residentIds: string[], today: string): Promise<Map<string, PoolEntry>> {
    const rows = await this.db.poolMember.findMany({
      // An entry erased when consent was withdrawn has no name left: it is no entry to show.
      where: { centreId, residentId: { in: residentIds }, name: { not: '' } },
      include: { applications: { where: { day: { date: { gte: today } } }, include: { day: { select: { date: true } } } } },
    });
    return new Map(rows.map((r) => [r.residentId, { member: toPoolMember(r), applications: r.applications.map(toApplication) }]));
  }

  async volunteersOf(residentIds: string[]): Promise<Map<string, VolunteerPrefill>> {
    const rows = await this.db.volunteer.findMany({ where: { residentId: { in: residentIds }, status: { not: 'left' } }, select: { id: true, residentId: true, name: true, phone: true, skills: true } });
    return new Map(rows.map((r) => [r.residentId, { id: r.id, name: r.name, phone: r.phone, skills: stringArray(r.skills) }]));
  }
}
