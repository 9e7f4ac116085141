import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma-pg/client';

/** Connections each process keeps to PostgreSQL (its main thread and worker each have a pool). */
const POOL_SIZE = 10;

/**
 * Prisma on PostgreSQL through its `pg` driver adapter. The client is generated from the same models as SQLite's
 * (prisma/postgresql/schema.prisma is derived from prisma/schema.prisma), so it answers the same calls and is used
 * as the same `Db` type (`openDatabase` treats it so); only raw SQL differs between the two, and is written for each
 * where it does.
 */
export function openPostgres(databaseUrl: string, queryPlanCacheMaxSize: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: POOL_SIZE }), queryPlanCacheMaxSize });
}
