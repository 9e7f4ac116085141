/**
 * Forming and dispatching teams at scale: `npm run bench:dispatch [-- --volunteers 400 --needs 100 --size 4]`.
 *
 * 1. Forming (issue 16: "a team of four in seconds"): a running centre on a SQLite file of its own, migrated as
 *    production is, with `--volunteers` checked in today and `--needs` needs waiting (bench/dispatch/seed.ts). For
 *    each need, what the team form does — today's available volunteers read, `suggestTeam` for `--size` people —
 *    then the `formTeam` use case (one transaction: members re-checked, equipment lent, team written, need moved to
 *    活動中 with its events, one dispatch notice per member and the requester's notice queued, audit row). The peer,
 *    timed in the same loop: `moveNeed` of another need (受付 → 現地調査: one transaction with its event and audit
 *    row, no notice), the smallest use case the console runs.
 * 2. Sending under trouble: the queued notices are sent by the broadcast engine (the real app's `runBroadcasts`, in
 *    a child process as `npm run broadcasts:run` runs it) against the project's fake LINE API answering 429 to
 *    `--rate-limited` of its calls (with `--retry-after`), `--latency` ms per answer; the first engine is killed (SIGKILL) once
 *    `--kill-after` of the notices have been delivered, and engines are started again over the same database —
 *    as the scheduler does every minute — until nothing is left to send. Delivered, duplicates and lost are
 *    counted per LINE user from what the fake accepted. The peer, in the same run: the same queued notices, on a
 *    copy of the database taken before the send, sent by one engine against a fake LINE with no faults.
 *
 * Figures are printed, never asserted: the exit code is 0 unless the bench broke.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dispatchNotices } from '../../src/bot/disaster/dispatch-notices';
import { needNotices } from '../../src/bot/disaster/need-notices';
import { createTranslator } from '../../src/bot/render/i18n';
import { suggestTeam } from '../../src/domain/disaster/teams';
import { jstDate } from '../../src/domain/japan-time';
import { openDatabase, type Db } from '../../src/infra/prisma/database';
import { needsRepositories } from '../../src/infra/prisma/prisma-needs-admin';
import { PrismaTeamsRepository, teamsRepositories } from '../../src/infra/prisma/prisma-teams';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { startFakeLineServer, type FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { formTeam } from '../../src/usecases/disaster/form-team';
import { moveNeed } from '../../src/usecases/disaster/move-need';
import type { NeedsDeps } from '../../src/usecases/disaster/needs-deps';
import type { TeamsDeps } from '../../src/usecases/disaster/teams-deps';
import { integerOption } from '../webhook/options';
import { cleanUpOnExit } from '../webhook/processes';
import { percentile } from '../webhook/stats';
import { seedDispatch } from './seed';

const HELP = `npm run bench:dispatch [-- options]

  --volunteers <n>     checked in today                                   (default 400)
  --needs <n>          needs waiting, one team each                       (default 100)
  --size <n>           people per team                                    (default 4)
  --rate-limited <%>   share of LINE calls answered 429                   (default 20)
  --latency <ms>       fake LINE's delay per answer                       (default 20)
  --retry-after <s>    the 429's Retry-After header; 0 = none (backoff)   (default 0)
  --kill-after <%>     kill the first engine once this share is delivered (default 40)
  --max-run <s>        stop everything and exit 1 after this long         (default 600)`;

const { values } = parseArgs({
  options: {
    volunteers: { type: 'string', default: '400' },
    needs: { type: 'string', default: '100' },
    size: { type: 'string', default: '4' },
    'rate-limited': { type: 'string', default: '20' },
    latency: { type: 'string', default: '20' },
    'retry-after': { type: 'string', default: '0' },
    'kill-after': { type: 'string', default: '40' },
    'max-run': { type: 'string', default: '600' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
let VOLUNTEERS: number, NEEDS: number, SIZE: number, RATE_LIMITED: number, LATENCY: number, RETRY_AFTER: number, KILL_AFTER: number, MAX_RUN: number;
try {
  VOLUNTEERS = integerOption('volunteers', values.volunteers, 1);
  NEEDS = integerOption('needs', values.needs, 1);
  SIZE = integerOption('size', values.size, 1);
  RATE_LIMITED = integerOption('rate-limited', values['rate-limited'], 0);
  LATENCY = integerOption('latency', values.latency, 0);
  RETRY_AFTER = integerOption('retry-after', values['retry-after'], 0);
  KILL_AFTER = integerOption('kill-after', values['kill-after'], 1);
  MAX_RUN = integerOption('max-run', values['max-run'], 10);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, '..', '..');
const TOKEN = 'bench-dispatch-token';
const ENGINE = path.join(root, 'tests', 'helpers', 'broadcast-child.ts');
const tempDirs = cleanUpOnExit();
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
setTimeout(() => {
  console.error(`bench exceeded --max-run ${MAX_RUN} s; stopping everything`);
  process.exit(1);
}, MAX_RUN * 1000).unref();

const ms = (x: number) => `${x.toFixed(1)} ms`;
const sorted = (xs: number[]) => Float64Array.from(xs).sort();
const summary = (xs: number[]) => `median ${ms(percentile(sorted(xs), 50))}  p95 ${ms(percentile(sorted(xs), 95))}  max ${ms(Math.max(...xs))}`;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

console.log(`bench:dispatch — ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model ?? '?'}; Node ${process.version}`);
const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-dispatch-'));
tempDirs.push(dir);
const dbPath = path.join(dir, 'dispatch.db');
const url = `file:${dbPath}`;

// The demo profile without quiet hours, so the engine sends whatever the time of day the bench runs.
const profilePath = path.join(dir, 'profile.yaml');
const profile = readFileSync(path.join(root, 'profiles', 'demo-council.yaml'), 'utf8').replace(/quietHours:\s*\n\s*start: '[0-9:]+'\s*\n\s*end: '[0-9:]+'/, "quietHours:\n    start: '00:00'\n    end: '00:00'");
if (!profile.includes("start: '00:00'")) throw new Error('could not lift the quiet hours from the demo profile');
writeFileSync(profilePath, profile);

await applyMigrations(url);
const db = await openDatabase(url);
const today = jstDate(new Date());
let t0 = performance.now();
const seed = await seedDispatch(db, { today, volunteers: VOLUNTEERS, needs: NEEDS });
console.log(`seeded a centre with ${VOLUNTEERS} volunteers checked in on ${today} and ${NEEDS} needs (+${NEEDS} for the peer) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ── 1. forming ──────────────────────────────────────────────────────────────
const translator = await createTranslator(path.join(root, 'locales'));
const deps: TeamsDeps = { work: new PrismaUnitOfWork(db, teamsRepositories), dispatch: dispatchNotices(translator), needNotices: needNotices(translator), monthlyPushBudget: 1_000_000 };
// moveNeed reads only the unit of work, the wording and the budget of the needs' deps.
const peerDeps = { work: new PrismaUnitOfWork(db, needsRepositories), notices: needNotices(translator), monthlyPushBudget: 1_000_000 } as unknown as NeedsDeps;
const read = new PrismaTeamsRepository(db);
const forms: number[] = [];
const whole: number[] = [];
const peers: number[] = [];
let formed = 0;
let refused = 0;
const formStart = performance.now();
for (const [i, need] of seed.needs.entries()) {
  const by = { staffId: 'bench-coordinator', ip: '127.0.0.1', at: new Date() };
  t0 = performance.now();
  const available = await read.available(seed.centreId, today);
  const suggestion = suggestTeam({ size: SIZE, skills: i % 10 === 0 ? ['truck'] : [], districtCode: null }, available);
  const t1 = performance.now();
  const outcome = await formTeam(deps, { needId: need.id, memberIds: suggestion.members, leaderId: suggestion.leader!, equipment: [{ code: 'shovel', count: SIZE }, { code: 'barrow', count: 1 }] }, by);
  const t2 = performance.now();
  if (outcome.ok) formed++;
  else refused++;
  forms.push(t2 - t1);
  whole.push(t2 - t0);
  t0 = performance.now();
  await moveNeed(peerDeps, seed.peerNeeds[i]!, 'received', 'surveying', {}, by);
  peers.push(performance.now() - t0);
}
const formTotal = performance.now() - formStart;
const queued = await db.broadcast.count({ where: { kind: 'disaster_notice' } });
const dispatched = await db.teamMember.count();
const active = await db.need.count({ where: { status: 'active' } });
console.log(
  [
    '',
    `── Forming ${NEEDS} teams of ${SIZE} from ${VOLUNTEERS} checked-in volunteers ──`,
    `  formTeam (one transaction)          ${summary(forms)}`,
    `  form page read + suggestion + form  ${summary(whole)}`,
    `  peer: moveNeed, same loop           ${summary(peers)}`,
    `  total                               ${(formTotal / 1000).toFixed(2)} s for ${formed} teams (${refused} refused), incl. the peer's ${(sum(peers) / 1000).toFixed(2)} s`,
    `  written                             ${dispatched} members dispatched, ${active} needs 活動中, ${queued} notices queued`,
  ].join('\n'),
);
await db.$disconnect();

// The peer's copy, taken before anything is sent.
const peerPath = path.join(dir, 'peer.db');
for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbPath + suffix)) copyFileSync(dbPath + suffix, peerPath + suffix);

// ── 2. sending ──────────────────────────────────────────────────────────────
const expected = new Set([...seed.volunteers.map((v) => v.lineUserId), ...seed.needs.map((n) => n.requester)]);
const member = new Set(seed.volunteers.map((v) => v.lineUserId));

function engine(dbUrl: string, fake: FakeLineServer): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENGINE], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, COUNCIL_PROFILE: profilePath, LINE_CHANNEL_SECRET: 'bench', LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_API_BASE_URL: fake.url, LINE_DATA_API_BASE_URL: fake.url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function leftToSend(dbUrl: string): Promise<number> {
  const d: Db = await openDatabase(dbUrl);
  try {
    return await d.broadcast.count({ where: { kind: 'disaster_notice', status: { in: ['scheduled', 'sending'] } } });
  } finally {
    await d.$disconnect();
  }
}

function tally(fake: FakeLineServer) {
  const perUser = new Map<string, number>();
  for (const d of fake.state.delivered()) if (expected.has(d.to)) perUser.set(d.to, (perUser.get(d.to) ?? 0) + 1);
  const duplicates = [...perUser.values()].reduce((n, c) => n + (c - 1), 0);
  const lost = [...expected].filter((u) => !perUser.has(u)).length;
  const calls = fake.state.requests.filter((r) => r.endpoint === 'multicast' || r.endpoint === 'push');
  const byStatus = calls.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
  const members = [...perUser.keys()].filter((u) => member.has(u)).length;
  return { delivered: perUser.size, members, requesters: perUser.size - members, duplicates, lost, calls: calls.length, byStatus, last: Math.max(0, ...fake.state.delivered().map((d) => d.at)) };
}

const fake = await startFakeLineServer({
  channelAccessToken: TOKEN,
  maxRecords: expected.size * 10,
  faults: { ...(LATENCY > 0 ? { latencyMs: LATENCY } : {}), ...(RATE_LIMITED > 0 ? { rules: [{ kind: 'status' as const, phase: 'before' as const, rate: RATE_LIMITED / 100, status: 429, ...(RETRY_AFTER > 0 ? { retryAfterSeconds: RETRY_AFTER } : {}) }] } : {}) },
});
const sendStart = Date.now();
const first = engine(url, fake);
const killAt = Math.ceil((expected.size * KILL_AFTER) / 100);
const killed = await new Promise<boolean>((resolve) => {
  const check = () => {
    if (fake.state.delivered().length >= killAt) {
      fake.state.events.off('delivered', check);
      resolve(true);
    }
  };
  fake.state.events.on('delivered', check);
  void exited(first).then(() => {
    fake.state.events.off('delivered', check);
    resolve(false);
  });
});
if (killed) first.kill('SIGKILL');
await exited(first);
const atKill = fake.state.delivered().length;
let runs = 1;
while ((await leftToSend(url)) > 0 && runs < 50) {
  runs++;
  const code = await exited(engine(url, fake));
  if (code !== 0) throw new Error(`engine run ${runs} exited with ${code}`);
}
const result = tally(fake);
await fake.close();
const rows = await (async () => {
  const d: Db = await openDatabase(url);
  try {
    return await d.broadcast.groupBy({ by: ['status', 'error'], where: { kind: 'disaster_notice' }, _count: true });
  } finally {
    await d.$disconnect();
  }
})();

// The peer: the same notices, one engine, no faults.
const clean = await startFakeLineServer({ channelAccessToken: TOKEN, maxRecords: expected.size * 10, ...(LATENCY > 0 ? { faults: { latencyMs: LATENCY } } : {}) });
const peerStart = Date.now();
const peerCode = await exited(engine(`file:${peerPath}`, clean));
if (peerCode !== 0) throw new Error(`peer engine exited with ${peerCode}`);
const peer = tally(clean);
await clean.close();

const statusText = (s: Record<number, number>) => Object.entries(s).map(([k, n]) => `${k} ×${n}`).join(', ');
console.log(
  [
    '',
    `── Sending ${queued} notices: fake LINE answers 429 to ${RATE_LIMITED}% of calls (${RETRY_AFTER ? `Retry-After ${RETRY_AFTER} s` : 'no Retry-After'}; ${LATENCY} ms per answer); the first engine killed after ${killAt} deliveries ──`,
    `  engine runs          ${runs} (the first ${killed ? `SIGKILLed with ${atKill} delivered` : 'finished before the kill'}, then restarted until nothing was left)`,
    `  LINE calls           ${result.calls} (${statusText(result.byStatus)})`,
    `  time to deliver all  ${((result.last - sendStart) / 1000).toFixed(2)} s from the first engine's start to the last notice accepted`,
    `  expected             ${expected.size} (${member.size} members' dispatch notices + ${seed.needs.length} requesters' 「向かっています」)`,
    `  delivered            ${result.delivered} (${result.members} members, ${result.requesters} requesters)`,
    `  duplicates           ${result.duplicates}   lost ${result.lost}`,
    `  notice rows          ${rows.map((r) => `${r.status}${r.error ? ` (${r.error})` : ''} ×${r._count}`).join(', ')}`,
    `  peer: no faults, one engine on a copy of the same queue: ${((peer.last - peerStart) / 1000).toFixed(2)} s, ${peer.calls} calls, delivered ${peer.delivered}, duplicates ${peer.duplicates}, lost ${peer.lost}`,
    '',
    `${result.duplicates === 0 && result.lost === 0 ? 'PASS' : 'MISS'}  every notice sent once under ${RATE_LIMITED}% 429s and a restart (delivered ${result.delivered}/${expected.size}, duplicates ${result.duplicates}, lost ${result.lost})`,
    `     teams formed: median ${ms(percentile(sorted(forms), 50))} per team, ${(formTotal / 1000).toFixed(2)} s for ${formed} (incl. the peer)`,
  ].join('\n'),
);
process.exit(0);
