import { randomUUID } from 'node:crypto';
import type { StoredBroadcastKind } from '../domain/broadcast';
import { replanReminder, type CancelledRegistration, type EventAdmin, type EventInput, type EventNotice, type EventSummary, type Registrant, type RegistrationStatus } from '../domain/event-registration';
import type { AuditOf } from '../domain/staff';
import type { Db, Tx } from './database';
import { promoteStatements, runStatements } from './event-registration-statements';
import { writeAudit } from './prisma-audit-log';
import { eventFields, registrationCounts, waitlistOrder } from './prisma-event-calendar';

type EventRow = Awaited<ReturnType<Db['councilEvent']['findFirstOrThrow']>>;

function columns(e: EventInput) {
  return { title: JSON.stringify(e.title), description: JSON.stringify(e.description), place: e.place, startsAt: e.startsAt, endsAt: e.endsAt, capacity: e.capacity, deadline: e.deadline };
}

/** The reminder's Broadcast row: the registrants of the event, the day before. */
function reminderRow(id: string, eventId: string, at: Date, notice: EventNotice, now: Date) {
  return { id, kind: 'event_reminder' satisfies StoredBroadcastKind, title: notice.title, content: JSON.stringify(notice.content), targeting: JSON.stringify({ events: [eventId] }), urgent: false, scheduledAt: at, status: 'scheduled', createdAt: now };
}

/**
 * Moves up as many of the waitlist as there are free places, in waitlist order, and writes each one's notice —
 * what `promoteStatements` does for one place, as two statements whatever the number of places (a capacity
 * raised from 1 to 10,000 must not queue 20,000 statements on the one connection). Nothing moves once the
 * event is cancelled or has started.
 */
function promoteAllStatements(sql: Parameters<typeof promoteStatements>[0], eventId: string, now: Date, notice: EventNotice, opId: string = randomUUID()): void {
  // max(0, …): a negative LIMIT means "no limit" in SQLite, and an event over capacity has no free place.
  const freePlaces =
    `max(0, COALESCE((SELECT "capacity" FROM "CouncilEvent" WHERE "id" = $2 AND "status" = 'open' AND "startsAt" > $3), 0) - ` +
    `(SELECT COUNT(*) FROM "EventRegistration" WHERE "eventId" = $2 AND "status" = 'registered'))`;
  sql(
    `UPDATE "EventRegistration" SET "status" = 'registered', "promotedBy" = $1, "updatedAt" = $3 WHERE "id" IN ` +
      `(SELECT "id" FROM "EventRegistration" WHERE "eventId" = $2 AND "status" = 'waitlisted' ORDER BY "at", "rowid" LIMIT ${freePlaces})`,
    opId,
    eventId,
    now,
  );
  // One notice per person moved up, to them alone, in the order they moved (rowid), as one at a time would write them.
  sql(
    'INSERT INTO "Broadcast" ("id","kind","title","content","targeting","urgent","scheduledAt","status","createdAt") ' +
      `SELECT lower(hex(randomblob(16))), 'event_notice', $1, $2, json_object('residentIds', json_array("residentId")), 0, $3, 'scheduled', $3 ` +
      `FROM "EventRegistration" WHERE "promotedBy" = $4 AND "eventId" = $5 ORDER BY "at", "rowid"`,
    notice.title,
    JSON.stringify(notice.content),
    now,
    opId,
    eventId,
  );
}

/** Council events for the console, on Prisma. */
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

  async list(): Promise<EventSummary[]> {
    return this.summaries(await this.db.councilEvent.findMany({ orderBy: [{ startsAt: 'desc' }, { id: 'asc' }], take: 200 }));
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

  async create(e: EventInput, reminder: { at: Date | null; notice: EventNotice }, createdBy: string, now: Date, audit: AuditOf<string>): Promise<string> {
    const id = randomUUID();
    const reminderId = reminder.at ? randomUUID() : null;
    await this.db.$transaction([
      this.db.councilEvent.create({ data: { id, ...columns(e), status: 'open', reminderId, createdBy, createdAt: now, updatedAt: now } }),
      ...(reminderId && reminder.at ? [this.db.broadcast.create({ data: { ...reminderRow(reminderId, id, reminder.at, reminder.notice, now), createdBy } })] : []),
      writeAudit(this.db, audit(id)),
    ]);
    return id;
  }

  async update(id: string, e: EventInput, reminder: EventNotice, promoted: EventNotice, now: Date, audit: AuditOf<{ promoted: number }>): Promise<{ promoted: number } | false> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.councilEvent.findUnique({ where: { id } });
      if (!row || row.status !== 'open') return false;
      const { count } = await tx.councilEvent.updateMany({ where: { id, status: 'open' }, data: { ...columns(e), updatedAt: now } });
      if (count !== 1) return false;
      await this.replan(tx, id, row, e, reminder, now);
      // Added places move the waiting up, as many as there is room for; the first statement's count is how many.
      const [moved = 0] = e.capacity > row.capacity ? await runStatements(tx, (sql) => promoteAllStatements(sql, id, now, promoted)) : [];
      await writeAudit(tx, audit({ promoted: moved }));
      return { promoted: moved };
    });
  }

  /** Applies {@link replanReminder} to the event's reminder, read in the edit's transaction. */
  private async replan(tx: Tx, id: string, row: EventRow, e: EventInput, notice: EventNotice, now: Date): Promise<void> {
    const current = row.reminderId ? await tx.broadcast.findUnique({ where: { id: row.reminderId }, select: { status: true, scheduledAt: true } }) : null;
    const registered = await tx.eventRegistration.count({ where: { eventId: id, status: 'registered' } });
    const plan = replanReminder(current, row.startsAt, e.startsAt, now, registered);
    const wording = { title: notice.title, content: JSON.stringify(notice.content) };
    // Only a reminder still waiting changes; the engine may have taken it meanwhile, and then it stays as sent.
    const waiting = { id: row.reminderId ?? '', status: 'scheduled' };
    if (plan.kind === 'keep') await tx.broadcast.updateMany({ where: waiting, data: wording });
    else if (plan.kind === 'move') await tx.broadcast.updateMany({ where: waiting, data: { ...wording, scheduledAt: plan.at } });
    else if (plan.kind === 'cancel') await tx.broadcast.updateMany({ where: waiting, data: { status: 'cancelled' } });
    else {
      const reminderId = randomUUID();
      await tx.broadcast.create({ data: reminderRow(reminderId, id, plan.at, notice, now) });
      await tx.councilEvent.update({ where: { id }, data: { reminderId } });
    }
  }

  async cancelEvent(id: string, notice: EventNotice, now: Date, audit: AuditOf<{ told: number }>): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      // The status moves first, conditionally: of two call-offs only one finds the event open, and the other writes
      // nothing. Whom to tell is read after it, in the same transaction, so a registration that committed before
      // is told, and one that comes after finds the event called off (and is told registration has closed).
      const { count } = await tx.councilEvent.updateMany({ where: { id, status: 'open' }, data: { status: 'cancelled', updatedAt: now } });
      if (count !== 1) return false;
      const row = await tx.councilEvent.findUniqueOrThrow({ where: { id }, select: { reminderId: true } });
      if (row.reminderId) await tx.broadcast.updateMany({ where: { id: row.reminderId, status: 'scheduled' }, data: { status: 'cancelled' } });
      const told = await tx.eventRegistration.findMany({ where: { eventId: id, status: { in: ['registered', 'waitlisted'] } }, select: { residentId: true } });
      if (told.length) {
        await tx.broadcast.create({
          data: { id: randomUUID(), kind: 'event_notice' satisfies StoredBroadcastKind, title: notice.title, content: JSON.stringify(notice.content), targeting: JSON.stringify({ residentIds: told.map((t) => t.residentId) }), urgent: false, scheduledAt: now, status: 'scheduled', createdAt: now },
        });
      }
      await writeAudit(tx, audit({ told: told.length }));
      return true;
    });
  }

  async cancelRegistration(eventId: string, registrationId: string, promoted: EventNotice, now: Date, audit: AuditOf<CancelledRegistration>): Promise<CancelledRegistration | false> {
    return this.db.$transaction(async (tx) => {
      const reg = await tx.eventRegistration.findFirst({ where: { id: registrationId, eventId, status: { in: ['registered', 'waitlisted'] } }, select: { status: true } });
      if (!reg) return false;
      const { count } = await tx.eventRegistration.updateMany({ where: { id: registrationId, status: reg.status }, data: { status: 'cancelled', promotedBy: null, updatedAt: now } });
      if (count !== 1) return false;
      const [moved = 0] = await runStatements(tx, (sql) => promoteStatements(sql, eventId, now, promoted));
      const outcome: CancelledRegistration = { was: reg.status === 'registered' ? 'registered' : 'waitlisted', promoted: moved };
      await writeAudit(tx, audit(outcome));
      return outcome;
    });
  }
}
