/**
 * SQLite's plan for every statement some work sends through Prisma: the work runs on a client that logs its
 * queries, then each statement is explained (`EXPLAIN QUERY PLAN`) with its own parameters. Tests assert that a
 * page's reads walk an index range, never a whole growing table, without timing anything.
 */
import { PrismaClient } from '../../src/generated/prisma/client';
import type { Db } from '../../src/infra/prisma/database';
import { SerializedSqlite } from '../../src/infra/sqlite/serialized-sqlite';

/** One statement and its plan's lines (`SEARCH "Volunteer" USING INDEX …`, `SCAN "Volunteer"` …). */
export interface PlannedQuery {
  sql: string;
  plan: string[];
}

/** Runs `work` on a logging client of the database at `url` and returns the plan of each statement it sent. */
export async function plannedQueries(url: string, work: (db: Db) => Promise<unknown>): Promise<PlannedQuery[]> {
  const db = new PrismaClient({ adapter: new SerializedSqlite({ url, timeout: 5000 }), log: [{ emit: 'event', level: 'query' }] });
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  db.$on('query', (e) => {
    if (/^\s*(SELECT|WITH)\b/i.test(e.query)) seen.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] });
  });
  try {
    await work(db);
    const out: PlannedQuery[] = [];
    for (const q of seen) {
      const rows = await db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${q.sql}`, ...q.params);
      out.push({ sql: q.sql, plan: rows.map((r) => r.detail) });
    }
    return out;
  } finally {
    await db.$disconnect();
  }
}

/** The plan lines that read a whole table (`SCAN <table>` without an index), for any of `tables`. */
export function fullScans(queries: readonly PlannedQuery[], tables: readonly string[]): string[] {
  return queries.flatMap((q) =>
    q.plan.filter((line) => tables.some((t) => new RegExp(`^SCAN (main\\.)?"?${t}"?( AS \\S+)?$`).test(line.trim()))).map((line) => `${line}  ←  ${q.sql}`),
  );
}

/** The plan lines that sort rows in a temporary B-tree (`USE TEMP B-TREE FOR ORDER BY`). */
export function tempSorts(queries: readonly PlannedQuery[]): string[] {
  return queries.flatMap((q) => q.plan.filter((line) => /TEMP B-TREE FOR ORDER BY/.test(line)).map((line) => `${line}  ←  ${q.sql}`));
}
