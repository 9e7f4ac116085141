/**
 * `npm run bench:broadcast`: one announcement to 100,000 synthetic followers through the project's fake LINE
 * Messaging API with LINE's multicast rate limit (200 calls/s) enforced. Prints the send time against the
 * rate-limit floor (100,000 / 500 recipients per call at 200 calls/s = 1.0 s), the sender's peak RSS and the
 * duplicate count. Targets (issue 5): within 1.5× the floor, under 300 MB, 0 duplicates. Information only.
 *
 * The sender is `dist/run-broadcasts-once.mjs` (what `npm run broadcasts:run` runs) with the `start` script's
 * Node flags. Options: --followers <n> (default 100000), --latency <ms> fake answer delay (default 0). Env
 * BENCH_NODE_ARGS: extra Node flags for the sender (e.g. `--cpu-prof`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/infra/prisma/database';
import { startFakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { serviceNodeArgs } from '../webhook/processes';

const { values } = parseArgs({ options: { followers: { type: 'string', default: '100000' }, latency: { type: 'string', default: '0' } } });
const FOLLOWERS = Number(values.followers);
const TOKEN = 'bench-broadcast-token';
const PER_CALL = 500;
const CALLS_PER_SECOND = 200;

const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-broadcast-'));
const url = `file:${path.join(dir, 'bench.db')}`;
try {
  await applyMigrations(url);
  const db = await openDatabase(url);
  const now = new Date();
  const languages = ['ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'ja', 'en', 'ja-x-easy'];
  for (let i = 0; i < FOLLOWERS; i += 5000) {
    await db.resident.createMany({
      data: Array.from({ length: Math.min(5000, FOLLOWERS - i) }, (_, k) => ({ lineUserId: `U${String(i + k).padStart(32, '0')}`, language: languages[(i + k) % 10]!, followed: true, followedAt: now, createdAt: now, updatedAt: now })),
    });
  }
  await db.broadcast.create({
    data: {
      kind: 'announcement',
      title: '福祉まつり',
      content: JSON.stringify({ ja: '11月の福祉まつりのお知らせです。', en: 'The welfare festival is in November.', 'ja-x-easy': '11がつに ふくし まつりが あります。' }),
      targeting: JSON.stringify({ everyone: true }),
      urgent: true,
      scheduledAt: now,
      createdAt: now,
    },
  });
  await db.$disconnect();

  const fake = await startFakeLineServer({
    channelAccessToken: TOKEN,
    maxRecords: FOLLOWERS * 2,
    faults: { rateLimitPerSecond: { multicast: CALLS_PER_SECOND }, ...(Number(values.latency) > 0 ? { latencyMs: Number(values.latency) } : {}) },
  });
  console.log(`followers ${FOLLOWERS.toLocaleString('en')}; fake LINE at ${fake.url} (multicast limit ${CALLS_PER_SECOND}/s, latency ${values.latency} ms)`);

  const t0 = performance.now();
  // The production bundle with the `start` script's Node flags, as `npm run broadcasts:run` runs it.
  const root = path.resolve(import.meta.dirname, '..', '..');
  const args = serviceNodeArgs(root).filter((a) => a.startsWith('--')).concat(path.join(root, 'dist', 'run-broadcasts-once.mjs'), '--report');
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: url, LINE_CHANNEL_SECRET: 'bench', LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_API_BASE_URL: fake.url, LINE_DATA_API_BASE_URL: fake.url, LOG_LEVEL: 'silent', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const wall = performance.now() - t0;
  if (code !== 0) throw new Error(`sender exited with ${code}`);
  const result = JSON.parse(out.trim().split('\n').filter((l) => l.startsWith('{')).at(-1)!) as { startedAt: number; ms: number; cpuMs: number; maxRssMb: number };
  const benchCpu = process.cpuUsage();

  const perUser = new Map<string, number>();
  for (const d of fake.state.delivered()) perUser.set(d.to, (perUser.get(d.to) ?? 0) + 1);
  const duplicates = [...perUser.values()].reduce((n, c) => n + (c - 1), 0);
  const missing = FOLLOWERS - perUser.size;
  const calls = fake.state.requests.filter((r) => r.endpoint === 'multicast');
  const byStatus = calls.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
  const firstAt = calls[0]?.at ?? 0;
  const lastAt = calls.at(-1)?.at ?? 0;
  await fake.close();

  const floor = FOLLOWERS / PER_CALL / CALLS_PER_SECOND;
  const seconds = result.ms / 1000;
  console.log(`engine run → first multicast ${((firstAt - result.startedAt) / 1000).toFixed(2)} s (due broadcasts read, audience targeted, recipients and batches fixed); last call → run end ${((result.startedAt + result.ms - lastAt) / 1000).toFixed(2)} s`);
  console.log(`multicast calls ${calls.length} (${Object.entries(byStatus).map(([s, n]) => `${s} ×${n}`).join(', ')}); first to last call ${((lastAt - firstAt) / 1000).toFixed(2)} s`);
  console.log(`send time (engine run: targeting, recipients and batches written, all calls answered) ${seconds.toFixed(2)} s`);
  console.log(`rate-limit floor ${floor.toFixed(2)} s → ${(seconds / floor).toFixed(2)}× the floor (target ≤ 1.5×)`);
  console.log(`CPU during the run: sender ${(result.cpuMs / 1000).toFixed(2)} s; this process (fake LINE, set-up) ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(2)} s in all`);
  console.log(`sender process wall time incl. start-up ${(wall / 1000).toFixed(2)} s; sender peak RSS ${result.maxRssMb.toFixed(1)} MB (target < 300 MB)`);
  console.log(`delivered to ${perUser.size.toLocaleString('en')} followers; duplicates ${duplicates}; missing ${missing}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
