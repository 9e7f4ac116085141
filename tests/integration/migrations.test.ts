// Under test: src/infra/prisma/migrations.ts (WebAssembly schema engine) and /readyz on fresh temporary SQLite files, and
// on a PostgreSQL run the PostgreSQL migrations on fresh databases of that server; LINE is faked (RecordingMessenger), nothing else.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { buildApp } from '../../src/composition/app';
import { loadConfig } from '../../src/config';
import { openDatabase, type DatabaseKind, type Db } from '../../src/infra/prisma/database';
import { applyMigrations, diffSchemaAgainstMigrations, MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA_PATH, PROJECT_ROOT, SCHEMA_PATH } from '../../src/infra/prisma/migrations';
import { FakeClock } from '../fakes/fake-clock';
import { RecordingMessenger } from '../fakes/recording-messenger';
import { onServer, withDatabase } from '../helpers/postgres-admin';
import { testDatabaseKind } from '../helpers/test-db';

const SLOW = 60_000;
const MIGRATION_NAMES = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const TABLES = ['Allocation', 'AuditLog', 'Attachment', 'Broadcast', 'BroadcastBatch', 'BroadcastDelivery', 'Consultation', 'Conversation', 'ConversationMessage', 'CouncilEvent', 'DonationItem', 'DonationOffer', 'EventRegistration', 'SalonChange', 'Volunteer', 'VolunteerInvitation', 'VolunteerRequest', 'FlowState', 'OutboundMessage', 'Resident', 'SafetyAlert', 'StaffNote', 'StaffSession', 'StaffUser', 'SurveyResponse', 'WantedItem', 'WebhookEvent'];

let dir: string;
let opened: Db[];
let dropAfterTest: Array<() => Promise<void>>;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-migrations-'));
  opened = [];
  dropAfterTest = [];
});
afterEach(async () => {
  for (const db of opened) await db.$disconnect();
  for (const drop of dropAfterTest) await drop();
  rmSync(dir, { recursive: true, force: true });
});

const urlFor = (name: string) => `file:${path.join(dir, name)}`;

async function open(url: string): Promise<Db> {
  const db = await openDatabase(url);
  opened.push(db);
  return db;
}

async function tableNames(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ name: string }>>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return rows.map((r) => r.name);
}

/** A copy of a schema with one extra model, written to the temp folder. */
function schemaWithExtraModel(schemaPath: string): string {
  const file = path.join(dir, 'schema.prisma');
  writeFileSync(file, `${readFileSync(schemaPath, 'utf8')}\nmodel ScratchNote {\n  id        String   @id\n  body      String\n  createdAt DateTime\n}\n`);
  return file;
}

const isEmptyMigration = (sql: string) => sql.trim() === '' || /^-- This is an empty migration\.?$/.test(sql.trim());

describe('applyMigrations', () => {
  test('creates every table on a fresh file and records the migrations where `prisma migrate deploy` does', { timeout: SLOW }, async () => {
    const url = urlFor('fresh.db');
    expect(await applyMigrations(url)).toEqual(MIGRATION_NAMES);

    const db = await open(url);
    expect(await tableNames(db)).toEqual(expect.arrayContaining([...TABLES, '_prisma_migrations']));
    const recorded = await db.$queryRawUnsafe<Array<{ migration_name: string; finished_at: unknown; rolled_back_at: unknown; checksum: string }>>(
      'SELECT migration_name, finished_at, rolled_back_at, checksum FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(MIGRATION_NAMES);
    for (const r of recorded) {
      expect(r.finished_at).not.toBeNull();
      expect(r.rolled_back_at).toBeNull();
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  test('is idempotent: a second run applies nothing and records nothing new', { timeout: SLOW }, async () => {
    const url = urlFor('twice.db');
    await applyMigrations(url);
    expect(await applyMigrations(url)).toEqual([]);
    const db = await open(url);
    expect(await db.$queryRawUnsafe<Array<{ n: bigint }>>('SELECT COUNT(*) AS n FROM _prisma_migrations')).toEqual([{ n: BigInt(MIGRATION_NAMES.length) }]);
  });

  test('creates the folder of a database path that does not exist yet', { timeout: SLOW }, async () => {
    const url = urlFor(path.join('nested', 'deeper', 'app.db'));
    expect(await applyMigrations(url)).toEqual(MIGRATION_NAMES);
  });
});

/** Where one kind of database keeps its schema and migrations, and how a test gets an empty database of that kind. */
interface Target {
  kind: DatabaseKind;
  schemaPath: string;
  migrationsDir: string;
  emptyDatabase(name: string): Promise<string>;
}

const SQLITE: Target = { kind: 'sqlite', schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR, emptyDatabase: async (name) => urlFor(`${name}.db`) };

/** PostgreSQL's, on the server of a PostgreSQL run: empty databases named like the run's others, dropped after the test. */
const POSTGRES: Target = {
  kind: 'postgresql',
  schemaPath: POSTGRES_SCHEMA_PATH,
  migrationsDir: POSTGRES_MIGRATIONS_DIR,
  async emptyDatabase(name) {
    const source = inject('testDatabase');
    if (source.kind !== 'postgresql') throw new Error('PostgreSQL databases only on a PostgreSQL run');
    const database = `${source.prefix}${name}_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
    await onServer(source.serverUrl, `CREATE DATABASE "${database}"`);
    dropAfterTest.push(() => onServer(source.serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    return withDatabase(source.serverUrl, database);
  },
};

// SQLite's migrations are checked on every run (on temporary files), PostgreSQL's on a PostgreSQL run.
const TARGETS = testDatabaseKind() === 'postgresql' ? [SQLITE, POSTGRES] : [SQLITE];

describe.each(TARGETS)('diffSchemaAgainstMigrations on $kind', (target) => {
  const migrationNames = () => readdirSync(target.migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  test('applying every checked-in migration gives exactly the schema: the diff from the migrations to it is empty', { timeout: SLOW }, async () => {
    const sql = await diffSchemaAgainstMigrations(await target.emptyDatabase('scratch'), { schemaPath: target.schemaPath, migrationsDir: target.migrationsDir });
    expect(isEmptyMigration(sql), `${path.relative(PROJECT_ROOT, target.schemaPath)} differs from ${path.relative(PROJECT_ROOT, target.migrationsDir)}:\n${sql}`).toBe(true);
  });

  test('gives the CREATE TABLE for a schema with one added model, and that SQL migrates a database', { timeout: SLOW }, async () => {
    const schemaPath = schemaWithExtraModel(target.schemaPath);
    const sql = await diffSchemaAgainstMigrations(await target.emptyDatabase('scratch'), { schemaPath, migrationsDir: target.migrationsDir });
    expect(sql).toMatch(/CREATE TABLE "ScratchNote"/);
    expect(sql).not.toMatch(/"WebhookEvent"|"Resident"/);

    // Round trip: the diff, saved as a new migration, applies on top of the existing ones and closes the gap.
    const migrationsDir = path.join(dir, 'migrations');
    cpSync(target.migrationsDir, migrationsDir, { recursive: true });
    mkdirSync(path.join(migrationsDir, '29991231000000_scratch_note'));
    writeFileSync(path.join(migrationsDir, '29991231000000_scratch_note', 'migration.sql'), sql);
    const url = await target.emptyDatabase('extended');
    expect(await applyMigrations(url, migrationsDir)).toEqual([...migrationNames(), '29991231000000_scratch_note']);
    expect(await (await open(url)).$queryRawUnsafe('SELECT COUNT(*) AS n FROM "ScratchNote"')).toEqual([{ n: 0n }]);
    expect(isEmptyMigration(await diffSchemaAgainstMigrations(await target.emptyDatabase('scratch2'), { schemaPath, migrationsDir }))).toBe(true);
  });

  test('with no migrations yet, the diff creates every table', { timeout: SLOW }, async () => {
    const empty = path.join(dir, 'no-migrations');
    mkdirSync(empty);
    const sql = await diffSchemaAgainstMigrations(await target.emptyDatabase('scratch'), { schemaPath: target.schemaPath, migrationsDir: empty });
    for (const table of TABLES) expect(sql).toContain(`CREATE TABLE "${table}"`);
  });
});

describe('/readyz', () => {
  test('is 503 on a database without migrations and 200 once they are applied', { timeout: SLOW }, async () => {
    const url = urlFor('readyz.db');
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    const build = () => buildApp({ config, clock: new FakeClock(), messenger: new RecordingMessenger(), skipMigrations: true, logger: false });
    // The service migrates before it keeps a connection open; here the migration runs between two instances.
    const unmigrated = await build();
    try {
      expect((await unmigrated.server.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
      expect((await unmigrated.server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await unmigrated.close();
    }
    await applyMigrations(url);
    const migrated = await build();
    try {
      await migrated.recover();
      const after = await migrated.server.inject({ method: 'GET', url: '/readyz' });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual({ status: 'ready' });
    } finally {
      await migrated.close();
    }
  });

  test('buildApp migrates on start unless told not to', { timeout: SLOW }, async () => {
    const config = loadConfig({ DATABASE_URL: urlFor('boot.db'), LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    const app = await buildApp({ config, clock: new FakeClock(), messenger: new RecordingMessenger(), logger: false });
    try {
      await app.recover();
      expect((await app.server.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
