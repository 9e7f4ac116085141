/**
 * What a send would cost, before it is scheduled: refused when its time has passed, otherwise how many it reaches
 * now and the verdict against this month's push budget (an admin may go over it, on purpose). Reads only; the
 * confirmation page shows it, and scheduling asks it again.
 */
import type { Targeting } from '../../domain/broadcast';
import { jstMonthStart } from '../../domain/japan-time';
import { checkBudget, type BudgetVerdict } from '../../domain/push-budget';
import type { StaffRole } from '../../domain/staff';
import type { BroadcastDeps } from './broadcast-deps';

/** How late a send may be scheduled: a form filled in a minute ago is not refused for its time. */
const GRACE_MS = 60_000;

export type Assessment = { ok: true; estimate: number; verdict: BudgetVerdict } | { ok: false; refused: 'passed' };

/** `send`: whom it goes to and when, and whether staff chose to go over the budget; `by`: who asks, and when. */
export async function assessBroadcast(deps: Omit<BroadcastDeps, 'work'>, send: { targeting: Targeting; scheduledAt: Date; override: boolean }, by: { role: StaffRole; at: Date }): Promise<Assessment> {
  if (send.scheduledAt.getTime() < by.at.getTime() - GRACE_MS) return { ok: false, refused: 'passed' };
  const estimate = await deps.estimate(send.targeting);
  // Pushes count against the calendar month in Japan time, as LINE bills them.
  const usage = await deps.admin.usage(jstMonthStart(send.scheduledAt), jstMonthStart(send.scheduledAt, 1));
  return { ok: true, estimate, verdict: checkBudget({ budget: deps.monthlyPushBudget, used: usage.used, scheduled: usage.scheduled, cost: estimate, isAdmin: by.role === 'admin', override: send.override }) };
}
