/**
 * The centre's figures as a public announcement (状況のお知らせ): a Broadcast of kind announcement to everyone,
 * scheduled now, refused when it would break the month's push budget (as the broadcast form checks it; an admin
 * may go over on purpose), 【訓練】 in a drill. The broadcast and its audit row in one transaction.
 */
import type { BroadcastContent } from '../../domain/broadcast';
import { DRILL_MARK, markedForDrill } from '../../domain/disaster/centre';
import type { BudgetVerdict } from '../../domain/push-budget';
import type { StaffRole } from '../../domain/staff';
import { assessBroadcast } from '../broadcasts/assess-broadcast';
import type { BroadcastDeps } from '../broadcasts/broadcast-deps';
import { auditOf, type StaffAct } from '../staff-act';

export type AnnounceOutcome = { ok: true; id: string; estimate: number } | { ok: false; refused: 'overBudget'; verdict: Extract<BudgetVerdict, { ok: false }> } | { ok: false; refused: 'passed' };

/** `summary` as worded for the centre's `date`; `override`: an admin goes over the budget on purpose. */
export async function announceFigures(
  deps: BroadcastDeps,
  centre: { id: string; name: string; drill: boolean },
  date: string,
  summary: BroadcastContent,
  o: { override: boolean },
  by: StaffAct & { role: StaffRole },
): Promise<AnnounceOutcome> {
  const send = { targeting: { everyone: true }, scheduledAt: by.at, override: o.override };
  const assessment = await assessBroadcast(deps, send, by);
  if (!assessment.ok) return assessment;
  if (!assessment.verdict.ok) return { ok: false, refused: 'overBudget', verdict: assessment.verdict };
  const estimate = assessment.estimate;
  const title = `${centre.drill ? DRILL_MARK : ''}${centre.name}の状況(${date})`;
  const content = markedForDrill({ title, content: summary }, centre.drill).content;
  return deps.work.run(async ({ broadcasts, audit }) => {
    const id = await broadcasts.create({ kind: 'announcement', title, content, targeting: send.targeting, urgent: false, scheduledAt: by.at, createdBy: by.staffId, estimated: estimate }, by.at);
    await audit.record(auditOf(by, { action: 'disaster.figures.announce', subjectType: 'disasterCentre', subjectId: centre.id, detail: { date, broadcastId: id, estimate, override: o.override, drill: centre.drill } }));
    return { ok: true, id, estimate };
  });
}
