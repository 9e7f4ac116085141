/**
 * Webhook acknowledgement latency: `npm run bench:webhook-ack [-- --events 400 --rate 100]`.
 * Builds and starts the service in production mode (`dist/server.mjs`, as `npm start` runs it) as a child process (its own SQLite file) against the project's fake
 * LINE Messaging API, sends signed text events from distinct users at a fixed rate, one webhook each, and
 * prints acknowledgement latency (request sent → 200 received) and end-to-end latency (request sent → reply
 * accepted by the fake LINE API). Figures are printed, never asserted.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseSync } from 'node:sqlite';
import { startFakeLineServer } from '../src/simulator/fake-line/fake-line-api';
import { serviceNodeArgs } from './webhook/processes';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 400);
const RATE = arg('rate', 100);
const PORT = arg('port', 3901);
const SECRET = 'bench-secret';
const TOKEN = 'bench-token';
const root = path.resolve(import.meta.dirname, '..');

const line = await startFakeLineServer({ channelAccessToken: TOKEN, maxRecords: EVENTS * 4 });
const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-bench-'));
// The production bundle, as `npm start` runs it.
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
const child = spawn(process.execPath, serviceNodeArgs(root), {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(PORT),
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: line.url,
    LINE_DATA_API_BASE_URL: line.url,
  },
  stdio: ['ignore', process.env.BENCH_SERVICE_LOGS ? 'inherit' : 'pipe', 'inherit'],
});
const base = `http://127.0.0.1:${PORT}`;

try {
  for (let i = 0; ; i++) {
    if (i > 300) throw new Error('service did not become ready');
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    await sleep(100);
  }

  const sentAt = new Map<string, number>();
  const e2e: number[] = [];
  line.state.events.on('delivered', (d: { to: string }) => {
    const t0 = sentAt.get(d.to);
    if (t0 !== undefined) {
      e2e.push(performance.now() - t0);
      sentAt.delete(d.to);
    }
  });

  // Warm-up (JIT, first SQLite pages), not counted.
  for (let i = 0; i < 20; i++) await post(event(`Uwarm${i.toString(16).padStart(27, '0')}`));
  await sleep(300);

  const ack: number[] = [];
  let errors = 0;
  const interval = 1000 / RATE;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const user = `U${randomUUID().replace(/-/g, '')}`;
    const body = event(user);
    const t0 = performance.now();
    sentAt.set(user, t0);
    inflight.push(
      post(body).then(
        (status) => {
          if (status === 200) ack.push(performance.now() - t0);
          else errors++;
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inflight);
  const deadline = performance.now() + 30_000;
  while (e2e.length < ack.length && performance.now() < deadline) await sleep(50);
  const elapsed = (performance.now() - started) / 1000;

  console.log(`webhook acknowledgement, ${EVENTS} signed text events from ${EVENTS} users at ${RATE}/s (production mode, SQLite WAL)`);
  console.log(`  ack latency  p50 ${pct(ack, 50)} ms  p90 ${pct(ack, 90)} ms  p99 ${pct(ack, 99)} ms  max ${pct(ack, 100)} ms`);
  console.log(`  end-to-end   p50 ${pct(e2e, 50)} ms  p99 ${pct(e2e, 99)} ms  (event sent → reply accepted by fake LINE; ${e2e.length}/${ack.length} answered)`);
  console.log(`  errors ${errors}   elapsed ${elapsed.toFixed(1)} s`);
  const db = new DatabaseSync(path.join(dir, 'bench.db'), { readOnly: true });
  const rows = db.prepare('SELECT status, COUNT(*) AS n FROM "WebhookEvent" GROUP BY status').all() as Array<{ status: string; n: number }>;
  db.close();
  console.log(`  persisted    ${rows.map((r) => `${r.status} ${r.n}`).join(', ')} (of ${EVENTS + 20} sent, warm-up included)`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const db = new DatabaseSync(path.join(dir, 'bench.db'), { readOnly: true });
  const rows = db.prepare('SELECT status, COUNT(*) AS n FROM "WebhookEvent" GROUP BY status').all() as Array<{ status: string; n: number }>;
  db.close();
  console.log(`  after exit   ${rows.map((r) => `${r.status} ${r.n}`).join(', ')}`);
  await line.close();
  rmSync(dir, { recursive: true, force: true });
}

function event(userId: string): string {
  return JSON.stringify({
    destination: 'Ubench',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'user', userId },
        webhookEventId: randomUUID(),
        deliveryContext: { isRedelivery: false },
        replyToken: line.state.issueReplyToken(userId),
        message: { type: 'text', id: String(Math.floor(Math.random() * 1e15)), quoteToken: 'q', text: 'こんにちは' },
      },
    ],
  });
}

async function post(body: string): Promise<number> {
  const signature = createHmac('sha256', SECRET).update(body).digest('base64');
  const res = await fetch(`${base}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
  await res.arrayBuffer();
  return res.status;
}

function pct(values: number[], p: number): string {
  if (!values.length) return 'n/a';
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return (sorted[i] as number).toFixed(2);
}
