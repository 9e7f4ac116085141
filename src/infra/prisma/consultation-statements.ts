import type { ConsultationDraft } from '../../domain/consultation';
import type { ModuleWriter } from './module-writer';
import { attachment, forwardStatement, OPEN_THREAD } from './prisma-thread-records';
import { randomUUID } from 'node:crypto';
import { REFERRAL_CONSENT_VERSION, referralTopic } from '../../domain/topic-consent';

/** What the consultation pipeline plans (see `ConsultationWrite`). */
interface ConsultationData {
  draft?: ConsultationDraft;
  forget?: string[];
  referral?: { id: string; answer: 'yes' | 'no'; partnerCode: string; partnerName: string };
}

type Sql = (text: string, ...params: unknown[]) => void;

/**
 * Consent to a topic withdrawn: the written details and photo list of the resident's consultations in these
 * categories that are not closed are erased (a closed one is the council's record of what it did; safety alerts are
 * never touched).
 */
function forgetDetails(sql: Sql, categories: string[], now: Date): void {
  const list = categories.map((_, i) => `$${i + 3}`).join(', ');
  sql(`UPDATE "Consultation" SET "description" = '', "attachmentIds" = '[]', "updatedAt" = $2 WHERE "residentId" = $1 AND "status" <> 'closed' AND "categoryCode" IN (${list})`, now, ...categories);
}

/**
 * The resident's answer to a referral still waiting for it (and only if the consultation is theirs): the decision is
 * stored as a consent row for the partner, a yes moves the consultation to `referred` with the partner's name, and the
 * referral records its outcome and the consent it rests on. Each statement checks the referral is still `asked`, so
 * a second tap changes nothing; the referral is updated last.
 */
function answerReferral(sql: Sql, r: NonNullable<ConsultationData['referral']>, now: Date): void {
  const consentId = randomUUID();
  const asked = `SELECT rf."consultationId" FROM "Referral" rf JOIN "Consultation" c ON c."id" = rf."consultationId" WHERE rf."id" = $2 AND rf."status" = 'asked' AND c."residentId" = $1`;
  sql(
    `INSERT INTO "TopicConsent" ("id","residentId","topic","decision","version","at") SELECT $3, $1, $4, $5, $6, $7 WHERE EXISTS (${asked})`,
    r.id, consentId, referralTopic(r.partnerCode), r.answer === 'yes' ? 'granted' : 'declined', REFERRAL_CONSENT_VERSION, now,
  );
  if (r.answer === 'yes') sql(`UPDATE "Consultation" SET "status" = 'referred', "referralTarget" = $3, "closedAt" = NULL, "updatedAt" = $4 WHERE "id" IN (${asked})`, r.id, r.partnerName, now);
  sql(
    `UPDATE "Referral" SET "status" = $3, "consentId" = $4, "consentVersion" = $5, "answeredAt" = $6 WHERE "id" = $2 AND "status" = 'asked' AND "consultationId" IN (SELECT "id" FROM "Consultation" WHERE "residentId" = $1)`,
    r.id, r.answer === 'yes' ? 'referred' : 'declined', consentId, REFERRAL_CONSENT_VERSION, now,
  );
}

/**
 * The consultation module's statements for the step's transaction: the consultation, in the thread the same step
 * handed off (the engine's hand-off statements run first), with its photos kept like any attachment and shown in
 * the thread's history.
 */
export const consultationWriter: ModuleWriter = {
  module: 'consultation',
  each(db, data, c) {
    const w = data as ConsultationData;
    const ops: Array<Promise<unknown>> = [];
    const sql = (text: string, ...params: unknown[]) => ops.push(db.$executeRawUnsafe(text, c.residentId, ...params));
    if (w.forget?.length) forgetDetails(sql, w.forget, c.now);
    if (w.referral) answerReferral(sql, w.referral, c.now);
    const d = w.draft;
    if (!d) return ops;
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
