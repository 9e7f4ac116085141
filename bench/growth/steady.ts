/**
 * bench:growth's "steady load" phase: does the file stop growing once retention has run?
 *
 * On the large database after its first retention run, for simulated day d = 1 … `days`: one day's load of text
 * events from the same regulars (as many as the seeded history has webhook events per day at this scale, at most
 * `cap`) through the real service, drained; then the daily housekeeping in its own process with its clock d days
 * ahead (run-housekeeping.ts `--days-ahead d`), so the seeded history's rows of one more day pass their keeping
 * period, as a real day would age them. After each day: the file's size on disk (main file + WAL after a
 * TRUNCATE checkpoint), live bytes, free pages, and what the run removed. Then a verdict: what the loads wrote
 * against what the file grew over the last days; and, by table (with its indexes, from SQLite's dbstat), what grew
 * between the first and the last day. The outbound skeleton (a sent message kept without its body) is measured: a
 * sample copied into a fresh table with the same indexes.
 *
 * The loads' rows all date from the bench's own time; the rows that age are the seeded history's (its last day is
 * the day before the seed was built). Only the processing side's clock moves: the service keeps the system clock.
 */
import { statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { countsAt, regularResidents } from './seed';

const DAY = 86_400_000;
/** Days of the seeded history (seed.ts: three years). */
const SEEDED_DAYS = 3 * 365;
/** The verdict's margin: the file may grow by at most this share of what the loads of the last days wrote. */
const FLAT_SHARE = 0.1;

export interface SteadyOptions {
  dbPath: string;
  scale: number;
  days: number;
  /** Events per day at most (`--steady-events`). */
  cap: number;
}

/** What the phase needs from the bench around it (index.ts). */
export interface SteadyBench<S> {
  start(dbPath: string, label: string): Promise<S & { pid: number; readySeconds: number }>;
  stop(service: S): Promise<void>;
  /** Sends `rate` × `duration` text events, one per user of `users`, and waits for their acknowledgement. */
  send(service: S, label: string, rate: number, duration: number, users: string[]): Promise<{ acked: number; errors: number }>;
  drain(dbPath: string): Promise<number>;
  /** The housekeeping once, in its own process, with its clock `daysAhead` days on; its record (JSON) if any. */
  housekeeping(dbPath: string, daysAhead: number): Promise<{ startedAt: number; finishedAt: number; errors: number; record?: string }>;
  /** Waits for the run the service started itself (at its start). */
  startRun(dbPath: string, since: number): Promise<unknown>;
  progress(line: string): void;
}

interface Size {
  disk: number;
  live: number;
  free: number;
  pageSize: number;
  /** The checkpoint could not finish (a reader held the WAL): the WAL's bytes are in `disk`. */
  busy: boolean;
}

/** The file after a TRUNCATE checkpoint (the service may be up: it waits up to 5 s for the lock). */
export function sizeOf(dbPath: string): Size {
  const db = new DatabaseSync(dbPath);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    const one = (pragma: string) => Number(Object.values(db.prepare(`PRAGMA ${pragma}`).get() as object)[0]);
    const busy = one('wal_checkpoint(TRUNCATE)') !== 0;
    const pageSize = one('page_size');
    const free = one('freelist_count');
    const live = (one('page_count') - free) * pageSize;
    let disk = statSync(dbPath).size;
    try {
      disk += statSync(`${dbPath}-wal`).size;
    } catch {
      // no WAL file
    }
    return { disk, live, free, pageSize, busy };
  } finally {
    db.close();
  }
}

/** Bytes (table and its indexes, whole pages) and rows per table, from dbstat; one pass over the file. */
function tableBytes(dbPath: string): Map<string, { bytes: number; rows: number }> {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const rows = db
      .prepare(`SELECT m."tbl_name" AS t, SUM(s."pgsize") AS b FROM dbstat('main', 1) s JOIN "sqlite_master" m ON m."name" = s."name" GROUP BY m."tbl_name"`)
      .all() as Array<{ t: string; b: number }>;
    const out = new Map<string, { bytes: number; rows: number }>();
    for (const r of rows) {
      const n = r.t.startsWith('sqlite_') || r.t.startsWith('_prisma') ? 0 : Number((db.prepare(`SELECT COUNT(*) AS n FROM "${r.t}"`).get() as { n: number }).n);
      out.set(r.t, { bytes: Number(r.b), rows: n });
    }
    return out;
  } finally {
    db.close();
  }
}

/**
 * Bytes per outbound skeleton (a settled row without its body), measured: up to 20,000 of them copied into a fresh
 * temporary table with the same indexes (created first, so index pages fill as they do in use), whole pages counted.
 */
function skeletonBytes(dbPath: string): { perRow: number; tablePerRow: number; rows: number } | null {
  const db = new DatabaseSync(dbPath);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec(`CREATE TEMP TABLE "sk" AS SELECT * FROM "OutboundMessage" WHERE 0`);
    db.exec(`CREATE UNIQUE INDEX temp."sk_pk" ON "sk" ("id")`);
    const indexes = db.prepare(`SELECT "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "tbl_name" = 'OutboundMessage' AND "sql" IS NOT NULL`).all() as Array<{ sql: string }>;
    indexes.forEach((ix, k) => db.exec(ix.sql.replace(/INDEX\s+"[^"]+"\s+ON\s+"OutboundMessage"/i, `INDEX temp."sk_${k}" ON "sk"`)));
    db.exec(`INSERT INTO "sk" SELECT * FROM "OutboundMessage" WHERE "messages" = '[]' ORDER BY "rowid" LIMIT 20000`);
    const rows = Number((db.prepare(`SELECT COUNT(*) AS n FROM "sk"`).get() as { n: number }).n);
    if (!rows) return null;
    const bytes = Number((db.prepare(`SELECT SUM("pgsize") AS b FROM dbstat('temp') WHERE "name" = 'sk' OR "name" LIKE 'sk\\_%' ESCAPE '\\'`).get() as { b: number }).b);
    const table = Number((db.prepare(`SELECT SUM("pgsize") AS b FROM dbstat('temp') WHERE "name" = 'sk'`).get() as { b: number }).b);
    return { perRow: bytes / rows, tablePerRow: table / rows, rows };
  } finally {
    db.close();
  }
}

/** Rows of a table. */
function rowsOf(dbPath: string, table: string): number {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    return Number((db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n);
  } finally {
    db.close();
  }
}

/** The last day of the seeded history (the newest seeded webhook event), ms. */
function seededUntil(dbPath: string): number | null {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const row = db.prepare(`SELECT MAX("timestamp") AS t FROM "WebhookEvent" WHERE "id" LIKE '01BENCH%'`).get() as { t: number | null };
    return row.t === null ? null : Number(row.t);
  } finally {
    db.close();
  }
}

interface Day {
  day: number;
  events: number;
  errors: number;
  /** Live bytes the day's load added (before its housekeeping). */
  written: number;
  runMs: number;
  removed: Record<string, number>;
  pagesFreed: number;
  size: Size;
  /** FAQ questions after the day (each free text a resident sends is one; kept `privacy.faqQuestionDays`). */
  questions: number;
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MB`;
const int = (n: number) => Math.round(n).toLocaleString('en');
const signed = (b: number) => `${b >= 0 ? '+' : '−'}${kb(Math.abs(b))}`;

/** Runs the phase; returns the lines of its report. */
export async function steadyPhase<S>(o: SteadyOptions, bench: SteadyBench<S>): Promise<string[]> {
  const counts = countsAt(o.scale);
  const seededPerDay = counts.webhookEvents / SEEDED_DAYS;
  const perDay = Math.max(1, Math.min(o.cap, Math.round(seededPerDay)));
  // The load generator sends rate × duration events: at most 100 a second.
  const duration = Math.ceil(perDay / 100);
  const rate = Math.max(1, Math.round(perDay / duration));
  const events = rate * duration;
  const regulars = regularResidents(o.scale, Math.min(events, 5000));
  const users = Array.from({ length: events }, (_, i) => regulars[i % regulars.length] as string);

  const service = await bench.start(o.dbPath, 'steady load');
  bench.progress('steady load: waiting for the housekeeping the service runs at start …');
  await bench.startRun(o.dbPath, Date.now() - service.readySeconds * 1000);
  await bench.drain(o.dbPath);
  const until = seededUntil(o.dbPath);
  const before = tableBytes(o.dbPath);
  const skeleton = skeletonBytes(o.dbPath);
  const base = sizeOf(o.dbPath);
  const baseQuestions = rowsOf(o.dbPath, 'FaqQuestion');
  const days: Day[] = [];
  let last = base;
  try {
    for (let d = 1; d <= o.days; d++) {
      bench.progress(`steady load: day ${d} of ${o.days} — ${events} text events from ${regulars.length} regulars, then the housekeeping ${d} day${d === 1 ? '' : 's'} ahead …`);
      const sent = await bench.send(service, `steady day ${d}`, rate, duration, users);
      await bench.drain(o.dbPath);
      const loaded = sizeOf(o.dbPath);
      const run = await bench.housekeeping(o.dbPath, d);
      const record = run.record ? (JSON.parse(run.record) as { removed?: string; pagesFreed?: number; durationMs?: number }) : {};
      const size = sizeOf(o.dbPath);
      days.push({
        day: d,
        events: sent.acked,
        errors: sent.errors + run.errors,
        written: loaded.live - last.live,
        runMs: record.durationMs ?? run.finishedAt - run.startedAt,
        removed: record.removed ? (JSON.parse(record.removed) as Record<string, number>) : {},
        pagesFreed: record.pagesFreed ?? 0,
        size,
        questions: rowsOf(o.dbPath, 'FaqQuestion'),
      });
      last = size;
    }
  } finally {
    await bench.stop(service);
  }
  const after = tableBytes(o.dbPath);
  const end = sizeOf(o.dbPath);

  // ── report ─────────────────────────────────────────────────────────────────
  const out: string[] = [];
  out.push(
    `seeded history: ${int(counts.webhookEvents)} webhook events over ${SEEDED_DAYS} days = ${seededPerDay.toFixed(1)} a day; the load: ${int(events)} text events a day ` +
      `(${rate}/s × ${duration} s) from the same ${int(regulars.length)} regulars` +
      (Math.round(seededPerDay) > o.cap ? ` — capped by --steady-events ${o.cap} (the seeded ${Math.round(seededPerDay)}): the load is smaller than what ages, so the file shrinks by design` : ` (--steady-events ${o.cap} caps it; not reached at this scale)`),
  );
  if (until !== null) {
    const age = (Date.now() - until) / DAY;
    const ok = age + o.days < 30;
    out.push(
      `the seeded history ends ${age.toFixed(1)} days ago: ${ok ? `each of the ${o.days} days ages a seeded day of webhook payloads and outbound bodies (30 d)` : `WARNING: past day ${Math.max(0, Math.floor(30 - age))} the 30-day rules age no seeded day (the cached seed is old: remove it from the cache folder to seed again)`}`,
    );
  }
  if (events * 3000 < 64 * base.pageSize) out.push(`NOTE: a day's load (~${kb(events * 3300)}) is a few pages at this scale: too small to tell flat from growing; use a larger --scale`);
  out.push('');
  out.push(`${'day'.padEnd(4)} ${'events'.padStart(7)} ${'load wrote'.padStart(11)} ${'on disk'.padStart(12)} ${'grew'.padStart(10)} ${'live'.padStart(12)} ${'free pg'.padStart(8)} ${'run s'.padStart(6)}  removed by the run`);
  const short: Record<string, string> = { webhookPayloads: 'webhook', outboundBodies: 'bodies', broadcastDeliveries: 'deliveries', closedThreads: 'thread msgs', staffSessions: 'sessions', auditLog: 'audit' };
  out.push(`${'0'.padEnd(4)} ${''.padStart(7)} ${''.padStart(11)} ${mb(base.disk).padStart(12)} ${''.padStart(10)} ${mb(base.live).padStart(12)} ${String(base.free).padStart(8)} ${''.padStart(6)}  (after the service's start-up run)`);
  let prev = base.disk;
  for (const d of days) {
    const removed = Object.entries(d.removed).filter(([, n]) => n > 0).map(([k, n]) => `${short[k] ?? k} ${int(n)}`).join(', ') || 'nothing';
    out.push(
      `${String(d.day).padEnd(4)} ${int(d.events).padStart(7)} ${signed(d.written).padStart(11)} ${mb(d.size.disk).padStart(12)} ${signed(d.size.disk - prev).padStart(10)} ${mb(d.size.live).padStart(12)} ${String(d.size.free).padStart(8)} ${(d.runMs / 1000).toFixed(1).padStart(6)}  ` +
        `${removed}; ${int(d.pagesFreed)} pages freed${d.errors ? `; ${d.errors} errors` : ''}${d.size.busy ? ' (checkpoint busy: WAL counted)' : ''}`,
    );
    prev = d.size.disk;
  }
  out.push(`after a clean stop: ${mb(end.disk)} on disk, ${mb(end.live)} live, ${end.free} free pages`);

  // The verdict over the last days (at least 2, half the phase).
  const w = Math.min(days.length, Math.max(2, Math.floor(days.length / 2)));
  if (days.length >= 2) {
    const window = days.slice(-w);
    const from = days.length > w ? (days[days.length - w - 1] as Day).size.disk : base.disk;
    const grew = (days.at(-1) as Day).size.disk - from;
    const written = window.reduce((s, d) => s + d.written, 0);
    const arrived = window.reduce((s, d) => s + d.events, 0);
    const emptied = window.reduce((s, d) => s + (d.removed.outboundBodies ?? 0), 0);
    const deliveries = window.reduce((s, d) => s + (d.removed.broadcastDeliveries ?? 0), 0);
    const bd = before.get('BroadcastDelivery');
    const perDelivery = bd && bd.rows ? bd.bytes / bd.rows : 0;
    const deliveriesBack = deliveries * perDelivery;
    const rowsGone = window.reduce((s, d) => s + (d.removed.outboundRows ?? 0), 0);
    const fq = after.get('FaqQuestion');
    const perQuestion = fq && fq.rows ? fq.bytes / fq.rows : 0;
    const newQuestions = (days.at(-1) as Day).questions - (days.length > w ? (days[days.length - w - 1] as Day).questions : baseQuestions);
    const counted = grew + deliveriesBack;
    const margin = FLAT_SHARE * written;
    const pct = (b: number) => (written ? `${b < 0 ? '−' : ''}${Math.abs((100 * b) / written).toFixed(0)}%` : '?%');
    out.push('');
    out.push(
      `last ${w} days: their loads wrote ${kb(written)} (${int(arrived)} events); the file grew ${signed(grew)}` +
        (deliveries ? `, ${signed(counted)} counting back the ${int(deliveries)} aged broadcast deliveries (× ${perDelivery.toFixed(0)} B) that the text load does not replace` : '') +
        ` = ${pct(counted)} of what they wrote`,
    );
    out.push(
      `  outbound: ${int(emptied)} bodies emptied (30 d), ${int(rowsGone)} rows removed (400 d; ${skeleton ? `${skeleton.perRow.toFixed(0)} B each with its indexes` : 'size not measured'}); ` +
        `FAQ questions: ${signed(newQuestions * perQuestion)} (${int(newQuestions)} net × ${perQuestion.toFixed(0)} B; one per free text, kept 180 days by default)`,
    );
    const flat = Math.abs(counted) <= margin;
    out.push(
      `verdict: the file ${flat ? 'STOPS GROWING' : counted > 0 ? 'KEEPS GROWING' : 'SHRINKS'} (its size over the last ${w} days within ±${(FLAT_SHARE * 100).toFixed(0)}% of what their loads wrote, ±${kb(margin)}: ${flat ? 'yes' : 'no'})`,
    );
  }
  if (skeleton) {
    out.push(
      `outbound skeleton, measured: ${skeleton.perRow.toFixed(0)} B per row with its indexes, ${skeleton.tablePerRow.toFixed(0)} B of it the row itself ` +
        `(${int(skeleton.rows)} rows without their bodies copied into a fresh table with the same indexes: whole pages, index pages filled as in use)`,
    );
  }

  // By table: what the phase changed.
  out.push('');
  out.push(`by table (with its indexes, whole pages), day 0 → day ${days.length}:`);
  const changed = [...after.entries()]
    .map(([t, a]) => ({ t, a, b: before.get(t) ?? { bytes: 0, rows: 0 } }))
    .filter((x) => x.a.bytes !== x.b.bytes || x.a.rows !== x.b.rows)
    .sort((x, y) => Math.abs(y.a.bytes - y.b.bytes) - Math.abs(x.a.bytes - x.b.bytes));
  for (const { t, a, b } of changed) out.push(`  ${t.padEnd(22)} ${mb(b.bytes).padStart(10)} → ${mb(a.bytes).padStart(10)}  ${signed(a.bytes - b.bytes).padStart(10)}   rows ${int(b.rows)} → ${int(a.rows)}`);
  if (!changed.length) out.push('  no table changed');
  out.push(
    'steady by design (the housekeeping removes as much as a day brings): webhook payloads (30 d), outbound bodies (30 d), outbound rows (400 d), broadcast deliveries (90 d; this load sends no broadcast, so aged ones only leave), FAQ questions (the profile\'s days)',
    'growing by design until their period has passed once: closed threads\' messages (5 y) and audit rows (5 y; the seeded 3 years age none of either), and residents (none here: the load is the same regulars)',
  );
  return out;
}
