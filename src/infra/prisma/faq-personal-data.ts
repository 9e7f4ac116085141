import type { PersonalDataPart } from './personal-data';
import { sectionOf } from './personal-data';

/** Questions the resident typed (kept only after consent, linked to them): deleted on erasure. */
export const faqPersonalData: PersonalDataPart = {
  feature: 'faq',
  async collect(db, residentId) {
    const rows = await db.faqQuestion.findMany({ where: { residentId }, orderBy: { at: 'asc' } });
    return sectionOf('faq', 'よくある質問への質問', rows, (q) => q.at.toISOString().slice(0, 10), { at: '日時', text: '質問', outcome: '結果', feedback: '役に立ったか', staffAnswer: '職員の答え' });
  },
  async erase(tx, { residentId }) {
    await tx.faqQuestion.deleteMany({ where: { residentId } });
  },
};
