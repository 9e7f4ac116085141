import type { WantedItemSource } from '../../domain/donation-admin';
import type { NewDonationOffer } from '../../domain/donation';
import { donationsFlowModule } from '../../flows/donate';
import type { DonationEffect, DonationsContext } from '../../flows/donate/module-context';
import type { PipelineModule } from '../pipeline/module-contract';

/** What the donations module writes with a step. */
export interface DonationsWrite {
  offer: NewDonationOffer;
}

/**
 * Donation offers in processing: the public wanted-items list is loaded for whoever opens the section, and an
 * offer is stored with its appliance photo copied from LINE.
 */
export function donationsPipeline(deps: { wanted: WantedItemSource }): PipelineModule {
  return {
    flow: donationsFlowModule,
    async load() {
      const context: DonationsContext = { wanted: (await deps.wanted.activeWantedItems()).map((w) => ({ name: w.name, note: w.note })) };
      return () => context;
    },
    plan(effects) {
      const offer = (effects as DonationEffect[]).find((e) => e.type === 'submitDonationOffer')?.offer;
      if (!offer) return null;
      const data: DonationsWrite = { offer };
      return { data, ...(offer.photoMessageId ? { attachments: [offer.photoMessageId] } : {}) };
    },
  };
}
