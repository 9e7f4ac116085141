import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory, type SqlQuery } from '@prisma/driver-adapter-utils';
import { databaseKind, ensureDatabaseDir, isDatabaseReady, openDatabase, type DatabaseKind, type Db } from './database';
import { overrideMethods } from '../override-methods';

/**
 * Prisma migrations without the native schema engine: Prisma's own schema engine compiled to
 * WebAssembly applies the migrations folder of the database's kind and records them in `_prisma_migrations`, the
 * same table `prisma migrate deploy` uses, so both routes work on the same database and migration files.
 * SQLite: `prisma/schema.prisma` and `prisma/migrations/`. PostgreSQL: the schema derived from it
 * (`prisma/postgresql/schema.prisma`, see scripts/postgres-schema.mjs) and `prisma/migrations-postgresql/`.
 */

import { PROJECT_ROOT } from '../project-root';

export { PROJECT_ROOT };
export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');
export const POSTGRES_SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma', 'postgresql', 'schema.prisma');
export const POSTGRES_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations-postgresql');

/** The migrations folder for a kind of database. */
export function migrationsDirOf(kind: DatabaseKind): string {
  return kind === 'postgresql' ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR;
}

/** The schema file for a kind of database. */
export function schemaPathOf(kind: DatabaseKind): string {
  return kind === 'postgresql' ? POSTGRES_SCHEMA_PATH : SCHEMA_PATH;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Reads the migrations folder in the shape the schema engine expects. */
export function readMigrationList(migrationsDir = MIGRATIONS_DIR) {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? ({ tag: 'ok', value: readFileSync(file, 'utf8') } as const)
            : ({ tag: 'error', value: `missing ${file}` } as const),
        },
      };
    }),
  };
}

/**
 * Runs parameterless raw SQL as a script: the engine hands each whole migration to `executeRaw`, where SQLite
 * would run only the first statement.
 */
function scripting(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return overrideMethods(adapter, {
    async executeRaw(query: SqlQuery) {
      if (query.args.length > 0) return adapter.executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    },
  });
}

/**
 * The schema engine's connection, through the same SQLite library the service uses (node:sqlite): two SQLite
 * libraries opening one file in one process can corrupt it, because POSIX locks are per process. The shadow
 * database for `diff` is a throw-away file.
 */
class MigrationSqlite implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'sqlite' as const;
  readonly adapterName = '@prisma/adapter-better-sqlite3 (node:sqlite, migrations)';
  private shadowDir: string | undefined;
  private readonly opened: SqlDriverAdapter[] = [];

  constructor(private readonly url: string) {}

  async connect() {
    return this.track(await new PrismaBetterSqlite3({ url: this.url }).connect());
  }

  async connectToShadowDb() {
    this.shadowDir = mkdtempSync(path.join(tmpdir(), 'tsunagu-shadow-'));
    return this.track(await new PrismaBetterSqlite3({ url: `file:${path.join(this.shadowDir, 'shadow.db')}` }).connect());
  }

  /** Closes every connection the engine opened and deletes the shadow database. */
  async dispose(): Promise<void> {
    for (const a of this.opened.splice(0)) await a.dispose().catch(() => undefined);
    if (this.shadowDir) rmSync(this.shadowDir, { recursive: true, force: true });
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.opened.push(adapter);
    return scripting(adapter);
  }
}

const PG_CHAR = 18;
const PG_TEXT = 25;

/**
 * pg's client, reporting columns of PostgreSQL's one-byte `"char"` type (in catalogue columns such as
 * `pg_class.relkind`, which the schema engine reads to describe a database) as text. Prisma's pg adapter rejects that
 * type ("Column type 'char' could not be deserialized"); pg already returns its values as strings, so only the type
 * reported with the result changes.
 */
class CharAsTextClient extends pg.Client {
  // pg's overloads (promise, callback, submittable) pass through unchanged; only the result is touched.
  override query(...args: unknown[]): never {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, error ? result : charAsText(result));
    }
    const out: unknown = (super.query as (...a: unknown[]) => unknown)(...args);
    return (out instanceof Promise ? out.then(charAsText) : out) as never;
  }
}

/** A query result (or several, for a multi-statement query) with `"char"` fields reported as text. */
function charAsText<T>(result: T): T {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of (one as Partial<pg.QueryResult> | undefined)?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    }
  }
  return result;
}

/** Prisma's pg adapter on `CharAsTextClient` connections. */
const enginePg = (connectionString: string, max: number) => new PrismaPg({ connectionString, max, Client: CharAsTextClient });

/**
 * PostgreSQL's connection for the schema engine: Prisma's `pg` adapter, with whole migrations run as scripts like
 * SQLite's. The shadow database for `diff` is made here, on the same server, and dropped afterwards: the adapter's own
 * `connectToShadowDb` names the new database beside a connection string, which `pg` lets the string's database
 * override, so it replayed the migrations on the database it was given.
 */
class MigrationPostgres implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg (migrations)';
  private readonly opened: SqlDriverAdapter[] = [];
  private readonly shadows: string[] = [];

  constructor(private readonly url: string) {}

  async connect() {
    return this.track(await enginePg(this.url, 2).connect());
  }

  async connectToShadowDb() {
    const name = `tsunagu_shadow_${randomUUID().replaceAll('-', '')}`;
    await (await this.connect()).executeScript(`CREATE DATABASE "${name}"`);
    this.shadows.push(name);
    const shadow = new URL(this.url);
    shadow.pathname = `/${name}`;
    return this.track(await enginePg(shadow.toString(), 2).connect());
  }

  /** Closes every connection the engine opened, then drops the shadow databases. */
  async dispose(): Promise<void> {
    for (const a of this.opened.splice(0)) await a.dispose().catch(() => undefined);
    if (this.shadows.length === 0) return;
    const admin = await enginePg(this.url, 1).connect();
    try {
      for (const name of this.shadows.splice(0)) await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.dispose();
    }
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.opened.push(adapter);
    return scripting(adapter);
  }
}

async function withEngine<T>(databaseUrl: string, schemaPath: string, use: (engine: import('@prisma/schema-engine-wasm').SchemaEngine) => Promise<T>): Promise<T> {
  // Imported lazily: the WebAssembly module is large and only needed at start-up and in scripts.
  const { SchemaEngine } = await import('@prisma/schema-engine-wasm');
  const factory = databaseKind(databaseUrl) === 'postgresql' ? new MigrationPostgres(databaseUrl) : new MigrationSqlite(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const datamodel = readFileSync(schemaPath, 'utf8');
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, () => {}, adapter);
  try {
    return await use(engine);
  } finally {
    engine.free();
    await factory.dispose();
  }
}

/**
 * A new database file gets incremental auto-vacuum before its first table, when the setting costs nothing (an
 * existing file needs one `VACUUM`: `ensureIncrementalVacuum` at start-up), and WAL mode, which writes it down.
 */
function prepareNewFile(databaseUrl: string): void {
  const file = databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : null;
  if (!file || file === ':memory:' || (existsSync(file) && statSync(file).size > 0)) return;
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec('PRAGMA journal_mode = WAL');
  } finally {
    db.close();
  }
}

/** Applies pending migrations to the database; returns the names applied now. */
export async function applyMigrations(databaseUrl: string, migrationsDir?: string): Promise<string[]> {
  const kind = databaseKind(databaseUrl);
  migrationsDir ??= migrationsDirOf(kind);
  ensureDatabaseDir(databaseUrl);
  prepareNewFile(databaseUrl);
  return withEngine(databaseUrl, schemaPathOf(kind), async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationList(migrationsDir), filters: NO_FILTER });
    return out.appliedMigrationNames;
  });
}

/**
 * The SQL that takes the migrations folder to the current schema (empty when nothing changed).
 * The engine builds its own shadow database from the migrations; `databaseUrl` is only a scratch connection.
 */
export async function diffSchemaAgainstMigrations(
  databaseUrl: string,
  options: { migrationsDir?: string; schemaPath?: string } = {},
): Promise<string> {
  const kind = databaseKind(databaseUrl);
  const migrationsDir = options.migrationsDir ?? migrationsDirOf(kind);
  const schemaPath = options.schemaPath ?? schemaPathOf(kind);
  return withEngine(databaseUrl, schemaPath, async (engine) => {
    const datamodel = readFileSync(schemaPath, 'utf8');
    const list = readMigrationList(migrationsDir);
    const result = await engine.diff({
      // With no migrations yet the engine cannot tell the connector from the folder: start from empty.
      from: list.migrationDirectories.length ? { tag: 'migrations', ...list } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? '';
  });
}

/** The migrations the folder for this kind of database holds, by name: what `isDatabaseReady` expects applied. */
export function expectedMigrationsOf(kind: DatabaseKind): string[] {
  return readdirSync(migrationsDirOf(kind), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}

/**
 * Opens the database, first applying pending migrations (what the service and `staff:create` do at start). The
 * schema engine (WebAssembly, slow to load) runs only when one is pending. Returns the names applied now.
 */
export async function openMigrated(databaseUrl: string): Promise<{ db: Db; applied: string[] }> {
  const kind = databaseKind(databaseUrl);
  const expected = expectedMigrationsOf(kind);
  let db = await openDatabase(databaseUrl);
  if (await isDatabaseReady(db, expected, kind)) return { db, applied: [] };
  if (kind === 'postgresql') {
    // Several instances may start together: Prisma's engine holds its advisory lock while it migrates, so one
    // applies what is pending and the others then find nothing left (tests/integration/migrate-together.test.ts).
    return { db, applied: await applyMigrations(databaseUrl) };
  }
  await db.$disconnect();
  const applied = await applyMigrations(databaseUrl);
  db = await openDatabase(databaseUrl);
  return { db, applied };
}
