/**
 * Group commit: callers submit items concurrently and submissions go out together. A write starts on the
 * next turn of the event loop (the SQLite driver runs statements synchronously, so without that pause no two
 * requests would ever overlap), and while one write is in flight later submissions wait for the next one.
 * Under load one statement serves many callers; when idle the pause is a fraction of a millisecond.
 * Each caller's promise settles with the outcome of the write that carried its items.
 */
export class GroupCommit<T, R> {
  private waiting: Array<{ items: T[]; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private flushing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R>,
    private readonly maxItemsPerWrite = 500,
  ) {}

  submit(items: T[]): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length) {
      const group: typeof this.waiting = [];
      let count = 0;
      while (this.waiting.length && (group.length === 0 || count + this.waiting[0]!.items.length <= this.maxItemsPerWrite)) {
        const next = this.waiting.shift()!;
        count += next.items.length;
        group.push(next);
      }
      try {
        const result = await this.write(group.flatMap((g) => g.items));
        for (const g of group) g.resolve(result);
      } catch (e) {
        for (const g of group) g.reject(e);
      }
    }
    this.flushing = false;
  }
}
