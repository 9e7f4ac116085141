import cron from 'node-cron';
import type { Logger } from '../domain/ports';

/**
 * Runs `run` on a cron `expression` in Japan time, and once at once, so work due while the service was down is
 * done at start. A run still going when the next one is due is not started twice; a failure is logged as `failed`.
 */
export function scheduleJob(expression: string, run: () => Promise<void>, logger: Logger, failed: string): { stop(): void } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = run()
      .catch((e: unknown) => logger.error({ err: e instanceof Error ? e.message : String(e) }, failed))
      .finally(() => (running = null));
  };
  const task = cron.schedule(expression, tick, { timezone: 'Asia/Tokyo' });
  tick();
  return { stop: () => void task.stop() };
}
