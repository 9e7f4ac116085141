import { donationsPipeline } from '../bot/donations/pipeline';
import { donationsWriter } from '../infra/donation-statements';
import { PrismaWantedItems } from '../infra/prisma-donation-admin';
import type { AppModule } from './module';

/** Donation offers: the section in LINE with the wanted items, offers stored with their photos. */
export const donationsModule: AppModule = {
  id: 'donations',
  pipeline: (d) => donationsPipeline({ wanted: new PrismaWantedItems(d.db) }),
  writer: donationsWriter,
};
