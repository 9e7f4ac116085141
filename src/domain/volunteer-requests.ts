/**
 * Requests for volunteers' help as the console handles them: the list, one request with its invitations, inviting
 * volunteers (each gets a LINE message with accept and decline buttons), and the status changes the requester is
 * told about. Every method is one transaction.
 */
import type { EventNotice } from './event-registration';
import type { AuditOf } from './staff';
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

/** What an invitation round did: how many were invited, and how many of them are not insured for the date. */
export interface InviteCounts {
  invited: number;
  uninsured: number;
}

/** Pure: the volunteers (by id) whose insurance does not cover the request's date, in the order given. */
export function uninsuredFor<V extends Pick<VolunteerProfile, 'id' | 'insurance'>>(volunteers: readonly V[], date: string): V[] {
  return volunteers.filter((v) => !insuranceCovers(v.insurance, date));
}

export interface VolunteerRequestAdmin {
  /** Requests in these statuses, soonest date first, each with how many volunteers have accepted. */
  list(statuses: readonly RequestStatus[]): Promise<Array<VolunteerRequestRecord & { accepted: number }>>;
  get(id: string): Promise<(VolunteerRequestRecord & { invitations: InvitationRecord[] }) | null>;
  /** How many times each volunteer was invited since `since` (for fairness in matching). */
  recentAsks(since: Date): Promise<Map<string, number>>;
  /**
   * Invites these volunteers (those already invited, and those no longer active, are skipped) while the request
   * is still looking; each gets `notice(invitationId, insured)` — a personal message with accept and decline
   * buttons, which warns one whose insurance does not cover the request's date — and `audit(counts)` is written
   * with them. Those not insured for the date are invited only when `uninsuredConfirmed` (the coordinator saw the
   * warning and chose them anyway); else they are skipped. Insurance is read in the transaction, as the volunteer
   * may have changed it. Returns how many were invited (0: nothing written, no audit row).
   */
  invite(
    requestId: string,
    volunteerIds: readonly string[],
    invitedBy: string,
    notice: (invitationId: string, insured: boolean) => EventNotice,
    now: Date,
    audit: AuditOf<InviteCounts>,
    opts: { uninsuredConfirmed: boolean },
  ): Promise<number>;
  /**
   * Moves a request to `to` (if {@link moveRefusal} allows it at `now`), tells the requester with `notice`, and
   * writes `audit(the status it moved from)` with the move. False (nothing written) when the move is not allowed now.
   */
  setStatus(requestId: string, to: RequestStatus, reason: string | null, notice: EventNotice, now: Date, audit: AuditOf<RequestStatus>): Promise<boolean>;
}
