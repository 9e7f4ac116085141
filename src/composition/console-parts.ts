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

export interface ConsoleParts {
  db: Db;
  databaseUrl: string;
  profile: CouncilProfile;
  translator: Translator;
  clock: Clock;
  /** The bot's parts (renderer, step context, delivery), built after the console: staff actions reach them once running. */
  bot(): ProcessorDeps;
  /** LINE's rich-menu administration (the disaster centre switches the default menu), built after the console too. */
  richMenus(): RichMenuAdmin;
}

/** Parts several modules read: one repository object each, and the profile's names. */
export function sharedParts({ db, databaseUrl, profile }: ConsoleParts) {
  return {
    eventAdmin: new PrismaEventAdmin(db),
    volunteerAdmin: new PrismaVolunteerAdmin(db, databaseUrl),
    council: councilView(profile),
    districts: named(profile.districts),
    skills: named(profile.volunteer.skills),
  };
}

export type SharedParts = ReturnType<typeof sharedParts>;

/** Codes with their Japanese names, as the pages list them. */
export function named(items: ReadonlyArray<{ code: string; name: string }>): Array<{ code: string; name: string }> {
  return items.map(({ code, name }) => ({ code, name }));
}

