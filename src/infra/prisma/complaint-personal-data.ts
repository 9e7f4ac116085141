import type { PersonalDataPart } from './personal-data';
import { referenceOf, sectionOf } from './personal-data';

const LABELS = { referenceNo: '受付番号', createdAt: '受付', kind: '種類', topic: '内容の分類', text: '内容', contact: '連絡方法', phone: '電話番号', status: '状態', outcome: '対応の結果', outcomeToldAt: '結果を伝えた日時' };

/**
 * Complaints and opinions (K-…) the resident signed: kept for the yearly counts (kind, topic, status, dates) without
 * what was said, the phone, staff's notes and the link to the resident. Anonymous ones are not theirs to find.
 */
export const complaintsPersonalData: PersonalDataPart = {
  feature: 'complaints',
  async find(db, query) {
    const ref = referenceOf(query);
    if (!ref) return [];
    const rows = await db.complaint.findMany({ where: { referenceNo: ref, residentId: { not: null } }, select: { residentId: true, referenceNo: true } });
    return rows.flatMap((r) => (r.residentId ? [{ residentId: r.residentId, why: `苦情・ご意見 ${r.referenceNo}` }] : []));
  },
  async collect(db, residentId) {
    const rows = await db.complaint.findMany({ where: { residentId }, orderBy: { createdAt: 'asc' } });
    return sectionOf('complaints', '苦情・ご意見', rows, (r) => r.referenceNo, LABELS);
  },
  async openItems(db, residentId) {
    const rows = await db.complaint.findMany({ where: { residentId, status: { in: ['new', 'in_progress'] } }, select: { referenceNo: true } });
    return rows.map((r) => `対応中の苦情・ご意見 ${r.referenceNo}`);
  },
  async erase(tx, { residentId, at }) {
    await tx.complaint.updateMany({ where: { residentId }, data: { residentId: null, text: '', phone: null, notes: null, outcome: null, updatedAt: at } });
  },
};
