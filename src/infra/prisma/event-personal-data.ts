import type { PersonalDataPart } from './personal-data';
import { NAME_MATCHES, nameOf, sectionOf, upTo } from './personal-data';

/** Event registrations: kept for the annual report (registrations, attendance) without name and phone. */
export const eventsPersonalData: PersonalDataPart = {
  feature: 'events',
  async find(db, query, cut) {
    const name = nameOf(query);
    if (!name) return [];
    const rows = upTo(await db.eventRegistration.findMany({ where: { name: { contains: name } }, select: { residentId: true, name: true }, take: NAME_MATCHES }), cut);
    return rows.map((r) => ({ residentId: r.residentId, why: `行事の申し込み（${r.name}）` }));
  },
  async collect(db, residentId) {
    const rows = await db.eventRegistration.findMany({ where: { residentId }, orderBy: { at: 'asc' }, include: { event: { select: { title: true, startsAt: true } } } });
    const flat = rows.map(({ event, ...r }) => ({ ...r, eventTitle: (JSON.parse(event.title) as { ja?: string }).ja ?? '', eventStartsAt: event.startsAt }));
    return sectionOf('events', '行事の申し込み', flat, (r) => r.eventTitle, { eventStartsAt: '行事の日時', status: '状態', at: '申し込み', name: 'お名前', phone: '電話番号' });
  },
  async erase(tx, { residentId, at }) {
    await tx.eventRegistration.updateMany({ where: { residentId }, data: { name: '', phone: null, updatedAt: at } });
  },
};
