import { donationsPersonalData } from '../../infra/prisma/donation-personal-data';
import { donationsPipeline } from '../../bot/donations/pipeline';
import { donationsWriter } from '../../infra/prisma/donation-statements';
import { PrismaMyDonationOffers } from '../../infra/prisma/prisma-my-donation-offers';
import { PrismaWantedItems } from '../../infra/prisma/prisma-donation-admin';
import { donationNotice } from '../../bot/donations/notices';
import { mount } from '../../console/console-module';
import { donationsModule as donationsConsole, type DonationConsole } from '../../console/donations';
import { named, type ConsoleParts } from '../console-parts';
import { donationRepositories, PrismaAllocationBook, PrismaDonationAdmin } from '../../infra/prisma/prisma-donation-admin';
import { PrismaUnitOfWork } from '../../infra/prisma/prisma-unit-of-work';
import type { AppModule } from './module';

/** Donation offers: the section in LINE with the wanted items, offers stored with their photos. */
export const donationsModule: AppModule = {
  id: 'donations',
  personalData: donationsPersonalData,
  pipeline: (d) => donationsPipeline({ wanted: new PrismaWantedItems(d.db), offers: new PrismaMyDonationOffers(d.db) }),
  writer: donationsWriter,
  console: (parts) => [mount(donationsConsole, parts.live(() => donationsDeps(parts)))],
};

function donationsDeps({ db, profile, translator }: ConsoleParts): DonationConsole {
  const plans = (profile.donations?.allocationPlans ?? []).map((plan) => ({ fiscalYear: plan.fiscalYear, purposes: plan.purposes.map((p) => ({ code: p.code, name: p.name, budgetYen: p.budgetYen })) }));
  return {
    admin: new PrismaDonationAdmin(db),
    allocations: new PrismaAllocationBook(db),
    wanted: new PrismaWantedItems(db),
    plans,
    slots: named(profile.donations?.slots ?? []),
    foodCategories: profile.donations ? named([...profile.donations.foodRules.accepted, ...profile.donations.foodRules.refused]) : [],
    useCases: { work: new PrismaUnitOfWork(db, donationRepositories), notices: { moved: (move, s) => donationNotice(translator, move, s) }, plans },
  };
}