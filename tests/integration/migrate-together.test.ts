/**
 * Several instances starting together on a new PostgreSQL database: one applies the migrations, the others wait for
 * it and find the database ready (Prisma's schema engine holds an advisory lock while it migrates). PostgreSQL only.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, expect, inject, test } from 'vitest';
import { expectedMigrationsOf, openMigrated } from '../../src/infra/prisma/migrations';
import { isDatabaseReady } from '../../src/infra/prisma/database';
import { onServer, withDatabase } from '../helpers/postgres-admin';
import { testDatabaseKind } from '../helpers/test-db';

let drop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await drop?.();
  drop = undefined;
});

test.runIf(testDatabaseKind() === 'postgresql')('three instances migrating one new database at once: the migrations are applied once and all three open it ready', { timeout: 180_000 }, async () => {
  const source = inject('testDatabase');
  if (source.kind !== 'postgresql') throw new Error('PostgreSQL run only');
  const database = `${source.prefix}together_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  await onServer(source.serverUrl, `CREATE DATABASE "${database}"`);
  drop = () => onServer(source.serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  const url = withDatabase(source.serverUrl, database);

  const opened = await Promise.all([openMigrated(url), openMigrated(url), openMigrated(url)]);
  try {
    const expected = expectedMigrationsOf('postgresql');
    // One applied every migration; the two others applied nothing.
    expect(opened.map((o) => o.applied.length).sort((a, b) => a - b)).toEqual([0, 0, expected.length]);
    for (const o of opened) expect(await isDatabaseReady(o.db, expected, 'postgresql')).toBe(true);
    const rows = await opened[0]!.db.$queryRawUnsafe<Array<{ migration_name: string }>>('SELECT migration_name FROM _prisma_migrations');
    expect(rows.map((r) => r.migration_name).sort()).toEqual([...expected].sort());
  } finally {
    for (const o of opened) await o.db.$disconnect();
  }
});
