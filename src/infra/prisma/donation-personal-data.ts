import type { PersonalDataPart } from './personal-data';
import { matches, NAME_MATCHES, nameOf, referenceOf, sectionOf, upTo } from './personal-data';

const OFFER = {
  referenceNo: '受付番号',
  createdAt: '受付',
  kind: '種類',
  purposeCode: '使いみち',
  amountYen: '金額（円）',
  description: '品物',
  items: '食品',
  name: 'お名前',
  phone: '電話番号',
  address: '引き取りの住所',
  slot: 'お渡しの方法',
  status: '状態',
  receiptNo: '領収書・受領書の番号',
  receivedAt: '受領',
  staffMessage: '職員からの連絡',
};

/** Donation offers (D-…, receipts R-…): the receipt is kept (numbers, amounts, items, dates) without the donor. */
export const donationsPersonalData: PersonalDataPart = {
  feature: 'donations',
  async find(db, query, cut) {
    const ref = referenceOf(query);
    const name = nameOf(query);
    const where = ref ? { OR: [{ referenceNo: ref }, { receiptNo: ref }] } : name ? { name: { contains: name } } : null;
    if (!where) return [];
    const rows = upTo(await db.donationOffer.findMany({ where, select: { residentId: true, referenceNo: true, receiptNo: true, name: true }, take: NAME_MATCHES }), cut);
    return matches(rows, (r) => `寄付・寄贈 ${r.referenceNo}${r.receiptNo ? `（${r.receiptNo}）` : ''}${ref ? '' : `（${r.name}）`}`);
  },
  async collect(db, residentId) {
    const rows = await db.donationOffer.findMany({ where: { residentId }, orderBy: { createdAt: 'asc' }, include: { items: { orderBy: { position: 'asc' } } } });
    const flat = rows.map((r) => ({ ...r, items: r.items.map((i) => `${i.category}${i.bestBefore ? `（${i.bestBefore}）` : ''}${i.accepted ? '' : '×'}`).join('、') }));
    return sectionOf('donations', '寄付・寄贈', flat, (r) => r.referenceNo, OFFER);
  },
  async openItems(db, residentId) {
    const rows = await db.donationOffer.findMany({ where: { residentId, status: { in: ['received', 'accepted'] } }, select: { referenceNo: true } });
    return rows.map((r) => `受け取り前の寄付・寄贈 ${r.referenceNo}`);
  },
  async erase(tx, { residentId, at }) {
    await tx.donationOffer.updateMany({ where: { residentId }, data: { name: '', phone: null, address: null, staffMessage: null, photoAttachmentId: null, updatedAt: at } });
  },
};
