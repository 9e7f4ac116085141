/**
 * Inviting volunteers to a request that is still looking (受付): each gets a LINE message with accept and decline
 * buttons. Volunteers already invited, and those no longer active, are skipped. One whose volunteer activity
 * insurance does not cover the request's date is invited only once the coordinator confirms it (and is told on
 * LINE to take out insurance); insurance is read again in the transaction, as the volunteer may have changed it.
 * The invitations, their notices and the audit row are written together.
 */
import { uninsuredFor, type VolunteerRequestRecord } from '../../domain/volunteer-requests';
import { auditOf, type StaffAct } from '../staff-act';
import type { VolunteerRequestDeps } from './request-deps';

/** The most volunteers invited at once. */
export const INVITE_LIMIT = 30;

export type InviteOutcome =
  | { ok: true; invited: number }
  | { ok: false; refused: 'notLooking' | 'noneChosen' | 'tooMany' }
  /** Some chosen are not insured for the day and the coordinator has not confirmed choosing them (their names). */
  | { ok: false; refused: 'uninsuredNotConfirmed'; names: string[] }
  /** Nobody could be invited (all invited already, no longer active, or the request settled meanwhile): nothing was written. */
  | { ok: false; refused: 'nobodyInvited' };

/** `request` as staff saw it; `volunteerIds` the volunteers they chose. */
export async function inviteVolunteers(deps: VolunteerRequestDeps, request: VolunteerRequestRecord, choice: { volunteerIds: readonly string[]; confirmUninsured: boolean }, by: StaffAct): Promise<InviteOutcome> {
  const ids = choice.volunteerIds;
  if (request.status !== 'received') return { ok: false, refused: 'notLooking' };
  if (ids.length === 0) return { ok: false, refused: 'noneChosen' };
  if (ids.length > INVITE_LIMIT) return { ok: false, refused: 'tooMany' };
  const uninsuredChosen = uninsuredFor(await deps.volunteers.activeByIds(ids), request.date);
  if (uninsuredChosen.length > 0 && !choice.confirmUninsured) return { ok: false, refused: 'uninsuredNotConfirmed', names: uninsuredChosen.map((v) => v.name) };
  const subject = { kind: request.kind, date: request.date, referenceNo: request.referenceNo };
  // Read and written in one transaction, so a request settled meanwhile gets no invitations and two
  // coordinators inviting the same volunteer at once make one invitation, not a constraint error.
  const invited = await deps.work.run(async ({ requests, notices, audit }) => {
    const current = await requests.find(request.id);
    if (!current || current.status !== 'received') return 0;
    const already = new Set(await requests.invitedVolunteerIds(request.id));
    const active = await requests.activeVolunteers(ids.filter((v) => !already.has(v)));
    const uninsured = new Set(uninsuredFor(active, current.date).map((v) => v.id));
    const volunteers = choice.confirmUninsured ? active : active.filter((v) => !uninsured.has(v.id));
    for (const v of volunteers) {
      const invitationId = await requests.invite(request.id, v.id, by.staffId, by.at);
      await notices.add({ kind: 'volunteer_notice', notice: deps.notices.invitation(subject, invitationId, !uninsured.has(v.id)), residentIds: [v.residentId], at: by.at, createdBy: by.staffId });
    }
    if (volunteers.length > 0) {
      const counts = { invited: volunteers.length, uninsured: volunteers.filter((v) => uninsured.has(v.id)).length };
      await audit.record(auditOf(by, { action: 'volunteerRequest.invite', subjectType: 'volunteerRequest', subjectId: request.id, detail: { chosen: ids.length, ...counts, volunteerIds: ids } }));
    }
    return volunteers.length;
  });
  return invited > 0 ? { ok: true, invited } : { ok: false, refused: 'nobodyInvited' };
}
