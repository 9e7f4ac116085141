import type { PersonalDataPart } from './personal-data';
import { referenceOf, sectionOf } from './personal-data';

const LABELS = {
  referenceNo: '受付番号',
  createdAt: '受付',
  categoryCode: '相談の種類',
  forWhom: 'だれのこと',
  districtCode: '地区',
  contactMethod: '連絡方法',
  phone: '電話番号',
  contactTime: '連絡の時間帯',
  urgency: '急ぎ',
  description: '相談の内容',
  status: '状態',
  referralTarget: 'つないだ先',
  closedAt: '終了',
};

/** Consultations (S-…): kept for the annual report without what the resident told (erasure-rules.ts). */
export const consultationPersonalData: PersonalDataPart = {
  feature: 'consultation',
  async find(db, query) {
    const ref = referenceOf(query);
    if (!ref) return [];
    const rows = await db.consultation.findMany({ where: { referenceNo: ref }, select: { residentId: true, referenceNo: true } });
    return rows.map((r) => ({ residentId: r.residentId, why: `相談 ${r.referenceNo}` }));
  },
  async collect(db, residentId) {
    const rows = await db.consultation.findMany({ where: { residentId }, orderBy: { createdAt: 'asc' } });
    const referrals = await db.referral.findMany({ where: { consultation: { residentId } }, orderBy: { createdAt: 'asc' }, select: { partnerCode: true, status: true, createdAt: true, answeredAt: true, consentVersion: true } });
    return [
      ...sectionOf('consultation', '相談', rows, (r) => r.referenceNo, LABELS),
      ...sectionOf('consultation', '相談の紹介', referrals, (r) => r.partnerCode, { partnerCode: '紹介先', status: '状態', createdAt: '提案', answeredAt: '回答', consentVersion: '同意の版' }),
    ];
  },
  async openItems(db, residentId) {
    const rows = await db.consultation.findMany({ where: { residentId, status: { in: ['new', 'in_progress'] } }, select: { referenceNo: true } });
    return rows.map((r) => `対応中の相談 ${r.referenceNo}`);
  },
  async erase(tx, { residentId, at }) {
    await tx.consultation.updateMany({ where: { residentId }, data: { description: '', phone: null, contactTime: null, attachmentIds: '[]', updatedAt: at } });
    // Referrals stay for the annual report (referred and to whom); the consent rows they pointed at are deleted.
    await tx.referral.updateMany({ where: { consultation: { residentId } }, data: { consentId: null } });
  },
};
