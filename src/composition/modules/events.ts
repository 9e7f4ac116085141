import { eventsPersonalData } from '../../infra/prisma/event-personal-data';
import { easyJapaneseCheck } from '../easy-japanese-check';
import { eventsPipeline } from '../../bot/events/pipeline';
import { eventsWriter } from '../../infra/prisma/event-registration-statements';
import { PrismaEventCalendar } from '../../infra/prisma/prisma-event-calendar';
import { registrantCutoff } from '../../domain/retention';
import { PrismaEventRetention } from '../../infra/prisma/prisma-event-retention';
import { eventNotice } from '../../bot/events/notices';
import { mount } from '../../console/console-module';
import { eventsModule as eventsConsole, type EventConsole } from '../../console/events';
import { salonsModule as salonsConsole, type SalonConsole } from '../../console/salons';
import type { ConsoleParts, SharedParts } from '../console-parts';
import { eventRepositories } from '../../infra/prisma/prisma-event-admin';
import { PrismaSalonChanges, salonRepositories } from '../../infra/prisma/prisma-salon-changes';
import { PrismaUnitOfWork } from '../../infra/prisma/prisma-unit-of-work';
import type { AppModule } from './module';

/** Salons and council events: the section in LINE, registrations with capacity decided in SQL. */
export const eventsModule: AppModule = {
  id: 'events',
  personalData: eventsPersonalData,
  pipeline: (d) => eventsPipeline({ calendar: new PrismaEventCalendar(d.db), translator: d.translator }),
  writer: eventsWriter,
  console: (parts, shared) => [mount(eventsConsole, parts.live(() => eventsDeps(parts, shared))), mount(salonsConsole, parts.live(() => salonsDeps(parts, shared)))],
  jobs: (d) => [
    {
      name: 'erase past events\' registrants',
      every: 'daily',
      async run() {
        const now = d.clock.now();
        const erased = await new PrismaEventRetention(d.db).eraseEndedBefore(registrantCutoff(now, d.profile.privacy.eventRegistrantDays), now);
        if (erased) d.logger.info({ erased }, 'past events: registrant names and phones erased');
      },
    },
  ],
};

function eventsDeps({ db, translator, profile }: ConsoleParts, { eventAdmin }: SharedParts): EventConsole {
  return { admin: eventAdmin, defaults: profile.events, easyJapanese: easyJapaneseCheck, useCases: { work: new PrismaUnitOfWork(db, eventRepositories), notices: { notice: (kind, e) => eventNotice(translator, kind, e) } } };
}
function salonsDeps({ db, profile }: ConsoleParts, { districts }: SharedParts): SalonConsole {
  const changes = new PrismaSalonChanges(db);
  return { changes, salons: profile.salons, districts, useCases: { work: new PrismaUnitOfWork(db, salonRepositories), changes } };
}