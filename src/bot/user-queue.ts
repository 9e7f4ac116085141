/**
 * Serialises work per user: one drain loop per user key at a time, any number of users in parallel.
 * `notify` after new events are stored; the loop pulls that user's pending events (oldest LINE timestamp
 * first) until none is left, so two quick taps never race on the same flow state.
 */
export class UserQueue {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  /** `drainOne` processes the user's next pending event; it returns false when there was none (or it must stop). */
  constructor(private readonly drainOne: (userKey: string) => Promise<boolean>) {}

  /** Makes sure the user's pending events will be processed. */
  notify(userKey: string): void {
    if (this.running.has(userKey)) {
      this.again.add(userKey);
      return;
    }
    const loop = this.drain(userKey).finally(() => this.running.delete(userKey));
    this.running.set(userKey, loop);
  }

  /** Resolves when no user has work in progress (tests and graceful shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
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
