/**
 * Staff dismiss a group of the loop's questions (nothing the FAQ should answer: the weather, a shop): its open
 * questions are resolved with the audit row, in one transaction. Null when none of them is open any more.
 */
import { auditOf, type StaffAct } from '../staff-act';
import type { FaqLoopDeps } from './faq-loop-deps';

export function dismissGroup(deps: Pick<FaqLoopDeps, 'work'>, key: string, ids: readonly string[], by: StaffAct): Promise<number | null> {
  return deps.work.run(async ({ questions, audit }) => {
    const open = await questions.openAmong(ids);
    if (open.length === 0) return null;
    const resolved = await questions.resolve(open, by.staffId, by.at);
    await audit.record(auditOf(by, { action: 'faq.loop.dismiss', subjectType: 'faqQuestion', subjectId: key, detail: { questions: resolved } }));
    return resolved;
  });
}
