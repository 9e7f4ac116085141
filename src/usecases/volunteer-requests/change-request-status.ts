/**
 * Staff moving a request to 日時決定, 完了 or お受けできない (with a reason the requester reads): allowed by
 * `moveRefusal` on the day it is made, checked against the request as staff saw it and again in the transaction.
 * The requester is told; once settled, invitations still waiting are withdrawn; once done, each volunteer who took
 * part is asked for their hours. The move, the notices and the audit row are written together.
 */
import { jstDate } from '../../domain/japan-time';
import { moveRefusal, type MoveRefusal, type StaffMove, type VolunteerRequestRecord } from '../../domain/volunteer-requests';
import { auditOf, type StaffAct } from '../staff-act';
import type { VolunteerRequestDeps } from './request-deps';

/** The longest reason for declining (the requester receives it). */
export const DECLINE_REASON_MAX = 200;

export type StatusChangeOutcome =
  | { ok: true }
  | { ok: false; refused: 'reasonRequired' }
  | { ok: false; refused: 'reasonTooLong'; length: number }
  /** Not allowed from the status staff saw, or not yet (完了 before the activity's day). */
  | { ok: false; refused: 'notAllowed'; why: MoveRefusal }
  /** Someone else moved the request meanwhile: nothing was written. */
  | { ok: false; refused: 'changedMeanwhile' };

/** `request` as staff saw it; `reason` (declines only) as typed. */
export async function changeRequestStatus(deps: VolunteerRequestDeps, request: VolunteerRequestRecord, to: StaffMove, reason: string, by: StaffAct): Promise<StatusChangeOutcome> {
  if (to === 'declined' && !reason) return { ok: false, refused: 'reasonRequired' };
  if (reason.length > DECLINE_REASON_MAX) return { ok: false, refused: 'reasonTooLong', length: reason.length };
  const today = jstDate(by.at);
  const why = moveRefusal(request, to, today);
  if (why) return { ok: false, refused: 'notAllowed', why };
  const moved = await deps.work.run(async ({ requests, notices, audit }) => {
    const row = await requests.find(request.id);
    if (!row || moveRefusal(row, to, today) !== null) return false;
    if (!(await requests.setStatus(row.id, row.status, { to, declineReason: to === 'declined' ? reason : row.declineReason, at: by.at }))) return false;
    // Volunteers still waiting to answer are not needed once the request is settled.
    if (to === 'declined' || to === 'done') await requests.withdrawWaiting(row.id);
    const subject = { kind: request.kind, date: request.date, referenceNo: request.referenceNo };
    await notices.add({ kind: 'volunteer_notice', notice: deps.notices.moved(to, { ...subject, ...(reason ? { reason } : {}) }), residentIds: [row.residentId], at: by.at });
    if (to === 'done') {
      for (const taking of await requests.accepted(row.id)) {
        await notices.add({ kind: 'volunteer_notice', notice: deps.notices.report({ kind: row.kind, date: row.date, referenceNo: row.referenceNo }, taking.invitationId), residentIds: [taking.residentId], at: by.at });
      }
    }
    // The reason is text the requester reads: only its length goes into the log.
    await audit.record(
      auditOf(by, {
        action: 'volunteerRequest.status',
        subjectType: 'volunteerRequest',
        subjectId: request.id,
        residentId: request.residentId,
        detail: { from: row.status, to, ...(to === 'declined' ? { reasonLength: reason.length } : {}) },
      }),
    );
    return true;
  });
  return moved ? { ok: true } : { ok: false, refused: 'changedMeanwhile' };
}
