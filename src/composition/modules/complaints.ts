import { complaintsPersonalData } from '../../infra/prisma/complaint-personal-data';
import { complaintsPipeline } from '../../bot/complaints/pipeline';
import { complaintOutcomeNotice } from '../../bot/complaints/notices';
import { mount } from '../../console/console-module';
import { complaintReportSource, complaintsModule as complaintsConsole } from '../../console/complaints';
import { complaintRepositories, PrismaComplaints, PrismaComplaintYearCounts } from '../../infra/prisma/complaint-store';
import { complaintsWriter } from '../../infra/prisma/complaint-statements';
import { PrismaUnitOfWork } from '../../infra/prisma/prisma-unit-of-work';
import type { AppModule } from './module';

/** Complaints and opinions (苦情・ご意見): the menu section in LINE, the rows it writes, the console's pages, its section of the annual report. */
export const complaintsModule: AppModule = {
  id: 'complaints',
  personalData: complaintsPersonalData,
  pipeline: (d) => complaintsPipeline(d.profile.complaints),
  writer: complaintsWriter,
  console: (parts) => [
    mount(complaintsConsole, {
      admin: new PrismaComplaints(parts.db),
      useCases: {
        work: new PrismaUnitOfWork(parts.db, complaintRepositories),
        // The phone as the settings say now.
        notices: { outcome: (s) => complaintOutcomeNotice(parts.translator, { ...s, phone: parts.profile.complaints?.phone ?? parts.profile.contact.phone }) },
      },
    }),
  ],
  reportSections: ({ db }) => [complaintReportSource(new PrismaComplaintYearCounts(db))],
};
