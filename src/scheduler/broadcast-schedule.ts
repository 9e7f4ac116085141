import cron from 'node-cron';
import type { Logger } from '../domain/ports';

/**
 * Triggers the broadcast engine every minute (Japan time) and once at start, so sends due while the service was
 * down go out (or are marked missed) right away. Only triggers: what is due lives in the database. A run that
 * is still going when the next minute comes is not started twice.
 */
export function scheduleBroadcasts(run: () => Promise<void>, logger: Logger): { stop(): void } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = run()
      .catch((e: unknown) => logger.error({ err: e instanceof Error ? e.message : String(e) }, 'broadcast run failed'))
      .finally(() => (running = null));
  };
  const task = cron.schedule('* * * * *', tick, { timezone: 'Asia/Tokyo' });
  tick();
  return { stop: () => void task.stop() };
}
