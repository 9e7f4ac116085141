/**
 * One run per scheduled job and slot (the cron time it was due), whichever instances are up: each instance's tick
 * claims the (job, slot) pair and runs the job only when it won. A claim holds a lease its owner renews while the job
 * runs; an unfinished claim whose lease has passed (its instance died) is taken over by the next tick in that slot.
 */
export interface ScheduledRuns {
  /**
   * Claims `job` in `slot` for `owner` until `leaseUntil`. Won when no one had claimed it, or the claim was left
   * unfinished and its lease passed before `now`; when lost to a claim still running, says until when it holds. Rows
   * of slots long past may be removed here.
   */
  claim(job: string, slot: Date, owner: string, now: Date, leaseUntil: Date): Promise<ClaimResult>;
  /** Extends the lease of a claim this owner still holds; false when it no longer holds it (taken over). */
  renew(job: string, slot: Date, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Marks the run finished (whether the job succeeded or failed: the next slot tries again). */
  finish(job: string, slot: Date, owner: string, at: Date): Promise<void>;
}

/** A claim's outcome: won, or lost — to a run still holding its lease until `heldUntil`, or to one finished. */
export type ClaimResult = { won: true } | { won: false; heldUntil: Date | null };

/** How long claims stay in the table: long enough to read what ran lately, short enough not to grow. */
export const SCHEDULED_RUNS_KEPT_MS = 3 * 24 * 60 * 60 * 1000;
