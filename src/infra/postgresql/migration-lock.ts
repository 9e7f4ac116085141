import pg from 'pg';

/** The advisory lock instances take around migrating (not Prisma's own, which its engine takes inside). */
const MIGRATION_LOCK = 7_273_020;

/**
 * Runs `migrate` holding a PostgreSQL session advisory lock on a connection of its own, so instances starting
 * together on one database migrate it one after the other: the first applies what is pending, the others find
 * nothing left. The lock goes with the connection, also when the process dies.
 */
export async function withMigrationLock<T>(databaseUrl: string, migrate: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await migrate();
  } finally {
    await client.end();
  }
}
