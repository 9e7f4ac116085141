import type { ConsultationDraft } from '../../domain/consultation';
import type { ModuleWriter } from './module-writer';
import { attachment, forwardStatement, OPEN_THREAD } from './prisma-thread-records';
import { randomUUID } from 'node:crypto';

/**
 * The consultation module's statements for the step's transaction: the consultation, in the thread the same step
 * handed off (the engine's hand-off statements run first), with its photos kept like any attachment and shown in
 * the thread's history.
 */
export const consultationWriter: ModuleWriter = {
  module: 'consultation',
  each(db, data, c) {
    const d = (data as { draft: ConsultationDraft }).draft;
    const ops: Array<Promise<unknown>> = [];
    const sql = (text: string, ...params: unknown[]) => ops.push(db.$executeRawUnsafe(text, c.residentId, ...params));
    // Photos sent with the description: copied like any attachment and shown in the thread's history.
    const photoIds = d.photoMessageIds.map((lineMessageId) => attachment(sql, lineMessageId, c.now));
    sql(
      'INSERT INTO "Consultation" ("id","referenceNo","residentId","conversationId","categoryCode","teamCode","forWhom","districtCode","contactMethod","phone","contactTime","urgency","description","attachmentIds","replyDueAt","createdAt","updatedAt") ' +
        `VALUES ($2, $3, $1, ${OPEN_THREAD}, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
      randomUUID(),
      d.referenceNo,
      d.categoryCode,
      d.teamCode,
      d.forWhom,
      d.districtCode,
      d.contactMethod,
      d.phone,
      d.contactTime,
      d.urgency,
      d.description,
      JSON.stringify(photoIds),
      new Date(d.replyDueAt),
      c.now,
    );
    for (const lineMessageId of d.photoMessageIds) forwardStatement(sql, { kind: 'image', lineMessageId }, c, lineMessageId);
    return ops;
  },
};
