import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaClient } from '../../generated/prisma/client';
import { SerializedSqlite } from '../sqlite/serialized-sqlite';

export type Db = PrismaClient;

/** Compiled query plans Prisma keeps (single and batch each); see `openDatabase`. */
const QUERY_PLAN_CACHE_SIZE = 32;

/** The client an interactive transaction (`db.$transaction(async (tx) => …)`) hands its callback. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** The two databases the service runs on: the embedded SQLite file (the default) and PostgreSQL. */
export type DatabaseKind = 'sqlite' | 'postgresql';

/** Which database a `DATABASE_URL` names: `file:` is SQLite, `postgres://` or `postgresql://` PostgreSQL. */
export function databaseKind(databaseUrl: string): DatabaseKind {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new Error('DATABASE_URL must be a SQLite file: URL or a postgresql:// URL');
}

/** Creates the folder of a `file:` SQLite URL so a fresh clone can start without set-up. */
export function ensureDatabaseDir(databaseUrl: string): void {
  if (!databaseUrl.startsWith('file:')) return;
  const file = databaseUrl.slice('file:'.length);
  if (file === ':memory:') return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/**
 * Opens the database: Prisma on SQLite through Node's built-in `node:sqlite` (see `SerializedSqlite`), one
 * connection with its statements serialised. WAL mode, stored in the file itself, lets readers run beside the
 * writer; `synchronous = NORMAL` is safe in WAL mode and saves an fsync per commit; the busy timeout makes a
 * second process's writer wait instead of failing.
 */
export async function openDatabase(databaseUrl: string): Promise<Db> {
  if (databaseKind(databaseUrl) === 'postgresql') {
    // Loaded only here: PostgreSQL's client and query compiler stay out of a SQLite service's memory.
    const { openPostgres } = await import('../postgresql/open-postgres');
    return openPostgres(databaseUrl, QUERY_PLAN_CACHE_SIZE) as unknown as Db;
  }
  ensureDatabaseDir(databaseUrl);
  // Prisma keeps compiled query plans by the query's shape, 1,000 single and 1,000 batch plans by default. A batch's
  // shape is its whole list of statements (tens of KB for a batch of 64 events), nearly every batch differs, and
  // under load those plans filled the processing worker's heap until it died. A few dozen hold the hot single shapes.
  const db = new PrismaClient({ adapter: new SerializedSqlite({ url: databaseUrl, timeout: 5000 }), queryPlanCacheMaxSize: QUERY_PLAN_CACHE_SIZE });
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  return db;
}

/** WAL pages after which the main thread checkpoints all the same (see `leaveCheckpointsToWorker`): 40 MB. */
const MAIN_THREAD_CHECKPOINT_PAGES = 10_000;

/**
 * In worker mode, the main thread's commits (webhook INSERTs) stop running SQLite's automatic WAL checkpoint, which
 * copies the WAL's pages back into the file inside whichever commit crosses 1,000 pages: such commits took 5–6 ms
 * against 0.02 ms for the others, now and then over 200 ms on the 900 MB growth-bench file, and the main thread's
 * event loop waits for them (node:sqlite is synchronous), so every acknowledgement in flight waits too.
 * The worker's connection keeps the default (1,000 pages) and so does the checkpointing. The main thread still
 * checkpoints past 10,000 pages, should the worker commit nothing for long (staff writing, the worker restarting).
 */
export async function leaveCheckpointsToWorker(db: Db): Promise<void> {
  await db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${MAIN_THREAD_CHECKPOINT_PAGES}`);
}

/**
 * Makes the file give freed pages back on request (`PRAGMA incremental_vacuum`, run by the daily housekeeping after
 * the retention). `auto_vacuum` takes effect on an existing file only through one full `VACUUM`, which rewrites the
 * file and holds the write lock for as long as that takes (seconds per hundred MB): so it runs here, at start-up
 * before the service takes webhooks, once per file; a new file gets the setting before its first table. Returns
 * whether the file was rewritten.
 */
export async function ensureIncrementalVacuum(db: Db): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<Array<{ auto_vacuum: number | bigint }>>('PRAGMA auto_vacuum');
  if (Number(row?.auto_vacuum) === 2) return false;
  await db.$queryRawUnsafe('PRAGMA auto_vacuum = INCREMENTAL');
  await db.$queryRawUnsafe('VACUUM');
  return true;
}

/** True when the database answers and every migration in the folder has been applied. */
export async function isDatabaseReady(db: Db, expectedMigrations: string[], kind: DatabaseKind = 'sqlite'): Promise<boolean> {
  try {
    // Ask for the table first: a failing query on a fresh file would leave the connection holding a lock that
    // keeps the schema engine from migrating it (and would abort a PostgreSQL transaction).
    const table = await db.$queryRawUnsafe<unknown[]>(
      kind === 'postgresql'
        ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
    );
    if (table.length === 0) return false;
    const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return expectedMigrations.every((m) => applied.has(m));
  } catch {
    return false;
  }
}
