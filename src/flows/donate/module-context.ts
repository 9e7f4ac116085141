import type { MyDonationOffer, NewDonationOffer } from '../../domain/donation';
import { moduleContext, moduleEffect, type ModuleEffect } from '../engine/module';
import type { FlowContext } from '../engine/types';

/** The donations module's id: its context key, its effects' owner. */
export const DONATIONS = 'donations';

/** What the donation section's steps read: the council's public wanted-items list. */
export interface DonationsContext {
  wanted: Array<{ name: string; note: string | null }>;
  /** The resident's open offers, loaded when they ask for わたしの申し込み. */
  offers?: MyDonationOffer[];
}

/** The donations module's effects. */
export type DonationEffect = { type: 'submitDonationOffer'; offer: NewDonationOffer };

export function donationsContext(ctx: FlowContext): DonationsContext {
  return moduleContext<DonationsContext>(ctx, DONATIONS, { wanted: [] });
}

export function donationEffect(effect: DonationEffect): ModuleEffect<DonationEffect> {
  return moduleEffect(DONATIONS, effect);
}
