import type { WantedItemSource } from '../../domain/donation-admin';
import type { MyDonationOfferSource, NewDonationOffer } from '../../domain/donation';
import { donationsFlowModule } from '../../flows/donate';
import type { DonationEffect, DonationsContext } from '../../flows/donate/module-context';
import type { PipelineModule } from '../pipeline/module-contract';

/** What the donations module writes with a step. */
export interface DonationsWrite {
  offer: NewDonationOffer;
}

/**
 * Donation offers in processing: the public wanted-items list is loaded for whoever opens the section, and an
 * offer is stored with its appliance photo copied from LINE; a donor's open offers are loaded when they ask for わたしの申し込み.
 */
export function donationsPipeline(deps: { wanted: WantedItemSource; offers: MyDonationOfferSource }): PipelineModule {
  return {
    flow: donationsFlowModule,
    async load(_residentIds, _now, asking) {
      const [wanted, offers] = await Promise.all([deps.wanted.activeWantedItems(), asking.length ? deps.offers.openOf(asking) : new Map<string, never[]>()]);
      const context: DonationsContext = { wanted: wanted.map((w) => ({ name: w.name, note: w.note })) };
      return (residentId): DonationsContext => ({ ...context, offers: offers.get(residentId) ?? [] });
    },
    plan(effects) {
      const offer = (effects as DonationEffect[]).find((e) => e.type === 'submitDonationOffer')?.offer;
      if (!offer) return null;
      const data: DonationsWrite = { offer };
      return { data, ...(offer.photoMessageId ? { attachments: [offer.photoMessageId] } : {}) };
    },
  };
}
