/** Staff add an FAQ entry in the console; the entry and its audit row are written in one transaction. */
import type { FaqEntryInput, FaqRepositories } from '../../domain/faq/store';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

/** Returns the new entry's id. The audit row holds no answer text, only the entry's shape. */
export function createFaqEntry(work: UnitOfWork<FaqRepositories>, entry: FaqEntryInput, by: StaffAct): Promise<string> {
  return work.run(async ({ entries, audit }) => {
    const id = await entries.create(entry, by.staffId, by.at);
    await audit.record(auditOf(by, { action: 'faq.entry.create', subjectType: 'faqEntry', subjectId: id, detail: { questions: entry.questions.length, active: entry.active } }));
    return id;
  });
}
