/**
 * What the console's part of the composition gives every console module: the parts it is built from
 * (`ConsoleParts`) and the parts several modules read (`SharedParts`). Apart from console-composition.ts so the
 * modules' composition files and the module contract can import them without importing the module list back.
 */
import type { ProcessorDeps } from '../bot/pipeline/plan-webhook-event';
import { councilView } from '../bot/render/council-view';
import type { Translator } from '../bot/render/i18n';
import type { CouncilProfile } from '../domain/council-profile';
import type { Clock, RichMenuAdmin } from '../domain/ports';
import type { Db } from '../infra/prisma/database';
import { PrismaEventAdmin } from '../infra/prisma/prisma-event-admin';
import { PrismaVolunteerAdmin } from '../infra/prisma/prisma-volunteer-admin';
import type { LiveProfile } from '../usecases/settings/live-profile';
import { liveDeps } from './live-deps';

export interface ConsoleParts {
  db: Db;
  databaseUrl: string;
  /** The council's settings in effect: the profile file with what staff saved in the settings pages laid over it. */
  readonly profile: CouncilProfile;
  /** The settings as the console's thread holds them (read again before each console request). */
  settings: LiveProfile;
  /**
   * A module's dependencies built from the settings in effect and built again when they change (see live-deps.ts):
   * `mount(module, parts.live(() => depsOf(parts)))`.
   */
  live<T extends object>(build: () => T): T;
  translator: Translator;
  clock: Clock;
  /** The bot's parts (renderer, step context, delivery), built after the console: staff actions reach them once running. */
  bot(): ProcessorDeps;
  /** LINE's rich-menu administration (the disaster centre switches the default menu), built after the console too. */
  richMenus(): RichMenuAdmin;
}

/** The console's parts over the settings `settings` holds. */
export function consoleParts(base: Omit<ConsoleParts, 'profile' | 'live'>): ConsoleParts {
  return {
    ...base,
    get profile() {
      return base.settings.profile;
    },
    live: (build) => liveDeps(() => base.settings.stamp, build),
  };
}

/** Parts several modules read: one repository object each, and the settings' names (following the settings). */
export function sharedParts(parts: ConsoleParts) {
  const eventAdmin = new PrismaEventAdmin(parts.db);
  const volunteerAdmin = new PrismaVolunteerAdmin(parts.db, parts.databaseUrl);
  return parts.live(() => ({
    eventAdmin,
    volunteerAdmin,
    council: councilView(parts.profile),
    districts: named(parts.profile.districts),
    skills: named(parts.profile.volunteer.skills),
  }));
}

export type SharedParts = ReturnType<typeof sharedParts>;

/** Codes with their Japanese names, as the pages list them. */
export function named(items: ReadonlyArray<{ code: string; name: string }>): Array<{ code: string; name: string }> {
  return items.map(({ code, name }) => ({ code, name }));
}

