import type { PersonalDataPart } from './personal-data';
import { matches, NAME_MATCHES, nameOf, referenceOf, sectionOf, upTo } from './personal-data';

const MEMBER = { centre: 'センター', kind: '種類', name: 'お名前', groupName: '団体名', size: '人数', origin: '地元・地域外', skills: 'できること', availableDates: '活動できる日', phone: '電話番号', emergencyContact: '緊急連絡先', coverPlan: '保険', coverEnrolledOn: '保険の加入日', joinedAt: '登録', days: '活動日', hours: '活動時間' };
const NEED = { referenceNo: '受付番号', relation: '報告した人', createdAt: '受付', status: '状態', householdName: 'お名前', address: '住所', phone: '電話番号', notes: 'メモ', workOther: 'その他の作業', reporterName: '代理の方のお名前', reporterPhone: '代理の方の電話番号', content: '報告の内容' };
const OPEN_NEED = ['received', 'surveying', 'coordinating', 'scheduled', 'active', 'continuing'];

/** Needs reported by the resident about their own home (only those are the resident's household). */
const ownNeeds = (residentId: string) => ({ reports: { some: { residentId, relation: 'self' } } });

/**
 * The disaster volunteer centre: pool entries (kept anonymous, their days and hours count), needs the resident
 * reported (N-…; their own household's need kept without who and where), field reports and alerts (the link goes).
 */
export const disasterPersonalData: PersonalDataPart = {
  feature: 'disaster',
  async find(db, query, cut) {
    const ref = referenceOf(query);
    if (ref) return matches(await db.needReport.findMany({ where: { need: { referenceNo: ref } }, select: { residentId: true } }), () => `災害ニーズ ${ref}`);
    const name = nameOf(query);
    if (!name) return [];
    const [members, reports] = await Promise.all([
      db.poolMember.findMany({ where: { OR: [{ name: { contains: name } }, { groupName: { contains: name } }] }, select: { residentId: true, name: true }, take: NAME_MATCHES }).then((r) => upTo(r, cut)),
      db.needReport.findMany({ where: { OR: [{ reporterName: { contains: name } }, { need: { householdName: { contains: name } } }] }, select: { residentId: true, need: { select: { referenceNo: true } } }, take: NAME_MATCHES }).then((r) => upTo(r, cut)),
    ]);
    return [...matches(members, (m) => `災害ボランティア（${m.name}）`), ...matches(reports, (r) => `災害ニーズ ${r.need.referenceNo}`)];
  },
  async collect(db, residentId) {
    const [members, reports] = await Promise.all([
      db.poolMember.findMany({ where: { residentId }, orderBy: { joinedAt: 'asc' }, include: { centre: { select: { name: true } }, applications: { select: { status: true, day: { select: { date: true } } } }, teams: { select: { hours: true } } } }),
      db.needReport.findMany({ where: { residentId }, orderBy: { createdAt: 'asc' }, include: { need: true } }),
    ]);
    const pool = members.map(({ centre, applications, teams, ...m }) => ({
      ...m,
      centre: centre.name,
      days: applications.map((a) => `${a.day.date}（${a.status}）`).join('、'),
      hours: teams.reduce((sum, t) => sum + (t.hours ?? 0), 0) || null,
    }));
    const needs = reports.map(({ need, ...r }) => ({ ...r, referenceNo: need.referenceNo, status: need.status, ...(r.relation === 'self' ? { householdName: need.householdName, address: need.address, phone: need.phone, notes: need.notes, workOther: need.workOther } : {}) }));
    return [
      ...sectionOf('disaster', '災害ボランティアの登録', pool, (m) => m.centre, MEMBER),
      ...sectionOf('disaster', '災害ニーズ（困りごと）の報告', needs, (n) => n.referenceNo, NEED),
    ];
  },
  async openItems(db, residentId) {
    const rows = await db.need.findMany({ where: { ...ownNeeds(residentId), status: { in: OPEN_NEED } }, select: { referenceNo: true } });
    return rows.map((r) => `対応中の災害ニーズ ${r.referenceNo}（消去すると住所と連絡先がなくなります）`);
  },
  async erase(tx, { residentId }) {
    const needs = await tx.need.findMany({ where: ownNeeds(residentId), select: { id: true } });
    const ids = needs.map((n) => n.id);
    await tx.need.updateMany({ where: { id: { in: ids } }, data: { householdName: null, address: null, addressKey: null, latitude: null, longitude: null, phone: null, phoneKey: null, notes: null, workOther: null } });
    await tx.needEvent.updateMany({ where: { needId: { in: ids } }, data: { note: null } });
    await tx.needReport.updateMany({ where: { residentId }, data: { residentId: null, reporterName: null, reporterPhone: null, content: '{"erased":true}', photoIds: '[]' } });
    await tx.poolMember.updateMany({ where: { residentId }, data: { name: '', groupName: null, phone: null, emergencyContact: null, availableDates: '[]' } });
    await tx.fieldReport.updateMany({ where: { residentId }, data: { residentId: null, photoIds: '[]' } });
    await tx.fieldAlert.updateMany({ where: { residentId }, data: { residentId: null } });
  },
};
