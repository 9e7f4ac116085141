import { volunteersPersonalData } from '../../infra/prisma/volunteer-personal-data';
import { volunteersPipeline } from '../../bot/volunteers/pipeline';
import { queueRenewalReminders } from '../../bot/volunteers/renewal-reminders';
import { PrismaVolunteers } from '../../infra/prisma/prisma-volunteers';
import { PrismaMyVolunteerRequests } from '../../infra/prisma/prisma-my-volunteer-requests';
import { volunteersWriter } from '../../infra/prisma/volunteer-statements';
import { invitationNotice, reportNotice, volunteerNotice } from '../../bot/volunteers/notices';
import { mount } from '../../console/console-module';
import { volunteerRequestsModule, type VolunteerRequestConsole } from '../../console/volunteer-requests';
import { volunteersModule as volunteersConsole, type VolunteerConsole } from '../../console/volunteers';
import type { ConsoleParts, SharedParts } from '../console-parts';
import { PrismaAnnualReport } from '../../infra/prisma/prisma-annual-report';
import { PrismaUnitOfWork } from '../../infra/prisma/prisma-unit-of-work';
import { PrismaVolunteerRequests, volunteerRequestRepositories } from '../../infra/prisma/prisma-volunteer-requests';
import type { AppModule } from './module';

/** Volunteers: registration and requests in LINE, answers to invitations and hours reported from anywhere. */
export const volunteersModule: AppModule = {
  id: 'volunteers',
  personalData: volunteersPersonalData,
  pipeline: (d) => volunteersPipeline({ volunteers: new PrismaVolunteers(d.db), requests: new PrismaMyVolunteerRequests(d.db), translator: d.translator, council: d.council }),
  writer: volunteersWriter,
  console: (parts, shared) => [mount(volunteersConsole, parts.live(() => volunteersDeps(parts, shared))), mount(volunteerRequestsModule, parts.live(() => volunteerRequestsDeps(parts, shared)))],
  jobs: (d) => [
    {
      name: 'insurance renewal reminder',
      every: 'minute',
      run: () => queueRenewalReminders({ volunteers: new PrismaVolunteers(d.db), translator: d.translator, clock: d.clock, logger: d.logger, phone: d.profile.contact.phone }),
    },
  ],
};

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