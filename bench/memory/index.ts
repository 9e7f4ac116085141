/**
 * Memory of the whole service (main thread and processing worker): `npm run bench:memory [-- options]`.
 *
 * For each checkout measured (this one, and with `--base DIR` another one first, e.g. an export of `main` with its own
 * `dist/`), the production bundle is started as `npm start` runs it (that checkout's `start` flags, `NODE_ENV=
 * production`, its own SQLite file, LINE pointed at the fake LINE API in a process of its own) and measured:
 *  1. idle: RSS (VmRSS) after it has been ready for `--settle` seconds on a database migrated beforehand (as after a
 *     restart), and the JS heap of each thread;
 *  2. after browsing the console: an admin signs in through the login form (password, then the TOTP code) and opens
 *     every console page linked from the pages it reaches (`--pages` at most), twice;
 *  3. serving webhooks: signed text events from distinct users at `--rate`/s for `--duration` s (after a warm-up):
 *     peak RSS (sampled every 100 ms, and VmHWM), ack p50/p99 (request written → response read), replies seen;
 *  4. a burst (`--burst` events/s for `--burst-duration` s, 0 to skip): peak RSS and whether the worker survived.
 * The JS heap per thread comes from Node's diagnostic report (`--report-on-signal`, SIGWINCH), which lists each worker
 * thread's heap too: no inspector, nothing in the service's code. Figures are printed, never asserted.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseSync } from 'node:sqlite';
import { openDatabase } from '../../src/infra/prisma/database';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { createStaff, TEST_PASSWORD, TEST_TOTP_SECRET } from '../../tests/helpers/console';
import { signIn } from '../growth/console-client';
import { PhaseEvents, runLoad, userIds } from '../webhook/load';
import {
  BENCH_SECRET,
  BENCH_TOKEN,
  busyElsewhere,
  cleanUpOnExit,
  FakeLineProcess,
  freePort,
  launchService,
  memoryOf,
  OutputTail,
  stopChild,
  tsunaguService,
  type LaunchedService,
} from '../webhook/processes';
import { ReplyTracker } from '../webhook/replies';
import { percentile } from '../webhook/stats';
import { measureFloors, type Floor } from './floor';

const here = path.resolve(import.meta.dirname, '..', '..');
const { values: opts } = parseArgs({
  options: {
    base: { type: 'string' },
    rate: { type: 'string', default: '500' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    burst: { type: 'string', default: '2000' },
    'burst-duration': { type: 'string', default: '5' },
    settle: { type: 'string', default: '5' },
    pages: { type: 'string', default: '60' },
    'node-args': { type: 'string' },
    floor: { type: 'boolean', default: true },
    help: { type: 'boolean', default: false },
  },
  allowNegative: true,
});
if (opts.help) {
  console.log(`npm run bench:memory [-- --base DIR] [--rate 500] [--duration 10] [--warmup 3] [--burst 2000] [--burst-duration 5]
                     [--settle 5] [--pages 60] [--node-args=--max-semi-space-size=2]
  --base DIR       also measure the checkout in DIR first (its own dist/ and package.json start flags), as the peer
  --rate 0         idle and console only (no webhooks)
  --burst 0        skip the burst phase
  --node-args      extra node flags for the service(s) measured (experiments)
  --no-floor       skip the floor (Node alone, with a worker, with Prisma in both threads: same binary and flags)`);
  process.exit(0);
}
const num = (name: keyof typeof opts): number => {
  const n = Number(opts[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
  return n;
};
const rate = num('rate');
const duration = num('duration');
const warmup = num('warmup');
const burst = num('burst');
const burstDuration = num('burst-duration');
const settle = num('settle');
const maxPages = num('pages');

const tempDirs = cleanUpOnExit();
const mb = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '—' : `${n.toFixed(1)} MB`);

// ── per-thread heap through Node's diagnostic report ─────────────────────────
interface ThreadHeap {
  used: number;
  total: number;
}
interface HeapReport {
  main: ThreadHeap;
  workers: ThreadHeap[];
  /** RSS the report itself saw, MB. */
  rss: number;
}

const REPORT_SIGNAL = 'SIGWINCH';
function reportFlags(dir: string): string[] {
  return ['--report-on-signal', `--report-signal=${REPORT_SIGNAL}`, `--report-directory=${dir}`, '--report-exclude-env', '--report-compact'];
}

async function heapReport(pid: number, dir: string): Promise<HeapReport | undefined> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, REPORT_SIGNAL);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await sleep(100);
    const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.json'));
    if (!file) continue;
    try {
      const r = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
        javascriptHeap: { totalMemory: number; usedMemory: number };
        workers: Array<{ javascriptHeap: { totalMemory: number; usedMemory: number } }>;
        resourceUsage: { rss?: number | string };
      };
      rmSync(path.join(dir, file));
      const heap = (h: { totalMemory: number; usedMemory: number }): ThreadHeap => ({ used: h.usedMemory / 2 ** 20, total: h.totalMemory / 2 ** 20 });
      return { main: heap(r.javascriptHeap), workers: r.workers.map((w) => heap(w.javascriptHeap)), rss: Number(r.resourceUsage.rss ?? NaN) / 2 ** 20 };
    } catch {
      // still being written
    }
  }
  return undefined;
}

const heapLine = (h: HeapReport | undefined): string =>
  h ? `heap main ${mb(h.main.used)} used / ${mb(h.main.total)}; ${h.workers.map((w, i) => `worker${h.workers.length > 1 ? ` ${i + 1}` : ''} ${mb(w.used)} / ${mb(w.total)}`).join('; ') || 'no worker'}` : 'heap: no report';

// ── console browsing over HTTP ───────────────────────────────────────────────
/** Opens the console's home and every page linked from the pages reached (GET only, no sign-out), up to `max`. */
async function browseConsole(base: string, cookie: string, max: number): Promise<{ pages: number; bytes: number; statuses: Record<number, number> }> {
  const seen = new Set<string>();
  const queue = ['/console'];
  const statuses: Record<number, number> = {};
  let bytes = 0;
  while (queue.length > 0 && seen.size < max) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await fetch(new URL(url, base), { redirect: 'manual', headers: { cookie } }).then(async (r) => ({ status: r.status, body: await r.text() }));
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    bytes += res.body.length;
    for (const m of res.body.matchAll(/href="(\/console[^"#]*)"/g)) {
      const link = m[1]!.replaceAll('&amp;', '&');
      if (/logout|sign-?out|\/assets\/|\.csv|download|export/i.test(link)) continue;
      if (!seen.has(link)) queue.push(link);
    }
  }
  return { pages: seen.size, bytes, statuses };
}

// ── one checkout, all phases ─────────────────────────────────────────────────
interface Figures {
  name: string;
  idle: number;
  idleHeap?: HeapReport;
  console: number;
  consoleHeap?: HeapReport;
  consolePages: string;
  /** Answer time of the first typed text (builds the FAQ's tokenizer) and of the next one, ms. */
  firstText: number;
  secondText: number;
  load: { peak: number; p50: number; p99: number; acked: number; sent: number; answered: number; errors: number };
  loadHeap?: HeapReport;
  burst?: { peak: number; p99: number; acked: number; sent: number; answered: number; restarts: number };
  afterHeap?: HeapReport;
  after: number;
  hwm: number;
  restarts: number;
  warnings: number;
}

async function measure(name: string, root: string): Promise<Figures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-memory-'));
  tempDirs.push(dir);
  const fake = await FakeLineProcess.start(here, 'bench/fake-line-server.ts', BENCH_TOKEN);
  const tail = new OutputTail();
  let service: LaunchedService | undefined;
  try {
    const users = userIds('mem', 5000);
    const warmUsers = userIds('mem-warm', 1000);
    await fake.friends([...users, ...warmUsers, ...userIds('mem-first', 1), ...userIds('mem-second', 1)]);
    const port = await freePort();
    const dbPath = path.join(dir, 'bench.db');
    // Migrated beforehand, as a service restarted on its database is: a migration at start loads the schema engine
    // (WebAssembly) into the service, which is not what it holds day to day.
    await applyMigrations(`file:${dbPath}`);
    const spec = tsunaguService(root, fake.url, port, dbPath);
    const extra = (opts['node-args'] ?? '').split(' ').filter(Boolean);
    spec.args = [...spec.args.slice(0, -1), ...reportFlags(dir), ...extra, spec.args.at(-1)!];
    console.log(`· ${name}: node ${spec.args.filter((a) => !a.startsWith('--report')).join(' ')} (in ${root})`);
    service = await launchService(root, spec, port, tail);
    const { pid, sampler, base } = service;

    // 1. idle
    await sleep(settle * 1000);
    const idle = memoryOf(pid)?.rss ?? NaN;
    const idleHeap = await heapReport(pid, dir);
    console.log(`  idle ${settle} s after ready: RSS ${mb(idle)}; ${heapLine(idleHeap)}`);

    // 2. the console
    const db = await openDatabase(`file:${dbPath}`);
    const { member } = await createStaff(db, { role: 'admin' });
    await db.$disconnect();
    const cookie = await signIn(base, { loginId: member.loginId, password: TEST_PASSWORD, totpSecret: TEST_TOTP_SECRET });
    const first = await browseConsole(base, cookie, maxPages);
    await browseConsole(base, cookie, maxPages);
    await sleep(1000);
    const consoleRss = memoryOf(pid)?.rss ?? NaN;
    const consoleHeap = await heapReport(pid, dir);
    const consolePages = `${first.pages} pages (${Object.entries(first.statuses).map(([s, n]) => `${n}×${s}`).join(', ')}), ${(first.bytes / 1024).toFixed(0)} KiB, twice`;
    console.log(`  after the console (${consolePages}): RSS ${mb(consoleRss)}; ${heapLine(consoleHeap)}`);

    // 3. webhooks at the rate
    const replies = new ReplyTracker(fake);
    const phase = async (label: string, r: number, secs: number, pool: string[], offset: number) => {
      const n = r * secs;
      const phaseUsers = Array.from({ length: n }, (_, i) => pool[(offset + i) % pool.length]!);
      const events = new PhaseEvents(label, phaseUsers, await fake.issueTokens(phaseUsers));
      replies.addPhase(events);
      sampler.mark();
      const ticker = setInterval(() => void replies.pump(), 250);
      try {
        await runLoad({ baseUrl: base, path: '/webhook', secret: BENCH_SECRET, rate: r, duration: secs, lanes: Math.min(100, r), connRate: 2, timeout: 10, events });
        const until = Date.now() + 15_000;
        while (Date.now() < until) {
          await replies.pump();
          if (events.answerAt.every((t) => !Number.isNaN(t))) break;
          await sleep(200);
        }
      } finally {
        clearInterval(ticker);
      }
      sampler.sample();
      const acks = Array.from(events.ackMs).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
      const ok = Array.from(events.ackStatus).filter((s) => s >= 200 && s < 300).length;
      const e2e = Array.from(events.answerAt, (t, i) => t - (events.sendAt[i] as number)).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
      return {
        e2eMax: e2e.at(-1) ?? NaN,
        peak: sampler.sincePeak,
        p50: percentile(acks, 50),
        p99: percentile(acks, 99),
        acked: ok,
        sent: events.sent,
        answered: events.answerAt.filter((t) => !Number.isNaN(t)).length,
        errors: events.sent - ok + events.timeouts + events.connectionErrors,
      };
    };
    if (rate === 0) {
      const none = { peak: NaN, p50: NaN, p99: NaN, acked: 0, sent: 0, answered: 0, errors: 0 };
      return { name, idle, idleHeap, console: consoleRss, consoleHeap, consolePages, firstText: NaN, secondText: NaN, load: none, after: consoleRss, hwm: sampler.peak, restarts: tail.workerRestarts, warnings: tail.warnings };
    }
    // The first typed text builds the FAQ's tokenizer and index (kuromoji's dictionary): its answer, then another's.
    const firstText = await phase('first text', 1, 1, userIds('mem-first', 1), 0);
    const secondText = await phase('second text', 1, 1, userIds('mem-second', 1), 0);
    const afterFirst = memoryOf(pid)?.rss ?? NaN;
    console.log(`  first typed text answered in ${firstText.e2eMax.toFixed(0)} ms (the next one in ${secondText.e2eMax.toFixed(0)} ms); RSS then ${mb(afterFirst)}`);
    if (warmup > 0) await phase('warm-up', 100, warmup, warmUsers, 0);
    const load = await phase(`${rate}/s`, rate, duration, users, 0);
    const loadHeap = await heapReport(pid, dir);
    console.log(`  ${rate}/s × ${duration} s: peak RSS ${mb(load.peak)}; ack p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms; ${load.acked}/${load.sent} acknowledged, ${load.answered} answered; ${heapLine(loadHeap)}`);

    // 4. a burst
    let burstFigures: Figures['burst'];
    if (burst > 0) {
      const restartsBefore = tail.workerRestarts;
      const b = await phase(`${burst}/s`, burst, burstDuration, users, rate * duration);
      burstFigures = { peak: b.peak, p99: b.p99, acked: b.acked, sent: b.sent, answered: b.answered, restarts: tail.workerRestarts - restartsBefore };
      console.log(`  burst ${burst}/s × ${burstDuration} s: peak RSS ${mb(b.peak)}; ack p99 ${b.p99.toFixed(2)} ms; ${b.acked}/${b.sent} acknowledged, ${b.answered} answered within 15 s; worker restarts ${burstFigures.restarts}`);
      // Wait until the backlog is done.
      const read = new DatabaseSync(dbPath, { readOnly: true });
      const until = Date.now() + 60_000;
      while (Date.now() < until && Number((read.prepare(`SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE status = 'pending'`).get() as { n: number }).n) > 0) await sleep(250);
      read.close();
    }
    await sleep(2000);
    const after = memoryOf(pid)?.rss ?? NaN;
    const afterHeap = await heapReport(pid, dir);
    const hwm = Math.max(sampler.peak, memoryOf(pid)?.hwm ?? 0);
    console.log(`  after the load, 2 s later: RSS ${mb(after)}; ${heapLine(afterHeap)}; VmHWM ${mb(hwm)}; warn/error lines ${tail.warnings}`);
    return { name, idle, idleHeap, console: consoleRss, consoleHeap, consolePages, firstText: firstText.e2eMax, secondText: secondText.e2eMax, load, loadHeap, burst: burstFigures, after, afterHeap, hwm, restarts: tail.workerRestarts, warnings: tail.warnings };
  } finally {
    service?.sampler.stop();
    if (service) await stopChild(service.child);
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ── main ─────────────────────────────────────────────────────────────────────
console.log(`bench:memory — ${new Date().toISOString()}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}`);
const busy = await busyElsewhere();
console.log(`machine busy before the run: ${busy.toFixed(2)} cores in use by other processes${busy > 0.25 ? ' — figures disturbed' : ''}\n`);

const runs: Figures[] = [];
let floors: Floor[] = [];
try {
  if (opts.base) runs.push(await measure('base', path.resolve(opts.base)));
  runs.push(await measure('this checkout', here));
  if (opts.floor) {
    const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-floor-'));
    tempDirs.push(dir);
    await applyMigrations(`file:${path.join(dir, 'floor.db')}`);
    floors = await measureFloors(here, `file:${path.join(dir, 'floor.db')}`, settle);
  }
} catch (e) {
  console.error('bench:memory failed:', e);
  process.exit(1);
}

const row = (f: Figures): string =>
  `| ${f.name} | ${mb(f.idle)} | ${mb(f.console)} | ${f.firstText.toFixed(0)} / ${f.secondText.toFixed(0)} ms | ${mb(f.load.peak)} | ${f.load.p99.toFixed(1)} ms | ${f.load.answered}/${f.load.sent} | ${f.burst ? `${mb(f.burst.peak)}, ${f.burst.answered}/${f.burst.sent}, restarts ${f.burst.restarts}` : '—'} | ${mb(f.hwm)} |`;
console.log('\n| service | RSS idle | after console | 1st / 2nd text answered | peak at ' + `${rate}/s | ack p99 | answered | burst ${burst}/s: peak, answered, worker restarts | VmHWM |`);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const f of runs) console.log(row(f));
if (floors.length) {
  console.log(`\nfloor: this checkout's Node binary and start flags, idle ${settle} s, nothing of Tsunagu's own loaded (bench/memory/floor.ts)`);
  for (const f of floors) console.log(`  ${f.label.padEnd(46)} RSS ${mb(f.rss)}`);
  const prisma = floors.at(-1)!.rss;
  for (const f of runs) console.log(`  ${f.name}: idle ${mb(f.idle)} = floor ${mb(prisma)} + ${mb(f.idle - prisma)} of the service's own code and data`);
}
console.log(`\ntargets (issue 19): idle < 150 MB, at 500/s < 250 MB, no thread killed by a burst`);
for (const f of runs) {
  console.log(`  ${f.name}: idle ${f.idle < 150 ? 'PASS' : 'MISS'}, at ${rate}/s ${f.load.peak < 250 ? 'PASS' : 'MISS'}, burst ${f.burst ? (f.burst.restarts === 0 ? 'PASS' : 'MISS') : 'not run'}`);
}
process.exit(0);
