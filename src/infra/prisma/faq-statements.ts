import type { FaqWrite } from '../../domain/faq/store';
import type { ModuleWriter } from './module-writer';

/**
 * The FAQ's statements in the step's transaction: the question kept for the knowledge loop, and later what the
 * resident said of the answer (a candidate tapped, 役に立った, ちがう). Feedback on a question already erased is a
 * no-op.
 */
export const faqWriter: ModuleWriter = {
  module: 'faq',
  each(db, data, c) {
    const w = data as FaqWrite;
    return [
      ...w.asked.map((q) => db.faqQuestion.create({ data: { ...q, at: c.now } })),
      ...w.picked.map((p) => db.faqQuestion.updateMany({ where: { id: p.questionId }, data: { entryId: p.entryId } })),
      ...w.feedback.map((f) => db.faqQuestion.updateMany({ where: { id: f.questionId }, data: { feedback: f.feedback } })),
    ];
  },
};
