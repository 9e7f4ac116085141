import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;

/** Creates the folder of a `file:` SQLite URL so a fresh clone can start without set-up. */
export function ensureDatabaseDir(databaseUrl: string): void {
  if (!databaseUrl.startsWith('file:')) return;
  const file = databaseUrl.slice('file:'.length);
  if (file === ':memory:') return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/**
 * Opens the database through the libsql driver adapter and tunes SQLite for a busy webhook:
 * WAL lets readers run beside the writer, NORMAL sync is safe in WAL mode, and the busy timeout
 * makes a second writer wait instead of failing.
 */
export async function openDatabase(databaseUrl: string): Promise<Db> {
  ensureDatabaseDir(databaseUrl);
  const db = new PrismaClient({ adapter: new PrismaLibSql({ url: databaseUrl }) });
  if (databaseUrl.startsWith('file:')) {
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  }
  return db;
}

/** True when the database answers and every migration in the folder has been applied. */
export async function isDatabaseReady(db: Db, expectedMigrations: string[]): Promise<boolean> {
  try {
    const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return expectedMigrations.every((m) => applied.has(m));
  } catch {
    return false;
  }
}
