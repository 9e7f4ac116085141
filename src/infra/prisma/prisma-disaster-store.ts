import { CENTRE_STATUSES, type ApplicationStatus, type CentreStatus, type DisasterCentre, type MyApplication, type PoolMember } from '../../domain/disaster/centre';
import type { DuplicateMatch, NeedFingerprint } from '../../domain/disaster/duplicates';
import { isOpenNeed, NEED_STATUSES, REQUESTER_RELATIONS, type NeedStatus, type RequesterRelation } from '../../domain/disaster/needs';
import type { DisasterStore, MyNeed, PoolEntry, RunningCentre, VolunteerPrefill } from '../../domain/disaster/store';
import type { Db } from './database';
import { stringArray } from './json-columns';
import { likelyDuplicates } from './need-candidates';

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

  async needsOf(residentIds: string[]): Promise<Map<string, MyNeed[]>> {
    const reports = await this.db.needReport.findMany({ where: { residentId: { in: residentIds } }, select: { residentId: true, relation: true, need: { select: NEED_VIEW } }, orderBy: { createdAt: 'asc' } });
    // A report's need merged into another: the household's case carries on there (links are followed a few deep).
    const byId = new Map(reports.map((r) => [r.need.id, r.need]));
    for (let depth = 0; depth < 3; depth++) {
      const missing = [...byId.values()].map((n) => n.mergedIntoId).filter((id): id is string => id !== null && !byId.has(id));
      if (!missing.length) break;
      for (const n of await this.db.need.findMany({ where: { id: { in: missing } }, select: NEED_VIEW })) byId.set(n.id, n);
    }
    const survivor = (id: string) => {
      let n = byId.get(id);
      for (let depth = 0; n?.mergedIntoId && byId.has(n.mergedIntoId) && depth < 4; depth++) n = byId.get(n.mergedIntoId);
      return n;
    };
    const out = new Map<string, MyNeed[]>();
    for (const r of reports) {
      const n = survivor(r.need.id);
      if (!r.residentId || !n || !isNeedStatus(n.status) || !(isOpenNeed(n.status) || n.status === 'done')) continue;
      const list = out.get(r.residentId) ?? [];
      const location = n.latitude !== null && n.longitude !== null ? { latitude: n.latitude, longitude: n.longitude } : null;
      const relation = isRelation(r.relation) ? r.relation : 'self';
      if (!list.some((x) => x.id === n.id)) list.push({ id: n.id, referenceNo: n.referenceNo, status: n.status, scheduledOn: n.scheduledOn, relation, householdName: n.householdName, address: n.address, location });
      out.set(r.residentId, list);
    }
    return out;
  }

  async needFormsAtSummary(residentIds: string[], flowId: string): Promise<Map<string, Record<string, unknown>>> {
    const rows = await this.db.flowState.findMany({ where: { residentId: { in: residentIds }, flowId, step: 'confirm' }, select: { residentId: true, data: true } });
    const out = new Map<string, Record<string, unknown>>();
    for (const r of rows) {
      try {
        out.set(r.residentId, JSON.parse(r.data) as Record<string, unknown>);
      } catch {
        // A form whose answers cannot be read is saved without suspects; staff still see duplicates in the console.
      }
    }
    return out;
  }

  likelyDuplicates(centreId: string, report: NeedFingerprint, radiusMetres: number): Promise<DuplicateMatch[]> {
    return likelyDuplicates(this.db, centreId, report, radiusMetres);
  }
}

const NEED_VIEW = { id: true, referenceNo: true, status: true, scheduledOn: true, mergedIntoId: true, householdName: true, address: true, latitude: true, longitude: true } as const;

function isRelation(s: string): s is RequesterRelation {
  return (REQUESTER_RELATIONS as readonly string[]).includes(s);
}

function isNeedStatus(s: string): s is NeedStatus {
  return (NEED_STATUSES as readonly string[]).includes(s);
}
