/**
 * A centre-wide urgent notice (余震・避難・気象): to every member of every team out of the running centre, each
 * resident once (a pool entry twice, or two entries of one LINE user, hear it once), sent in quiet hours too,
 * marked 【訓練】 in a drill. The notices and the audit row with the count in one transaction.
 */
import { isRunning, markedForDrill, type CentreStatus } from '../../domain/disaster/centre';
import { auditOf, type StaffAct } from '../staff-act';
import { queueWithinBudget } from './draw-due-days';
import type { FieldSafetyDeps, UrgentKind, UrgentText } from './field-safety-deps';

export type UrgentNoticeOutcome = { ok: true; sent: number } | { ok: false; refused: 'notRunning' | 'textMissing' | 'nobodyOut' };

/** The residents the notice would reach now (the preview's count). */
export async function urgentRecipients(deps: Pick<FieldSafetyDeps, 'work'>, centreId: string): Promise<number> {
  return deps.work.run(async ({ safety }) => residentsOf(await safety.dispatched(centreId)).length);
}

function residentsOf(people: ReadonlyArray<{ residentId: string | null }>): string[] {
  return [...new Set(people.flatMap((p) => (p.residentId ? [p.residentId] : [])))];
}

export async function sendUrgentNotice(deps: FieldSafetyDeps, centreId: string, kind: UrgentKind, text: UrgentText, by: StaffAct): Promise<UrgentNoticeOutcome> {
  if (!text.ja.trim()) return { ok: false, refused: 'textMissing' };
  return deps.work.run(async ({ safety, disaster, audit }): Promise<UrgentNoticeOutcome> => {
    const centre = await disaster.centreState(centreId);
    if (!centre || !isRunning(centre.status as CentreStatus)) return { ok: false, refused: 'notRunning' };
    const people = await safety.dispatched(centreId);
    const residents = residentsOf(people);
    if (!residents.length) return { ok: false, refused: 'nobodyOut' };
    const notice = markedForDrill(deps.notices.urgent(kind, text), centre.drill);
    await queueWithinBudget(disaster, audit, residents.map((residentId) => ({ residentId, notice, urgent: true })), { budget: deps.monthlyPushBudget, now: by.at, centreId, wholeCentre: true, reason: 'urgentNotice' });
    await audit.record(auditOf(by, { action: 'disaster.urgentNotice', subjectType: 'disasterCentre', subjectId: centreId, detail: { kind, sent: residents.length, members: people.length, drill: centre.drill } }));
    return { ok: true, sent: residents.length };
  });
}
