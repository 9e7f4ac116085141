/**
 * Shared shapes of the fake LINE Messaging API: endpoint names, recorded requests and deliveries, faults.
 * Plain data only, so tests, the simulator and benchmarks can import them without pulling in Fastify.
 */

/** Names for the operations the fake serves; keys for rate limits, faults and the request log. */
export type FakeLineEndpoint =
  | 'reply'
  | 'push'
  | 'multicast'
  | 'broadcast'
  | 'quota'
  | 'quota.consumption'
  | 'content'
  | 'profile'
  | 'loading'
  | 'richmenu.create'
  | 'richmenu.get'
  | 'richmenu.list'
  | 'richmenu.delete'
  | 'richmenu.upload'
  | 'richmenu.download'
  | 'richmenu.setDefault'
  | 'richmenu.getDefault'
  | 'richmenu.cancelDefault'
  | 'richmenu.link'
  | 'richmenu.unlink'
  | 'richmenu.getUser'
  | 'richmenu.alias.create'
  | 'richmenu.alias.update'
  | 'richmenu.alias.get'
  | 'richmenu.alias.list'
  | 'richmenu.alias.delete'
  | 'unknown';

/** How a message reached (or failed to reach) a user. */
export type FakeDeliveryVia = 'reply' | 'push' | 'multicast' | 'broadcast';

/** LINE's error body: `{message, details?: [{message, property}], sentMessages?}`. */
export interface LineErrorBody {
  message: string;
  details?: LineErrorDetail[];
  sentMessages?: SentMessage[];
}

/** One entry of `details` in a LINE 400; `property` is a JSON path such as `messages[0].text`. */
export interface LineErrorDetail {
  message: string;
  property: string;
}

/** LINE's `SentMessage`: the id of a sent message and, for quotable types, its quote token. */
export interface SentMessage {
  id: string;
  quoteToken?: string;
}

/** One HTTP exchange as the fake saw it. */
export interface FakeLineRequest {
  /** Position in the log, from 1; keeps counting across trimming of old entries. */
  seq: number;
  /** Per the injected clock, ms. */
  at: number;
  method: string;
  /** LINE's path, without any mount prefix and without the query string. */
  path: string;
  endpoint: FakeLineEndpoint;
  /** The `x-line-request-id` the fake answered with. */
  requestId: string;
  /** Lower-case names; `authorization` is redacted. */
  headers: Record<string, string>;
  /** Parsed JSON, the byte length of a binary upload, or undefined when there was no (readable) body. */
  body: unknown;
  status: number;
  /** Parsed JSON answer, or the byte length of a binary answer. */
  response: unknown;
}

/** Messages sent to one recipient by one accepted request. */
export interface FakeDelivery {
  /** Position among all deliveries, from 1, so a waiter can ask for "after this one". */
  seq: number;
  to: string;
  via: FakeDeliveryVia;
  messages: unknown[];
  at: number;
  /** The accepted request's `x-line-request-id`; shared by all recipients of one multicast or broadcast. */
  requestId: string;
  /** False when the recipient had blocked the account: LINE answers 200 and drops the messages. */
  delivered: boolean;
}

/** A loading indicator LINE would have shown. */
export interface FakeLoading {
  chatId: string;
  loadingSeconds: number;
  at: number;
}

/**
 * Injected failures. `errorRate` answers 500 to that share of requests (drawn with the injected `random`);
 * with `errorPhase: 'after'` the request is carried out first and only the answer is lost, which is what
 * makes retry keys matter. `rateLimitPerSecond` caps requests per endpoint over a sliding second of the
 * injected clock; excess requests get LINE's rate-limit 429. `rules` describe other trouble (see `FaultRule`).
 */
export interface FakeLineFaults {
  errorRate?: number;
  errorPhase?: 'before' | 'after';
  /** Limits `errorRate` to these endpoints; all endpoints when absent. */
  errorEndpoints?: FakeLineEndpoint[];
  /** Real (wall-clock) delay added before each answer. */
  latencyMs?: number;
  rateLimitPerSecond?: Partial<Record<FakeLineEndpoint, number>>;
  /** Further faults, tried in order after `errorRate`; the first that draws applies. */
  rules?: FaultRule[];
}

/**
 * One kind of trouble, for a share of requests (`rate`, drawn with the injected `random`) to some endpoints,
 * optionally only until a time of the injected clock:
 * - `status`: LINE answers `status` (default 500; a 429 carries LINE's rate-limit text and `Retry-After`);
 * - `noAnswer`: no answer at all; the connection is dropped after `hangMs` (real time, default 5 s);
 * - `reset`: the connection is dropped at once.
 * With `phase: 'before'` the request is not carried out; with `'after'` it is (messages reach users, keys and
 * tokens are used) and only the answer is lost or replaced.
 */
export interface FaultRule {
  kind: 'status' | 'noAnswer' | 'reset';
  phase: 'before' | 'after';
  rate: number;
  status?: number;
  retryAfterSeconds?: number;
  endpoints?: FakeLineEndpoint[];
  /** Injected-clock ms before which the rule applies; always when absent. */
  until?: number;
  hangMs?: number;
}

/** A failure queued for the next request to one endpoint (see `FakeLineState.failNext`), or drawn from the faults. */
export interface QueuedFailure {
  status: number;
  body: LineErrorBody;
  phase: 'before' | 'after';
  /** `status` (the default): answer with `status` and `body`; otherwise drop the connection (after `hangMs`). */
  kind?: 'status' | 'noAnswer' | 'reset';
  retryAfterSeconds?: number;
  hangMs?: number;
}

/** A LINE friend of the channel, as the fake's profile endpoint and delivery rules see it. */
export interface FakeFriend {
  userId: string;
  displayName: string;
  language?: string;
  pictureUrl?: string;
  statusMessage?: string;
  blocked: boolean;
}
