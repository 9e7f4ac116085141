/**
 * Years of data: `npm run bench:growth [-- --scale 1 --runs 10 --rate 500 --duration 10 --events 2000 --first-run]`.
 *
 * The seeded files are used as years under the retention policy leave them (bench/growth/retained.ts applies its
 * first run offline and caches the result); `--first-run` uses them as seeded instead, so the service's first start
 * runs that conversion over the seeded years beside the load (the "large, first start" phase).
 *
 * Builds (or reuses, see seed.ts) the large database — 50,000 residents, 1 M webhook events, 1 M outbound messages,
 * 20,000 threads with 500,000 messages, 10,000 volunteers, 2 M broadcast deliveries, 300,000 audit rows … at
 * `--scale` — and the same at 1%, then starts the production bundle (`dist/server.mjs`, as `npm start` runs it, built
 * first) as a child process on a copy of each, against the fake LINE API in its own process, and prints:
 *
 *  1. every console page, signed in as an admin (password + authenticator code): `--runs` timed GETs each after one
 *     untimed, median on the 1% database, median and p90 on the large one, and the page's bytes; PASS under 100 ms;
 *  2. webhook acknowledgement at `--rate`/s for `--duration` s (signed text events from new users, bench/webhook's
 *     load generator) on an empty database and on the large one, both services up, alternating for `--rounds` rounds
 *     (the median p99 of each compared), then on the large one again while the daily
 *     housekeeping runs beside the service on the same file (run-housekeeping.ts: the worker's own jobs, in a process
 *     of their own so their start and end are known); p50/p99 and the ratio to the empty database's, PASS within 1.2×;
 *  3. bytes: the file's live bytes (page_count − freelist_count) × page_size before and after `--events` text events
 *     from residents who already talk to the bot, and a broadcast to everyone; per event and per recipient; then again
 *     after a restart has run the housekeeping;
 *  4. the service's RSS (main thread and worker: one process) when ready, after browsing the console, and its peak
 *     while serving the load;
 *  5. steady load (steady.ts, `--steady-days`, 0 to skip): a day's text events through the service, then the
 *     housekeeping with its clock a day further ahead, day after day; the file's size after each, and whether it
 *     stops growing.
 *
 * Figures are printed, never asserted: the exit code is 0 unless the bench broke.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseSync } from 'node:sqlite';
import { benchNow } from '../webhook/fake-protocol';
import { PhaseEvents, runLoad, userIds } from '../webhook/load';
import { integerOption } from '../webhook/options';
import {
  BENCH_SECRET,
  BENCH_TOKEN,
  busyElsewhere,
  cpuSecondsOf,
  cleanUpOnExit,
  FakeLineProcess,
  freePort,
  launchService,
  memoryOf,
  OutputTail,
  spawnGroup,
  stopChild,
  tsunaguService,
  type LaunchedService,
} from '../webhook/processes';
import { percentile } from '../webhook/stats';
import { signIn, timeGet } from './console-client';
import { cachedRetained } from './retained';
import { cachedLarge, countsAt, regularResidents, sampleIds } from './seed';
import { steadyPhase } from './steady';

const root = path.resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '10' },
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '10' },
    events: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    'skip-ack': { type: 'boolean', default: false },
    'skip-bytes': { type: 'boolean', default: false },
    'first-run': { type: 'boolean', default: false },
    'steady-days': { type: 'string', default: '8' },
    'steady-events': { type: 'string', default: '1000' },
  },
  strict: true,
});
const SCALE = Number(values.scale);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('--scale must be in (0, 1]');
const RUNS = integerOption('runs', values.runs, 1);
const RATE = integerOption('rate', values.rate, 1);
const DURATION = integerOption('duration', values.duration, 1);
const EVENTS = integerOption('events', values.events, 1);
const ROUNDS = integerOption('rounds', values.rounds, 1);
const STEADY_DAYS = integerOption('steady-days', values['steady-days'], 0);
const STEADY_EVENTS = integerOption('steady-events', values['steady-events'], 1);
/** How long the housekeeping run beside the service may take before it is stopped, seconds. */
const BESIDE_LIMIT_S = 120;
/**
 * How long the bench waits for the first retention run over the seeded years, seconds: it scales with the rows
 * (67 s at scale 0.1; more than 13 min at scale 1 on this machine), so an hour per unit of scale, at least 5 min.
 */
const FIRST_RUN_LIMIT_S = Math.max(300, Math.round(3600 * SCALE));
/** How long one daily run of the steady phase may take, seconds (it walks every outbound skeleton of the history). */
const STEADY_RUN_LIMIT_S = Math.max(BESIDE_LIMIT_S, Math.round(900 * SCALE));

const SMALL = SCALE / 100;
const LIMIT_MS = 100;

const tempDirs = cleanUpOnExit();
const log = (line = '') => console.log(line);
const progress = (line: string) => console.log(`· ${line}`);
const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : 'n/a');
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en');

// ── databases ────────────────────────────────────────────────────────────────
log(`bench:growth — ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model ?? '?'}; Node ${process.version}`);
log(`options: --scale ${SCALE} (1% database: scale ${SMALL}) --runs ${RUNS} --rate ${RATE} --duration ${DURATION} --rounds ${ROUNDS} --events ${EVENTS} --steady-days ${STEADY_DAYS} --steady-events ${STEADY_EVENTS}`);
log(`machine busy before the run: ${(await busyElsewhere()).toFixed(2)} cores in use by other processes`);
const seededLarge = await cachedLarge(SCALE, progress);
log(`large database: ${seededLarge.seconds === null ? 'cached' : `seeded in ${seededLarge.seconds.toFixed(1)} s`}, ${mb(seededLarge.bytes)} (${path.basename(seededLarge.file)})`);
const seededSmall = await cachedLarge(SMALL, progress);
log(`1% database: ${seededSmall.seconds === null ? 'cached' : `seeded in ${seededSmall.seconds.toFixed(1)} s`}, ${mb(seededSmall.bytes)}`);
/** Unless `--first-run`: both files as years under the retention policy leave them (its first run applied offline). */
async function asRetained(seeded: { file: string; bytes: number }, name: string) {
  if (values['first-run']) return seeded;
  const r = await cachedRetained(root, seeded.file, progress);
  log(
    `${name} as retention leaves it: ${r.seconds === null ? 'cached' : `the policy's first run applied offline in ${r.seconds.toFixed(1)} s`}, ${mb(r.bytes)}` +
      (r.run ? ` (removed ${JSON.stringify(r.run.removed)}, ${int(r.run.pagesFreed)} pages freed)` : ''),
  );
  return r;
}
const large = await asRetained(seededLarge, 'large database');
const small = await asRetained(seededSmall, '1% database');
if (values['first-run']) log('--first-run: the files as seeded, before any retention: the service\'s first start runs the conversion over the seeded years');
const counts = countsAt(SCALE);
log(
  `large: ${int(counts.residents)} residents, ${int(counts.webhookEvents)} webhook events, ${int(counts.outbound)} outbound, ${int(counts.threads)} threads / ${int(counts.messages)} messages (one of ${int(counts.bigThread)}), ` +
    `${int(counts.volunteers)} volunteers, ${int(counts.deliveries)} broadcast deliveries, ${int(counts.audit)} audit rows`,
);

progress('building the production bundle (scripts/build.mjs) …');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
const work = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-growth-'));
tempDirs.push(work);
/** A working copy of a seeded file (the service writes to it). */
function copyOf(file: string, name: string): string {
  const to = path.join(work, name);
  const t0 = performance.now();
  copyFileSync(file, to);
  progress(`copied ${path.basename(file)} to the working folder in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return to;
}

const fake = await FakeLineProcess.start(root, 'bench/fake-line-server.ts', BENCH_TOKEN);
async function start(dbPath: string, label: string): Promise<LaunchedService & { tail: OutputTail }> {
  const port = await freePort();
  const tail = new OutputTail();
  const service = await launchService(root, tsunaguService(root, fake.url, port, dbPath), port, tail);
  progress(`${label}: service ready in ${service.readySeconds.toFixed(1)} s (pid ${service.pid}, RSS ${service.sampler.initial.toFixed(0)} MB)`);
  return { ...service, tail };
}
async function stop(service: LaunchedService): Promise<void> {
  service.sampler.stop();
  await stopChild(service.child, 30_000);
}

// ── 1. console pages ─────────────────────────────────────────────────────────
function pagesFor(scale: number): Array<[string, string]> {
  const ids = sampleIds(scale);
  return [
    ['home', '/console'],
    ['inbox: waiting', '/console/inbox'],
    ['inbox: urgent', '/console/inbox?view=urgent'],
    ['inbox: mine', '/console/inbox?view=mine'],
    ['inbox: team', '/console/inbox?view=team'],
    ['inbox: closed', '/console/inbox?view=closed'],
    ['inbox poll (rows)', '/console/inbox/rows?view=waiting'],
    [`thread (${int(countsAt(scale).bigThread)} messages)`, `/console/threads/${ids.bigThread}`],
    ['thread (closed, ~25 messages)', `/console/threads/${ids.closedThread}`],
    ['thread live update', `/console/threads/${ids.bigThread}/updates?after=${encodeURIComponent(new Date().toISOString())}`],
    ['measures', '/console/measures'],
    ['broadcasts', '/console/broadcasts'],
    ['broadcast form', '/console/broadcasts/new'],
    ['volunteers', '/console/volunteers'],
    ['volunteers CSV', '/console/volunteers.csv'],
    ['volunteer', `/console/volunteers/${ids.volunteer}`],
    ['volunteer requests', '/console/volunteer-requests'],
    ['volunteer requests: finished', '/console/volunteer-requests?show=closed'],
    ['volunteer requests: finished, page 20', '/console/volunteer-requests?show=closed&page=20'],
    ['request ranking (受付)', `/console/volunteer-requests/${ids.lookingRequest}`],
    ['request (done)', `/console/volunteer-requests/${ids.doneRequest}`],
    ['donations', '/console/donations'],
    ['donation', `/console/donations/${ids.donation}`],
    ['allocation plan', '/console/allocation'],
    ['disaster centres', '/console/disaster'],
    ['centre (closed, needs)', `/console/disaster/centres/${ids.centre}`],
    ['need (history)', `/console/disaster/needs/${ids.need}`],
    ['events', '/console/events'],
    ['event', `/console/events/${ids.event}`],
    ['complaints', '/console/complaints'],
    ['complaints, page 10', '/console/complaints?page=10'],
    ['FAQ', '/console/faq'],
    ['FAQ review', '/console/faq-loop'],
    ['salons', '/console/salons'],
    ['audit', '/console/audit'],
    ['residents', '/console/residents'],
    ['residents: name search', `/console/residents?q=${encodeURIComponent('ボランティア')}`],
    ['resident', `/console/residents/${ids.resident}`],
    ['staff', '/console/staff'],
    ['annual report', '/console/report'],
    ['reports', '/console/reports'],
    ['volunteer-hours CSV', '/console/reports/volunteer-hours.csv'],
    ['donations CSV', '/console/reports/donations.csv'],
  ];
}
interface PageFigures {
  status: number;
  median: number;
  p90: number;
  bytes: number;
}
async function timePages(service: LaunchedService, scale: number): Promise<Map<string, PageFigures>> {
  const cookie = await signIn(service.base);
  const out = new Map<string, PageFigures>();
  progress(`timing ${pagesFor(scale).length} console pages, ${RUNS} GETs each …`);
  for (const [name, url] of pagesFor(scale)) {
    const first = await timeGet(service.base, url, cookie); // untimed: first use of the page's statements and views
    const times: number[] = [];
    let last = first;
    for (let r = 0; r < RUNS; r++) {
      last = await timeGet(service.base, url, cookie);
      times.push(last.ms);
    }
    const sorted = Float64Array.from(times).sort();
    out.set(name, { status: last.status, median: percentile(sorted, 50), p90: percentile(sorted, 90), bytes: last.bytes });
  }
  return out;
}

// ── 2. webhook acknowledgement ───────────────────────────────────────────────
let phaseNo = 0;
interface Window {
  startedAt: number;
  finishedAt: number;
  errors: number;
  /** What the run recorded (its HousekeepingRun row as JSON), when it did. */
  record?: string;
  /** Why there is no record. */
  note?: string;
}
async function ackPhase(service: LaunchedService, label: string, rate = RATE, duration = DURATION, users?: string[], during?: () => Promise<Window | undefined>) {
  phaseNo++;
  const n = rate * duration;
  const phaseUsers = users ?? userIds(`growth-${phaseNo}`, n);
  await fake.friends([...new Set(phaseUsers)]);
  const events = new PhaseEvents(label, phaseUsers, await fake.issueTokens(phaseUsers));
  service.sampler.mark();
  const cpu0 = cpuSecondsOf(service.pid);
  const t0 = benchNow();
  const load = runLoad({ baseUrl: service.base, path: '/webhook', secret: BENCH_SECRET, rate, duration, lanes: 100, connRate: 2, timeout: 10, events });
  const window = during ? sleep(1000).then(during) : undefined;
  await load;
  const seconds = (benchNow() - t0) / 1000;
  const w = await window;
  service.sampler.sample();
  const acked: number[] = [];
  let errors = 0;
  for (let i = 0; i < events.n; i++) {
    const status = events.ackStatus[i] as number;
    if (status >= 200 && status < 300 && !Number.isNaN(events.ackMs[i] as number)) acked.push(events.ackMs[i] as number);
    else if (!Number.isNaN(events.sendAt[i] as number)) errors++;
  }
  const sorted = Float64Array.from(acked).sort();
  // Acknowledgements of the events sent while the window (a housekeeping run) was going.
  const inWindow: number[] = [];
  if (w) for (let i = 0; i < events.n; i++) if ((events.sendAt[i] as number) >= w.startedAt && (events.sendAt[i] as number) <= w.finishedAt && !Number.isNaN(events.ackMs[i] as number)) inWindow.push(events.ackMs[i] as number);
  const ws = Float64Array.from(inWindow).sort();
  await fake.collect(); // keeps the fake's record small
  return {
    label,
    sent: events.sent,
    acked: acked.length,
    errors: errors + events.timeouts,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
    seconds,
    rssPeak: service.sampler.sincePeak,
    /** The service's CPU seconds (main thread and worker) per 1,000 events sent, load and its drain-free tail. */
    cpuPerK: ((cpuSecondsOf(service.pid) - cpu0) * 1000) / Math.max(1, events.sent),
    window: w ? { record: w.record ?? w.note, ms: w.finishedAt - w.startedAt, afterLoadMs: w.finishedAt - t0 - seconds * 1000, errors: w.errors, n: inWindow.length, p50: percentile(ws, 50), p99: percentile(ws, 99), max: percentile(ws, 100) } : undefined,
  };
}
type Ack = Awaited<ReturnType<typeof ackPhase>>;

/** Waits until no event is pending and no outbound row unsettled (at most `limitS` s); seconds waited. */
async function drain(dbPath: string, limitS = 120): Promise<number> {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  const t0 = Date.now();
  try {
    const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    while (Date.now() - t0 < limitS * 1000) {
      if (count(`SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE status = 'pending'`) === 0 && count(`SELECT COUNT(*) AS n FROM "OutboundMessage" WHERE status IN ('pending', 'attempting', 'retry')`) === 0) break;
      await sleep(250);
    }
  } finally {
    db.close();
  }
  return (Date.now() - t0) / 1000;
}

/**
 * Runs the daily housekeeping once on `dbPath` in a process of its own (run-housekeeping.ts), its clock `daysAhead`
 * days ahead; its start and end, and its record. Stopped after `limitS` s.
 */
async function runHousekeepingBeside(dbPath: string, daysAhead = 0, limitS = BESIDE_LIMIT_S): Promise<Window> {
  const child = spawnGroup(process.execPath, ['--import', 'tsx', 'bench/growth/run-housekeeping.ts', '--days-ahead', String(daysAhead)], {
    cwd: root,
    env: { ...process.env, ...tsunaguService(root, fake.url, 0, dbPath).env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const begun = benchNow();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // A run over years of rows may take far longer than the load: it is stopped after `limitS`.
  const code = await Promise.race([exited, sleep(limitS * 1000).then(() => 'timeout' as const)]);
  if (code === 'timeout') {
    await stopChild(child, 5000);
    return { startedAt: begun, finishedAt: benchNow(), errors: 0, note: `stopped after ${limitS} s, still running (the window counts from the process's start)` };
  }
  const line = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`run-housekeeping exited ${code}: ${err.slice(-800)}`);
  return JSON.parse(line) as Window;
}

/**
 * The housekeeping run the service started itself at `since` (its HousekeepingRun row, once written), as a window on
 * the bench clock; waits up to `limitS` s for it (the first run over the seeded years takes minutes per unit of
 * scale). Undefined when the schema records no runs or none came in time (then a note says so).
 */
async function runStartedBy(dbPath: string, since: number, limitS = FIRST_RUN_LIMIT_S): Promise<Window | undefined> {
  const t0 = Date.now();
  let told = 0;
  while (Date.now() - t0 < limitS * 1000) {
    const waited = Math.floor((Date.now() - t0) / 60_000);
    if (waited > told) progress(`still waiting for the service's housekeeping run to be recorded: ${(told = waited)} min of at most ${(limitS / 60).toFixed(0)} …`);
    const db = new DatabaseSync(dbPath, { readOnly: true });
    try {
      const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'HousekeepingRun'`).get();
      if (!table) return undefined;
      const row = db.prepare(`SELECT * FROM "HousekeepingRun" WHERE "startedAt" >= ? ORDER BY "startedAt" DESC LIMIT 1`).get(new Date(since - 1000).toISOString().replace('Z', '+00:00')) as
        | { startedAt: string; finishedAt: string }
        | undefined;
      if (row) {
        const offset = Date.now() - benchNow();
        firstRunWaits.push(`the service's housekeeping run (started ${new Date(since).toISOString().slice(11, 19)}) was recorded after ${((Date.now() - since) / 1000).toFixed(0)} s`);
        return { startedAt: Date.parse(row.startedAt) - offset, finishedAt: Date.parse(row.finishedAt) - offset, errors: 0, record: JSON.stringify(row) };
      }
    } finally {
      db.close();
    }
    await sleep(500);
  }
  firstRunWaits.push(`NOTE: no housekeeping run recorded within ${limitS} s of the service's start at ${new Date(since).toISOString().slice(11, 19)}: what follows ran beside it`);
  return undefined;
}

/** The newest row of a housekeeping-run table, if this schema has one (the retention work records its runs). */
function housekeepingRecord(dbPath: string): string | null {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const table = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND lower(name) LIKE '%housekeeping%' LIMIT 1`).get() as { name: string } | undefined)?.name;
    if (!table) return null;
    const row = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid DESC LIMIT 1`).get();
    return row ? `${table}: ${JSON.stringify(row)}` : `${table}: no run recorded`;
  } finally {
    db.close();
  }
}

// ── 3. bytes ─────────────────────────────────────────────────────────────────
/** Live bytes of the file ((page_count − freelist_count) × page_size, WAL included) and the files' size on disk. */
function bytesOf(dbPath: string): { live: number; disk: number } {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const one = (pragma: string) => Number(Object.values(db.prepare(`PRAGMA ${pragma}`).get() as object)[0]);
    const live = (one('page_count') - one('freelist_count')) * one('page_size');
    let disk = statSync(dbPath).size;
    try {
      disk += statSync(`${dbPath}-wal`).size;
    } catch {
      // no WAL file
    }
    return { live, disk };
  } finally {
    db.close();
  }
}

// ── run ──────────────────────────────────────────────────────────────────────
const acks: Ack[] = [];
/** How the waits for the service's own housekeeping runs ended. */
const firstRunWaits: string[] = [];
let steadyLines: string[] = [];
const memory: string[] = [];
let smallPages = new Map<string, PageFigures>();
let largePages = new Map<string, PageFigures>();
const bytesLines: string[] = [];
let housekeepingNote = '';
try {
  // Empty database: the service migrates a new file at start. It stays up, idle, until the rounds below.
  const emptyPath = path.join(work, 'empty.db');
  const empty = values['skip-ack'] ? undefined : await start(emptyPath, 'empty database');
  if (empty) await ackPhase(empty, 'warm-up', 200, 2);

  // The 1% database: pages.
  const smallPath = copyOf(small.file, 'small.db');
  const smallService = await start(smallPath, '1% database');
  await sleep(2000);
  smallPages = await timePages(smallService, SMALL);
  await stop(smallService);
  rmSync(smallPath, { force: true });

  // The large database: idle, the console pages, the load, and the load beside a housekeeping run.
  const largePath = copyOf(large.file, 'large.db');
  const seeded = bytesOf(largePath);
  const largeService = await start(largePath, 'large database');
  const startedAt = Date.now() - largeService.readySeconds * 1000;
  memory.push(`ready                          ${largeService.sampler.initial.toFixed(0)} MB`);
  // The housekeeping the service runs at start: its first run over the seeded years. With the load at once; the
  // bench then waits for the run's record (when the schema keeps one) before anything else.
  if (!values['skip-ack']) acks.push(await ackPhase(largeService, 'large, first start', RATE, DURATION, undefined, () => runStartedBy(largePath, startedAt)));
  else await runStartedBy(largePath, startedAt);
  await drain(largePath);
  await sleep(10_000);
  memory.push(`idle, 10 s after start        ${(memoryOf(largeService.pid)?.rss ?? NaN).toFixed(0)} MB`);
  largePages = await timePages(largeService, SCALE);
  memory.push(`after browsing the console     ${(memoryOf(largeService.pid)?.rss ?? NaN).toFixed(0)} MB`);
  if (!values['skip-ack']) {
    await ackPhase(largeService, 'warm-up', 200, 2);
    await drain(largePath);
    // Rounds alternating the empty and the large database, so that other work on the machine falls on both alike.
    let peak = 0;
    await ackPhase(empty!, 'warm-up', 200, 2); // it idled while the pages were timed
    await drain(emptyPath);
    for (let r = 1; r <= ROUNDS; r++) {
      acks.push(await ackPhase(empty!, `empty database #${r}`));
      await drain(emptyPath);
      const steady = await ackPhase(largeService, `large database #${r}`);
      acks.push(steady);
      peak = Math.max(peak, steady.rssPeak);
      await drain(largePath);
    }
    memory.push(`peak serving ${RATE}/s             ${peak.toFixed(0)} MB`);
    progress('large database: the daily housekeeping, run beside the service on its file, during the load …');
    acks.push(await ackPhase(largeService, 'large, daily housekeeping beside', RATE, DURATION, undefined, () => runHousekeepingBeside(largePath)));
    housekeepingNote = housekeepingRecord(largePath) ?? '';
    await stop(empty!);
  }
  await stop(largeService);

  // Bytes per processed event and per broadcast recipient.
  if (!values['skip-bytes']) {
    const b0 = bytesOf(largePath);
    const processedDb = new DatabaseSync(largePath, { readOnly: true });
    const webhookRows = Number((processedDb.prepare(`SELECT COUNT(*) AS n FROM "WebhookEvent"`).get() as { n: number }).n);
    processedDb.close();
    const regulars = regularResidents(SCALE, Math.min(EVENTS, 5000));
    const talk = Array.from({ length: EVENTS }, (_, i) => regulars[i % regulars.length] as string);
    let s = await start(largePath, 'bytes: events');
    await ackPhase(s, 'bytes: events', Math.min(100, EVENTS), Math.max(1, Math.round(EVENTS / Math.min(100, EVENTS))), talk);
    await drain(largePath);
    await stop(s);
    const b1 = bytesOf(largePath);
    // A broadcast to everyone, due now (urgent: quiet hours do not hold it back); the service sends it at start.
    const db = new DatabaseSync(largePath);
    const now = new Date().toISOString().replace('Z', '+00:00');
    db.prepare(`INSERT INTO "Broadcast" ("id", "kind", "title", "content", "targeting", "urgent", "scheduledAt", "status", "createdAt") VALUES ('bench-growth-broadcast', 'announcement', 'ベンチ', ?, '{"everyone":true}', 1, ?, 'scheduled', ?)`).run(
      JSON.stringify({ ja: '歳末たすけあい運動のお知らせです。ご協力をお願いします。', en: 'Year-end appeal.', 'ja-x-easy': 'ねんまつの おねがい です。' }),
      now,
      now,
    );
    db.close();
    s = await start(largePath, 'bytes: broadcast');
    const t0 = Date.now();
    let status = '';
    while (Date.now() - t0 < 300_000) {
      const r = new DatabaseSync(largePath, { readOnly: true });
      status = String((r.prepare(`SELECT status FROM "Broadcast" WHERE id = 'bench-growth-broadcast'`).get() as { status: string }).status);
      r.close();
      if (!['scheduled', 'sending'].includes(status)) break;
      await sleep(500);
    }
    await stop(s);
    const b2 = bytesOf(largePath);
    const r = new DatabaseSync(largePath, { readOnly: true });
    const recipients = Number((r.prepare(`SELECT COUNT(*) AS n FROM "BroadcastDelivery" WHERE "broadcastId" = 'bench-growth-broadcast'`).get() as { n: number }).n);
    r.close();
    // Housekeeping: it runs at every start; start once more and give it time to finish.
    s = await start(largePath, 'bytes: housekeeping');
    await sleep(15_000);
    await stop(s);
    const b3 = bytesOf(largePath);
    bytesLines.push(
      `live bytes as seeded                        ${mb(seeded.live)}   (on disk ${mb(seeded.disk)})`,
      `before the byte phases                     ${mb(b0.live)}   (on disk ${mb(b0.disk)}; after the phases above and the housekeeping runs: ${int(webhookRows)} webhook event rows, ${int(counts.webhookEvents)} seeded)`,
      `${`after ${int(EVENTS)} text events`.padEnd(43)} ${mb(b1.live)}   → ${int((b1.live - b0.live) / EVENTS)} B per processed event`,
      `${`after a broadcast to ${int(recipients)} (${status})`.padEnd(43)} ${mb(b2.live)}   → ${recipients ? int((b2.live - b1.live) / recipients) : 'n/a'} B per recipient`,
      `after another start's housekeeping (15 s)   ${mb(b3.live)}   (on disk ${mb(b3.disk)}; ${int(b3.live - b2.live)} B change; the new rows are inside every keeping period)`,
      housekeepingRecord(largePath) ?? 'no housekeeping-run table in this schema',
    );
  }

  // Steady load: day after day, a day's events and the housekeeping a day further ahead.
  if (STEADY_DAYS > 0) {
    steadyLines = await steadyPhase(
      { dbPath: largePath, scale: SCALE, days: STEADY_DAYS, cap: STEADY_EVENTS },
      {
        start,
        stop,
        send: async (service, label, rate, duration, users) => {
          const a = await ackPhase(service, label, rate, duration, users);
          return { acked: a.acked, errors: a.errors };
        },
        drain: (dbPath) => drain(dbPath),
        housekeeping: (dbPath, daysAhead) => runHousekeepingBeside(dbPath, daysAhead, STEADY_RUN_LIMIT_S),
        startRun: (dbPath, since) => runStartedBy(dbPath, since),
        progress,
      },
    );
  }
} finally {
  await fake.stop();
}

// ── report ───────────────────────────────────────────────────────────────────
log();
log(`── Console pages: median of ${RUNS} GETs after one untimed (ms), signed in as an admin; PASS = large median and p90 under ${LIMIT_MS} ms ──`);
log(`${'page'.padEnd(34)} ${'1% med'.padStart(8)} ${'large med'.padStart(10)} ${'large p90'.padStart(10)} ${'bytes'.padStart(10)}  verdict`);
let failing = 0;
for (const [name] of pagesFor(SCALE)) {
  const s = smallPages.get(name) ?? [...smallPages.entries()].find(([k]) => k.split(' (')[0] === name.split(' (')[0])?.[1];
  const l = largePages.get(name);
  if (!l) continue;
  const bad = l.status !== 200;
  const pass = !bad && l.median < LIMIT_MS && l.p90 < LIMIT_MS;
  if (!pass) failing++;
  log(`${name.padEnd(34)} ${fmt(s?.median ?? NaN).padStart(8)} ${fmt(l.median).padStart(10)} ${fmt(l.p90).padStart(10)} ${int(l.bytes).padStart(10)}  ${bad ? `HTTP ${l.status}` : pass ? 'PASS' : 'FAIL'}`);
}
log(`${failing} of ${largePages.size} pages over ${LIMIT_MS} ms (or not 200) on the large database`);
if (acks.length) {
  log();
  log(`── Webhook acknowledgement at ${RATE}/s × ${DURATION} s (new users, one signed text event per POST) ──`);
  const median = (xs: number[]) => percentile(Float64Array.from(xs).sort(), 50);
  const emptyP99 = median(acks.filter((a) => a.label.startsWith('empty')).map((a) => a.p99));
  const largeP99 = median(acks.filter((a) => a.label.startsWith('large database')).map((a) => a.p99));
  const base = { p99: emptyP99 };
  for (const a of acks) {
    const round = /#(\d+)$/.exec(a.label)?.[1];
    const own = round && a.label.startsWith('large') ? acks.find((e) => e.label === `empty database #${round}`) : a.label.startsWith('empty') ? undefined : base;
    const ratio = own ? a.p99 / own.p99 : NaN;
    log(
      `${a.label.padEnd(36)} p50 ${fmt(a.p50).padStart(6)} ms  p99 ${fmt(a.p99).padStart(7)} ms  max ${fmt(a.max).padStart(7)} ms  acked ${int(a.acked)}/${int(a.sent)}  errors ${a.errors}` +
        `  cpu ${a.cpuPerK.toFixed(2)} s/1,000` +
        (Number.isFinite(ratio) ? `  p99 ×${ratio.toFixed(2)} of ${round ? 'its round\'s empty' : 'the empty median'}` : ''),
    );
  }
  const ratio = largeP99 / emptyP99;
  log(`median p99 over ${ROUNDS} rounds: empty ${fmt(emptyP99)} ms, large ${fmt(largeP99)} ms → ×${ratio.toFixed(2)}: ${ratio <= 1.2 ? 'PASS' : 'FAIL'} (≤ 1.2×)`);
  for (const a of acks) {
    if (!a.window) continue;
    const w = a.window;
    log(
      `  ${a.label}: the housekeeping run took ${(w.ms / 1000).toFixed(1)} s${a.label.includes('beside') ? ` (${w.errors} warn/error lines; the whole phase also carries its process's start-up)` : ' (the run the service started itself)'}${w.afterLoadMs > 0 ? `, ending ${(w.afterLoadMs / 1000).toFixed(1)} s after the load` : ''}; ` +
        (w.n === 0
          ? 'no event was sent while it ran'
          : `events sent while it ran: ${int(w.n)}, ack p50 ${fmt(w.p50)} ms, p99 ${fmt(w.p99)} ms, max ${fmt(w.max)} ms` +
            ` — p99 ×${(w.p99 / base.p99).toFixed(2)} of the empty median: ${w.p99 / base.p99 <= 1.2 ? 'PASS' : 'FAIL'}`),
    );
    if (w.record) log(`    its record: ${w.record}`);
  }
  if (housekeepingNote) log(`  ${housekeepingNote}`);
}
if (memory.length) {
  log();
  log('── Service RSS (the whole process: main thread and processing worker), large database ──');
  for (const m of memory) log(`  ${m}`);
}
if (bytesLines.length) {
  log();
  log('── Bytes (SQLite live bytes: (page_count − freelist_count) × page_size, after a clean stop) ──');
  for (const b of bytesLines) log(`  ${b}`);
}
if (firstRunWaits.length) {
  log();
  log(`── Waits for the service's own housekeeping runs (at most ${FIRST_RUN_LIMIT_S} s each at this scale) ──`);
  for (const w of firstRunWaits) log(`  ${w}`);
}
if (steadyLines.length) {
  log();
  log(`── Steady load: ${STEADY_DAYS} simulated days, each a day's text events then the housekeeping with its clock that many days ahead (file on disk: main + WAL after a TRUNCATE checkpoint) ──`);
  for (const l of steadyLines) log(`  ${l}`);
}
process.exit(0);
