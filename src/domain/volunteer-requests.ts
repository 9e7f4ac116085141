/**
 * Requests for volunteers' help as the console handles them: the list, one request with its invitations, inviting
 * volunteers (each gets a LINE message with accept and decline buttons), and the status changes the requester is
 * told about. Pure rules and the ports: the pages read through {@link VolunteerRequestAdmin}; the use cases in
 * src/usecases/volunteer-requests change requests through {@link VolunteerRequestRepositories}, in one unit of
 * work each.
 */
import type { Page, Paged } from './paging';
import type { PersonalNoticeOutbox } from './personal-notice';
import type { AuditTrail } from './staff';
import { insuranceCovers, type NewVolunteerRequest, type VolunteerProfile } from './volunteer';

export type RequestStatus = 'received' | 'matched' | 'scheduled' | 'done' | 'declined';

/** A request as staff see it. */
export interface VolunteerRequestRecord extends NewVolunteerRequest {
  id: string;
  residentId: string;
  status: RequestStatus;
  declineReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One invitation of a request, with the volunteer's name. */
export interface InvitationRecord {
  id: string;
  volunteerId: string;
  volunteerName: string;
  status: 'invited' | 'accepted' | 'declined' | 'filled' | 'withdrawn';
  invitedAt: Date;
  answeredAt: Date | null;
  hours: number | null;
}

/** Where a status change may go from: a request moves forward, or is declined while not done. */
const NEXT: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  received: ['matched', 'scheduled', 'declined'],
  matched: ['scheduled', 'done', 'declined'],
  scheduled: ['done', 'declined'],
  done: [],
  declined: [],
};

/** Pure: whether staff may move a request from one status to another. */
export function canMove(from: RequestStatus, to: RequestStatus): boolean {
  return NEXT[from].includes(to);
}

/** Why a move is refused: not possible from the request's status, or "done" before the activity's day. */
export type MoveRefusal = 'status' | 'beforeDate';

/**
 * Pure: why staff may not move the request to `to` on `today` (a Japan-time date), or null when they may. A
 * request is done only from its day on: before it, the requester would be told the activity is over and the
 * volunteers asked for the hours of a day still to come.
 */
export function moveRefusal(r: Pick<VolunteerRequestRecord, 'status' | 'date'>, to: RequestStatus, today: string): MoveRefusal | null {
  if (!canMove(r.status, to)) return 'status';
  if (to === 'done' && today < r.date) return 'beforeDate';
  return null;
}

/** Pure: the volunteers (by id) whose insurance does not cover the request's date, in the order given. */
export function uninsuredFor<V extends Pick<VolunteerProfile, 'id' | 'insurance'>>(volunteers: readonly V[], date: string): V[] {
  return volunteers.filter((v) => !insuranceCovers(v.insurance, date));
}

/** The status changes staff make (matched comes from the volunteers' answers). */
export const STAFF_MOVES = ['scheduled', 'done', 'declined'] as const;
export type StaffMove = (typeof STAFF_MOVES)[number];

/** What a notice to a volunteer or the requester says about the request. */
export interface RequestNoticeSubject {
  kind: string;
  date: string;
  referenceNo: string;
  /** Why the request cannot be met (a decline). */
  reason?: string;
}

export interface VolunteerRequestAdmin {
  /**
   * One page of the requests in these statuses, each with how many volunteers have accepted, and how many there are:
   * soonest date first, or the latest first with `latestFirst` (the finished ones, whose list grows for years).
   */
  list(statuses: readonly RequestStatus[], page: Page, latestFirst?: boolean): Promise<Paged<VolunteerRequestRecord & { accepted: number }>>;
  get(id: string): Promise<(VolunteerRequestRecord & { invitations: InvitationRecord[] }) | null>;
  /** How many times each volunteer (of `volunteerIds`, when given) was invited since `since` (for fairness in matching). */
  recentAsks(since: Date, volunteerIds?: readonly string[]): Promise<Map<string, number>>;
}

/** Requests as a use case changes them, inside its unit of work. */
export interface VolunteerRequestRepository {
  /** The request as it is now, without its invitations. */
  find(id: string): Promise<VolunteerRequestRecord | null>;
  /** The volunteers already invited to the request. */
  invitedVolunteerIds(requestId: string): Promise<string[]>;
  /** Of these volunteers, the active ones (their insurance as it is now), each with the resident they are. */
  activeVolunteers(ids: readonly string[]): Promise<Array<VolunteerProfile & { residentId: string }>>;
  /** Writes an invitation; returns its id. */
  invite(requestId: string, volunteerId: string, invitedBy: string, at: Date): Promise<string>;
  /** Moves the request; false (nothing written) when it is no longer in status `from`. */
  setStatus(id: string, from: RequestStatus, change: { to: RequestStatus; declineReason: string | null; at: Date }): Promise<boolean>;
  /** Withdraws the invitations still waiting for an answer. */
  withdrawWaiting(requestId: string): Promise<void>;
  /** The accepted invitations, each with the resident the volunteer is. */
  accepted(requestId: string): Promise<Array<{ invitationId: string; residentId: string }>>;
}

/** The repositories the volunteer-request use cases change, bound to one unit of work. */
export interface VolunteerRequestRepositories {
  requests: VolunteerRequestRepository;
  notices: PersonalNoticeOutbox;
  audit: AuditTrail;
}

/** A requester's request for help as わたしの申し込み lists it: only those not yet done or declined. */
export interface MyVolunteerRequest {
  referenceNo: string;
  /** A skill code: what kind of help. */
  kind: string;
  /** YYYY-MM-DD, Japan time. */
  date: string;
  status: Extract<RequestStatus, 'received' | 'matched' | 'scheduled'>;
}

/** The residents' open requests for help (received, matched, scheduled), by date, by resident id. */
export interface MyVolunteerRequestSource {
  openOf(residentIds: readonly string[]): Promise<Map<string, MyVolunteerRequest[]>>;
}
