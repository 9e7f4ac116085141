import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/infra/prisma/database';

/** A fresh, migrated SQLite file for one test (a copy of the template migrated in global setup). */
export interface TestDb {
  url: string;
  db: Db;
  cleanup(): Promise<void>;
}

/** Copies the migrated template to a temp file and opens it. Call `cleanup` in afterEach. */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-test-'));
  const file = path.join(dir, 'test.db');
  copyFileSync(inject('templateDbPath'), file);
  const url = `file:${file}`;
  const db = await openDatabase(url);
  return {
    url,
    db,
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
