import type { EventCalendar, EventText, EventView, MyRegistration } from '../../domain/event-registration';
import type { SalonChange } from '../../domain/salon-schedule';
import type { Db } from './database';

/** Reads a stored per-language text (JSON with Japanese at least). */
export function eventText(json: string): EventText {
  const v = JSON.parse(json) as Partial<EventText>;
  return { ...v, ja: typeof v.ja === 'string' ? v.ja : '' } as EventText;
}

/** The waitlists of these events in the order promotions follow: time of joining, then id. */
export async function waitlistOrder(db: Db, eventIds: string[]): Promise<Array<{ id: string; eventId: string }>> {
  const marks = eventIds.map((_, i) => `$${i + 1}`).join(', ');
  return db.$queryRawUnsafe(`SELECT "id", "eventId" FROM "EventRegistration" WHERE "status" = 'waitlisted' AND "eventId" IN (${marks}) ORDER BY "at", "id"`, ...eventIds);
}

type EventRow = Awaited<ReturnType<Db['councilEvent']['findFirstOrThrow']>>;

/** A stored event's own fields as the domain reads them. */
export function eventFields(r: EventRow) {
  return { id: r.id, title: eventText(r.title), description: eventText(r.description), place: r.place, startsAt: r.startsAt, endsAt: r.endsAt, deadline: r.deadline, capacity: r.capacity };
}

/** Registrations per event and status, as a lookup (0 when none). */
export async function registrationCounts(db: Db, eventIds: string[]): Promise<(eventId: string, status: string) => number> {
  const counts = eventIds.length ? await db.eventRegistration.groupBy({ by: ['eventId', 'status'], where: { eventId: { in: eventIds } }, _count: { _all: true } }) : [];
  return (eventId, status) => counts.find((c) => c.eventId === eventId && c.status === status)?._count._all ?? 0;
}

/** Upcoming council events and residents' places, on Prisma. */
export class PrismaEventCalendar implements EventCalendar {
  constructor(private readonly db: Db) {}

  async upcoming(now: Date): Promise<EventView[]> {
    const rows = await this.db.councilEvent.findMany({ where: { status: 'open', startsAt: { gt: now } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] });
    if (!rows.length) return [];
    const count = await registrationCounts(this.db, rows.map((r) => r.id));
    return rows.map((r) => ({ ...eventFields(r), registered: count(r.id, 'registered'), waitlisted: count(r.id, 'waitlisted') }));
  }

  async placesOf(residentIds: string[], now: Date): Promise<Map<string, MyRegistration[]>> {
    const out = new Map<string, MyRegistration[]>();
    if (!residentIds.length) return out;
    const mine = await this.db.eventRegistration.findMany({
      where: { residentId: { in: residentIds }, status: { in: ['registered', 'waitlisted'] }, event: { status: 'open', startsAt: { gt: now } } },
      orderBy: { event: { startsAt: 'asc' } },
    });
    const waiting = mine.filter((m) => m.status === 'waitlisted');
    // A waitlist position: how many wait on the same event from earlier (the order promotions follow).
    const queues = waiting.length ? await waitlistOrder(this.db, [...new Set(waiting.map((w) => w.eventId))]) : [];
    for (const m of mine) {
      const position = m.status === 'waitlisted' ? queues.filter((q) => q.eventId === m.eventId).findIndex((q) => q.id === m.id) + 1 : null;
      const list = out.get(m.residentId) ?? [];
      list.push({ eventId: m.eventId, status: m.status as MyRegistration['status'], position });
      out.set(m.residentId, list);
    }
    return out;
  }

  async salonChanges(fromDate: string): Promise<SalonChange[]> {
    const rows = await this.db.salonChange.findMany({ where: { date: { gte: fromDate } }, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }] });
    return rows.map((r) => ({ id: r.id, salon: r.salonCode, date: r.date, kind: r.kind as SalonChange['kind'], start: r.start, end: r.end, note: r.note }));
  }
}
