import type { Logger } from '../domain/ports';
import { scheduleJob, type SlotClaims } from './schedule-job';

/**
 * Every five seconds (and at start), tries again the outbound messages that are due: pushes LINE refused for now
 * (rate limit, outage) and rows a dead process left behind. Only triggers: what is due lives in the database. Once
 * per five seconds across instances: whichever runs a slot resumes every instance's due rows (each row has its own
 * lease, see src/bot/pipeline/deliver.ts), so rows a dead instance left are still retried.
 */
export function scheduleOutbox(run: () => Promise<unknown>, claims: SlotClaims, logger: Logger): { stop(): void } {
  return scheduleJob({ name: 'outbox', expression: '*/5 * * * * *', run: async () => void (await run()), failed: 'outbox run failed' }, claims, logger);
}
