import type { Logger } from '../domain/ports';
import type { PendingEvent } from '../domain/stores';

/** Runs one batch: resolves once it is committed; calls `userDone` when each user's sends are over. */
export type BatchRunner = (batch: PendingEvent[], userDone: (userKey: string) => void) => Promise<void>;

export interface DispatcherOptions {
  /** Most events (each from a different user) in one batch. */
  maxBatch?: number;
  /** Batches being committed at once; sends of committed batches do not count. */
  maxConcurrentBatches?: number;
}

/**
 * Feeds stored events to the batch processor. Each user has a queue ordered by LINE timestamp; a batch takes
 * the oldest event of up to `maxBatch` users who have nothing in flight, so one user's events are processed
 * one at a time, in order, and their replies go out in order. When idle a new event is processed at once
 * (a batch of one); under load batches grow, and one transaction serves many users. The database stays the
 * source of truth: events are stored before they get here, and `recover` re-queues what a crash left pending.
 */
export class EventDispatcher {
  private readonly queues = new Map<string, PendingEvent[]>();
  private readonly queuedIds = new Set<string>();
  private readonly inFlight = new Set<string>();
  private committing = 0;
  private pumpScheduled = false;
  private idleWaiters: Array<() => void> = [];
  private readonly maxBatch: number;
  private readonly maxConcurrentBatches: number;

  constructor(
    private readonly run: BatchRunner,
    private readonly logger: Logger,
    options: DispatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 64;
    this.maxConcurrentBatches = options.maxConcurrentBatches ?? 2;
  }

  /** Queues stored events (ignoring ones already queued) and starts work. */
  enqueue(events: PendingEvent[]): void {
    for (const e of events) {
      if (this.queuedIds.has(e.id)) continue;
      this.queuedIds.add(e.id);
      const q = this.queues.get(e.userKey) ?? [];
      // Keep LINE timestamp order even when a later webhook carries an earlier event.
      let i = q.length;
      while (i > 0 && (q[i - 1]!.timestamp > e.timestamp || (q[i - 1]!.timestamp === e.timestamp && q[i - 1]!.id > e.id))) i--;
      q.splice(i, 0, e);
      this.queues.set(e.userKey, q);
    }
    this.schedulePump();
  }

  /**
   * Batches are formed on the next turn of the event loop: the SQLite driver runs synchronously, so starting
   * at once would give every event a batch of its own; one turn later, all events that arrived meanwhile
   * travel together.
   */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Resolves when nothing is queued, committing or sending (tests and graceful shutdown). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.committing === 0 && this.inFlight.size === 0 && this.queues.size === 0 && !this.pumpScheduled;
  }

  private pump(): void {
    while (this.committing < this.maxConcurrentBatches) {
      const batch = this.takeBatch();
      if (!batch.length) break;
      this.committing++;
      this.run(batch, (userKey) => this.release(userKey))
        .catch((e) => {
          // The runner maps its own failures; this only fires on a bug there. Free the users so work continues.
          this.logger.error({ err: e instanceof Error ? e.message : String(e), events: batch.length }, 'batch runner failed');
          for (const ev of batch) this.release(ev.userKey);
        })
        .finally(() => {
          this.committing--;
          this.schedulePump();
        });
    }
    this.settleIdle();
  }

  private takeBatch(): PendingEvent[] {
    const batch: PendingEvent[] = [];
    for (const [userKey, q] of this.queues) {
      if (batch.length >= this.maxBatch) break;
      if (this.inFlight.has(userKey)) continue;
      const e = q.shift()!;
      if (!q.length) this.queues.delete(userKey);
      this.queuedIds.delete(e.id);
      this.inFlight.add(userKey);
      batch.push(e);
    }
    return batch;
  }

  private release(userKey: string): void {
    if (!this.inFlight.delete(userKey)) return;
    if (this.queues.has(userKey)) this.schedulePump();
    this.settleIdle();
  }

  private settleIdle(): void {
    if (!this.isIdle() || !this.idleWaiters.length) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
