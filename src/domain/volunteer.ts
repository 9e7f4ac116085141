import { jstDate } from './japan-time';
import type { Weekday } from './council-profile';
import type { Language } from './language';
import type { Notice } from './notice';

/**
 * Volunteers of the council's volunteer centre (ボランティアセンター): what they can do, when, where, and whether
 * their volunteer activity insurance (ボランティア活動保険) covers a given day. Pure rules over plain values.
 */

/** Parts of the day a volunteer can give, as volunteer centres ask. */
export const DAY_PARTS = ['am', 'pm', 'evening'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

/** When a volunteer is available: weekday → parts of the day. */
export type Availability = Partial<Record<Weekday, DayPart[]>>;

/** Insurance plans: the basic plan, or the one that also covers natural disasters (天災タイプ). */
export const INSURANCE_PLANS = ['basic', 'disaster'] as const;
export type InsurancePlan = (typeof INSURANCE_PLANS)[number];

/** Volunteer activity insurance for one fiscal year (1 April – 31 March, Japan time). */
export interface Insurance {
  /** The fiscal year by its starting calendar year: 2026 = 令和8年度 = April 2026 – March 2027. */
  fiscalYear: number;
  plan: InsurancePlan;
  /**
   * Enrolled on this Japan-time date (YYYY-MM-DD); cover starts the next day for mid-year joiners. Null when the
   * volunteer does not know: taken as covered from the start of the fiscal year.
   */
  enrolledOn: string | null;
}

export type VolunteerStatus = 'active' | 'paused' | 'left';

/** A registered volunteer as matching and the console see them. */
export interface VolunteerProfile {
  id: string;
  name: string;
  /** Digits; null when the volunteer is reached through LINE only. */
  phone: string | null;
  districtCode: string | null;
  /** Skill codes from the council profile (listening, driving, sign language …). */
  skills: string[];
  availability: Availability;
  insurance: Insurance | null;
  status: VolunteerStatus;
}

/**
 * The name a registration keeps once erased (the resident withdrew consent): empty, which the name step never
 * accepts. The row stays, ended and without personal fields, so past activities still count in the annual report.
 */
export const ERASED_NAME = '';

/** Pure: whether a registration was erased when its resident withdrew consent. */
export function isErased(v: Pick<VolunteerProfile, 'name'>): boolean {
  return v.name === ERASED_NAME;
}

/** The fiscal year (by starting calendar year) a Japan-time date belongs to: April–March. */
export function fiscalYearOf(date: string): number {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

/** The first and last Japan-time dates of a fiscal year. */
export function fiscalYearSpan(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

/** The day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Pure: whether the insurance covers a Japan-time date. Cover runs for its fiscal year, starting the day after
 * enrolment (or 1 April for those who enrolled before the year began); disaster work needs the disaster plan.
 */
export function insuranceCovers(insurance: Insurance | null, date: string, disasterWork = false): boolean {
  if (!insurance) return false;
  if (disasterWork && insurance.plan !== 'disaster') return false;
  const { from, to } = fiscalYearSpan(insurance.fiscalYear);
  const joined = insurance.enrolledOn ? nextDay(insurance.enrolledOn) : from;
  const start = joined > from ? joined : from;
  return date >= start && date <= to;
}

/**
 * The parameters of the message telling a volunteer that their insurance does not cover a request's date: the
 * day (as the epoch milliseconds the locale's date format takes), the fiscal year to insure for, the phone to ask.
 */
export function uninsuredParams(date: string, phone: string): { date: number; fiscalYear: number; phone: string } {
  // Not `year`: i18next hands a message's parameters to its date formatter as options, and Intl reads `year`.
  return { date: Date.parse(`${date}T00:00:00+09:00`), fiscalYear: fiscalYearOf(date), phone };
}

/** How many days before the fiscal year ends volunteers are reminded to renew (early March). */
export const RENEWAL_REMINDER_DAYS = 30;

/**
 * Pure: the fiscal year whose insured volunteers are due their renewal reminder at `now` — from 30 days before
 * the year ends to its last day (a window, so a service that was down on the day still sends it) — or null.
 */
export function renewalReminderYear(now: Date): number | null {
  const today = jstDate(now);
  const fiscalYear = fiscalYearOf(today);
  const { to } = fiscalYearSpan(fiscalYear);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - RENEWAL_REMINDER_DAYS * 86_400_000).toISOString().slice(0, 10);
  return today >= from && today <= to ? fiscalYear : null;
}

const BY_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The weekday of a YYYY-MM-DD date. */
export function weekdayOf(date: string): Weekday {
  return BY_UTC_DAY[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** Pure: whether a volunteer is available on a date, in a part of the day (any part when none is given). */
export function availableOn(availability: Availability, date: string, part?: DayPart): boolean {
  const parts = availability[weekdayOf(date)] ?? [];
  return part ? parts.includes(part) : parts.length > 0;
}

/** Volunteer registrations and invitations, as conversations read them. */
export interface VolunteerStore {
  /** The registrations of these residents (any status), by resident id. */
  ofResidents(residentIds: string[]): Promise<Map<string, VolunteerProfile>>;
  /** The invitations these residents were sent as volunteers, by resident id. */
  invitationsOf(residentIds: string[]): Promise<Map<string, InvitationView[]>>;
  /**
   * Queues the renewal reminder for volunteers (active or paused) insured for `fiscalYear`, once per year: a
   * second call for the same year writes nothing. Returns how many it is addressed to (0 when already queued).
   */
  queueRenewalReminder(fiscalYear: number, notice: { title: string; content: { ja: string } & Partial<Record<string, string>> }, now: Date): Promise<number>;
}

/** A request for volunteers' help as the requester gave it. */
export interface NewVolunteerRequest {
  referenceNo: string;
  requesterType: 'person' | 'organisation';
  orgName: string | null;
  /** A skill code: what kind of help. */
  kind: string;
  districtCode: string | null;
  address: string | null;
  location: { latitude: number; longitude: number; title?: string; address?: string } | null;
  /** YYYY-MM-DD, Japan time. */
  date: string;
  part: DayPart | 'any';
  people: number;
  notes: string | null;
  phone: string | null;
}

/** An invitation to help with a request, as the invited volunteer's conversation sees it. */
export interface InvitationView {
  id: string;
  requestId: string;
  status: 'invited' | 'accepted' | 'declined' | 'filled' | 'withdrawn';
  /** How many the request needs, and how many have accepted so far. */
  people: number;
  accepted: number;
  /** The request is still looking for volunteers (not matched, done or declined). */
  open: boolean;
  /** What the request is for and when (for the notices). */
  kind: string;
  date: string;
  referenceNo: string;
  /** Whether the volunteer's insurance (as registered) covers the request's date; accepting without it gets a warning. */
  insured: boolean;
}

/** Pure: what accepting an invitation does now — take a place, or find the places already filled. */
export function acceptOutcome(inv: InvitationView): 'accepted' | 'filled' | 'answered' {
  if (inv.status !== 'invited') return 'answered';
  return inv.open && inv.accepted < inv.people ? 'accepted' : 'filled';
}

/**
 * The mark in a notice's text in `lang`, replaced when the notice is written with the names of the volunteers
 * coming, listed as that language lists people (see `NameListFormat`).
 */
export function namesMark(lang: Language): string {
  return `%NAMES:${lang}%`;
}

/** How a language lists people: each name between `before` and `after` (its honorific, as さん), joined by `separator`. */
export interface NameListFormat {
  before: string;
  after: string;
  separator: string;
}

/** What the volunteers module writes with a step. */
export interface VolunteersWrite {
  /**
   * A registration saved (new or changed) and/or its status changed, or — consent withdrawn — ended and erased:
   * personal fields blanked, waiting invitations (and acceptances not yet passed on to a requester) withdrawn,
   * activity notes removed, reported hours kept.
   */
  volunteer?: { save?: Omit<VolunteerProfile, 'id'>; status?: VolunteerStatus; erase?: true };
  /** A request for volunteers' help. */
  request?: NewVolunteerRequest;
  /** Hours and/or a note reported after an activity the volunteer accepted. */
  report?: { invitationId: string; hours?: number; note?: string };
  /** An answer to an invitation (whether it takes a place is decided when written). */
  answer?: {
    invitationId: string;
    answer: 'accept' | 'decline';
    expected: 'accepted' | 'filled' | 'declined';
    notices: Record<'acceptedInstead' | 'filledInstead' | 'filledOthers' | 'matched', Notice>;
    /** How each language lists the names of the volunteers coming, in the `matched` notice. */
    names: Record<Language, NameListFormat>;
  };
}
