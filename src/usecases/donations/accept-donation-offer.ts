/** Accepting a donation offer (受け入れる): the donor is told on LINE, with the staff member's message if any. */
import type { StaffAct } from '../staff-act';
import type { DonationDeps } from './donation-deps';
import { moveOffer, type OfferMoveOutcome, type SeenOffer } from './offer-move';

export function acceptDonationOffer(deps: DonationDeps, offer: SeenOffer, message: string, by: StaffAct): Promise<OfferMoveOutcome> {
  return moveOffer(deps, offer, 'accepted', message, by);
}
