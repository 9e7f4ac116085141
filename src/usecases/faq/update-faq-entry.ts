/**
 * Staff change an FAQ entry in the console, with its audit row in one transaction. A seeded entry changed here keeps
 * the console's wording: the profile no longer overwrites it (see `seedFaq`).
 */
import type { FaqEntryInput, FaqRepositories } from '../../domain/faq/store';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { auditOf, type StaffAct } from '../staff-act';

/** False when there is no such entry. */
export function updateFaqEntry(work: UnitOfWork<FaqRepositories>, id: string, entry: FaqEntryInput, by: StaffAct): Promise<boolean> {
  return work.run(async ({ entries, audit }) => {
    if (!(await entries.update(id, entry, by.at))) return false;
    await audit.record(auditOf(by, { action: 'faq.entry.update', subjectType: 'faqEntry', subjectId: id, detail: { questions: entry.questions.length, active: entry.active } }));
    return true;
  });
}
