/** Declining a donation offer (お断りする): the donor is told on LINE why, so a message is required. */
import type { StaffAct } from '../staff-act';
import type { DonationDeps } from './donation-deps';
import { moveOffer, type OfferMoveOutcome, type SeenOffer } from './offer-move';

export function declineDonationOffer(deps: DonationDeps, offer: SeenOffer, message: string, by: StaffAct): Promise<OfferMoveOutcome> {
  if (!message) return Promise.resolve({ ok: false, refused: 'messageRequired' });
  return moveOffer(deps, offer, 'declined', message, by);
}
