/**
 * The load: signed LINE text-message events, one per webhook POST, sent by autocannon at a fixed rate.
 *
 * autocannon's rate limiter lets each connection send its per-second quota back to back at the start of
 * every second, and all connections of one instance tick together, which turns a "fixed rate" into one
 * burst per second. To approximate a steady stream the phase runs `lanes` autocannon instances, each with
 * `overallRate` = its share, started 1/lanes s apart; a connection sends `connRate` requests a second,
 * one in flight at a time, so the offered rate holds while a request takes < 1/connRate s.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { benchNow } from './fake-protocol';

/** One planned event: who sends it, with which reply token, and what happened to it. */
export class PhaseEvents {
  readonly n: number;
  readonly webhookEventIds: string[] = [];
  /** All times are bench-clock ms; NaN = not (yet). */
  readonly sendAt: Float64Array;
  readonly ackAt: Float64Array;
  /** autocannon's latency (request written → response read), ms. */
  readonly ackMs: Float64Array;
  readonly ackStatus: Int16Array;
  readonly answerAt: Float64Array;
  /** 0 not answered, 1 by its reply token, 2 by a push to its user (reply token refused). */
  readonly answerVia: Uint8Array;
  readonly replyRefused: Uint8Array;
  sent = 0;
  connectionErrors = 0;
  timeouts = 0;
  readonly byUser = new Map<string, number[]>();

  constructor(
    readonly label: string,
    readonly users: string[],
    readonly tokens: string[],
  ) {
    this.n = users.length;
    this.sendAt = new Float64Array(this.n).fill(NaN);
    this.ackAt = new Float64Array(this.n).fill(NaN);
    this.ackMs = new Float64Array(this.n).fill(NaN);
    this.ackStatus = new Int16Array(this.n);
    this.answerAt = new Float64Array(this.n).fill(NaN);
    this.answerVia = new Uint8Array(this.n);
    this.replyRefused = new Uint8Array(this.n);
    users.forEach((u, i) => {
      const list = this.byUser.get(u);
      if (list) list.push(i);
      else this.byUser.set(u, [i]);
    });
  }
}

/** `count` LINE-shaped user ids (U + 32 hex), stable per prefix and index. */
export function userIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `U${createHash('md5').update(`${prefix}-${i}`).digest('hex')}`);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID, the shape of LINE's `webhookEventId`. */
export function ulid(now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[(bytes[i] as number) % 32];
  return time + rand;
}

export interface PhaseLoad {
  baseUrl: string;
  /** Several instances of the service: lane k sends to `baseUrls[k mod n]` (round-robin; `baseUrl` unused). */
  baseUrls?: string[];
  path: string;
  secret: string;
  /** Offered events/s. */
  rate: number;
  /** Seconds. */
  duration: number;
  lanes: number;
  connRate: number;
  /** autocannon request timeout, seconds. */
  timeout: number;
  events: PhaseEvents;
}

/** Lanes of connections: every connection sends `connRate`/s, except one with the remainder. */
export function laneLayout(rate: number, connRate: number, lanes: number): { connections: number; perConnection: number }[] {
  const full = Math.floor(rate / connRate);
  const rest = rate - full * connRate;
  const fullLanes = Math.min(lanes, full);
  const layout = Array.from({ length: fullLanes }, (_, i) => ({
    connections: Math.floor(full / fullLanes) + (i < full % fullLanes ? 1 : 0),
    perConnection: connRate,
  }));
  if (rest > 0) layout.push({ connections: 1, perConnection: rest });
  return layout;
}

/** Runs one phase; resolves when every lane has sent its share (or was stopped at the hard limit). */
export async function runLoad(load: PhaseLoad): Promise<void> {
  const { events } = load;
  const layout = laneLayout(load.rate, load.connRate, load.lanes);
  const total = layout.reduce((sum, l) => sum + l.connections * l.perConnection * load.duration, 0);
  if (total > events.n) throw new Error(`phase plans ${total} events but only ${events.n} were prepared`);

  let next = 0;
  let lastAcked = -1;
  const request: autocannon.Request = {
    method: 'POST',
    path: load.path,
    setupRequest: (req, context) => {
      const i = next++;
      const body = Buffer.from(eventBody(events, i));
      const signature = createHmac('sha256', load.secret).update(body).digest('base64');
      context.i = i;
      events.sendAt[i] = benchNow();
      events.sent++;
      return { ...req, method: 'POST', path: load.path, headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body };
    },
    onResponse: (status, _body, context) => {
      const i = context.i as number;
      events.ackAt[i] = benchNow();
      events.ackStatus[i] = status;
      lastAcked = i;
    },
  };

  const instances: autocannon.Instance[] = [];
  const stagger = 1000 / layout.length;
  const lanes = layout.map(
    (lane, k) =>
      new Promise<void>((resolve, reject) => {
        setTimeout(() => {
          const instance = autocannon(
            {
              url: load.baseUrls?.length ? (load.baseUrls[k % load.baseUrls.length] as string) : load.baseUrl,
              connections: lane.connections,
              overallRate: lane.connections * lane.perConnection,
              amount: lane.connections * lane.perConnection * load.duration,
              timeout: load.timeout,
              ignoreCoordinatedOmission: true,
              requests: [request],
            },
            (error) => (error ? reject(error) : resolve()),
          );
          instance.on('response', (_client, _status, _bytes, responseTime) => {
            // `onResponse` ran just before, synchronously, for this very response.
            if (lastAcked >= 0) events.ackMs[lastAcked] = responseTime;
            lastAcked = -1;
          });
          instance.on('reqError', (error) => {
            if (/timed out/.test(error.message)) events.timeouts++;
            else events.connectionErrors++;
          });
          instances.push(instance);
        }, k * stagger);
      }),
  );
  // Bounded: a stalled service cannot hold the phase open beyond its length plus one request timeout.
  const hardStop = setTimeout(() => instances.forEach((i) => i.stop()), (load.duration + load.timeout + 2) * 1000);
  try {
    await Promise.all(lanes);
  } finally {
    clearTimeout(hardStop);
  }
}

/** The webhook body for event `i`: one text message, a fresh reply token, a unique webhookEventId. */
function eventBody(events: PhaseEvents, i: number): string {
  const id = ulid();
  events.webhookEventIds[i] = id;
  const now = Date.now();
  return JSON.stringify({
    destination: 'Ubenchdestination0000000000000000',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: now,
        source: { type: 'user', userId: events.users[i] },
        webhookEventId: id,
        deliveryContext: { isRedelivery: false },
        replyToken: events.tokens[i],
        message: {
          type: 'text',
          id: String(now * 1000 + (i % 1000)),
          quoteToken: randomBytes(12).toString('base64url'),
          markAsReadToken: randomBytes(12).toString('base64url'),
          text: 'こんにちは',
        },
      },
    ],
  });
}
