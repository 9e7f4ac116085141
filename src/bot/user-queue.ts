/**
 * Serialises work per user: one drain loop per user key at a time, and at most `maxConcurrent` users in
 * parallel (more would only queue on the database and slow the webhook's acknowledgement). `notify` after
 * new events are stored; the loop pulls that user's pending events (oldest LINE timestamp first) until
 * none is left, so two quick taps never race on the same flow state.
 */
export class UserQueue {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly waiting: string[] = [];
  private readonly waitingSet = new Set<string>();

  /** `drainOne` processes the user's next pending event; it returns false when there was none (or it must stop). */
  constructor(
    private readonly drainOne: (userKey: string) => Promise<boolean>,
    private readonly maxConcurrent = 8,
  ) {}

  /** Makes sure the user's pending events will be processed. */
  notify(userKey: string): void {
    if (this.running.has(userKey)) {
      this.again.add(userKey);
      return;
    }
    if (this.running.size >= this.maxConcurrent) {
      if (!this.waitingSet.has(userKey)) {
        this.waitingSet.add(userKey);
        this.waiting.push(userKey);
      }
      return;
    }
    this.start(userKey);
  }

  /** Resolves when no user has work in progress or waiting (tests and graceful shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private start(userKey: string): void {
    const loop = this.drain(userKey).finally(() => {
      this.running.delete(userKey);
      const next = this.waiting.shift();
      if (next !== undefined) {
        this.waitingSet.delete(next);
        this.start(next);
      }
    });
    this.running.set(userKey, loop);
  }

  private async drain(userKey: string): Promise<void> {
    do {
      this.again.delete(userKey);
      while (await this.drainOne(userKey).catch(() => false)) {
        // keep going until this user has nothing pending
      }
    } while (this.again.has(userKey));
  }
}
