import type { Logger } from '../domain/ports';
import { scheduleJob } from './schedule-job';

/**
 * Runs the daily housekeeping (erasing personal data past its keeping period) at 03:30 Japan time and once at
 * start, so a service that was down at 03:30 catches up. Only triggers: what is due is read from the database.
 */
export function scheduleHousekeeping(run: () => Promise<void>, logger: Logger): { stop(): void } {
  return scheduleJob('30 3 * * *', run, logger, 'housekeeping failed');
}
