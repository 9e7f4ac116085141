import type { Clock, Logger } from '../../domain/ports';
import type { EventStore, PendingEvent, ProcessingLeases } from '../../domain/stores';
import { GroupCommit } from './group-commit';
import type { BatchRunner } from './webhook-event-dispatcher';

export interface LeasedBatchDeps {
  leases: ProcessingLeases;
  events: Pick<EventStore, 'oldestPending'>;
  clock: Clock;
  logger: Logger;
  /** Hands events back to the dispatcher: they stay pending in the database and are read again shortly. */
  defer(events: PendingEvent[]): void;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Batches for several instances on one database: one resident's events are processed by one instance at a time,
 * in LINE's order, whichever instance stored them. Before a batch runs its users' leases are claimed; the events
 * of users another instance holds are deferred. For each user won the batch runs the user's earliest pending event
 * as the database has it now, not the one in memory: that one may have been processed by another instance
 * meanwhile, or another instance may have stored an earlier one. A user's lease is given back once their sends are
 * over. Used on PostgreSQL only; with one instance (SQLite) the dispatcher's own per-user order is enough.
 */
export function leasedBatches(run: BatchRunner, deps: LeasedBatchDeps): BatchRunner {
  const releases = new GroupCommit<string, void>((keys) => deps.leases.release(keys));
  return async (batch, userDone) => {
    const release = (userKey: string) =>
      void releases
        .submit([userKey])
        .catch((e: unknown) => deps.logger.error({ err: errText(e) }, 'could not give back a processing lease; it passes by itself'))
        .finally(() => userDone(userKey));
    let won = new Set<string>();
    let oldest = new Map<string, PendingEvent>();
    try {
      won = await deps.leases.claim(batch.map((e) => e.userKey), deps.clock.now());
      oldest = await deps.events.oldestPending([...won]);
    } catch (e) {
      deps.logger.error({ err: errText(e), events: batch.length }, 'could not claim processing leases; trying again shortly');
      // Leases won before the failure are given back; the users are freed below with the others.
      if (won.size) void releases.submit([...won]).catch(() => undefined);
      won = new Set();
    }
    const busy = batch.filter((e) => !won.has(e.userKey));
    for (const e of busy) userDone(e.userKey);
    const toRun: PendingEvent[] = [];
    const replaced: PendingEvent[] = [];
    for (const e of batch) {
      if (!won.has(e.userKey)) continue;
      const first = oldest.get(e.userKey);
      if (!first) release(e.userKey); // processed by another instance: nothing left for this user
      else {
        if (first.id !== e.id) replaced.push(e);
        toRun.push(first);
      }
    }
    deps.defer([...busy, ...replaced]);
    if (toRun.length) await run(toRun, release);
  };
}
