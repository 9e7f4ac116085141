import type { Logger } from '../domain/ports';
import { scheduleJob, type SlotClaims } from './schedule-job';

/**
 * Triggers the broadcast engine every minute (Japan time) and once at start, so sends due while the service was
 * down go out (or are marked missed) right away. Only triggers: what is due lives in the database. Once per minute
 * across instances; a run that is still going when the next minute comes is not started twice in this process.
 */
export function scheduleBroadcasts(run: () => Promise<void>, claims: SlotClaims, logger: Logger): { stop(): void } {
  return scheduleJob({ name: 'broadcasts', expression: '* * * * *', run, failed: 'broadcast run failed' }, claims, logger);
}
