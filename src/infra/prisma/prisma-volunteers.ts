import { WEEKDAYS } from '../../domain/council-profile';
import { DAY_PARTS, insuranceCovers, INSURANCE_PLANS, type Availability, type InvitationView, type DayPart, type InsurancePlan, type VolunteerProfile, type VolunteerStatus, type VolunteerStore } from '../../domain/volunteer';
import type { Db } from './database';
import { stringArray } from './json-columns';
import { memoized } from '../../domain/memo';

type Row = Awaited<ReturnType<Db['volunteer']['findFirstOrThrow']>>;

/** Reads stored availability, keeping only known weekdays and parts of the day. */
function availability(json: string): Availability {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const out: Availability = {};
  for (const d of WEEKDAYS) {
    const parts = Array.isArray(raw[d]) ? (raw[d] as unknown[]).filter((p): p is DayPart => (DAY_PARTS as readonly unknown[]).includes(p)) : [];
    if (parts.length) out[d] = parts;
  }
  return out;
}

/**
 * Parsed skills and availability by their stored JSON, for reads of many registrations: most share a few patterns,
 * so each is parsed once and the registrations share the (never changed) result.
 */
export interface ParsedJsonCache {
  skills: Map<string, string[]>;
  availability: Map<string, Availability>;
}

export const newParsedJsonCache = (): ParsedJsonCache => ({ skills: new Map(), availability: new Map() });

const parsed = <T>(map: Map<string, T> | undefined, json: string, parse: (json: string) => T): T => (map ? memoized(map, json, parse) : parse(json));

type ProfileColumns = Pick<Row, 'id' | 'name' | 'phone' | 'districtCode' | 'skills' | 'availability' | 'insuranceFiscalYear' | 'insurancePlan' | 'insuranceEnrolledOn' | 'status'>;

/** A stored registration as the domain reads it. */
export function toVolunteer(r: ProfileColumns): VolunteerProfile {
  return toVolunteerWith(r);
}

/** As `toVolunteer`, the JSON columns parsed through `cache` when given. */
export function toVolunteerWith(r: ProfileColumns, cache?: ParsedJsonCache): VolunteerProfile {
  const plan = (INSURANCE_PLANS as readonly string[]).includes(r.insurancePlan ?? '') ? (r.insurancePlan as InsurancePlan) : null;
  return {
    id: r.id,
    name: r.name,
    phone: r.phone,
    districtCode: r.districtCode,
    skills: parsed(cache?.skills, r.skills, stringArray),
    availability: parsed(cache?.availability, r.availability, availability),
    insurance: plan && r.insuranceFiscalYear !== null ? { fiscalYear: r.insuranceFiscalYear, plan, enrolledOn: r.insuranceEnrolledOn } : null,
    status: (['active', 'paused', 'left'].includes(r.status) ? r.status : 'active') as VolunteerStatus,
  };
}

/** The columns of a registration's details. */
export function volunteerColumns(v: Omit<VolunteerProfile, 'id'>) {
  return {
    name: v.name,
    phone: v.phone,
    districtCode: v.districtCode,
    skills: JSON.stringify(v.skills),
    availability: JSON.stringify(v.availability),
    insuranceFiscalYear: v.insurance?.fiscalYear ?? null,
    insurancePlan: v.insurance?.plan ?? null,
    insuranceEnrolledOn: v.insurance?.enrolledOn ?? null,
    status: v.status,
  };
}

/** Volunteer registrations on Prisma. */
export class PrismaVolunteers implements VolunteerStore {
  constructor(private readonly db: Db) {}

  async ofResidents(residentIds: string[]): Promise<Map<string, VolunteerProfile>> {
    const rows = await this.db.volunteer.findMany({ where: { residentId: { in: residentIds } } });
    return new Map(rows.map((r) => [r.residentId, toVolunteer(r)]));
  }

  async invitationsOf(residentIds: string[]): Promise<Map<string, InvitationView[]>> {
    const rows = await this.db.volunteerInvitation.findMany({ where: { volunteer: { residentId: { in: residentIds } } }, include: { volunteer: true, request: true } });
    const requestIds = [...new Set(rows.map((r) => r.requestId))];
    const accepted = requestIds.length ? await this.db.volunteerInvitation.groupBy({ by: ['requestId'], where: { requestId: { in: requestIds }, status: 'accepted' }, _count: { _all: true } }) : [];
    const out = new Map<string, InvitationView[]>();
    for (const r of rows) {
      const list = out.get(r.volunteer.residentId) ?? [];
      list.push({
        id: r.id,
        requestId: r.requestId,
        status: r.status as InvitationView['status'],
        people: r.request.people,
        accepted: accepted.find((a) => a.requestId === r.requestId)?._count._all ?? 0,
        open: r.request.status === 'received',
        kind: r.request.kind,
        date: r.request.date,
        referenceNo: r.request.referenceNo,
        insured: insuranceCovers(toVolunteer(r.volunteer).insurance, r.request.date),
      });
      out.set(r.volunteer.residentId, list);
    }
    return out;
  }

  async queueRenewalReminder(fiscalYear: number, notice: { title: string; content: { ja: string } & Partial<Record<string, string>> }, now: Date): Promise<number> {
    const id = `insurance-renewal-${fiscalYear}`;
    if (await this.db.broadcast.findUnique({ where: { id }, select: { id: true } })) return 0;
    const insured = await this.db.volunteer.findMany({ where: { insuranceFiscalYear: fiscalYear, status: { in: ['active', 'paused'] } }, select: { residentId: true } });
    if (!insured.length) return 0;
    // The id is the year's, so a second run (or a second process) cannot queue it twice.
    const written = await this.db.$executeRawUnsafe(
      'INSERT INTO "Broadcast" ("id","kind","title","content","targeting","urgent","scheduledAt","status","createdAt") VALUES ($1, \'volunteer_notice\', $2, $3, $4, false, $5, \'scheduled\', $5) ON CONFLICT ("id") DO NOTHING',
      id,
      notice.title,
      JSON.stringify(notice.content),
      JSON.stringify({ residentIds: insured.map((v) => v.residentId) }),
      now,
    );
    return written ? insured.length : 0;
  }
}
