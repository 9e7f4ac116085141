import { consultationPipeline } from '../../bot/consultation/pipeline';
import { consultationWriter } from '../../infra/prisma/consultation-statements';
import type { AppModule } from './module';

/** Consultations: the form in LINE, stored in the thread it hands to the area's team. */
export const consultationModule: AppModule = {
  id: 'consultation',
  pipeline: () => consultationPipeline(),
  writer: consultationWriter,
};
