import type { Logger } from '../domain/ports';

const LEVELS = { debug: 20, info: 30, warn: 40, error: 50, silent: 100 } as const;

/** A log level the processing worker writes at. */
export type RelayedLevel = Exclude<keyof typeof LEVELS, 'silent'>;

/** One log record of the processing worker, on its way to the main thread's logger. `fields` is JSON text. */
export interface RelayedLog {
  level: RelayedLevel;
  fields: string;
  msg: string;
}

/**
 * The processing worker's logger: each record at or above `level` is handed to `send`, which posts it to the
 * main thread, where {@link writeRelayedLog} writes it with the server's logger — JSON or readable like the
 * server's own lines, and in order with the worker's other messages. (A worker's own stdout reaches the terminal
 * later than the messages it posts after writing, so start-up lines could land after the start banner.) Fields
 * are passed as JSON text, which is also what they become in the log line.
 */
export function relayLogger(level: keyof typeof LEVELS, send: (record: RelayedLog) => void): Logger {
  const min = LEVELS[level];
  const at = (lvl: RelayedLevel) => (fields: Record<string, unknown>, msg: string) => {
    if (LEVELS[lvl] >= min) send({ level: lvl, fields: JSON.stringify(fields), msg });
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Writes a relayed record with `logger`, marked `name: '<name>'` as its source. */
export function writeRelayedLog(logger: Logger, name: string, record: RelayedLog): void {
  logger[record.level]({ name, ...(JSON.parse(record.fields) as Record<string, unknown>) }, record.msg);
}
