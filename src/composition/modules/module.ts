import type { PipelineModule } from '../../bot/pipeline/module-contract';
import type { MountedModule } from '../../console/console-module';
import type { AnnualReportSectionSource } from '../../domain/annual-report-sections';
import type { ConsoleParts, SharedParts } from '../console-parts';
import type { Translator } from '../../bot/render/i18n';
import type { CouncilProfile } from '../../domain/council-profile';
import type { Clock, Logger } from '../../domain/ports';
import type { CouncilView } from '../../flows/engine/types';
import type { Db } from '../../infra/prisma/database';
import type { ModuleWriter } from '../../infra/prisma/module-writer';
import type { PersonalDataPart } from '../../infra/prisma/personal-data';

/** What a module's parts are built from, on the side (main thread or processing worker) that runs them. */
export interface ModuleDeps {
  db: Db;
  translator: Translator;
  council: CouncilView;
  profile: CouncilProfile;
  clock: Clock;
  logger: Logger;
}

/**
 * Work a module does on a schedule: `minute` runs on the broadcast schedule, before due broadcasts are sent (e.g.
 * queueing its notices); `daily` with the daily housekeeping (03:30 JST, and at start), e.g. erasing personal data
 * past its keeping period.
 */
export interface ModuleJob {
  name: string;
  every: 'minute' | 'daily';
  run(): Promise<void>;
}

/**
 * A feature module as the composition registers it: its processing part (with its flows, built on the given
 * database) and its statements in the step's transaction. Each layer's part lives in the feature's own folder.
 */
export interface AppModule {
  id: string;
  pipeline(d: ModuleDeps): PipelineModule;
  writer?: ModuleWriter;
  /** Its scheduled work, built on the processing side (the broadcast engine then sends what it queued). */
  jobs?(d: ModuleDeps): ModuleJob[];
  /** Its console pages, mounted with their dependencies (src/console/<feature>/), in the order of the navigation. */
  console?(parts: ConsoleParts, shared: SharedParts): MountedModule[];
  /** Its sections of the annual report (事業報告), after the core's, in this order (e.g. complaints by kind and outcome). */
  reportSections?(parts: ConsoleParts): AnnualReportSectionSource[];
  /**
   * What it holds about a resident and how that is erased (src/infra/prisma/erasure-rules.ts), for a resident's data
   * on request (/console/residents). Absent: the module holds nothing about residents.
   */
  personalData?: PersonalDataPart;
}
