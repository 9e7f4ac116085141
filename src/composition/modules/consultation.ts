import { consultationPersonalData } from '../../infra/prisma/consultation-personal-data';
import { consultationPipeline } from '../../bot/consultation/pipeline';
import { consultationWriter } from '../../infra/prisma/consultation-statements';
import { PrismaReferrals } from '../../infra/prisma/prisma-referrals';
import { PrismaMyConsultations } from '../../infra/prisma/prisma-my-consultations';
import type { AppModule } from './module';

/** Consultations: the form in LINE, stored in the thread it hands to the area's team; listed in わたしの申し込み. */
export const consultationModule: AppModule = {
  id: 'consultation',
  personalData: consultationPersonalData,
  pipeline: (d) => consultationPipeline({ mine: new PrismaMyConsultations(d.db), asks: new PrismaReferrals(d.db) }),
  writer: consultationWriter,
};
