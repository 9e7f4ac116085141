// The sending side of `npm run bench:broadcast`, in a process of its own so its memory and time are its own:
// builds the app on the bench's database (production bundle code paths, inline mode), runs the broadcast engine
// once, and prints one JSON line with its timings and peak RSS.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', PROCESSING_MODE: 'inline' });
const app = await buildApp({ config, skipMigrations: true, logger: false });
const startedAt = Date.now();
const started = performance.now();
const cpuBefore = process.cpuUsage();
await app.runBroadcasts();
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
await app.close();
console.log(JSON.stringify({ startedAt, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);
