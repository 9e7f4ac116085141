/**
 * Staff answer a group of the loop's questions with a synonym (「車イス」 means 「車いす」): both words are stored
 * normalised as the matcher reads them, replacing an earlier meaning of the same word; the group's open questions
 * are resolved and the audit row written, in one transaction. Null when none of the group's questions is open.
 */
import { auditOf, type StaffAct } from '../staff-act';
import type { FaqLoopDeps } from './faq-loop-deps';

export function addSynonymFromGroup(deps: FaqLoopDeps, ids: readonly string[], words: { term: string; means: string }, by: StaffAct): Promise<{ term: string; means: string; resolved: number } | null> {
  const term = deps.normalise(words.term);
  const means = deps.normalise(words.means);
  return deps.work.run(async ({ questions, synonyms, audit }) => {
    const open = await questions.openAmong(ids);
    if (open.length === 0) return null;
    const before = await synonyms.meaningOf(term);
    await synonyms.put(term, means, by.staffId, by.at);
    const resolved = await questions.resolve(open, by.staffId, by.at);
    await audit.record(auditOf(by, { action: 'faq.loop.synonym', subjectType: 'faqSynonym', subjectId: term, detail: { term, means, ...(before !== null ? { replaced: before } : {}), questions: resolved } }));
    return { term, means, resolved };
  });
}
