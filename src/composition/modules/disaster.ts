import { disasterPipeline } from '../../bot/disaster/pipeline';
import { disasterSettings } from '../../bot/disaster/settings';
import { disasterWriter } from '../../infra/prisma/disaster-statements';
import { PrismaDisasterStore } from '../../infra/prisma/prisma-disaster-store';
import type { AppModule } from './module';

/** The disaster volunteer centre in LINE: disaster mode while a centre runs, its pool, applications and check-in. */
export const disasterModule: AppModule = {
  id: 'disaster',
  pipeline: (d) => disasterPipeline({ store: new PrismaDisasterStore(d.db), settings: disasterSettings(d.profile), translator: d.translator }),
  writer: disasterWriter,
};
