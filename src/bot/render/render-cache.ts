import type { LineMessage } from '../../domain/line-message';

/**
 * Remembers rendered messages by language and content. The same prompts (the menu, a flow's questions) are
 * rendered again and again; rendering is a pure function of the messages and the language, so the result
 * can be reused. Least-recently-used entries are dropped beyond `capacity`. Cached values are shared: callers
 * must not mutate them.
 */
export class RenderCache {
  private readonly entries = new Map<string, LineMessage[]>();

  constructor(private readonly capacity = 1000) {}

  get(key: string, render: () => LineMessage[]): LineMessage[] {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = render();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
