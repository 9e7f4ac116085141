import type { Logger } from '../domain/ports';
import { scheduleJob } from './schedule-job';

/**
 * Triggers the broadcast engine every minute (Japan time) and once at start, so sends due while the service was
 * down go out (or are marked missed) right away. Only triggers: what is due lives in the database. A run that
 * is still going when the next minute comes is not started twice.
 */
export function scheduleBroadcasts(run: () => Promise<void>, logger: Logger): { stop(): void } {
  return scheduleJob('* * * * *', run, logger, 'broadcast run failed');
}
