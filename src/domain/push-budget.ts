/** The verdict on a planned send against the monthly push budget. */
export type BudgetVerdict =
  | { ok: true; remainingAfter: number }
  | { ok: false; reason: 'overBudget'; remaining: number; cost: number; overridable: boolean };

/**
 * Pure: a send costs one message per recipient. It fits when what was used this month, plus what is already
 * scheduled for this month, plus its cost stays within the budget; otherwise only an admin may override.
 */
export function checkBudget(o: { budget: number; used: number; scheduled: number; cost: number; isAdmin: boolean; override: boolean }): BudgetVerdict {
  const remaining = Math.max(0, o.budget - o.used - o.scheduled);
  if (o.cost <= remaining) return { ok: true, remainingAfter: remaining - o.cost };
  if (o.isAdmin && o.override) return { ok: true, remainingAfter: remaining - o.cost };
  return { ok: false, reason: 'overBudget', remaining, cost: o.cost, overridable: o.isAdmin };
}
