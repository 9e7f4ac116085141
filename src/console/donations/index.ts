/**
 * Donations as a console module: the offers residents make (寄付・寄贈) and the moves staff make on them, the
 * goodwill bank's allocation plan (配分計画) with the wanted-items list, and the annual report (年次報告).
 */
import type { ConsoleModule } from '../console-module';
import { allocationRoutes, type AllocationPageView } from './allocation-routes';
import { donationRoutes, type DonationConsole, type DonationDetailView, type DonationListView } from './donation-routes';
import { reportRoutes, type ReportsView } from './report-routes';

declare module '../permissions' {
  interface ConsolePermissions {
    /**
     * Donation offers (donors' names, phone numbers, addresses): accept, decline and record what came in with its
     * receipt number; the allocation plan's allocations, the wanted-items list and the annual-report downloads.
     */
    'donation.manage': true;
  }
}

declare module '../render' {
  interface ConsoleViews {
    donations: DonationListView;
    donation: DonationDetailView;
    allocation: AllocationPageView;
    reports: ReportsView;
  }
}

export type { DonationConsole };

export const donationsModule: ConsoleModule<DonationConsole> = {
  id: 'donations',
  dir: 'src/console/donations',
  permissions: { 'donation.manage': ['coordinator'] },
  nav: [
    { href: '/console/donations', label: '寄付・寄贈', permission: 'donation.manage' },
    { href: '/console/allocation', label: '配分計画', permission: 'donation.manage' },
  ],
  routes: async (app, options) => {
    await app.register(donationRoutes, options);
    await app.register(allocationRoutes, options);
    await app.register(reportRoutes, options);
  },
};
