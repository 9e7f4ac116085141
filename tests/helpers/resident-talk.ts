import { expect } from 'vitest';
import { eventFrom, inputFrom, newUserId, type SaidInput } from './line-events';
import type { TestApp } from './test-app';

/**
 * A resident's side of a LINE conversation in the browser loops: each input a signed webhook through the real
 * /webhook, one second after the last (LINE timestamps), waited on until processed.
 */
export class ResidentTalk {
  private ts = Date.parse('2026-11-24T01:00:00Z');

  constructor(private readonly t: TestApp) {}

  /** The next LINE timestamp, one second after the last. */
  nextTimestamp(): number {
    return (this.ts += 1000);
  }

  /** Posts the inputs one at a time, in order (postbacks contain "="; `{ data, date }` is a date picked for a postback). */
  async say(user: string, ...inputs: SaidInput[]): Promise<void> {
    for (const input of inputs) expect((await this.t.post([inputFrom(this.t.messenger, user, input, this.nextTimestamp())])).status).toBe(200);
  }

  /** A new friend of the account (the follow event posted); returns their LINE user id. */
  async follows(): Promise<string> {
    const user = newUserId();
    expect((await this.t.post([eventFrom(this.t.messenger, 'follow', user, { timestamp: this.nextTimestamp() })])).status).toBe(200);
    return user;
  }

  /** Every send to `user`, in order, each as the JSON of its messages (text, buttons and all). */
  sentTo(user: string): string[] {
    return this.t.messenger.sent.filter((s) => s.to === user).map((s) => JSON.stringify(s.messages));
  }
}
