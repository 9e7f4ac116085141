import { createRequire } from 'node:module';

/** How log records are written: JSON lines for machines, or readable lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * Readable lines when stdout is a terminal (someone is watching `npm start`); JSON lines otherwise — CI, files,
 * and production pipes to a log collector.
 */
export function logFormatFor(stdout: { isTTY?: boolean }): LogFormat {
  return stdout.isTTY === true ? 'pretty' : 'json';
}

/** Where the service writes: its log records, then whatever it prints for a person, in one ordered stream. */
export interface LogOutput {
  /** The server logger's destination (Fastify's `logger.stream`); it receives pino's JSON lines, already redacted. */
  stream: { write(line: string): void };
  /** Writes `text` and a newline after every record logged before it (the start banner). */
  print(text: string): void;
}

interface Destination {
  write(data: string): boolean;
}

/**
 * Opens the output on file descriptor `fd` (stdout by default) in `format`. Both formats write through one
 * pino destination — the same asynchronous writer pino uses by default, which does not hold up the service
 * when the reader is slow and is flushed when the process exits — so text printed after a record never
 * overtakes it. (`console.log` beside pino's default destination could: pino's lines are written later.)
 * `pretty` formats each record with pino-pretty in this thread rather than as the transport Fastify's
 * documentation shows, because a transport formats in another thread and its lines could come after the
 * banner; pino-pretty is loaded only then, so a service writing JSON never loads it.
 */
export async function openLogOutput(format: LogFormat, fd = 1): Promise<LogOutput> {
  const destination = fastifysPino().destination({ dest: fd, sync: false });
  const print = (text: string) => void destination.write(`${text}\n`);
  if (format === 'json') return { stream: destination, print };
  const { prettyFactory } = await import('pino-pretty');
  const prettify = prettyFactory({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true });
  return { stream: { write: (line) => void destination.write(prettify(line)) }, print };
}

/** The pino Fastify logs with, resolved from Fastify (whose dependency it is) so both use the same copy. */
function fastifysPino(): { destination(options: { dest: number; sync: boolean }): Destination } {
  const fastify = createRequire(import.meta.url).resolve('fastify');
  return createRequire(fastify)('pino') as { destination(options: { dest: number; sync: boolean }): Destination };
}
