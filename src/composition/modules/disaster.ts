import { randomInt } from 'node:crypto';
import { placeNotice } from '../../bot/disaster/place-notices';
import { mount } from '../../console/console-module';
import { disasterModule as disasterConsole, type DisasterConsole } from '../../console/disaster';
import { PrismaDisasterAdmin, disasterRepositories } from '../../infra/prisma/prisma-disaster-admin';
import { PrismaUnitOfWork } from '../../infra/prisma/prisma-unit-of-work';
import type { DisasterJobDeps, MenuName } from '../../usecases/disaster/disaster-deps';
import { drawDueDays } from '../../usecases/disaster/draw-due-days';
import { offerReleasedPlaces } from '../../usecases/disaster/offer-released-places';
import { named, type ConsoleParts, type SharedParts } from '../console-composition';
import type { AppModule, ModuleDeps } from './module';

/** What the disaster module is wired with besides the module parts: the LINE menu switch, and randomness. */
export interface DisasterWiring {
  /** Switches every resident's LINE menu (`switchRichMenu` of src/bot/rich-menu, over the LINE adapter). */
  richMenu(to: MenuName): Promise<void>;
  /** Values in [0, 1): draw seeds and check-in codes. */
  random(): number;
}

const RANDOM_RANGE = 2 ** 47;

/** Cryptographic randomness in [0, 1): nobody can foresee a draw's seed or a day's check-in code. */
export function secureRandom(): number {
  return randomInt(RANDOM_RANGE) / RANDOM_RANGE;
}

/**
 * The LINE menu switch until `switchRichMenu` (src/bot/rich-menu) is wired here: it refuses, so the centre's page
 * says the menu was not switched and offers to try again, rather than claim a switch that did not happen.
 */
async function menuSwitchNotWired(to: MenuName): Promise<void> {
  throw new Error(`switching the LINE menu to "${to}" is not wired yet`);
}

/**
 * The disaster volunteer centre: its console pages (centres, pool, dates, reception) and its jobs (the draw when
 * a window closes; releasing places not reconfirmed and offering them to the waitlist). `wiring` lets tests record
 * the menu switches and fix the randomness.
 */
export function disasterModuleWith(wiring: DisasterWiring): AppModule {
  return {
    id: 'disaster',
    // The LINE side (flows, pipeline, writer) comes with the disaster flow; until then the module adds no flow.
    pipeline: () => ({ flow: { id: 'disaster', flows: [], postbackKeys: [] } }),
    console: (parts, shared) => (parts.profile.disaster ? [mount(disasterConsole, disasterDeps(parts, shared, wiring))] : []),
    jobs: (d) => {
      const deps = jobDeps(d, wiring);
      return [
        {
          name: 'disaster centre: draw dates whose window closed',
          every: 'minute',
          async run() {
            const drawn = await drawDueDays(deps, d.clock.now());
            if (drawn) d.logger.info({ drawn }, 'disaster centre: dates drawn');
          },
        },
        {
          name: 'disaster centre: release places not reconfirmed, offer them to the waitlist',
          every: 'minute',
          async run() {
            const { released, offered } = await offerReleasedPlaces(deps, d.clock.now());
            if (released || offered) d.logger.info({ released, offered }, 'disaster centre: places released and offered');
          },
        },
      ];
    },
  };
}

export const disasterModule: AppModule = disasterModuleWith({ richMenu: menuSwitchNotWired, random: secureRandom });

function jobDeps(d: ModuleDeps, wiring: DisasterWiring): DisasterJobDeps {
  return {
    work: new PrismaUnitOfWork(d.db, disasterRepositories),
    notices: { place: (kind, subject, applicationId) => placeNotice(d.translator, kind, subject, applicationId) },
    random: wiring.random,
    monthlyPushBudget: d.profile.messaging.monthlyPushBudget,
    quietHours: d.profile.messaging.quietHours,
  };
}

function disasterDeps({ db, profile }: ConsoleParts, { districts }: SharedParts, wiring: DisasterWiring): DisasterConsole {
  const disaster = profile.disaster!;
  return {
    admin: new PrismaDisasterAdmin(db),
    useCases: { work: new PrismaUnitOfWork(db, disasterRepositories), richMenu: wiring.richMenu, random: wiring.random },
    districts,
    skills: named(disaster.skills),
    disasterPlans: [...disaster.insurance.disasterPlans],
    lineBasicId: disaster.lineBasicId,
    monthlyPushBudget: profile.messaging.monthlyPushBudget,
    quietHours: profile.messaging.quietHours,
  };
}
