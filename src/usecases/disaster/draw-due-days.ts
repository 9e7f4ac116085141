/**
 * The draw (抽選), run every minute by the module's job: each date of a running centre whose application window has
 * closed is drawn once — the date is marked drawn with its seed only where it was not yet (a second run, or a second
 * process, finds nothing to draw) — with the lottery and the date's priorities. The chosen are offered their place
 * until the date's reconfirmation deadline; the others wait in drawn order and count a lost draw (a better chance
 * next time). Each applicant gets one notice (marked 【訓練】 in a drill). Draw, outcome, notices and audit row in one
 * transaction per date.
 *
 * The notices go even when they take the month over its push budget (an applicant must learn whether they have a
 * place); the overrun is written to the audit log, and the dates page shows it.
 */
import { jstMonthStart } from '../../domain/japan-time';
import { markedForDrill } from '../../domain/disaster/centre';
import { drawLottery, newSeed, SEED_BYTES } from '../../domain/disaster/lottery';
import type { Applicant, DisasterNoticeRow, DisasterRepository, DrawResult } from '../../domain/disaster/admin';
import type { AuditTrail } from '../../domain/staff';
import { checkBudget } from '../../domain/push-budget';
import type { DisasterJobDeps } from './disaster-deps';

/**
 * The lottery's outcome over the applicants as stored, whatever the lottery returned: every applicant exactly once,
 * at most `capacity` chosen (any beyond lead the waitlist), the unmentioned last.
 */
export function settledDraw(applicants: readonly Applicant[], outcome: { chosen: readonly string[]; waitlist: readonly string[] }, capacity: number): DrawResult {
  const known = new Set(applicants.map((a) => a.applicationId));
  const once = (ids: readonly string[]) => [...new Set(ids)].filter((id) => known.has(id));
  const chosen = once(outcome.chosen).slice(0, Math.max(0, capacity));
  const taken = new Set(chosen);
  const waitlist = once([...outcome.chosen, ...outcome.waitlist, ...applicants.map((a) => a.applicationId)]).filter((id) => !taken.has(id));
  return { chosen, waitlist };
}

/** Why the centre's notices are sent: the overrun's audit row names it. */
export type NoticeReason = 'draw' | 'backfill' | 'needStatus' | 'needLink' | 'needFollowUp' | 'dispatch' | 'fieldReminder' | 'urgentNotice' | 'fieldReport';

/**
 * Writes the notices, and the overrun's audit row when they take the month over the budget. Notices the centre
 * owes (a place, a dispatch, a safety reminder) are never held back by the budget: the overrun is recorded for staff.
 */
export async function queueWithinBudget(
  disaster: DisasterRepository,
  audit: AuditTrail,
  rows: readonly DisasterNoticeRow[],
  o: { budget: number; now: Date; centreId: string; reason: NoticeReason } & ({ dayId: string } | { needId: string } | { teamId: string } | { wholeCentre: true }),
): Promise<void> {
  if (!rows.length) return;
  const usage = await disaster.usage(jstMonthStart(o.now), jstMonthStart(o.now, 1));
  const verdict = checkBudget({ budget: o.budget, used: usage.used, scheduled: usage.scheduled, cost: rows.length, isAdmin: false, override: false });
  await disaster.queueNotices(rows, o.now);
  if (!verdict.ok) {
    const subject = 'dayId' in o ? { subjectType: 'activityDay', subjectId: o.dayId } : 'needId' in o ? { subjectType: 'need', subjectId: o.needId } : 'teamId' in o ? { subjectType: 'team', subjectId: o.teamId } : { subjectType: 'disasterCentre', subjectId: o.centreId };
    await audit.record({ staffId: null, action: 'disaster.notices.overBudget', ...subject, detail: { reason: o.reason, cost: verdict.cost, remaining: verdict.remaining, centreId: o.centreId }, at: o.now });
  }
}

/** Draws every date due at `now`; returns how many were drawn. */
export async function drawDueDays(deps: DisasterJobDeps, now: Date): Promise<number> {
  const due = await deps.work.run(({ disaster }) => disaster.dueDraws(now));
  let drawn = 0;
  for (const day of due) {
    const done = await deps.work.run(async ({ disaster, audit }) => {
      const seed = newSeed(Uint8Array.from({ length: SEED_BYTES }, () => Math.floor(deps.random() * 256)));
      if (!(await disaster.claimDraw(day.id, seed, now))) return false;
      const applicants = await disaster.applicants(day.id);
      const lottery = drawLottery(
        applicants.map((a) => ({ id: a.applicationId, local: a.local, skills: a.skills, losses: a.losses })),
        { capacity: day.capacity, localsFirst: day.priorities.localsFirst, skillPlaces: day.priorities.skillPlaces },
        seed,
      );
      const result = settledDraw(applicants, lottery, day.capacity);
      await disaster.storeDraw(day.id, result, now, day.reconfirmBy);
      const residentOf = new Map(applicants.map((a) => [a.applicationId, a.residentId]));
      const subject = { centreName: day.centre.name, date: day.date };
      const mark = (n: DisasterNoticeRow['notice']) => markedForDrill(n, day.centre.drill);
      const rows: DisasterNoticeRow[] = [
        ...result.chosen.map((id) => ({ residentId: residentOf.get(id) as string, notice: mark(deps.notices.place('chosen', { ...subject, replyBy: day.reconfirmBy }, id)) })),
        ...result.waitlist.map((id, i) => ({ residentId: residentOf.get(id) as string, notice: mark(deps.notices.place('waitlisted', { ...subject, position: i + 1 }, id)) })),
      ];
      await queueWithinBudget(disaster, audit, rows, { budget: deps.monthlyPushBudget, now, dayId: day.id, centreId: day.centreId, reason: 'draw' });
      await audit.record({
        staffId: null,
        action: 'disaster.day.draw',
        subjectType: 'activityDay',
        subjectId: day.id,
        detail: { seed, applicants: applicants.length, chosen: result.chosen.length, waitlisted: result.waitlist.length, capacity: day.capacity, drill: day.centre.drill },
        at: now,
      });
      return true;
    });
    if (done) drawn += 1;
  }
  return drawn;
}
