import { SCHEDULED_RUNS_KEPT_MS, type ClaimResult, type ScheduledRuns } from '../../domain/scheduled-runs';
import type { Db } from './database';

/**
 * Scheduled-job claims in the `ScheduledRun` table, on both databases. The insert is the claim: of the instances that
 * tick for one slot, the one whose row goes in runs it (`ON CONFLICT DO NOTHING` tells the others, without aborting a
 * PostgreSQL transaction). An unfinished claim whose lease passed is taken over by one conditional update, which
 * only one of the instances trying at once can win. Used on SQLite too, where only one instance runs: the same
 * statements (SQLite has both forms), one small write per tick, and a restart in a slot already done does not run
 * the job again.
 */
export class PrismaScheduledRuns implements ScheduledRuns {
  constructor(private readonly db: Db) {}

  async claim(job: string, slot: Date, owner: string, now: Date, leaseUntil: Date): Promise<ClaimResult> {
    const inserted = await this.db.$executeRawUnsafe(
      'INSERT INTO "ScheduledRun" ("job","slot","owner","leaseUntil") VALUES ($1,$2,$3,$4) ON CONFLICT ("job","slot") DO NOTHING',
      job,
      slot,
      owner,
      leaseUntil,
    );
    if (inserted === 1) {
      // Once per slot won, the rows of slots long past go, so the table stays small — but never a job's latest slot,
      // which a job due rarely (monthly, yearly) still needs to know is done.
      await this.db.$executeRawUnsafe(
        'DELETE FROM "ScheduledRun" WHERE "slot" < $1 AND "slot" < (SELECT MAX(l."slot") FROM "ScheduledRun" l WHERE l."job" = "ScheduledRun"."job")',
        new Date(now.getTime() - SCHEDULED_RUNS_KEPT_MS),
      );
      return { won: true };
    }
    const taken = await this.db.$executeRawUnsafe(
      'UPDATE "ScheduledRun" SET "owner" = $3, "leaseUntil" = $4 WHERE "job" = $1 AND "slot" = $2 AND "finishedAt" IS NULL AND "leaseUntil" < $5',
      job,
      slot,
      owner,
      leaseUntil,
      now,
    );
    if (taken === 1) return { won: true };
    const held = await this.db.scheduledRun.findUnique({ where: { job_slot: { job, slot } }, select: { leaseUntil: true, finishedAt: true } });
    return { won: false, heldUntil: held && !held.finishedAt ? held.leaseUntil : null };
  }

  async renew(job: string, slot: Date, owner: string, leaseUntil: Date): Promise<boolean> {
    const n = await this.db.$executeRawUnsafe(
      'UPDATE "ScheduledRun" SET "leaseUntil" = $4 WHERE "job" = $1 AND "slot" = $2 AND "owner" = $3 AND "finishedAt" IS NULL',
      job,
      slot,
      owner,
      leaseUntil,
    );
    return n === 1;
  }

  async finish(job: string, slot: Date, owner: string, at: Date): Promise<void> {
    await this.db.$executeRawUnsafe('UPDATE "ScheduledRun" SET "finishedAt" = $4 WHERE "job" = $1 AND "slot" = $2 AND "owner" = $3', job, slot, owner, at);
  }
}
