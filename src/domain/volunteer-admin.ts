/**
 * Registered volunteers as the console's volunteer pages read them: the port, the filters staff apply to the
 * list, and the counts at its top. Pure apart from the port.
 */
import type { VolunteerRequestNeed } from './matching';
import { insuranceCovers, type VolunteerProfile, type VolunteerStatus } from './volunteer';

/** A registration with its bookkeeping, for staff. */
export interface VolunteerRecord extends VolunteerProfile {
  residentId: string;
  registeredAt: Date;
  updatedAt: Date;
  leftAt: Date | null;
  /** When the resident withdrew consent and the registration's personal fields were erased; null otherwise. */
  erasedAt: Date | null;
}

/** What the list's CSV writes of a registration: its details and when it was registered. */
export type VolunteerExportRow = VolunteerProfile & Pick<VolunteerRecord, 'registeredAt'>;

/** What the list shows: registrations in these statuses, optionally with a skill, in a district, insured on a date. */
export interface VolunteerFilter {
  statuses: readonly VolunteerStatus[];
  /** A skill code from the council profile, or null for any. */
  skill: string | null;
  /** A district code from the council profile, or null for any. */
  districtCode: string | null;
  /** A Japan-time date (YYYY-MM-DD): only those whose insurance covers it; null for all. */
  insuredOn: string | null;
}

/** Pure: whether a registration passes the filter. */
export function matchesFilter(v: VolunteerProfile, f: VolunteerFilter): boolean {
  if (!f.statuses.includes(v.status)) return false;
  if (f.skill !== null && !v.skills.includes(f.skill)) return false;
  if (f.districtCode !== null && v.districtCode !== f.districtCode) return false;
  if (f.insuredOn !== null && !insuranceCovers(v.insurance, f.insuredOn)) return false;
  return true;
}

/** The counts at the top of the list: active, paused, and of those two, insured on `date`. */
export interface VolunteerCounts {
  active: number;
  paused: number;
  insured: number;
}

/** Pure: counts over the registrations (those who left are not counted). */
export function volunteerCounts(vs: readonly VolunteerProfile[], date: string): VolunteerCounts {
  const current = vs.filter((v) => v.status === 'active' || v.status === 'paused');
  return {
    active: current.filter((v) => v.status === 'active').length,
    paused: current.filter((v) => v.status === 'paused').length,
    insured: current.filter((v) => insuranceCovers(v.insurance, date)).length,
  };
}

/** Volunteer registrations for the console (read only: volunteers change their own through LINE). */
export interface VolunteerAdmin {
  /** One page of the registrations passing the filter, newest registration first, and how many pass it. */
  page(filter: VolunteerFilter, page: { offset: number; limit: number }): Promise<{ rows: VolunteerRecord[]; total: number }>;
  /** Every registration passing the filter, newest registration first, a batch at a time (the CSV). */
  each(filter: VolunteerFilter): AsyncIterable<VolunteerExportRow[]>;
  /** `volunteerCounts` over every registration, counted by the database. */
  counts(date: string): Promise<VolunteerCounts>;
  get(id: string): Promise<VolunteerRecord | null>;
  /** The active registrations among these ids (in no particular order). */
  activeByIds(ids: readonly string[]): Promise<VolunteerRecord[]>;
  /**
   * Active volunteers who can be among the `limit` best of `rankVolunteers` for the need (src/domain/matching.ts),
   * whatever their recent invitations: ranking these gives the same first `limit` as ranking every active volunteer.
   */
  rankingCandidates(need: VolunteerRequestNeed, limit: number): Promise<VolunteerProfile[]>;
}
