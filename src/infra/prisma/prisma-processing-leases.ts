import { PROCESSING_LEASE_MS, type ProcessingLeases } from '../../domain/stores';
import type { Db } from './database';
import { SqlParams } from './sql-batch';

/**
 * Processing leases in the `ProcessingLease` table, for several instances on one PostgreSQL database. A claim is
 * one upsert: a user's row is taken when it is absent, its lease has passed, or it is already this instance's; the
 * rows RETURNING names are the users won. Concurrent claims of one user queue on its row, so only one wins.
 */
export class PrismaProcessingLeases implements ProcessingLeases {
  constructor(
    private readonly db: Db,
    /** This instance's id (one per process). */
    private readonly owner: string,
  ) {}

  async claim(userKeys: string[], now: Date): Promise<Set<string>> {
    if (!userKeys.length) return new Set();
    const p = new SqlParams();
    const owner = p.add(this.owner);
    const until = p.add(new Date(now.getTime() + PROCESSING_LEASE_MS));
    const at = p.add(now);
    const rows = [...new Set(userKeys)].map((k) => `(${p.add(k)}, ${owner}, ${until})`);
    const won = await this.db.$queryRawUnsafe<Array<{ userKey: string }>>(
      `INSERT INTO "ProcessingLease" ("userKey", "owner", "leaseUntil") VALUES ${rows.join(', ')} ` +
        'ON CONFLICT ("userKey") DO UPDATE SET "owner" = excluded."owner", "leaseUntil" = excluded."leaseUntil" ' +
        `WHERE "ProcessingLease"."leaseUntil" < ${at} OR "ProcessingLease"."owner" = excluded."owner" RETURNING "userKey"`,
      ...p.values,
    );
    return new Set(won.map((r) => r.userKey));
  }

  async release(userKeys: string[]): Promise<void> {
    if (!userKeys.length) return;
    const p = new SqlParams();
    const owner = p.add(this.owner);
    await this.db.$executeRawUnsafe(`DELETE FROM "ProcessingLease" WHERE "owner" = ${owner} AND "userKey" IN (${p.list(userKeys)})`, ...p.values);
  }
}
