/**
 * Retention on a large file: how long the daily housekeeping holds SQLite's write lock, seen from a webhook's insert.
 *
 *   npx tsx bench/retention/index.ts [rowsPerTable=100000]
 *
 * Builds a migrated temp file with `rowsPerTable` processed webhook events, sent outbound messages (each with a
 * ~1.4 KB body, as the issue measured) and broadcast delivery rows, all older than the default periods. A worker
 * thread on its own connection inserts one WebhookEvent row every 2 ms (what the webhook ack does) and records each
 * insert's latency: first with nothing else running (the floor), then while `applyRetention` runs on the service's
 * Prisma connection (the peer). Prints both latency distributions, the run's per-rule counts, batch durations, and
 * the file size before and after (incremental vacuum).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { applyMigrations } from '../../src/infra/prisma/migrations';
import { openDatabase } from '../../src/infra/prisma/database';
import { PrismaHousekeepingRuns, PrismaRetentionStore } from '../../src/infra/prisma/prisma-retention';
import { applyRetention } from '../../src/usecases/retention/apply-retention';
import { DEFAULT_RETENTION_POLICY, type RetentionStore } from '../../src/domain/retention-policy';

const N = Number(process.argv[2] ?? 100_000);
const DAY = 86_400_000;
const NOW = Date.now();
// As Prisma stores dates in SQLite (src/infra/sqlite/sqlite-bulk.ts); rows a few ms apart, as a year's traffic is.
const stored = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const OLD = stored(NOW - 400 * DAY);
const oldAt = (i: number) => stored(NOW - 400 * DAY + i * 7);

const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-retention-bench-'));
const file = path.join(dir, 'bench.db');
const url = `file:${file}`;

function seed(): void {
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
  const body = JSON.stringify([{ type: 'text', text: 'お知らせ'.repeat(110) }]); // ~1.4 KB as stored
  const payload = JSON.stringify({ type: 'message', message: { type: 'text', id: '1', text: '' }, source: { type: 'user', userId: 'U'.padEnd(33, '0') } }).padEnd(900, ' ');
  db.exec('BEGIN');
  const ev = db.prepare(`INSERT INTO "WebhookEvent" ("id","lineType","sourceType","userKey","mode","timestamp","isRedelivery","payload","status","receivedAt","processedAt") VALUES (?, 'message', 'user', ?, 'active', 0, 0, ?, 'done', ?, ?)`);
  const out = db.prepare(`INSERT INTO "OutboundMessage" ("id","lineUserId","method","retryKey","messages","status","createdAt") VALUES (?, ?, 'push', ?, ?, 'sent', ?)`);
  db.prepare(`INSERT INTO "Broadcast" ("id","kind","title","content","targeting","scheduledAt","status","createdAt","finishedAt","targeted","sent") VALUES ('b1','announcement','t','{}','{}',?, 'sent', ?, ?, ?, ?)`).run(OLD, OLD, OLD, N, N);
  const del = db.prepare(`INSERT INTO "BroadcastDelivery" ("id","broadcastId","lineUserId","language","status") VALUES (?, 'b1', ?, 'ja', 'sent')`);
  for (let i = 0; i < N; i++) {
    const user = `U${i.toString(16).padStart(32, '0')}`;
    ev.run(`ev-${i}`, user, payload, oldAt(i), oldAt(i));
    out.run(`out-${i}`, user, `key-${i}`, body, oldAt(i));
    del.run(`d-${i}`, user);
  }
  db.exec('COMMIT');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A worker inserting one webhook row every 2 ms on its own connection; resolves with the latencies (ms) when told to stop. */
function inserter(tag: string): { stop(): Promise<number[]> } {
  const worker = new Worker(
    `const { DatabaseSync } = require('node:sqlite'); const { parentPort, workerData } = require('node:worker_threads');
     const db = new DatabaseSync(workerData.file); db.exec('PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL');
     const ins = db.prepare('INSERT INTO "WebhookEvent" ("id","lineType","sourceType","userKey","mode","timestamp","isRedelivery","payload","status","receivedAt") VALUES (?, \\'message\\', \\'user\\', \\'Ux\\', \\'active\\', 0, 0, \\'{}\\', \\'pending\\', ?)');
     const lat = []; let i = 0; let stop = false;
     parentPort.on('message', () => { stop = true; });
     const tick = () => { if (stop) { parentPort.postMessage(lat); db.close(); return; }
       const t0 = performance.now(); ins.run(workerData.tag + '-' + (i++), new Date().toISOString().replace('Z', '+00:00')); lat.push(performance.now() - t0); setTimeout(tick, 2); };
     tick();`,
    { eval: true, workerData: { file, tag } },
  );
  worker.on('error', (e) => {
    console.error(`inserter ${tag} failed:`, e);
    process.exit(1);
  });
  return {
    stop: () =>
      new Promise<number[]>((resolve) => {
        worker.once('message', (lat: number[]) => void worker.terminate().then(() => resolve(lat)));
        worker.postMessage('stop');
      }),
  };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const fmt = (xs: number[]) => `n=${xs.length} p50=${pct(xs, 50).toFixed(2)} p99=${pct(xs, 99).toFixed(2)} max=${Math.max(...xs).toFixed(2)} ms`;
const walSize = () => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
const size = () => statSync(file).size + walSize();

async function main(): Promise<void> {
  await applyMigrations(url);
  let t = performance.now();
  seed();
  console.log(`seeded ${N.toLocaleString()} rows each of WebhookEvent, OutboundMessage, BroadcastDelivery in ${((performance.now() - t) / 1000).toFixed(1)} s; file ${(size() / 1e6).toFixed(1)} MB`);

  // Floor: the inserts alone, as long as the housekeeping will take (3 s at least).
  const floor = inserter('floor');
  await new Promise((r) => setTimeout(r, 3000));
  const floorLat = await floor.stop();

  const db = await openDatabase(url);
  const inner = new PrismaRetentionStore(db, url);
  const batchMs: number[] = [];
  const calls = new Map<string, number>();
  const slowest = new Map<string, number>();
  const note = (rule: string, ms: number) => {
    calls.set(rule, (calls.get(rule) ?? 0) + 1);
    slowest.set(rule, Math.max(slowest.get(rule) ?? 0, Math.round(ms)));
  };
  const store: RetentionStore = {
    async removeBatch(rule, cutoff, limit) {
      const t0 = performance.now();
      const r = await inner.removeBatch(rule, cutoff, limit);
      batchMs.push(performance.now() - t0);
      note(rule, performance.now() - t0);
      return r;
    },
    reclaimPages: async (n) => {
      const t0 = performance.now();
      const r = await inner.reclaimPages(n);
      batchMs.push(performance.now() - t0);
      note('vacuum', performance.now() - t0);
      return r;
    },
    pageSize: () => inner.pageSize(),
  };
  const before = size();
  const peer = inserter('peer');
  t = performance.now();
  const run = await applyRetention({ store, runs: new PrismaHousekeepingRuns(db), policy: DEFAULT_RETENTION_POLICY, clock: { now: () => new Date() }, logger: { debug() {}, info() {}, warn() {}, error() {} } });
  const runMs = performance.now() - t;
  const peerLat = await peer.stop();
  await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.$disconnect();

  console.log(`retention run: ${(runMs / 1000).toFixed(1)} s, removed ${JSON.stringify(run.removed)}, pages freed ${run.pagesFreed} × ${run.pageSize} B`);
  console.log(`statements (batches of 500, 200 for outbound rewrites; vacuum steps of 250 pages): ${fmt(batchMs)}; statements per rule ${JSON.stringify(Object.fromEntries(calls))}, slowest per rule (ms) ${JSON.stringify(Object.fromEntries(slowest))}`);
  console.log(`webhook insert, nothing else running (floor): ${fmt(floorLat)}`);
  console.log(`webhook insert during the retention run (peer): ${fmt(peerLat)}`);
  const pages = new DatabaseSync(file);
  const count = (sql: string) => Number((pages.prepare(sql).get() as Record<string, number>)['n']);
  const tables = ['WebhookEvent', 'OutboundMessage', 'BroadcastDelivery'].map((t) => `${t} ${count(`SELECT COUNT(*) AS n FROM "${t}"`)} rows`).join(', ');
  const used = count(`SELECT SUM(pgsize) AS n FROM dbstat`);
  pages.close();
  console.log(`file: ${(before / 1e6).toFixed(1)} MB before → ${(size() / 1e6).toFixed(1)} MB after (WAL ${(walSize() / 1e6).toFixed(1)} MB); ${tables}; pages in use ${(used / 1e6).toFixed(1)} MB`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
