import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/infra/prisma/database';
import { onServer, withDatabase } from './postgres-admin';

/** A fresh, migrated database for one test: a copy of the template migrated in global setup. */
export interface TestDb {
  url: string;
  db: Db;
  cleanup(): Promise<void>;
}

/** The kind of database this run tests against (TEST_DATABASE_URL; SQLite by default). */
export function testDatabaseKind(): 'sqlite' | 'postgresql' {
  return inject('testDatabase').kind;
}

/** Copies the migrated template (a SQLite file, or a PostgreSQL database) and opens it. Call `cleanup` in afterEach. */
export async function createTestDb(): Promise<TestDb> {
  const source = inject('testDatabase');
  if (source.kind === 'postgresql') {
    const name = `${source.prefix}${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await onServer(source.serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${source.template}"`);
    return opened(withDatabase(source.serverUrl, name), () => onServer(source.serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-test-'));
  const file = path.join(dir, 'test.db');
  copyFileSync(source.templatePath, file);
  return opened(`file:${file}`, async () => rmSync(dir, { recursive: true, force: true }));
}

/** The test database at `url`, opened; `remove` deletes it after the client has disconnected. */
async function opened(url: string, remove: () => Promise<void>): Promise<TestDb> {
  const db = await openDatabase(url);
  return {
    url,
    db,
    async cleanup() {
      await db.$disconnect();
      await remove();
    },
  };
}
