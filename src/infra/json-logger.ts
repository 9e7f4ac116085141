import type { Logger } from '../domain/ports';

const LEVELS = { debug: 20, info: 30, warn: 40, error: 50, silent: 100 } as const;

/** A JSON-lines logger on stdout, in the same shape as the server's (pino) logs; for the processing worker. */
export function jsonLogger(level: keyof typeof LEVELS, name: string): Logger {
  const min = LEVELS[level];
  const write = (lvl: Exclude<keyof typeof LEVELS, 'silent'>) => (fields: Record<string, unknown>, msg: string) => {
    if (LEVELS[lvl] < min) return;
    process.stdout.write(`${JSON.stringify({ level: LEVELS[lvl], time: Date.now(), pid: process.pid, name, ...fields, msg })}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
