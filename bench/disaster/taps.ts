/**
 * What LINE does for the bench's residents: each tap or text becomes one signed webhook POST (one event, a fresh
 * reply token from the fake LINE API, a unique webhookEventId), and its answer is the reply the fake accepts for
 * that token. Times go into a `PhaseEvents` of the webhook bench: sent, acknowledged (with its latency), answered.
 */
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { callbackBody, sign, withEvent } from '../../tests/fixtures/webhook-fixtures';
import { benchNow } from '../webhook/fake-protocol';
import type { PhaseEvents } from '../webhook/load';
import type { FakeLineProcess } from '../webhook/processes';
import type { ReplyTracker } from '../webhook/replies';

/** A postback (`data` has a "=", as the module's buttons do) or a typed text. */
export type Said = string;

export class LineUsers {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly url: URL;
  private readonly waiting = new Map<PhaseEvents, Map<number, () => void>>();
  private readonly ticker: NodeJS.Timeout;

  constructor(
    base: string,
    private readonly secret: string,
    private readonly fake: FakeLineProcess,
    private readonly replies: ReplyTracker,
    /** How often the fake is asked for the replies it accepted, ms (their times are the fake's, not the poll's). */
    pollMs = 20,
  ) {
    this.url = new URL('/webhook', base);
    replies.onAnswer = (events, i) => {
      const resolve = this.waiting.get(events)?.get(i);
      if (resolve) {
        this.waiting.get(events)?.delete(i);
        resolve();
      }
    };
    this.ticker = setInterval(() => void replies.pump().catch(() => undefined), pollMs);
  }

  /** Reply tokens for the given events (one user's taps, say), issued in one call to the fake and followed. */
  async issue(...refs: Array<[PhaseEvents, number]>): Promise<void> {
    const tokens = await this.fake.issueTokens(refs.map(([events, i]) => events.users[i] as string));
    refs.forEach(([events, i], k) => {
      events.tokens[i] = tokens[k] as string;
      this.replies.follow(events, i);
    });
  }

  /** Sends event `i` of `events` (its token issued): its user says `said`. Resolves with the HTTP status (0: no answer). */
  async send(events: PhaseEvents, i: number, said: Said): Promise<number> {
    const overrides = { userId: events.users[i] as string, replyToken: events.tokens[i] as string, timestamp: Date.now() };
    const event = said.includes('=') ? withEvent('postback', { ...overrides, data: said }) : withEvent('message-text', { ...overrides, text: said });
    events.webhookEventIds[i] = event.webhookEventId as string;
    const body = Buffer.from(callbackBody([event]));
    const headers = { 'content-type': 'application/json', 'content-length': String(body.length), 'x-line-signature': sign(body, this.secret) };
    events.sendAt[i] = benchNow();
    events.sent++;
    const status = await new Promise<number>((resolve) => {
      const req = request(this.url, { method: 'POST', agent: this.agent, headers, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('timeout', () => {
        events.timeouts++;
        req.destroy(new Error('timed out'));
      });
      req.on('error', (e) => {
        if (e.message !== 'timed out') events.connectionErrors++;
        resolve(0);
      });
      req.end(body);
    });
    if (status !== 0) {
      events.ackAt[i] = benchNow();
      events.ackMs[i] = (events.ackAt[i] as number) - (events.sendAt[i] as number);
      events.ackStatus[i] = status;
    }
    return status;
  }

  /** Resolves true once event `i` is answered, false after `timeoutMs`. */
  async answer(events: PhaseEvents, i: number, timeoutMs: number): Promise<boolean> {
    if (!Number.isNaN(events.answerAt[i] as number)) return true;
    let map = this.waiting.get(events);
    if (!map) this.waiting.set(events, (map = new Map()));
    const answered = new Promise<boolean>((resolve) => map.set(i, () => resolve(true)));
    const late = sleep(timeoutMs).then(() => false);
    const ok = await Promise.race([answered, late]);
    map.delete(i);
    return ok;
  }

  /** Waits until every sent event of `events` is answered, or `timeoutMs` after the call. */
  async allAnswered(events: PhaseEvents, timeoutMs: number): Promise<void> {
    const deadline = benchNow() + timeoutMs;
    const open = () => {
      for (let i = 0; i < events.n; i++) if (!Number.isNaN(events.sendAt[i] as number) && Number.isNaN(events.answerAt[i] as number)) return true;
      return false;
    };
    while (open() && benchNow() < deadline) await sleep(50);
    await this.replies.pump();
  }

  close(): void {
    clearInterval(this.ticker);
    this.agent.destroy();
  }
}

/** Calls `act(i)` for i = 0…count-1, the i-th at `i × spacingMs` after the start (not waiting for one to end); resolves when all have. */
export async function paced(count: number, spacingMs: number, act: (i: number) => Promise<void>): Promise<void> {
  const start = benchNow();
  const running: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = start + i * spacingMs - benchNow();
    if (wait > 1) await sleep(wait);
    running.push(act(i));
  }
  await Promise.all(running);
}
