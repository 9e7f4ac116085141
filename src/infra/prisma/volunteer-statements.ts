import type { VolunteersWrite } from '../../domain/volunteer';
import { ERASED_NAME } from '../../domain/volunteer';
import type { Db } from './database';
import { collector } from './event-registration-statements';
import { answerStatements, matchedStatements } from './invitation-statements';
import type { ModuleWriter } from './module-writer';
import { volunteerColumns } from './prisma-volunteers';

/**
 * The statements that end a resident's volunteer registration when they withdraw consent, for the caller's
 * transaction: the personal fields blanked (the name to {@link ERASED_NAME}), invitations still waiting withdrawn
 * — and acceptances of requests still looking, whose requester has not been given the name — and the notes
 * written with reported hours removed. The hours stay: the annual report counts them, without a name.
 */
export function volunteerErasure(db: Pick<Db, '$executeRawUnsafe' | 'volunteer'>, residentId: string, now: Date): Array<Promise<unknown>> {
  const mine = `"volunteerId" = (SELECT "id" FROM "Volunteer" WHERE "residentId" = $1)`;
  return [
    db.$executeRawUnsafe(
      `UPDATE "VolunteerInvitation" SET "status" = 'withdrawn' WHERE ${mine} AND ("status" = 'invited' OR ` +
        `("status" = 'accepted' AND "requestId" IN (SELECT "id" FROM "VolunteerRequest" WHERE "status" = 'received')))`,
      residentId,
    ),
    db.$executeRawUnsafe(`UPDATE "VolunteerInvitation" SET "report" = NULL WHERE ${mine} AND "report" IS NOT NULL`, residentId),
    db.volunteer.updateMany({
      where: { residentId },
      data: { name: ERASED_NAME, phone: null, districtCode: null, skills: '[]', availability: '{}', insuranceFiscalYear: null, insurancePlan: null, insuranceEnrolledOn: null, status: 'left', erasedAt: now, updatedAt: now },
    }),
    // An earlier leaving keeps its date.
    db.volunteer.updateMany({ where: { residentId, leftAt: null }, data: { leftAt: now } }),
  ];
}

/**
 * The volunteers module's statements for the step's transaction: a registration saved, paused, resumed, ended or
 * erased; hours and a note reported; a request for help; an answer to an invitation; and, after every answer of the
 * batch, the requests whose places those answers filled.
 */
export const volunteersWriter: ModuleWriter = {
  module: 'volunteers',
  each(db, data, c) {
    const w = data as VolunteersWrite;
    const ops: Array<Promise<unknown>> = [];
    if (w.answer) answerStatements(collector(db, ops), { residentId: c.residentId, now: c.now, ...w.answer });
    const v = w.volunteer;
    if (v?.erase) {
      ops.push(...volunteerErasure(db, c.residentId, c.now));
    } else if (v?.save) {
      const columns = { ...volunteerColumns(v.save), updatedAt: c.now, leftAt: null, erasedAt: null };
      ops.push(db.volunteer.upsert({ where: { residentId: c.residentId }, create: { residentId: c.residentId, ...columns, registeredAt: c.now }, update: columns }));
    } else if (v?.status) {
      ops.push(db.volunteer.updateMany({ where: { residentId: c.residentId }, data: { status: v.status, updatedAt: c.now, ...(v.status === 'left' ? { leftAt: c.now } : {}) } }));
    }
    const a = w.report;
    if (a) {
      // Only for an invitation this resident accepted.
      ops.push(
        db.$executeRawUnsafe(
          'UPDATE "VolunteerInvitation" SET "hours" = COALESCE($3, "hours"), "report" = COALESCE($4, "report"), "reportedAt" = $5 ' +
            `WHERE "id" = $2 AND "status" = 'accepted' AND "volunteerId" = (SELECT "id" FROM "Volunteer" WHERE "residentId" = $1)`,
          c.residentId,
          a.invitationId,
          a.hours ?? null,
          a.note ?? null,
          c.now,
        ),
      );
    }
    const r = w.request;
    if (r) ops.push(db.volunteerRequest.create({ data: { ...r, location: r.location ? JSON.stringify(r.location) : null, residentId: c.residentId, status: 'received', createdAt: c.now, updatedAt: c.now } }));
    return ops;
  },
  afterAll(db, items) {
    // Requests whose places the answers filled: written after every answer of the batch.
    const ops: Array<Promise<unknown>> = [];
    for (const { data, c } of items) {
      const answer = (data as VolunteersWrite).answer;
      if (answer) matchedStatements(collector(db, ops), { residentId: c.residentId, now: c.now, ...answer });
    }
    return ops;
  },
};
