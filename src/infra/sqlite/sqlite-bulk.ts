import { DatabaseSync, type StatementSync } from 'node:sqlite';

/** A value as Prisma stores it in SQLite: dates as ISO text with `+00:00`, booleans as 0/1. */
export function sqliteValue(v: unknown): string | number | null {
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined || v === null) return null;
  return v as string | number;
}

/** How long an unused bulk connection stays open (a broadcast writes once per batch, a few ms apart). */
const IDLE_CLOSE_MS = 5000;

interface Held {
  db: DatabaseSync;
  statements: Map<string, StatementSync>;
  timer: NodeJS.Timeout | undefined;
}

const held = new Map<string, Held>();

function connection(databaseUrl: string): Held {
  let h = held.get(databaseUrl);
  if (!h) {
    const db = new DatabaseSync(databaseUrl.slice('file:'.length), { timeout: 5000 });
    // As on the main connection (src/infra/database.ts): safe in WAL mode, and no fsync per commit; a large page
    // cache so the indexes of many new rows stay in memory.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA cache_size = -65536');
    h = { db, statements: new Map(), timer: undefined };
    held.set(databaseUrl, h);
  }
  clearTimeout(h.timer);
  const mine = h;
  mine.timer = setTimeout(() => {
    held.delete(databaseUrl);
    mine.db.close();
  }, IDLE_CLOSE_MS).unref();
  return h;
}

/**
 * Runs `work` in one write transaction on a second connection to the same SQLite file (same library, WAL
 * mode: readers on the main connection go on; its writers wait up to the busy timeout), kept open while in use
 * and closed after a few idle seconds. For writing tens of thousands of rows, where one prepared statement run
 * per row costs about a microsecond against several for each value bound through Prisma. `work` is
 * synchronous, so nothing else runs inside the transaction; it commits when `work` returns, rolls back if it throws.
 */
export function bulkWrite<T>(databaseUrl: string, work: (prepare: (sql: string) => StatementSync) => T): T {
  if (!databaseUrl.startsWith('file:')) throw new Error('bulk writes need a SQLite file: URL');
  const h = connection(databaseUrl);
  const prepare = (sql: string) => {
    let s = h.statements.get(sql);
    if (!s) h.statements.set(sql, (s = h.db.prepare(sql)));
    return s;
  };
  h.db.exec('BEGIN IMMEDIATE');
  try {
    const result = work(prepare);
    h.db.exec('COMMIT');
    return result;
  } catch (e) {
    h.db.exec('ROLLBACK');
    throw e;
  }
}

/** Reads many rows on the bulk connection (plain objects, no Prisma mapping): for lists of tens of thousands. */
export function bulkRead<T>(databaseUrl: string, sql: string, ...params: Array<string | number | null>): T[] {
  if (!databaseUrl.startsWith('file:')) throw new Error('bulk reads need a SQLite file: URL');
  return connection(databaseUrl).db.prepare(sql).all(...params) as T[];
}

/**
 * Like `bulkRead`, one row at a time: each row can become garbage as soon as it is used instead of all of them
 * living until the last is read. Consume it without awaiting in between (the bulk connection is shared).
 */
export function bulkIterate<T>(databaseUrl: string, sql: string, ...params: Array<string | number | null>): IterableIterator<T> {
  if (!databaseUrl.startsWith('file:')) throw new Error('bulk reads need a SQLite file: URL');
  return connection(databaseUrl).db.prepare(sql).iterate(...params) as IterableIterator<T>;
}

/** Like `bulkRead`, with each row as an array in the order of the selected columns (no object per row). */
export function bulkReadArrays(databaseUrl: string, sql: string, ...params: Array<string | number | null>): unknown[][] {
  if (!databaseUrl.startsWith('file:')) throw new Error('bulk reads need a SQLite file: URL');
  const statement = connection(databaseUrl).db.prepare(sql);
  statement.setReturnArrays(true);
  return statement.all(...params) as unknown as unknown[][];
}
