/**
 * Staff turn a group of the loop's questions into a new FAQ entry: the entry (its question forms, the answer in
 * Japanese and optionally in やさしい日本語 and English) is written, the group's open questions are resolved,
 * and the audit row says how many — in one transaction. Null when none of the group's questions is open any
 * more (another member of staff handled it meanwhile): then nothing is written.
 */
import type { NewFaqEntry } from '../../domain/faq-loop/ports';
import { auditOf, type StaffAct } from '../staff-act';
import type { FaqLoopDeps } from './faq-loop-deps';

export function createEntryFromGroup(deps: Pick<FaqLoopDeps, 'work'>, ids: readonly string[], entry: NewFaqEntry, by: StaffAct): Promise<{ entryId: string; resolved: number } | null> {
  return deps.work.run(async ({ questions, entries, audit }) => {
    const open = await questions.openAmong(ids);
    if (open.length === 0) return null;
    const entryId = await entries.create(entry, by.staffId, by.at);
    const resolved = await questions.resolve(open, by.staffId, by.at);
    await audit.record(
      auditOf(by, { action: 'faq.loop.entry', subjectType: 'faqEntry', subjectId: entryId, detail: { questions: resolved, forms: entry.questions.length, languages: Object.keys(entry.answer) } }),
    );
    return { entryId, resolved };
  });
}
