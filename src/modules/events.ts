import { eventsPipeline } from '../bot/events/pipeline';
import { eventsWriter } from '../infra/event-registration-statements';
import { PrismaEventCalendar } from '../infra/prisma-event-calendar';
import { registrantCutoff } from '../domain/retention';
import { PrismaEventRetention } from '../infra/prisma-event-retention';
import type { AppModule } from './module';

/** Salons and council events: the section in LINE, registrations with capacity decided in SQL. */
export const eventsModule: AppModule = {
  id: 'events',
  pipeline: (d) => eventsPipeline({ calendar: new PrismaEventCalendar(d.db), translator: d.translator }),
  writer: eventsWriter,
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
