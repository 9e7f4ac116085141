/**
 * The staff console's part of the composition root: the console modules, each with the repositories and the
 * bot's wording it needs, and the shell's own parts. `app.ts` registers the result; nothing else imports both
 * the console and the infrastructure.
 *
 * Adding a console page for a new feature: write the module in `src/console/<feature>/` and add one line to the
 * list of modules below.
 */
import type { ProcessorDeps } from './bot/process-event';
import { councilView } from './bot/council-view';
import { donationNotice } from './bot/donation-notices';
import { eventNotice } from './bot/event-notices';
import type { Translator } from './bot/i18n';
import { recipientsFor } from './bot/run-broadcasts';
import { invitationNotice, reportNotice, volunteerNotice } from './bot/volunteer-notices';
import { mount } from './console/console-module';
import type { ConsoleOptions } from './console/console-plugin';
import { auditModule } from './console/audit';
import { broadcastsModule, type BroadcastConsole } from './console/broadcasts';
import { donationsModule, type DonationConsole } from './console/donations';
import { eventsModule, type EventConsole } from './console/events';
import { homeModule } from './console/home';
import { salonsModule, type SalonConsole } from './console/salons';
import { consoleLabels, threadsModule, type ThreadsConsoleDeps } from './console/threads';
import type { ThreadActionDeps } from './usecases/threads/thread-deps';
import { volunteerRequestsModule, type VolunteerRequestConsole } from './console/volunteer-requests';
import { volunteersModule, type VolunteerConsole } from './console/volunteers';
import type { CouncilProfile } from './domain/council-profile';
import type { Clock } from './domain/ports';
import { Argon2PasswordHasher } from './infra/argon2-password-hasher';
import type { Db } from './infra/database';
import { PROJECT_ROOT } from './infra/migrations';
import { PrismaAnnualReport } from './infra/prisma-annual-report';
import { PrismaAuditLog } from './infra/prisma-audit-log';
import { broadcastRepositories, PrismaBroadcastAdmin } from './infra/prisma-broadcast-admin';
import { PrismaBroadcastStore } from './infra/prisma-broadcast-store';
import { prismaDeliveryCounts } from './infra/prisma-delivery-counts';
import { donationRepositories, PrismaAllocationBook, PrismaDonationAdmin, PrismaWantedItems } from './infra/prisma-donation-admin';
import { PrismaUnitOfWork } from './infra/prisma-unit-of-work';
import { eventRepositories, PrismaEventAdmin } from './infra/prisma-event-admin';
import { prismaMeasuresSource } from './infra/prisma-measures-source';
import { prismaQuotaRefusals } from './infra/prisma-quota-refusals';
import { prismaSafetyReplies } from './infra/prisma-safety-replies';
import { PrismaSalonChanges, salonRepositories } from './infra/prisma-salon-changes';
import { PrismaSessionStore } from './infra/prisma-session-store';
import { PrismaStaffStore } from './infra/prisma-staff-store';
import { PrismaStaffThreadStore } from './infra/prisma-staff-threads';
import { PrismaVolunteerAdmin } from './infra/prisma-volunteer-admin';
import { PrismaVolunteerRequests, volunteerRequestRepositories } from './infra/prisma-volunteer-requests';
import { threadActionDeps } from './staff-actions';

export interface ConsoleParts {
  db: Db;
  databaseUrl: string;
  profile: CouncilProfile;
  translator: Translator;
  clock: Clock;
  /** The bot's parts (renderer, step context, delivery), built after the console: staff actions reach them once running. */
  bot(): ProcessorDeps;
}

/** The console plugin's options: the shell's stores and the console modules, in the order of their navigation. */
export function composeConsole(parts: ConsoleParts): ConsoleOptions {
  const { db } = parts;
  const shared = sharedParts(parts);
  return {
    staff: new PrismaStaffStore(db),
    sessions: new PrismaSessionStore(db),
    audit: new PrismaAuditLog(db),
    hasher: new Argon2PasswordHasher(),
    clock: parts.clock,
    projectRoot: PROJECT_ROOT,
    quotaRefusals: prismaQuotaRefusals(db),
    modules: [
      mount(homeModule, { delivery: prismaDeliveryCounts(db) }),
      mount(threadsModule, threadsDeps(parts)),
      mount(auditModule, {}),
      mount(broadcastsModule, broadcastsDeps(parts, shared)),
      mount(eventsModule, eventsDeps(parts, shared)),
      mount(salonsModule, salonsDeps(parts, shared)),
      mount(volunteersModule, volunteersDeps(parts, shared)),
      mount(volunteerRequestsModule, volunteerRequestsDeps(parts, shared)),
      mount(donationsModule, donationsDeps(parts)),
    ],
  };
}

/** Parts several modules read: one repository object each, and the profile's names. */
function sharedParts({ db, profile }: ConsoleParts) {
  return {
    eventAdmin: new PrismaEventAdmin(db),
    volunteerAdmin: new PrismaVolunteerAdmin(db),
    council: councilView(profile),
    districts: named(profile.districts),
    skills: named(profile.volunteer.skills),
  };
}

type SharedParts = ReturnType<typeof sharedParts>;

/** Codes with their Japanese names, as the pages list them. */
function named(items: ReadonlyArray<{ code: string; name: string }>): Array<{ code: string; name: string }> {
  return items.map(({ code, name }) => ({ code, name }));
}

function threadsDeps({ db, profile, bot }: ConsoleParts): ThreadsConsoleDeps {
  const threads = new PrismaStaffThreadStore(db);
  let actions: ThreadActionDeps | undefined;
  return {
    threads,
    labels: consoleLabels(profile),
    actions: () => (actions ??= threadActionDeps(bot(), db)),
    measures: prismaMeasuresSource(db, profile.businessHours),
    safetyReplies: prismaSafetyReplies(db),
  };
}

function broadcastsDeps({ db, databaseUrl, profile, translator }: ConsoleParts, { eventAdmin, districts }: SharedParts): BroadcastConsole {
  const admin = new PrismaBroadcastAdmin(db);
  const followers = new PrismaBroadcastStore(db, databaseUrl);
  return {
    admin,
    quietHours: profile.messaging.quietHours,
    districts,
    salons: profile.salons.map((s) => ({ code: s.code, name: s.name, district: s.district })),
    readMore: (language) => translator.t(language, 'common:readMore'),
    events: async (now) =>
      (await eventAdmin.list())
        .filter((e) => e.status === 'open' && e.startsAt.getTime() > now.getTime())
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((e) => ({ id: e.id, title: e.title.ja, startsAt: e.startsAt })),
    useCases: {
      work: new PrismaUnitOfWork(db, broadcastRepositories),
      admin,
      estimate: async (targeting) => (await recipientsFor(followers, targeting)).length,
      monthlyPushBudget: profile.messaging.monthlyPushBudget,
    },
  };
}

function eventsDeps({ db, translator }: ConsoleParts, { eventAdmin }: SharedParts): EventConsole {
  return { admin: eventAdmin, useCases: { work: new PrismaUnitOfWork(db, eventRepositories), notices: { notice: (kind, e) => eventNotice(translator, kind, e) } } };
}

function salonsDeps({ db, profile }: ConsoleParts, { districts }: SharedParts): SalonConsole {
  const changes = new PrismaSalonChanges(db);
  return { changes, salons: profile.salons, districts, useCases: { work: new PrismaUnitOfWork(db, salonRepositories), changes } };
}

function volunteersDeps({ db }: ConsoleParts, { volunteerAdmin, skills, districts }: SharedParts): VolunteerConsole {
  const annualReport = new PrismaAnnualReport(db);
  return { admin: volunteerAdmin, activity: annualReport, hours: annualReport, skills, districts };
}

function volunteerRequestsDeps({ db, translator }: ConsoleParts, { volunteerAdmin, council, skills, districts }: SharedParts): VolunteerRequestConsole {
  return {
    admin: new PrismaVolunteerRequests(db),
    volunteers: volunteerAdmin,
    skills,
    districts,
    useCases: {
      work: new PrismaUnitOfWork(db, volunteerRequestRepositories),
      volunteers: volunteerAdmin,
      notices: {
        invitation: (r, invitationId, insured) => invitationNotice(translator, council, r, invitationId, insured),
        moved: (to, r) => volunteerNotice(translator, council, to, r),
        // When a request is done, each volunteer who took part is asked for their hours.
        report: (r, invitationId) => reportNotice(translator, council, r, invitationId),
      },
    },
  };
}

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
