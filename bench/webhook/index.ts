/**
 * Webhook under load: `npm run bench:webhook [-- --duration 10 --rates 500,1000,1500 --skip-peer]`, and
 * `npm run bench:webhook -- --database postgresql --instances 1,2,3` for several instances on one PostgreSQL
 * database (beside SQLite's single instance, for comparison).
 *
 * Three kinds of process on loopback:
 *  - the service under test, a child process: Tsunagu (`node dist/server.mjs`, production mode, its own SQLite
 *    file), then the SDK echo peer (`tsx bench/peers/sdk-echo/server.ts`);
 *  - a fake LINE Messaging API per service, a child process of its own (`bench/fake-line-server.ts`), which
 *    issues the reply tokens and reports when each reply was accepted;
 *  - the load generator, autocannon in this process: signed text-message events from many users, one per
 *    POST, each with a fresh reply token and webhookEventId, at fixed rates, one phase per rate.
 *
 * With `--database postgresql`, Tsunagu runs first on its SQLite file, then once per `--instances` count N: N
 * instances of the production bundle on one fresh PostgreSQL database (made on `--postgres-url`, migrated by the
 * first instance, dropped afterwards), one fake LINE API for all of them, the load's lanes spread round-robin
 * across the instances (a load balancer in miniature). CPU is the instances' sum; RSS the largest instance's.
 *
 * Per phase it prints acknowledgement latency (autocannon: request written → response read), end-to-end
 * latency (request built → the reply accepted by the fake), sustained rates, errors, RSS and CPU; then a
 * summary, the persistence check on Tsunagu's SQLite file, the targets and the Tsunagu ÷ peer ratios.
 * Figures are information only: the exit code is 0 unless the bench itself broke.
 */
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freshPostgresDatabase, openBenchDb, type BenchDatabase } from './bench-db';
import { benchNow } from './fake-protocol';
import { laneLayout, PhaseEvents, runLoad, userIds } from './load';
import { parseOptions, type BenchOptions } from './options';
import {
  BENCH_SECRET,
  BENCH_TOKEN,
  busyElsewhere,
  CpuMeter,
  FakeLineProcess,
  freePort,
  cleanUpOnExit,
  launchService,
  memoryOf,
  OutputTail,
  RssSampler,
  RssSamplers,
  stopChild,
  tsunaguOnPostgres,
  tsunaguService,
  type LaunchedService,
  type ServiceSpec,
} from './processes';
import { ReplyTracker } from './replies';
import { int, phaseBlock, ratioLines, summaryTable, targetLines, type TargetRun } from './report';
import { phaseStats, type PhaseStats } from './stats';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

// ── output: printed and kept for the raw results file ────────────────────────
const outputLines: string[] = [];
const log = (...lines: string[]): void => {
  for (const line of lines) {
    console.log(line);
    outputLines.push(line);
  }
};
const progress = (line: string): void => log(`· ${line}`);

const day = new Date().toISOString().slice(0, 10);
let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2), path.join(root, 'bench', 'results', `webhook-${day}.txt`));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}

// autocannon's request timer (retimer) can ask for a negative delay when the event loop runs late; Node then
// warns on every occurrence. Harmless (the timer fires at once); keep every other warning.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') console.error(`(node) ${warning.name}: ${warning.message}`);
});

// ── cleanup on every way out ─────────────────────────────────────────────────
const tempDirs = cleanUpOnExit();
const watchdog = setTimeout(() => {
  console.error(`bench exceeded --max-run ${options.maxRun} s; stopping everything`);
  saveOutput('(run aborted by the --max-run watchdog)');
  process.exit(1);
}, options.maxRun * 1000);
watchdog.unref();

// ── the services under test ──────────────────────────────────────────────────
interface Target {
  name: string;
  persists: boolean;
  webhookPath: string;
  /** Instances started on the same database, webhooks spread round-robin across them (default 1). */
  instances?: number;
  /** A fresh database for the run (PostgreSQL), removed afterwards. */
  setUp?(): Promise<{ url: string; drop(): Promise<void> }>;
  /** How to start the service (an instance of it); `databaseUrl` is what `setUp` made. */
  start(fakeUrl: string, port: number, dir: string, databaseUrl?: string): ServiceSpec;
}

const tsunagu: Target = {
  name: options.database === 'postgresql' ? 'Tsunagu · SQLite' : 'Tsunagu',
  persists: true,
  webhookPath: '/webhook',
  start: (fakeUrl, port, dir) => tsunaguService(root, fakeUrl, port, path.join(dir, 'bench.db')),
};

/** Tsunagu on a fresh PostgreSQL database (on --postgres-url), `n` instances sharing it. */
const onPostgres = (n: number): Target => ({
  name: `Tsunagu · PostgreSQL × ${n}`,
  persists: true,
  webhookPath: '/webhook',
  instances: n,
  setUp: () => freshPostgresDatabase(options.postgresUrl),
  start: (fakeUrl, port, _dir, databaseUrl) => tsunaguOnPostgres(root, fakeUrl, port, databaseUrl as string),
});

const peer: Target = {
  name: 'SDK echo peer',
  persists: false,
  webhookPath: '/callback',
  start: (fakeUrl, port) => ({
    command: tsx,
    args: ['bench/peers/sdk-echo/server.ts'],
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LINE_CHANNEL_SECRET: BENCH_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: BENCH_TOKEN,
      LINE_API_BASE_URL: fakeUrl,
    },
    // The example has no health route; any HTTP answer means it listens.
    readyPath: '/',
    anyStatus: true,
  }),
};

// ── one service, all phases ──────────────────────────────────────────────────
async function measure(target: Target): Promise<TargetRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-webhook-'));
  tempDirs.push(dir);
  progress(`${target.name}: starting the fake LINE API (own process)…`);
  const fake = await FakeLineProcess.start(root, 'bench/fake-line-server.ts', BENCH_TOKEN);
  const services: LaunchedService[] = [];
  let database: { url: string; drop(): Promise<void> } | undefined;
  let sampler: RssSampler | RssSamplers | undefined;
  const tail = new OutputTail();
  const warningSamples: string[] = [];
  try {
    const users = userIds('user', options.users);
    const warmUsers = userIds('warm', Math.max(1, Math.min(options.users, options.warmup * options.warmupRate)));
    await fake.friends([...users, ...warmUsers]);

    database = target.setUp ? await target.setUp() : undefined;
    let spec: ServiceSpec | undefined;
    // One at a time: the first instance migrates a fresh database before the others open it.
    for (let i = 0; i < (target.instances ?? 1); i++) {
      const port = await freePort();
      spec = target.start(fake.url, port, dir, database?.url);
      progress(`${target.name}: starting ${path.relative(root, spec.command)} ${spec.args.join(' ')} on http://127.0.0.1:${port}…`);
      const started = await launchService(root, spec, port, tail);
      services.push(started);
      progress(`${target.name}: ready in ${started.readySeconds.toFixed(1)} s (service pid ${started.pid}, RSS ${started.sampler.initial.toFixed(1)} MB; launcher pid ${started.child.pid})`);
    }
    if (!spec) throw new Error(`${target.name}: no instance to start`);
    const { child, pid } = services[0] as LaunchedService;
    const pids = services.map((s) => s.pid);
    const bases = services.map((s) => s.base);
    sampler = services.length === 1 ? (services[0] as LaunchedService).sampler : new RssSamplers(services.map((s) => s.sampler));
    const where: BenchDatabase | undefined = spec.dbPath ? { kind: 'sqlite', path: spec.dbPath } : spec.databaseUrl ? { kind: 'postgresql', url: spec.databaseUrl } : undefined;

    // Replies and pushes seen by the fake, attributed to the events that caused them.
    const replies = new ReplyTracker(fake);
    const pump = (): Promise<void> => replies.pump();

    const runPhase = async (label: string, rate: number, duration: number, pool: string[], offset: number): Promise<{ events: PhaseEvents; stats: PhaseStats }> => {
      const n = rate * duration;
      const phaseUsers = Array.from({ length: n }, (_, i) => pool[(offset + i) % pool.length] as string);
      const tokens = await fake.issueTokens(phaseUsers);
      const events = new PhaseEvents(label, phaseUsers, tokens);
      const backlogAtStart = replies.unanswered();
      replies.addPhase(events);
      const layout = laneLayout(rate, options.connRate, options.lanes);

      sampler?.mark();
      const cpu = new CpuMeter({ service: pids, fake: fake.pid });
      const t0 = benchNow();
      const ticker = setInterval(() => void pump(), 250);
      // CPU is measured while the load runs (not during the grace period).
      let sendCpu = { service: NaN, fake: NaN, load: NaN, other: NaN };
      try {
        await runLoad({
          baseUrl: bases[0] as string,
          baseUrls: bases,
          path: target.webhookPath,
          secret: BENCH_SECRET,
          rate,
          duration,
          lanes: options.lanes,
          connRate: options.connRate,
          timeout: options.timeout,
          events,
        });
        sendCpu = cpu.read().cores;
        if (where) {
          const db = await openBenchDb(where);
          const n = await db.count(`SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE status = 'pending'`);
          await db.close();
          log(`  backlog     ${int(n)} events stored but not yet processed when the load stopped`);
        }
        // Grace period: wait for the replies of every event that was not refused.
        let lastSend = t0;
        for (const t of events.sendAt) if (t > lastSend) lastSend = t;
        const deadline = lastSend + options.grace * 1000;
        const expected = (): number => {
          let n = 0;
          for (let i = 0; i < events.n; i++) if (!Number.isNaN(events.sendAt[i] as number) && !((events.ackStatus[i] as number) >= 300)) n++;
          return n;
        };
        const answered = (): number => events.answerAt.reduce((s, t) => s + (Number.isNaN(t) ? 0 : 1), 0);
        const want = expected();
        while (benchNow() < deadline) {
          await pump();
          if (answered() >= want) break;
          await sleep(100);
        }
        await pump();
      } finally {
        clearInterval(ticker);
      }
      sampler?.sample();
      const stats = phaseStats(events, {
        label,
        rate,
        duration,
        connections: layout.reduce((s, l) => s + l.connections, 0),
        lanes: layout.length,
        backlogAtStart,
        rssPeakMB: sampler?.sincePeak ?? NaN,
        cpu: sendCpu,
      });
      return { events, stats };
    };

    if (options.warmup > 0) {
      progress(`${target.name}: warm-up, ${options.warmupRate} events/s × ${options.warmup} s from ${int(warmUsers.length)} other users (not measured)…`);
      const { stats } = await runPhase('warm-up', options.warmupRate, options.warmup, warmUsers, 0);
      progress(`${target.name}: warm-up done: ${int(stats.acked)}/${int(stats.sent)} acknowledged, ${int(stats.answered)} answered`);
    }
    const warmEvents = replies.phases.slice();

    const phases: { events: PhaseEvents; stats: PhaseStats }[] = [];
    let offset = 0;
    for (const r of options.rates) {
      progress(`${target.name}: ${int(r)} events/s × ${options.duration} s…`);
      const phase = await runPhase(`${r}/s`, r, options.duration, users, offset);
      offset += r * options.duration;
      phases.push(phase);
      log('', ...phaseBlock(target.name, phase.stats, options.grace), '');
      await sleep(500);
    }

    // After the load: how big the backlog is and how long the service takes to finish it (still running).
    let drain: TargetRun['drain'];
    if (where) {
      sampler.mark();
      drain = await measureDrain(where, () => sampler!.sample());
      drain.peakRssMB = sampler.sincePeak;
      await pump();
      log(`Drain: ${int(drain.backlogEvents)} events pending and ${int(drain.openRows)} outbound rows unsettled when the load stopped; ${drain.drained ? `all done ${drain.seconds.toFixed(1)} s later` : `not done after ${drain.seconds.toFixed(0)} s`}; service RSS peak meanwhile ${drain.peakRssMB.toFixed(1)} MB`, '');
    }
    const serviceExited = services.some((s) => s.child.exitCode !== null || s.child.signalCode !== null);
    sampler.stop();
    const finalMemory = memoryOf(pid);
    const launcher = child.pid !== pid ? memoryOf(child.pid as number) : undefined;
    for (const line of tail.lines) if (/"level":\s*(40|50|60)\b/.test(line) && warningSamples.length < 3) warningSamples.push(line.slice(0, 300));
    warningSamples.push(...tail.workerLines);
    // Persistence: every sent event should be a WebhookEvent row, processed (`done`).
    let persistence: TargetRun['persistence'];
    let delivery: TargetRun['delivery'];
    if (where) {
      // Checked after a graceful stop (SIGTERM drains the service's queue and closes the database), so the
      // count does not race the last commits.
      await Promise.all(services.map((s) => stopChild(s.child)));
      persistence = await checkDatabase(where, phases, warmEvents);
      log(...persistenceLines(persistence, phases, where));
      delivery = await deliveryCheck(where, replies.acceptedIds);
      log(
        'Delivery (outbound rows against the replies and pushes LINE accepted, by request id):',
        `  rows ${Object.entries(delivery.byStatus).map(([k, v]) => `${k} ${int(v)}`).join(', ') || 'none'}; LINE accepted ${int(delivery.accepted)}`,
        `  accepted deliveries no sent row names ${int(delivery.unexplained)} (rows with an unknown outcome may explain them) → delivered twice ${int(delivery.deliveredTwice)}; sent rows LINE never accepted ${int(delivery.unconfirmed)}`,
        '',
      );
    } else {
      log(`Persistence: ${target.name} stores nothing (no database); only its replies are counted.`, '');
    }

    const run: TargetRun = {
      name: target.name,
      phases: phases.map((p) => p.stats),
      peakRssMB: Math.max(sampler.peak, finalMemory?.hwm ?? 0),
      ...(launcher ? { launcherRssMB: launcher.rss } : {}),
      persists: target.persists,
      ...(persistence ? { persistence } : {}),
      ...(delivery ? { delivery } : {}),
      ...(drain ? { drain } : {}),
      workerRestarts: tail.workerRestarts,
      serviceExited,
      fakeCounts: replies.counts,
      answeredTwice: replies.answeredTwice,
      serviceWarnings: tail.warnings,
      warningSamples,
    };
    log(
      `${target.name}: peak RSS ${run.peakRssMB.toFixed(1)} MB, ${sampler.initial.toFixed(1)} MB when ready (service process pid ${pid}${services.length > 1 ? `; the largest of ${services.length} instances` : ''}${run.launcherRssMB !== undefined ? `; the tsx launcher in front of it holds another ${run.launcherRssMB.toFixed(1)} MB` : ''})`,
      `${target.name}: fake LINE API answered ${Object.entries(replies.counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k} ×${int(v)}`)
        .join(', ') || 'nothing'}`,
      `${target.name}: ${int(tail.warnings)} warn/error log lines from the service${warningSamples.length ? `, e.g.\n    ${warningSamples.join('\n    ')}` : ''}`,
      '',
    );
    return run;
  } finally {
    sampler?.stop();
    await Promise.all(services.map((s) => stopChild(s.child)));
    await fake.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkDatabase(where: BenchDatabase, phases: { events: PhaseEvents; stats: PhaseStats }[], warm: PhaseEvents[]): Promise<NonNullable<TargetRun['persistence']>> {
  // SQLite read-only, through the same library the service uses; PostgreSQL through pg.
  const db = await openBenchDb(where);
  try {
    // Give events still queued a moment to finish (bounded by the grace period).
    const deadline = Date.now() + options.grace * 1000;
    while (Date.now() < deadline) {
      if ((await db.count(`SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE status = 'pending'`)) === 0) break;
      await sleep(250);
    }
    const rows = { rows: await db.all<{ id: string; status: string }>('SELECT id, status FROM "WebhookEvent"') };
    const status = new Map<string, string>();
    for (const row of rows.rows) status.set(String(row.id), String(row.status));
    const byStatus: Record<string, number> = {};
    let sent = 0;
    let stored = 0;
    for (const { events, stats } of phases) {
      let phaseStored = 0;
      let done = 0;
      for (const id of events.webhookEventIds) {
        if (id === undefined) continue;
        const s = status.get(id);
        if (s === undefined) continue;
        phaseStored++;
        if (s === 'done') done++;
        byStatus[s] = (byStatus[s] ?? 0) + 1;
      }
      stats.persisted = { stored: phaseStored, done };
      sent += stats.sent;
      stored += phaseStored;
    }
    const warmIds = warm.flatMap((ev) => ev.webhookEventIds.filter((id) => id !== undefined));
    return { sent, stored, byStatus, warmup: { sent: warmIds.length, stored: warmIds.filter((id) => status.has(id)).length } };
  } finally {
    await db.close();
  }
}

/** Polls the service's database (read-only) until no event is pending and no outbound row unsettled, at most 120 s. */
async function measureDrain(where: BenchDatabase, onTick: () => void): Promise<NonNullable<TargetRun['drain']>> {
  const db = await openBenchDb(where);
  try {
    const pending = () => db.count(`SELECT COUNT(*) AS n FROM "WebhookEvent" WHERE status = 'pending'`);
    const open = () => db.count(`SELECT COUNT(*) AS n FROM "OutboundMessage" WHERE status IN ('pending', 'attempting', 'retry')`);
    const start = Date.now();
    const backlogEvents = await pending();
    const openRows = await open();
    while (Date.now() - start < 120_000) {
      if ((await pending()) === 0 && (await open()) === 0) return { backlogEvents, openRows, seconds: (Date.now() - start) / 1000, drained: true, peakRssMB: 0 };
      onTick();
      await sleep(250);
    }
    return { backlogEvents, openRows, seconds: (Date.now() - start) / 1000, drained: false, peakRssMB: 0 };
  } finally {
    await db.close();
  }
}

/**
 * Every reply or push LINE accepted is one delivery. A `sent` row names its delivery by request id (a 409's
 * accepted id included); a row whose outcome is `unknown` was accepted without an answer, so it may explain one
 * delivery no sent row names. Deliveries beyond that reached a resident twice.
 */
async function deliveryCheck(where: BenchDatabase, acceptedIds: Set<string>): Promise<NonNullable<TargetRun['delivery']>> {
  const db = await openBenchDb(where);
  try {
    const byStatus: Record<string, number> = {};
    for (const r of await db.all<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM "OutboundMessage" GROUP BY status')) byStatus[r.status] = Number(r.n);
    const named = new Set((await db.all<{ id: string }>(`SELECT "requestId" AS id FROM "OutboundMessage" WHERE status = 'sent' AND "requestId" IS NOT NULL`)).map((r) => r.id));
    let unexplained = 0;
    for (const id of acceptedIds) if (!named.has(id)) unexplained++;
    let unconfirmed = 0;
    for (const id of named) if (!acceptedIds.has(id)) unconfirmed++;
    return { byStatus, accepted: acceptedIds.size, unexplained, unconfirmed, deliveredTwice: Math.max(0, unexplained - (byStatus.unknown ?? 0)) };
  } finally {
    await db.close();
  }
}

function persistenceLines(p: NonNullable<TargetRun['persistence']>, phases: { stats: PhaseStats }[], where: BenchDatabase): string[] {
  const statuses = Object.entries(p.byStatus)
    .map(([k, v]) => `${k} ${int(v)}`)
    .join(', ');
  return [
    where.kind === 'sqlite' ? "Persistence (Tsunagu's SQLite file, opened read-only with node:sqlite after the run):" : "Persistence (Tsunagu's PostgreSQL database, read with pg after the run):",
    `  measured events sent ${int(p.sent)}, stored ${int(p.stored)} (${statuses || 'none'}); warm-up ${int(p.warmup.stored)}/${int(p.warmup.sent)} stored`,
    ...phases.map(({ stats: s }) => `  ${`${int(s.rate)}/s`.padEnd(9)} sent ${int(s.sent)}, stored ${int(s.persisted?.stored ?? 0)}, done ${int(s.persisted?.done ?? 0)}`),
    '',
  ];
}

function saveOutput(note?: string): void {
  if (!options.out) return;
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(options.out, [...outputLines, ...(note ? [note] : []), ''].join('\n'));
  console.log(`raw output saved to ${path.relative(root, options.out)}`);
}

// ── main ─────────────────────────────────────────────────────────────────────
const pkg = (name: string): string => {
  try {
    return (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
};
log(
  `bench:webhook — ${new Date().toISOString()}`,
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; autocannon ${pkg('autocannon')}, @line/bot-sdk ${pkg('@line/bot-sdk')}, express ${pkg('express')}, fastify ${pkg('fastify')}`,
  `load: phases ${options.rates.map((r) => `${int(r)}/s`).join(', ')} × ${options.duration} s (warm-up ${options.warmupRate}/s × ${options.warmup} s), ${int(options.users)} users cycled, one signed text event per POST, fresh reply token and webhookEventId each;`,
  `      ${options.lanes} staggered autocannon lanes, ${options.connRate} requests/s per connection, timeout ${options.timeout} s; grace for replies ${options.grace} s`,
  'processes: service under test, fake LINE API (one per service), load generator (this process) — all on 127.0.0.1, sharing the same cores',
  ...(options.database === 'postgresql'
    ? [`databases: Tsunagu on SQLite (one instance), then on a fresh PostgreSQL database per run with ${options.instances.join(', ')} instance(s), the load's lanes round-robin across them`]
    : []),
  'figures: ack = autocannon latency (request written → response read); end-to-end = request built → its reply accepted by the fake',
  '         LINE API (matched by reply token; unanswered events count as infinite); acknowledged/s and answered/s = count ÷ time from',
  '         the first request to the last 2xx / last reply; RSS = the service\'s node process (VmRSS sampled every 100 ms, and VmHWM)',
  '',
);

{
  // How busy the machine is before we start: other users' work shares the cores with the bench.
  const busy = await busyElsewhere();
  log(`machine busy before the run: ${busy.toFixed(2)} cores in use by other processes${busy > 0.25 ? ' — figures will be disturbed; re-run on a quiet machine' : ''}`, '');
}

try {
  const runs: TargetRun[] = [];
  if (!options.skipTsunagu) runs.push(await measure(tsunagu));
  if (!options.skipTsunagu && options.database === 'postgresql') for (const n of options.instances) runs.push(await measure(onPostgres(n)));
  if (!options.skipPeer) runs.push(await measure(peer));
  const t = runs.find((r) => r.name === tsunagu.name);
  const p = runs.find((r) => r.name === peer.name);
  log('Summary', ...summaryTable(runs, options.grace), '');
  log(...targetLines(t, p), '');
  if (t && p) log(...ratioLines(t, p), '');
  saveOutput();
  process.exit(0);
} catch (e) {
  console.error('bench:webhook failed:', e);
  saveOutput(`(run failed: ${e instanceof Error ? e.message : String(e)})`);
  process.exit(1);
}
