/**
 * `npm run broadcasts:run`: sends every broadcast that is due (and resumes unfinished ones) once, then exits —
 * what the service's schedule does every minute, for running it by hand or from the host's own scheduler.
 * With `--report` it prints one JSON line with its timings and peak RSS (used by bench:broadcast).
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from './app';
import { loadConfigOrExit } from '../config';
import { logFormatFor, openLogOutput } from '../infra/log-output';

const config = loadConfigOrExit({ ...process.env, PROCESSING_MODE: 'inline' });
// Readable at a terminal, JSON lines otherwise, like the service's; the report follows the last log line.
const output = await openLogOutput(logFormatFor(process.stdout));
const app = await buildApp({ config, logger: config.LOG_LEVEL !== 'silent', logStream: output.stream });
const startedAt = Date.now();
const started = performance.now();
const cpuBefore = process.cpuUsage();
await app.runBroadcasts();
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
await app.close();
if (process.argv.includes('--report')) {
  output.print(JSON.stringify({ startedAt, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}
process.exit(0);
