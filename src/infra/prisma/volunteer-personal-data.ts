import type { PersonalDataPart } from './personal-data';
import { matches, NAME_MATCHES, nameOf, referenceOf, sectionOf, upTo } from './personal-data';
import { volunteerErasure } from './volunteer-statements';

const VOLUNTEER = {
  name: 'お名前',
  phone: '電話番号',
  districtCode: '地区',
  skills: 'できること',
  availability: '活動できる日',
  insuranceFiscalYear: '保険の年度',
  insurancePlan: '保険のプラン',
  insuranceEnrolledOn: '保険の加入日',
  status: '状態',
  registeredAt: '登録',
  leftAt: '終了',
};
const INVITATION = { requestRef: '依頼', activityDate: '活動日', kind: '活動', status: '状態', hours: '活動時間', report: '活動の報告', reportedAt: '報告' };
const REQUEST = {
  referenceNo: '受付番号',
  createdAt: '受付',
  requesterType: '依頼者',
  orgName: '団体名',
  kind: '活動',
  districtCode: '地区',
  address: '場所',
  date: '日付',
  part: '時間帯',
  people: '人数',
  notes: '内容',
  phone: '電話番号',
  status: '状態',
};

/**
 * Volunteers: the registration and its invitations (hours kept for insurance and the annual report, the person
 * erased as on consent withdrawal), and requests for help the resident made (V-…, kept without who and where).
 */
export const volunteersPersonalData: PersonalDataPart = {
  feature: 'volunteers',
  async find(db, query, cut) {
    const ref = referenceOf(query);
    if (ref) return matches(await db.volunteerRequest.findMany({ where: { referenceNo: ref }, select: { residentId: true, referenceNo: true } }), (r) => `ボランティア依頼 ${r.referenceNo}`);
    const name = nameOf(query);
    if (!name) return [];
    const [volunteers, requests] = await Promise.all([
      db.volunteer.findMany({ where: { name: { contains: name } }, select: { residentId: true, name: true }, take: NAME_MATCHES }).then((r) => upTo(r, cut)),
      db.volunteerRequest.findMany({ where: { orgName: { contains: name } }, select: { residentId: true, orgName: true }, take: NAME_MATCHES }).then((r) => upTo(r, cut)),
    ]);
    return [...matches(volunteers, (v) => `ボランティア登録（${v.name}）`), ...matches(requests, (r) => `ボランティア依頼（${r.orgName}）`)];
  },
  async collect(db, residentId) {
    const [volunteer, requests] = await Promise.all([
      db.volunteer.findUnique({ where: { residentId }, include: { invitations: { orderBy: { invitedAt: 'asc' }, include: { request: { select: { referenceNo: true, date: true, kind: true } } } } } }),
      db.volunteerRequest.findMany({ where: { residentId }, orderBy: { createdAt: 'asc' } }),
    ]);
    const invitations = (volunteer?.invitations ?? []).map(({ request, ...i }) => ({ ...i, requestRef: request.referenceNo, activityDate: request.date, kind: request.kind }));
    const registration = volunteer ? (({ invitations: _i, ...v }) => v)(volunteer) : null;
    return [
      ...sectionOf('volunteers', 'ボランティア登録', registration ? [registration] : [], () => '登録', VOLUNTEER),
      ...sectionOf('volunteers', 'ボランティア活動（依頼への参加と活動時間）', invitations, (i) => `${i.requestRef}（${i.activityDate}）`, INVITATION),
      ...sectionOf('volunteers', 'ボランティアの依頼', requests, (r) => r.referenceNo, REQUEST),
    ];
  },
  async openItems(db, residentId) {
    const rows = await db.volunteerRequest.findMany({ where: { residentId, status: { in: ['received', 'matched', 'scheduled'] } }, select: { referenceNo: true } });
    return rows.map((r) => `進行中のボランティア依頼 ${r.referenceNo}`);
  },
  async erase(tx, { residentId, at }) {
    await Promise.all(volunteerErasure(tx, residentId, at));
    await tx.volunteerRequest.updateMany({ where: { residentId }, data: { orgName: null, address: null, location: null, notes: null, phone: null, declineReason: null, updatedAt: at } });
  },
};
