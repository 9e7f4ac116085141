/**
 * The service's database as the bench reads it after (and while) a run: its SQLite file, opened read-only with
 * node:sqlite, or its PostgreSQL database through `pg`. The queries are plain SQL both understand.
 */
import { randomBytes } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';

/** Where a service under test keeps its data. */
export type BenchDatabase = { kind: 'sqlite'; path: string } | { kind: 'postgresql'; url: string };

export interface BenchDb {
  all<T>(sql: string): Promise<T[]>;
  /** The `n` column of the first row, as a number (PostgreSQL answers COUNT(*) as a string). */
  count(sql: string): Promise<number>;
  close(): Promise<void>;
}

export async function openBenchDb(where: BenchDatabase): Promise<BenchDb> {
  if (where.kind === 'sqlite') {
    const db = new DatabaseSync(where.path, { readOnly: true });
    const all = async <T>(sql: string) => db.prepare(sql).all() as T[];
    return { all, count: async (sql) => Number((db.prepare(sql).get() as { n: number } | undefined)?.n ?? 0), close: async () => db.close() };
  }
  const client = new pg.Client({ connectionString: where.url });
  await client.connect();
  const all = async <T>(sql: string) => (await client.query(sql)).rows as T[];
  return { all, count: async (sql) => Number(((await all<{ n: string }>(sql))[0]?.n ?? 0)), close: () => client.end() };
}

/** The URL with another database name. */
function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty PostgreSQL database on the server at `serverUrl` (its role may create databases), for one run; the
 * service's first instance migrates it. `drop` removes it (connections still open are ended).
 */
export async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tsunagu_bench_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  return { url: withDatabase(serverUrl, name), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
