import type { Logger } from '../domain/ports';
import { scheduleJob } from './schedule-job';

/**
 * Every five seconds (and at start), tries again the outbound messages that are due: pushes LINE refused for now
 * (rate limit, outage) and rows a dead process left behind. Only triggers: what is due lives in the database.
 */
export function scheduleOutbox(run: () => Promise<unknown>, logger: Logger): { stop(): void } {
  return scheduleJob('*/5 * * * * *', async () => void (await run()), logger, 'outbox run failed');
}
