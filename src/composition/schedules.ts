import { randomUUID } from 'node:crypto';
import type { Clock, Logger } from '../domain/ports';
import type { Db } from '../infra/prisma/database';
import { PrismaScheduledRuns } from '../infra/prisma/prisma-scheduled-runs';
import { scheduleBroadcasts } from '../scheduler/broadcast-schedule';
import { scheduleHousekeeping } from '../scheduler/housekeeping-schedule';
import { scheduleOutbox } from '../scheduler/outbox-schedule';
import type { SlotClaims } from '../scheduler/schedule-job';
import type { Processing } from './processing';

/**
 * Starts the scheduled jobs of one process (the main thread inline, or the processing worker): the broadcast engine
 * with the modules' minute jobs, the outbox retries, and the daily housekeeping with the modules' daily jobs. Each
 * runs once per slot across every instance on the database, claimed in `ScheduledRun` under this process's own id.
 */
export function startSchedules(processing: Pick<Processing, 'runBroadcasts' | 'runHousekeeping' | 'runOutbox'>, db: Db, clock: Clock, logger: Logger): { stop(): void } {
  const claims: SlotClaims = { runs: new PrismaScheduledRuns(db), owner: randomUUID(), clock };
  const jobs = [
    scheduleBroadcasts(() => processing.runBroadcasts(), claims, logger),
    scheduleHousekeeping(() => processing.runHousekeeping(), claims, logger),
    scheduleOutbox(() => processing.runOutbox(), claims, logger),
  ];
  return { stop: () => jobs.forEach((j) => j.stop()) };
}
