import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { applyMigrations } from '../prisma/migrations';

/** What one copy moved, table by table, in the order written. */
export interface CopyReport {
  tables: Array<{ table: string; rows: number }>;
  migrated: string[];
}

interface Column {
  name: string;
  /** PostgreSQL's `data_type` of the target column. */
  type: string;
}

/** PostgreSQL takes at most 65,535 bound values per statement; batches stay well under. */
const VALUES_PER_STATEMENT = 30_000;

/**
 * Copies a council's SQLite database into a new, empty PostgreSQL database: the target is migrated first (its own
 * migrations, the same schema), then every table's rows are written in an order that satisfies the foreign keys, in
 * one transaction, from one read snapshot of the SQLite file (the service may keep running on it; what it writes
 * after the snapshot is not copied). Values are converted by the target column's type: SQLite's ISO text dates to
 * timestamps, 0/1 to booleans, integers to bigint, blobs to bytea. Refuses a target that already holds rows, and
 * checks every table's row count after the copy.
 */
export async function copySqliteToPostgres(sqliteFile: string, postgresUrl: string, log: (line: string) => void = () => {}): Promise<CopyReport> {
  const migrated = await applyMigrations(postgresUrl);
  const source = new DatabaseSync(sqliteFile, { readOnly: true });
  const target = new pg.Client({ connectionString: postgresUrl });
  await target.connect();
  try {
    const tables = await tablesInForeignKeyOrder(target);
    for (const t of tables) {
      const { rows } = await target.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"`);
      if (rows[0]?.n !== '0') throw new Error(`the PostgreSQL database is not empty: "${t}" has ${rows[0]?.n} rows`);
    }
    source.exec('BEGIN'); // one read snapshot for every table
    await target.query('BEGIN');
    const report: CopyReport = { tables: [], migrated };
    for (const table of tables) {
      const columns = await columnsOf(target, table);
      const rows = copyTable(source, table, columns);
      let copied = 0;
      const perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns.length));
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await insertRows(target, table, columns, batch);
        copied += batch.length;
        batch = [];
      };
      for (const row of rows) {
        batch.push(row);
        if (batch.length === perStatement) await flush();
      }
      await flush();
      report.tables.push({ table, rows: copied });
      log(`${table}: ${copied} rows`);
    }
    for (const { table, rows } of report.tables) {
      const [{ n }] = (source.prepare(`SELECT count(*) AS n FROM "${table}"`).all() as Array<{ n: number }>) as [{ n: number }];
      if (Number(n) !== rows) throw new Error(`"${table}": ${n} rows in SQLite, ${rows} copied`);
    }
    await target.query('COMMIT');
    source.exec('COMMIT');
    return report;
  } catch (e) {
    await target.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await target.end();
    source.close();
  }
}

/** The application's tables, each after the tables its foreign keys point to. */
async function tablesInForeignKeyOrder(client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name",
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    "SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
  );
  const unquote = (n: string) => n.replace(/^"|"$/g, '');
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) if (unquote(e.child) !== unquote(e.parent)) parents.get(unquote(e.child))?.add(unquote(e.parent));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.map((t) => t.name).filter((t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p)));
    if (ready.length === 0) throw new Error('the foreign keys form a cycle between tables');
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

async function columnsOf(client: pg.Client, table: string): Promise<Column[]> {
  const { rows } = await client.query<{ name: string; type: string }>(
    'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position',
    [table],
  );
  return rows;
}

/** The table's rows from SQLite, one at a time, converted to what PostgreSQL's columns take. */
function* copyTable(source: DatabaseSync, table: string, columns: readonly Column[]): Generator<unknown[]> {
  const statement = source.prepare(`SELECT ${columns.map((c) => `"${c.name}"`).join(', ')} FROM "${table}"`);
  statement.setReturnArrays(true);
  for (const row of statement.iterate() as Iterable<unknown[]>) yield row.map((v, i) => toPostgres(v, columns[i]!.type));
}

/** A SQLite value as the PostgreSQL column of `type` takes it. */
export function toPostgres(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'timestamp without time zone':
    case 'timestamp with time zone': {
      // As UTC text, the way Prisma stores it: node-pg would write a Date in the machine's time zone.
      const at = typeof v === 'number' || typeof v === 'bigint' ? new Date(Number(v)) : new Date(String(v));
      if (Number.isNaN(at.getTime())) throw new Error(`not a date: ${String(v)}`);
      return at.toISOString().replace('Z', '');
    }
    case 'boolean':
      return typeof v === 'string' ? v === 'true' || v === '1' : Boolean(Number(v));
    case 'bigint':
      return BigInt(v as number | bigint | string).toString();
    case 'bytea':
      return Buffer.from(v as Uint8Array);
    default:
      return v;
  }
}

async function insertRows(client: pg.Client, table: string, columns: readonly Column[], rows: readonly unknown[][]): Promise<void> {
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(', ')})`);
  await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
}
