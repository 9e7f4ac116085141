/**
 * What accepting, declining and recording the arrival of a donation offer share: the move checked against the
 * status staff saw and again in the transaction, the message to the donor, the donor's notice and the audit row,
 * written together. Used by the three use cases beside it.
 */
import { canMoveDonation, fiscalYearAt, receiptNumber, receiptSeq, type DonationMove } from '../../domain/donation-admin';
import type { DonationStatus } from '../../domain/donation';
import { auditOf, type StaffAct } from '../staff-act';
import type { DonationDeps } from './donation-deps';

/** The longest message to the donor. */
export const DONOR_MESSAGE_MAX = 200;

/** The offer as staff saw it when they chose the move. */
export interface SeenOffer {
  id: string;
  status: DonationStatus;
}

export type OfferMoveOutcome =
  | { ok: true; receiptNo: string | null }
  /** A decline without a message (the donor must be told why). */
  | { ok: false; refused: 'messageRequired' }
  | { ok: false; refused: 'messageTooLong'; length: number }
  /** The move is not allowed from the status staff saw. */
  | { ok: false; refused: 'notAllowed' }
  /** The offer was gone or moved by someone else by the time the move was written: nothing was. */
  | { ok: false; refused: 'changedMeanwhile' };

/** Moves the offer `to`, with `message` (may be empty) for the donor. */
export async function moveOffer(deps: DonationDeps, offer: SeenOffer, to: DonationMove, message: string, by: StaffAct): Promise<OfferMoveOutcome> {
  if (message.length > DONOR_MESSAGE_MAX) return { ok: false, refused: 'messageTooLong', length: message.length };
  if (!canMoveDonation(offer.status, to)) return { ok: false, refused: 'notAllowed' };
  return deps.work.run(async ({ offers, notices, audit }) => {
    const row = await offers.get(offer.id);
    if (!row || !canMoveDonation(row.status, to)) return { ok: false, refused: 'changedMeanwhile' };
    let receiptNo: string | null = null;
    if (to === 'received_goods') {
      // The next number of the fiscal year; the unique index on receiptNo guards against a duplicate.
      const fy = fiscalYearAt(by.at);
      const issued = await offers.receiptNumbers(fy);
      receiptNo = receiptNumber(fy, Math.max(0, ...issued.map((n) => receiptSeq(n, fy) ?? 0)) + 1);
    }
    if (!(await offers.move(row.id, row.status, { to, staffMessage: message || null, receiptNo, at: by.at }))) return { ok: false, refused: 'changedMeanwhile' };
    await notices.add({
      kind: 'donation_notice',
      notice: deps.notices.moved(to, { referenceNo: row.referenceNo, kind: row.kind, message: message || null, receiptNo }),
      residentIds: [row.residentId],
      at: by.at,
      createdBy: by.staffId,
    });
    // The message is text the donor reads: only its length goes into the log.
    await audit.record(
      auditOf(by, {
        action: 'donation.status',
        subjectType: 'donationOffer',
        subjectId: row.id,
        residentId: row.residentId,
        detail: { from: offer.status, to, ...(receiptNo ? { receiptNo } : {}), ...(message ? { messageLength: message.length } : {}) },
      }),
    );
    return { ok: true, receiptNo };
  });
}
