import { randomUUID } from 'node:crypto';
import type { Page, Paged } from '../../domain/paging';
import type { StoredBroadcastKind } from '../../domain/broadcast';
import type { EventAdmin, EventInput, EventRepositories, EventRepository, EventState, EventSummary, Registrant, RegistrationStatus, ReminderPlan, ReminderState } from '../../domain/event-registration';
import type { Notice } from '../../domain/notice';
import type { Db, Tx } from './database';
import { lockEvent, promoteStatements, runStatements } from './event-registration-statements';
import { oneResidentTargeting } from './targeting-sql';
import { PrismaAuditLog } from './prisma-audit-log';
import { PrismaPersonalNotices } from './prisma-personal-notices';
import { eventFields, registrationCounts, waitlistOrder } from './prisma-event-calendar';

type EventRow = Awaited<ReturnType<Db['councilEvent']['findFirstOrThrow']>>;

function columns(e: EventInput) {
  return { title: JSON.stringify(e.title), description: JSON.stringify(e.description), place: e.place, startsAt: e.startsAt, endsAt: e.endsAt, capacity: e.capacity, deadline: e.deadline };
}

/** The reminder's Broadcast row: the registrants of the event, the day before. */
function reminderRow(id: string, eventId: string, at: Date, notice: Notice, now: Date) {
  return { id, kind: 'event_reminder' satisfies StoredBroadcastKind, title: notice.title, content: JSON.stringify(notice.content), targeting: JSON.stringify({ events: [eventId] }), urgent: false, scheduledAt: at, status: 'scheduled', createdAt: now };
}

/**
 * Moves up as many of the waitlist as there are free places, in waitlist order, and writes each one's notice —
 * what `promoteStatements` does for one place, as two statements whatever the number of places (a capacity
 * raised from 1 to 10,000 must not queue 20,000 statements on the one connection). Nothing moves once the
 * event is cancelled or has started.
 */
function promoteAllStatements(sql: Parameters<typeof promoteStatements>[0], eventId: string, now: Date, notice: Notice, opId: string = randomUUID()): void {
  // At least 0: a negative LIMIT means "no limit" in SQLite (PostgreSQL refuses it), and an event over capacity has
  // no free place.
  const atLeastZero = sql.kind === 'postgresql' ? 'GREATEST' : 'max';
  const freePlaces =
    `${atLeastZero}(0, COALESCE((SELECT "capacity" FROM "CouncilEvent" WHERE "id" = $2 AND "status" = 'open' AND "startsAt" > $3), 0) - ` +
    `(SELECT COUNT(*) FROM "EventRegistration" WHERE "eventId" = $2 AND "status" = 'registered'))`;
  sql(
    `UPDATE "EventRegistration" SET "status" = 'registered', "promotedBy" = $1, "updatedAt" = $3 WHERE "id" IN ` +
      `(SELECT "id" FROM "EventRegistration" WHERE "eventId" = $2 AND "status" = 'waitlisted' ORDER BY "at", "id" LIMIT ${freePlaces})`,
    opId,
    eventId,
    now,
  );
  // One notice per person moved up, to them alone, in the order they moved, as one at a time would write them.
  const newId = sql.kind === 'postgresql' ? 'gen_random_uuid()::text' : 'lower(hex(randomblob(16)))';
  sql(
    'INSERT INTO "Broadcast" ("id","kind","title","content","targeting","urgent","scheduledAt","status","createdAt") ' +
      `SELECT ${newId}, 'event_notice', $1, $2, ${oneResidentTargeting(sql.kind, '"residentId"')}, false, $3, 'scheduled', $3 ` +
      `FROM "EventRegistration" WHERE "promotedBy" = $4 AND "eventId" = $5 ORDER BY "at", "id"`,
    notice.title,
    JSON.stringify(notice.content),
    now,
    opId,
    eventId,
  );
}

/** Council events as the console's pages read them, on Prisma. */
export class PrismaEventAdmin implements EventAdmin {
  constructor(private readonly db: Db) {}

  private async summaries(rows: EventRow[]): Promise<EventSummary[]> {
    const count = await registrationCounts(this.db, rows.map((r) => r.id));
    const reminderIds = rows.flatMap((r) => (r.reminderId ? [r.reminderId] : []));
    const reminders = reminderIds.length ? await this.db.broadcast.findMany({ where: { id: { in: reminderIds } }, select: { id: true, status: true, scheduledAt: true } }) : [];
    return rows.map((r) => ({
      ...eventFields(r),
      status: r.status === 'cancelled' ? 'cancelled' : 'open',
      registered: count(r.id, 'registered'),
      waitlisted: count(r.id, 'waitlisted'),
      reminder: reminders.find((b) => b.id === r.reminderId) ?? null,
    }));
  }

  async list(page: Page): Promise<Paged<EventSummary>> {
    const [rows, total] = await Promise.all([this.db.councilEvent.findMany({ orderBy: [{ startsAt: 'desc' }, { id: 'desc' }], skip: page.offset, take: page.limit }), this.db.councilEvent.count()]);
    return { rows: await this.summaries(rows), total };
  }

  async upcoming(now: Date): Promise<EventSummary[]> {
    return this.summaries(await this.db.councilEvent.findMany({ where: { status: 'open', startsAt: { gt: now } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] }));
  }

  async get(id: string): Promise<(EventSummary & { registrants: Registrant[] }) | null> {
    const row = await this.db.councilEvent.findUnique({ where: { id } });
    if (!row) return null;
    const [summary] = await this.summaries([row]);
    const regs = await this.db.eventRegistration.findMany({ where: { eventId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    const queue = (await waitlistOrder(this.db, [id])).map((q) => q.id);
    const order: Record<string, number> = { registered: 0, waitlisted: 1, cancelled: 2 };
    const registrants = regs
      .map((r) => ({ id: r.id, name: r.name, phone: r.phone, status: r.status as RegistrationStatus, at: r.at, position: r.status === 'waitlisted' ? queue.indexOf(r.id) + 1 : null }))
      .sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3) || (a.position ?? 0) - (b.position ?? 0));
    return { ...summary!, registrants };
  }
}

/** Council events as the event use cases change them, on a unit of work's transaction (or the client). */
export class PrismaEventRepository implements EventRepository {
  constructor(private readonly db: Db | Tx) {}

  async state(id: string): Promise<EventState | null> {
    const row = await this.db.councilEvent.findUnique({ where: { id }, select: { status: true, startsAt: true, capacity: true, reminderId: true } });
    return row ? { status: row.status === 'cancelled' ? 'cancelled' : 'open', startsAt: row.startsAt, capacity: row.capacity, reminderId: row.reminderId } : null;
  }

  async create(e: EventInput, reminder: { at: Date; notice: Notice } | null, createdBy: string, at: Date): Promise<string> {
    const id = randomUUID();
    const reminderId = reminder ? randomUUID() : null;
    await this.db.councilEvent.create({ data: { id, ...columns(e), status: 'open', reminderId, createdBy, createdAt: at, updatedAt: at } });
    if (reminderId && reminder) await this.db.broadcast.create({ data: { ...reminderRow(reminderId, id, reminder.at, reminder.notice, at), createdBy } });
    return id;
  }

  async update(id: string, e: EventInput, at: Date): Promise<boolean> {
    const { count } = await this.db.councilEvent.updateMany({ where: { id, status: 'open' }, data: { ...columns(e), updatedAt: at } });
    return count === 1;
  }

  async reminder(reminderId: string): Promise<ReminderState | null> {
    return this.db.broadcast.findUnique({ where: { id: reminderId }, select: { status: true, scheduledAt: true } });
  }

  async registeredCount(id: string): Promise<number> {
    return this.db.eventRegistration.count({ where: { eventId: id, status: 'registered' } });
  }

  async applyReminderPlan(eventId: string, reminderId: string | null, plan: ReminderPlan, notice: Notice, at: Date): Promise<void> {
    const wording = { title: notice.title, content: JSON.stringify(notice.content) };
    // Only a reminder still waiting changes; the engine may have taken it meanwhile, and then it stays as sent.
    const waiting = { id: reminderId ?? '', status: 'scheduled' };
    if (plan.kind === 'keep') await this.db.broadcast.updateMany({ where: waiting, data: wording });
    else if (plan.kind === 'move') await this.db.broadcast.updateMany({ where: waiting, data: { ...wording, scheduledAt: plan.at } });
    else if (plan.kind === 'cancel') await this.db.broadcast.updateMany({ where: waiting, data: { status: 'cancelled' } });
    else {
      const newId = randomUUID();
      await this.db.broadcast.create({ data: reminderRow(newId, eventId, plan.at, notice, at) });
      await this.db.councilEvent.update({ where: { id: eventId }, data: { reminderId: newId } });
    }
  }

  async promoteWaitlisted(eventId: string, notice: Notice, at: Date): Promise<number> {
    // The first statement's count is how many moved up.
    await runStatements(this.db, (sql) => lockEvent(sql, eventId));
    const [moved = 0] = await runStatements(this.db, (sql) => promoteAllStatements(sql, eventId, at, notice));
    return moved;
  }

  async callOff(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.councilEvent.updateMany({ where: { id, status: 'open' }, data: { status: 'cancelled', updatedAt: at } });
    return count === 1;
  }

  async withdrawReminder(id: string): Promise<void> {
    const row = await this.db.councilEvent.findUniqueOrThrow({ where: { id }, select: { reminderId: true } });
    if (row.reminderId) await this.db.broadcast.updateMany({ where: { id: row.reminderId, status: 'scheduled' }, data: { status: 'cancelled' } });
  }

  async residentsRegistered(id: string): Promise<string[]> {
    const told = await this.db.eventRegistration.findMany({ where: { eventId: id, status: { in: ['registered', 'waitlisted'] } }, select: { residentId: true } });
    return told.map((t) => t.residentId);
  }

  async registrationStatus(eventId: string, registrationId: string): Promise<'registered' | 'waitlisted' | null> {
    const reg = await this.db.eventRegistration.findFirst({ where: { id: registrationId, eventId, status: { in: ['registered', 'waitlisted'] } }, select: { status: true } });
    return reg ? (reg.status === 'registered' ? 'registered' : 'waitlisted') : null;
  }

  async cancelRegistration(registrationId: string, was: 'registered' | 'waitlisted', at: Date): Promise<boolean> {
    const { count } = await this.db.eventRegistration.updateMany({ where: { id: registrationId, status: was }, data: { status: 'cancelled', promotedBy: null, updatedAt: at } });
    return count === 1;
  }

  async promoteFirstWaitlisted(eventId: string, notice: Notice, at: Date): Promise<number> {
    await runStatements(this.db, (sql) => lockEvent(sql, eventId));
    const [moved = 0] = await runStatements(this.db, (sql) => promoteStatements(sql, eventId, at, notice));
    return moved;
  }
}

/** The event use cases' repositories on one transaction. */
export function eventRepositories(tx: Tx): EventRepositories {
  return { events: new PrismaEventRepository(tx), notices: new PrismaPersonalNotices(tx), audit: new PrismaAuditLog(tx) };
}
