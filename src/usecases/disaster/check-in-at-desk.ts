/**
 * Checking someone in at the reception desk by name (受付), for people who cannot send the day's code from a phone:
 * an applicant holding a place (reconfirmed, or chosen and not yet reconfirmed — the page flags it) is checked in
 * with `checkedInBy = desk`; anyone else of the pool (waitlisted, released, or who never applied) only as a walk-in,
 * where the centre takes walk-ins. Once per person and date; the check-in and its audit row together.
 */
import type { ApplicationStatus } from '../../domain/disaster/centre';
import { auditOf, type StaffAct } from '../staff-act';
import type { DisasterDeps } from './disaster-deps';

export type DeskCheckInOutcome =
  | { ok: true; status: ApplicationStatus; walkIn: boolean }
  /** `changedMeanwhile`: checked in, released or applied meanwhile (by LINE, a colleague or the deadline): nothing written. */
  | { ok: false; refused: 'noWalkIns' | 'alreadyIn' | 'unknown' | 'centreNotRunning' | 'changedMeanwhile' };

/** Who: an application of the date, or a pool member without one. */
export type DeskSubject = { applicationId: string } | { memberId: string };

/** `day` as staff saw it, with its centre's state; `current` the application's status as staff saw it (if any). */
export async function checkInAtDesk(
  deps: Pick<DisasterDeps, 'work'>,
  day: { id: string; centre: { id: string; status: string; walkIns: boolean; drill: boolean } },
  who: DeskSubject & { current?: { status: ApplicationStatus; checkedIn: boolean } | null },
  by: StaffAct,
): Promise<DeskCheckInOutcome> {
  if (day.centre.status !== 'open' && day.centre.status !== 'paused') return { ok: false, refused: 'centreNotRunning' };
  if ('applicationId' in who) {
    if (!who.current) return { ok: false, refused: 'unknown' };
    if (who.current.checkedIn) return { ok: false, refused: 'alreadyIn' };
  }
  const holdsPlace = 'applicationId' in who && (who.current?.status === 'chosen' || who.current?.status === 'reconfirmed');
  if (!holdsPlace && !day.centre.walkIns) return { ok: false, refused: 'noWalkIns' };
  return deps.work.run(async ({ disaster, audit }): Promise<DeskCheckInOutcome> => {
    let applicationId: string;
    let status: ApplicationStatus | null;
    if ('applicationId' in who) {
      applicationId = who.applicationId;
      status = await disaster.deskCheckIn(applicationId, day.id, !holdsPlace, by.at);
    } else {
      const id = await disaster.deskWalkIn(day.id, who.memberId, by.at);
      if (!id) return { ok: false, refused: 'changedMeanwhile' };
      applicationId = id;
      status = 'walkIn';
    }
    if (!status) return { ok: false, refused: 'changedMeanwhile' };
    await audit.record(auditOf(by, { action: 'disaster.checkIn.desk', subjectType: 'dayApplication', subjectId: applicationId, detail: { dayId: day.id, status, walkIn: status === 'walkIn', drill: day.centre.drill } }));
    return { ok: true, status, walkIn: status === 'walkIn' };
  });
}
