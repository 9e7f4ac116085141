import { randomUUID } from 'node:crypto';
import type { NewDonationOffer } from '../../domain/donation';
import type { StepCommit } from '../../domain/stores';
import type { Db } from './database';
import type { ModuleWriter } from './module-writer';

/**
 * The statements that write one commit's donation offer, for the caller's transaction: the appliance photo's
 * `Attachment` row (pending, copied from LINE right after the commit, as a consultation's photos are), the
 * `DonationOffer` naming that attachment, and its food items with the verdict the donor was told.
 */
function donationStatements(db: Db, o: NewDonationOffer, c: StepCommit): Array<Promise<unknown>> {
  const ops: Array<Promise<unknown>> = [];
  const offerId = randomUUID();
  if (o.photoMessageId) {
    // A replayed event finds the row already there; the offer below names whichever row holds the message.
    ops.push(
      db.$executeRawUnsafe(
        'INSERT INTO "Attachment" ("id","residentId","lineMessageId","status","createdAt") VALUES ($1, $2, $3, \'pending\', $4) ON CONFLICT ("lineMessageId") DO NOTHING',
        randomUUID(),
        c.residentId,
        o.photoMessageId,
        c.now,
      ),
    );
  }
  ops.push(
    db.$executeRawUnsafe(
      'INSERT INTO "DonationOffer" ("id","referenceNo","residentId","kind","purposeCode","amountYen","description","itemSize","itemAge","itemCondition","photoAttachmentId","name","phone","slot","address","status","createdAt","updatedAt") ' +
        `VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, (SELECT "id" FROM "Attachment" WHERE "lineMessageId" = $11), $12, $13, $14, $15, 'received', $16, $16)`,
      offerId,
      o.referenceNo,
      c.residentId,
      o.kind,
      o.purposeCode,
      o.amountYen,
      o.description,
      o.itemSize,
      o.itemAge,
      o.itemCondition,
      o.photoMessageId,
      o.name,
      o.phone,
      o.slot,
      o.address,
      c.now,
    ),
  );
  if (o.items.length) {
    ops.push(
      db.donationItem.createMany({
        data: o.items.map((item, position) => ({ offerId, position, category: item.category, unopened: item.unopened, bestBefore: item.bestBefore, accepted: item.accepted, refusedReason: item.refusedReason })),
      }),
    );
  }
  return ops;
}

/** The donations module's statements for the step's transaction: a donation offer. */
export const donationsWriter: ModuleWriter = {
  module: 'donations',
  each: (db, data, c) => donationStatements(db, (data as { offer: NewDonationOffer }).offer, c),
};
