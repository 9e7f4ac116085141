import { volunteersPipeline } from '../bot/volunteers/pipeline';
import { queueRenewalReminders } from '../bot/volunteers/renewal-reminders';
import { PrismaVolunteers } from '../infra/prisma-volunteers';
import { volunteersWriter } from '../infra/volunteer-statements';
import type { AppModule } from './module';

/** Volunteers: registration and requests in LINE, answers to invitations and hours reported from anywhere. */
export const volunteersModule: AppModule = {
  id: 'volunteers',
  pipeline: (d) => volunteersPipeline({ volunteers: new PrismaVolunteers(d.db), translator: d.translator, council: d.council }),
  writer: volunteersWriter,
  jobs: (d) => [
    {
      name: 'insurance renewal reminder',
      every: 'minute',
      run: () => queueRenewalReminders({ volunteers: new PrismaVolunteers(d.db), translator: d.translator, clock: d.clock, logger: d.logger, phone: d.profile.contact.phone }),
    },
  ],
};
