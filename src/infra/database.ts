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
 * Opens the database through the libsql driver adapter, on one pooled connection (the adapter serialises its
 * queries anyway). WAL mode, stored in the file itself, lets readers run beside the writer. The driver's
 * `timeout` sets SQLite's busy timeout on every connection it opens, so a second writer waits instead of
 * failing. `synchronous = NORMAL` is safe in WAL mode and saves an fsync per commit; it is a per-connection
 * setting, so should the driver ever replace its connection SQLite falls back to its stricter default.
 */
export async function openDatabase(databaseUrl: string): Promise<Db> {
  ensureDatabaseDir(databaseUrl);
  const db = new PrismaClient({ adapter: new PrismaLibSql({ url: databaseUrl, concurrency: 1, timeout: 5000 }) });
  if (databaseUrl.startsWith('file:')) {
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
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
