import { eventsPipeline } from '../bot/events/pipeline';
import { eventsWriter } from '../infra/event-registration-statements';
import { PrismaEventCalendar } from '../infra/prisma-event-calendar';
import type { AppModule } from './module';

/** Salons and council events: the section in LINE, registrations with capacity decided in SQL. */
export const eventsModule: AppModule = {
  id: 'events',
  pipeline: (d) => eventsPipeline({ calendar: new PrismaEventCalendar(d.db), translator: d.translator }),
  writer: eventsWriter,
};
