import type { Logger } from '../domain/ports';
import { scheduleJob, type SlotClaims } from './schedule-job';

/**
 * Runs the daily housekeeping (erasing personal data past its keeping period) at 03:30 Japan time and once at
 * start, so a service that was down at 03:30 catches up — once a day across instances and restarts: a start after
 * today's run finished does not run it again. Only triggers: what is due is read from the database.
 */
export function scheduleHousekeeping(run: () => Promise<void>, claims: SlotClaims, logger: Logger): { stop(): void } {
  return scheduleJob({ name: 'housekeeping', expression: '30 3 * * *', run, failed: 'housekeeping failed' }, claims, logger);
}
