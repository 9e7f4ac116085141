/**
 * Recording that an accepted gift came in (受け取った): it gets the fiscal year's next receipt number
 * (`R-YYYY-NNNN`), which the donor is told on LINE.
 */
import type { StaffAct } from '../staff-act';
import type { DonationDeps } from './donation-deps';
import { moveOffer, type OfferMoveOutcome, type SeenOffer } from './offer-move';

export function recordDonationArrival(deps: DonationDeps, offer: SeenOffer, message: string, by: StaffAct): Promise<OfferMoveOutcome> {
  return moveOffer(deps, offer, 'received_goods', message, by);
}
