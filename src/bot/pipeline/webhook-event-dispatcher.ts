import type { Logger } from '../../domain/ports';
import type { PendingEvent } from '../../domain/stores';

/** Runs one batch: resolves once it is committed; calls `userDone` when each user's sends are over. */
export type BatchRunner = (batch: PendingEvent[], userDone: (userKey: string) => void) => Promise<void>;

/** Where stored events wait: the database is the queue; memory holds only a window of it. */
export interface PendingEventSource {
  /** Pending events of 1:1 users, earliest received first, at most `limit`. */
  pending(limit: number): Promise<PendingEvent[]>;
}

export interface DispatcherOptions {
  /** Most events (each from a different user) in one batch. */
  maxBatch?: number;
  /** Batches being committed at once; sends of committed batches do not count. */
  maxConcurrentBatches?: number;
  /** Most events held in memory (queued or in progress); the rest wait in the database. */
  maxInMemory?: number;
  /**
   * Several instances: how often the database is read for pending events nobody has in memory (an instance died
   * after storing them). Off by default (one instance reads the database only when it knows of a backlog).
   */
  sweepEveryMs?: number;
}

/** How long events handed back by `defer` wait before the database is read for them again. */
export const DEFER_MS = 200;

/**
 * Feeds stored events to the batch processor. The stored events are the queue: this holds a bounded window of
 * them in memory (`maxInMemory`), so a burst beyond what processing can take becomes a backlog in the database
 * instead of memory. Events handed in by `enqueue` are taken while there is room and nothing older waits in the
 * database; otherwise they are left there, and the window is refilled from the database, earliest received first,
 * whenever it runs low. Nothing is taken before `open` (recovery has run).
 *
 * Each user has a queue ordered by LINE timestamp; a batch takes the oldest event of up to `maxBatch` users who
 * have nothing in flight, so one user's events are processed one at a time, in order, and their replies go out
 * in order. An event stays "held" from when it is taken until its user's sends are over; a refill skips held
 * events and those released while it was reading, so no event is ever processed twice.
 */
export class EventDispatcher {
  private readonly queues = new Map<string, PendingEvent[]>();
  private readonly queuedIds = new Set<string>();
  /** The event in progress for each user (taken, until its sends are over). */
  private readonly inFlight = new Map<string, string>();
  private committing = 0;
  private pumpScheduled = false;
  private idleWaiters: Array<() => void> = [];
  private readonly maxBatch: number;
  private readonly maxConcurrentBatches: number;
  private readonly maxInMemory: number;
  /** True while some pending event may be in the database and not in memory. */
  private backlog = true;
  private opened = false;
  private closed = false;
  private refilling = false;
  /** No refill before this time (ms since epoch): set by `defer`, so a busy user is not polled in a tight loop. */
  private refillNotBefore = 0;
  private refillTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly sweepEveryMs: number | undefined;
  /** Events left to the database while a refill was reading (it may not have seen them). */
  private leftDuringRefill = 0;
  /** Events released while a refill was reading (its snapshot may still show them pending). */
  private releasedDuringRefill: Set<string> | undefined;

  constructor(
    private readonly run: BatchRunner,
    private readonly source: PendingEventSource,
    private readonly logger: Logger,
    options: DispatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 64;
    this.maxConcurrentBatches = options.maxConcurrentBatches ?? 2;
    this.maxInMemory = options.maxInMemory ?? 2000;
    this.sweepEveryMs = options.sweepEveryMs;
  }

  get isOpen(): boolean {
    return this.opened;
  }

  /** Events held in memory (queued or in progress). */
  get inMemory(): number {
    return this.queuedIds.size + this.inFlight.size;
  }

  /** Starts work: what is pending in the database is read in, then new events as they come. */
  open(): void {
    this.opened = true;
    this.backlog = true;
    if (this.sweepEveryMs && !this.sweepTimer && !this.closed) {
      this.sweepTimer = setInterval(() => this.markBacklog(), this.sweepEveryMs);
      this.sweepTimer.unref();
    }
    this.schedulePump();
  }

  /**
   * Events taken from memory but not processed here (their user is busy on another instance, or the database
   * holds an earlier event of theirs): they stay pending in the database and are read again after `DEFER_MS`.
   */
  defer(events: PendingEvent[]): void {
    if (!events.length) return;
    this.refillNotBefore = Date.now() + DEFER_MS;
    this.markBacklog();
  }

  /** Stops the periodic sweep (at shutdown); work already taken goes on, and `whenIdle` still waits for it. */
  close(): void {
    this.closed = true;
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  private markBacklog(): void {
    if (!this.opened || this.closed) return;
    this.backlog = true;
    this.schedulePump();
  }

  /** Takes newly stored events while there is room and no backlog; the others wait in the database. */
  enqueue(events: PendingEvent[]): void {
    for (const e of events) {
      if (this.queuedIds.has(e.id) || this.isInFlight(e)) continue;
      if (!this.opened || this.backlog || this.inMemory >= this.maxInMemory) {
        this.backlog = true;
        if (this.refilling) this.leftDuringRefill++;
        continue;
      }
      this.add(e);
    }
    this.schedulePump();
  }

  /** Resolves when nothing is queued, committing, sending or waiting in the database (tests and graceful shutdown). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private add(e: PendingEvent): void {
    this.queuedIds.add(e.id);
    const q = this.queues.get(e.userKey) ?? [];
    // Keep LINE timestamp order even when a later webhook carries an earlier event.
    let i = q.length;
    while (i > 0 && (q[i - 1]!.timestamp > e.timestamp || (q[i - 1]!.timestamp === e.timestamp && q[i - 1]!.id > e.id))) i--;
    q.splice(i, 0, e);
    this.queues.set(e.userKey, q);
  }

  private isInFlight(e: PendingEvent): boolean {
    return this.inFlight.get(e.userKey) === e.id;
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

  private isIdle(): boolean {
    const waitingInStore = this.opened && this.backlog;
    return this.committing === 0 && this.inFlight.size === 0 && this.queues.size === 0 && !this.pumpScheduled && !this.refilling && !waitingInStore;
  }

  private pump(): void {
    if (!this.opened) return this.settleIdle();
    while (this.committing < this.maxConcurrentBatches) {
      const batch = this.takeBatch();
      if (!batch.length) break;
      this.committing++;
      this.run(batch, (userKey) => this.release(userKey))
        .catch((e) => {
          // The runner maps its own failures; this fires on a bug there or a database error (a failed lease claim
          // is mapped). Free the users so work continues.
          this.logger.error({ err: e instanceof Error ? e.message : String(e), events: batch.length }, 'batch runner failed');
          for (const ev of batch) this.release(ev.userKey);
          // Its events are still pending in the database: read them again shortly.
          this.defer(batch);
        })
        .finally(() => {
          this.committing--;
          this.schedulePump();
        });
    }
    // Refill when the window runs low, so the database backlog drains at processing speed.
    if (this.backlog && !this.refilling && this.inMemory <= this.maxInMemory / 2) {
      const wait = this.refillNotBefore - Date.now();
      if (wait <= 0) void this.refill();
      else this.refillTimer ??= setTimeout(() => {
        this.refillTimer = undefined;
        this.schedulePump();
      }, wait);
    }
    this.settleIdle();
  }

  private async refill(): Promise<void> {
    this.refilling = true;
    this.leftDuringRefill = 0;
    this.releasedDuringRefill = new Set();
    const room = this.maxInMemory - this.inMemory;
    // Held events are still pending in the database: read past them.
    const limit = room + this.inMemory;
    let read: PendingEvent[] = [];
    let failed = false;
    try {
      read = await this.source.pending(limit);
    } catch (e) {
      failed = true;
      this.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'could not read pending events; trying again shortly');
      await new Promise((r) => setTimeout(r, 1000));
    }
    const released = this.releasedDuringRefill;
    this.releasedDuringRefill = undefined;
    let taken = 0;
    let overflowed = false;
    for (const e of read) {
      if (this.queuedIds.has(e.id) || this.isInFlight(e) || released.has(e.id)) continue;
      if (taken >= room) {
        overflowed = true;
        break;
      }
      this.add(e);
      taken++;
    }
    // Caught up only when the read saw everything pending, all of it fitted, and nothing was left to the
    // database while it was reading.
    this.backlog = failed || read.length >= limit || overflowed || this.leftDuringRefill > 0;
    this.refilling = false;
    this.schedulePump();
  }

  private takeBatch(): PendingEvent[] {
    const batch: PendingEvent[] = [];
    for (const [userKey, q] of this.queues) {
      if (batch.length >= this.maxBatch) break;
      if (this.inFlight.has(userKey)) continue;
      const e = q.shift()!;
      if (!q.length) this.queues.delete(userKey);
      this.queuedIds.delete(e.id);
      this.inFlight.set(userKey, e.id);
      batch.push(e);
    }
    return batch;
  }

  private release(userKey: string): void {
    const id = this.inFlight.get(userKey);
    if (id === undefined) return;
    this.inFlight.delete(userKey);
    this.releasedDuringRefill?.add(id);
    if (this.queues.has(userKey) || this.backlog) this.schedulePump();
    this.settleIdle();
  }

  private settleIdle(): void {
    if (!this.isIdle() || !this.idleWaiters.length) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
