/**
 * The disaster volunteer centre under load: `npm run bench:disaster [-- --help]`. Three phases, the issue's targets:
 *  1. applications — 5,000 pool members apply for one date through the webhook within 3 minutes, every application
 *     stored and every tap answered once (`applications.ts`);
 *  2. the draw — 10,000 applicants for 500 places in under 1 s, the lottery alone and the whole job against a
 *     database, with a floor timed in the same loop (`draw.ts`);
 *  3. check-in — 500 volunteers check in by LINE, every one answered, the answer's p99 under 1 s (`check-in.ts`),
 *     after the run's own peer (ordinary messages at the same pace).
 *
 * Phases 1 and 3 run against the service as `npm start` runs it (the production bundle, built by
 * `prebench:disaster`) in a child process with its own SQLite file, seeded before it starts with a running (real)
 * centre, its pool, a date open for applications and today's date with its confirmed volunteers; LINE is the
 * project's fake Messaging API in a process of its own (`bench/fake-line-server.ts`). The draw runs first, in this
 * process, before the service starts. Figures are printed, never asserted: the exit code is 0 unless the bench broke.
 */
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { openDatabase } from '../../src/infra/prisma/database';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { jst, seedCentre } from '../../tests/helpers/disaster-centre';
import { userIds } from '../webhook/load';
import {
  BENCH_SECRET,
  BENCH_TOKEN,
  busyElsewhere,
  FakeLineProcess,
  freePort,
  cleanUpOnExit,
  launchService,
  memoryOf,
  OutputTail,
  stopChild,
  tsunaguService,
  type LaunchedService,
} from '../webhook/processes';
import { ReplyTracker } from '../webhook/replies';
import { int, ms, verdict } from '../webhook/report';
import { runApplications, type ApplicationsRun } from './applications';
import { runCheckIn, type CheckInRun } from './check-in';
import { DRAW_TARGET_MS, runDraw, type DrawRun } from './draw';
import { parseOptions, type DisasterBenchOptions } from './options';
import { coverForToday, jstDay, jstMinute, seedApplications, seedPool } from './seed';
import { LineUsers } from './taps';

const root = path.resolve(import.meta.dirname, '..', '..');
const log = (...lines: string[]): void => {
  for (const line of lines) console.log(line);
};
const progress = (line: string): void => log(`· ${line}`);

let options: DisasterBenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}

// ── cleanup on every way out ─────────────────────────────────────────────────
const tempDirs = cleanUpOnExit();
setTimeout(() => {
  console.error(`bench exceeded --max-run ${options.maxRun} s; stopping everything`);
  process.exit(1);
}, options.maxRun * 1000).unref();

const CHECK_IN_CODE = 'KAIGAN24';

/** The service's database, seeded before it starts: a running centre, a date open for applications, today's date with its volunteers. */
async function seedService(dbPath: string, skills: string[]): Promise<{ applyDayId: string; todayDayId: string; applicants: string[]; volunteers: string[] }> {
  const url = `file:${dbPath}`;
  await applyMigrations(url);
  const db = await openDatabase(url);
  try {
    const now = Date.now();
    const today = jstDay(0);
    const cover = coverForToday(today);
    const applyDate = jstDay(3);
    const { centreId, dayIds } = await seedCentre(db, {
      sameDayCover: cover.sameDayCover,
      days: [
        // Open for applications now, for a few more hours.
        { date: applyDate, code: 'APPLY003', opensAt: jstMinute(now - 3_600_000), closesAt: jstMinute(now + 6 * 3_600_000), reconfirmBy: `${jstDay(2)}T18:00`, capacity: 500 },
        // Today: drawn two days ago, its places reconfirmed.
        { date: today, code: CHECK_IN_CODE, opensAt: jstMinute(now - 5 * 86_400_000), closesAt: `${jstDay(-2)}T18:00`, reconfirmBy: `${jstDay(-1)}T18:00`, capacity: options.checkIns },
      ],
    });
    await db.activityDay.update({ where: { id: dayIds[today]! }, data: { drawnAt: jst(`${jstDay(-2)}T18:00`), drawSeed: '0'.repeat(32) } });
    const applicants = userIds('applicant', options.applicants);
    const volunteers = userIds('volunteer', options.checkIns);
    await seedPool(db, centreId, applicants, { skills, enrolledOn: cover.enrolledOn, seed: 1 });
    const volunteerMembers = await seedPool(db, centreId, volunteers, { skills, enrolledOn: cover.enrolledOn, seed: 2 });
    await seedApplications(db, dayIds[today]!, volunteerMembers, {
      status: 'reconfirmed',
      positioned: true,
      appliedAt: jst(`${jstDay(-4)}T12:00`),
      offeredAt: jst(`${jstDay(-2)}T18:00`),
      replyBy: jst(`${jstDay(-1)}T18:00`),
    });
    return { applyDayId: dayIds[applyDate]!, todayDayId: dayIds[today]!, applicants, volunteers };
  } finally {
    await db.$disconnect();
  }
}

interface ServiceRun {
  apply?: ApplicationsRun;
  checkIn?: CheckInRun;
  peakRssMB: number;
  warnings: number;
  workerRestarts: number;
  warningSamples: string[];
  fakeCounts: Record<string, number>;
}

async function runService(skills: string[]): Promise<ServiceRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-disaster-'));
  tempDirs.push(dir);
  const dbPath = path.join(dir, 'bench.db');
  progress(`seeding the service's database: a running centre, ${int(options.applicants)} + ${int(options.checkIns)} pool members, a date open for applications, today's date with ${int(options.checkIns)} reconfirmed places…`);
  const seeded = await seedService(dbPath, skills);
  const newFriends = userIds('new-friend', options.baseline);

  progress('starting the fake LINE API (own process)…');
  const fake = await FakeLineProcess.start(root, 'bench/fake-line-server.ts', BENCH_TOKEN);
  const tail = new OutputTail();
  let service: LaunchedService | undefined;
  let line: LineUsers | undefined;
  try {
    await fake.friends([...seeded.applicants, ...seeded.volunteers, ...newFriends]);
    const port = await freePort();
    const spec = tsunaguService(root, fake.url, port, dbPath);
    progress(`starting ${path.relative(root, spec.command)} ${spec.args.join(' ')} on http://127.0.0.1:${port}…`);
    service = await launchService(root, spec, port, tail);
    progress(`ready in ${service.readySeconds.toFixed(1)} s (service pid ${service.pid}, RSS ${service.sampler.initial.toFixed(1)} MB)`);
    const replies = new ReplyTracker(fake);
    line = new LineUsers(service.base, BENCH_SECRET, fake, replies);
    const common = { line, replies, service, fakePid: fake.pid, dbPath, grace: options.grace };
    const run: ServiceRun = { peakRssMB: NaN, warnings: 0, workerRestarts: 0, warningSamples: [], fakeCounts: {} };

    if (options.phases.includes('apply')) {
      progress(`phase 1: ${int(options.applicants)} applicants over ${options.applySeconds} s, three taps each…`);
      run.apply = await runApplications({ ...common, dayId: seeded.applyDayId, users: seeded.applicants, seconds: options.applySeconds, think: options.think });
      log('', ...run.apply.lines, '');
    }
    if (options.phases.includes('check-in')) {
      progress(`phase 3: ${options.baseline ? `${int(options.baseline)} ordinary messages, then ` : ''}${int(options.checkIns)} check-ins over ${options.checkInSeconds} s each…`);
      run.checkIn = await runCheckIn({ ...common, dayId: seeded.todayDayId, code: CHECK_IN_CODE, volunteers: seeded.volunteers, seconds: options.checkInSeconds, newFriends });
      log('', ...run.checkIn.lines, '');
    }
    await replies.pump();
    run.fakeCounts = replies.counts;
    service.sampler.stop();
    run.peakRssMB = Math.max(service.sampler.peak, memoryOf(service.pid)?.hwm ?? 0);
    run.warnings = tail.warnings;
    run.workerRestarts = tail.workerRestarts;
    for (const l of tail.lines) if (/"level":\s*(40|50|60)\b/.test(l) && run.warningSamples.length < 3) run.warningSamples.push(l.slice(0, 300));
    return run;
  } finally {
    line?.close();
    if (service) await stopChild(service.child);
    await fake.stop();
  }
}

function summary(draw: DrawRun | undefined, service: ServiceRun | undefined): string[] {
  const lines = ['Targets (information only — the bench never fails the test suite):'];
  const row = (ok: boolean | undefined, target: string, figure: string) => lines.push(`  ${verdict(ok)}  ${target.padEnd(62)} ${figure}`);
  const a = service?.apply;
  if (a) {
    const ok = a.answeredSeconds <= 180 && a.stored.rows === a.applicants && a.stored.members === a.applicants && a.perPerson.complete === a.applicants && a.perPerson.repeated === 0 && a.perPerson.pushes === 0;
    row(
      ok,
      `${int(a.applicants)} applications within 3 min, each stored and answered once`,
      `posted in ${a.postedSeconds.toFixed(1)} s (answered by ${a.answeredSeconds.toFixed(1)} s); stored ${int(a.stored.rows)}/${int(a.applicants)}; answered once ${int(a.perPerson.complete)}/${int(a.applicants)}, missing ${int(a.perPerson.missing)}, twice ${int(a.perPerson.repeated)}, pushes ${int(a.perPerson.pushes)}; ack p50/p99 ${ms(a.apply.ack.p50)}/${ms(a.apply.ack.p99)}, answer p50/p99 ${ms(a.apply.e2e.p50)}/${ms(a.apply.e2e.p99)} (申し込む)`,
    );
  }
  if (draw) {
    row(draw.lottery.max < DRAW_TARGET_MS, `draw of ${int(options.drawApplicants)} applicants for ${int(options.places)} places < 1 s (the lottery)`, `median ${draw.lottery.median.toFixed(1)} ms, max ${draw.lottery.max.toFixed(1)} ms (floor: median ${draw.floor.median.toFixed(1)} ms)`);
    if (draw.job) row(draw.job.max < DRAW_TARGET_MS && draw.job.first < DRAW_TARGET_MS, '… the whole draw job against the database < 1 s', `median ${draw.job.median.toFixed(1)} ms, max ${draw.job.max.toFixed(1)} ms, first ${draw.job.first.toFixed(1)} ms; ${draw.job.ok}/${draw.job.runs} outcomes as expected`);
  }
  const c = service?.checkIn;
  if (c) {
    const ok = c.perPerson.complete === c.volunteers && c.perPerson.repeated === 0 && c.checkIn.e2e.p99 < 1000;
    row(
      ok,
      `${int(c.volunteers)} check-ins, every one answered, answer p99 < 1 s`,
      `${int(c.perPerson.complete)}/${int(c.volunteers)} answered once (over ${c.seconds} s), p50 ${ms(c.checkIn.e2e.p50)}, p99 ${ms(c.checkIn.e2e.p99)}, max ${ms(c.checkIn.e2e.max)}${c.baseline ? ` (peer p99 ${ms(c.baseline.e2e.p99)})` : ''}; ${int(c.checkedIn)}/${int(c.volunteers)} checked in`,
    );
  }
  if (service) {
    row(!service.workerRestarts, 'no crash (processing worker never restarted)', `${int(service.workerRestarts)} worker restart(s); ${int(service.warnings)} warn/error log lines${service.warningSamples.length ? `, e.g.\n      ${service.warningSamples.join('\n      ')}` : ''}`);
    lines.push(
      `  info  service peak RSS ${service.peakRssMB.toFixed(1)} MB; fake LINE API answered ${Object.entries(service.fakeCounts)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => `${k} ×${int(v)}`)
        .join(', ') || 'nothing'}`,
    );
  }
  return lines;
}

// ── main ─────────────────────────────────────────────────────────────────────
log(
  `bench:disaster — ${new Date().toISOString()} (today in Japan ${jstDay(0)})`,
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}`,
  `phases: ${options.phases.join(', ')}; figures: ack = webhook POST written → response read; answer = POST written → its reply accepted by the fake LINE API`,
  '',
);
const busy = await busyElsewhere();
log(`machine busy before the run: ${busy.toFixed(2)} cores in use by other processes${busy > 0.25 ? ' — figures will be disturbed; re-run on a quiet machine' : ''}`, '');

try {
  const profile = loadCouncilProfile(path.join(root, 'profiles', 'demo-council.yaml'));
  const skills = profile.disaster?.skills.map((s) => s.code) ?? [];
  let draw: DrawRun | undefined;
  if (options.phases.includes('draw')) {
    progress(`phase 2: the draw, ${int(options.drawApplicants)} applicants for ${int(options.places)} places (in this process, before the service starts)…`);
    draw = await runDraw({ root, profile, applicants: options.drawApplicants, places: options.places, draws: options.draws, jobRuns: options.jobRuns });
    log('', ...draw.lines, '');
  }
  const service = options.phases.some((p) => p !== 'draw') ? await runService(skills) : undefined;
  log(...summary(draw, service), '');
  process.exit(0);
} catch (e) {
  console.error('bench:disaster failed:', e);
  process.exit(1);
}
