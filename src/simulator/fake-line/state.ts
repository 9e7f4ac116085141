/**
 * Everything the fake LINE API remembers, and the knobs tests turn: friends, reply tokens, retry keys,
 * quota, faults, the request log and what reached users. Time comes only from the injected clock, chance
 * only from the injected `random`, so a test can move past a token's minute or force a fault exactly.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { FaultInjector, type FailNextOptions } from './fault-injector';
import { RichMenuStore } from './rich-menu-store';
import type {
  FakeDelivery,
  FakeFriend,
  FakeLineEndpoint,
  FakeLineFaults,
  FakeLineRequest,
  FakeLoading,
  QueuedFailure,
  SentMessage,
} from './types';

/** Construction options of `FakeLineState`. */
export interface FakeLineStateOptions {
  /** ms since the epoch; default `Date.now`. */
  clock?: () => number;
  /** In [0, 1); default `Math.random`. Draws the `errorRate` faults. */
  random?: () => number;
  /** Push, multicast and broadcast recipients allowed per month; unlimited when absent. */
  monthlyQuota?: number;
  faults?: FakeLineFaults;
  /** Default 60 s ("about a minute", REF#send-reply-message). */
  replyTokenTtlMs?: number;
  /** Entries kept in each log (requests, deliveries, loadings); the oldest go first. Default 100 000. */
  maxRecords?: number;
}

/** Events on `FakeLineState.events`, for the simulator's live view. */
export interface FakeLineEvents {
  /** A delivery that reached its user (blocked recipients are not emitted). */
  delivered: [FakeDelivery];
  request: [FakeLineRequest];
  loading: [FakeLoading];
}

/** What the fake remembers about an accepted retry key. */
export interface AcceptedRetryKey {
  requestId: string;
  at: number;
  sentMessages?: SentMessage[];
}

const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const QUOTABLE_TYPES = new Set(['text', 'textV2', 'sticker', 'image', 'video']);
/** Above this many stored tokens or keys, expired ones are swept on the next insert. */
const SWEEP_THRESHOLD = 10_000;

/** The fake's memory. One instance per fake channel; shared by the plugin's routes and the test. */
export class FakeLineState {
  /** Emits `delivered`, `request` and `loading` as they happen. */
  readonly events = new EventEmitter<FakeLineEvents>();
  readonly richMenus = new RichMenuStore();
  readonly now: () => number;
  private readonly replyTokenTtlMs: number;
  private readonly maxRecords: number;
  private readonly initialQuota: number | undefined;
  private readonly injector: FaultInjector;
  private quota: number | undefined;
  private usage = { month: '', count: 0 };
  private readonly friendMap = new Map<string, FakeFriend>();
  private readonly replyTokens = new Map<string, { userId: string; issuedAt: number }>();
  private readonly retryKeys = new Map<string, AcceptedRetryKey>();
  private readonly contents = new Map<string, { data: Buffer; contentType: string }>();
  private readonly requestLog: FakeLineRequest[] = [];
  private readonly deliveryLog: FakeDelivery[] = [];
  private readonly loadingLog: FakeLoading[] = [];
  private seq = { request: 0, delivery: 0, message: 600_000_000_000_000_000n };

  constructor(options: FakeLineStateOptions = {}) {
    this.now = options.clock ?? Date.now;
    this.replyTokenTtlMs = options.replyTokenTtlMs ?? 60_000;
    this.maxRecords = options.maxRecords ?? 100_000;
    this.initialQuota = options.monthlyQuota;
    this.quota = options.monthlyQuota;
    this.injector = new FaultInjector(this.now, options.random ?? Math.random, options.faults);
    // Tests and the simulator may attach many waiters at once; they are removed as they settle.
    this.events.setMaxListeners(0);
  }

  // ── friends ────────────────────────────────────────────────────────────────

  /** Adds or updates a friend; fields not given keep their value (so `{blocked: true}` keeps the name). */
  setFriend(userId: string, patch: Partial<Omit<FakeFriend, 'userId'>> = {}): FakeFriend {
    const previous = this.friendMap.get(userId);
    const friend: FakeFriend = { userId, displayName: `User ${userId.slice(-4)}`, blocked: false, ...previous, ...patch };
    this.friendMap.set(userId, friend);
    return friend;
  }

  /** The friend, or undefined for a user the test never introduced. */
  friend(userId: string): FakeFriend | undefined {
    return this.friendMap.get(userId);
  }

  /** All friends, blocked or not. */
  friends(): FakeFriend[] {
    return [...this.friendMap.values()];
  }

  // ── reply tokens and retry keys ────────────────────────────────────────────

  /** A fresh reply token for `userId`, valid once within the TTL from `now` (default: the clock). */
  issueReplyToken(userId: string, options: { now?: number } = {}): string {
    if (this.replyTokens.size > SWEEP_THRESHOLD) this.sweepReplyTokens();
    const token = randomBytes(16).toString('hex');
    this.replyTokens.set(token, { userId, issuedAt: options.now ?? this.now() });
    return token;
  }

  /** Spends a token: the user it was issued for, or undefined if unknown, used or expired. */
  useReplyToken(token: string): string | undefined {
    const entry = this.replyTokens.get(token);
    if (!entry) return undefined;
    this.replyTokens.delete(token);
    return this.now() - entry.issuedAt > this.replyTokenTtlMs ? undefined : entry.userId;
  }

  /** The earlier acceptance of this retry key, if it is younger than 24 h. */
  acceptedRetryKey(key: string): AcceptedRetryKey | undefined {
    const entry = this.retryKeys.get(key.toLowerCase());
    if (entry && this.now() - entry.at >= RETRY_KEY_TTL_MS) {
      this.retryKeys.delete(key.toLowerCase());
      return undefined;
    }
    return entry;
  }

  /** Remembers an accepted retry key for 24 h. */
  acceptRetryKey(key: string, entry: AcceptedRetryKey): void {
    if (this.retryKeys.size > SWEEP_THRESHOLD) {
      for (const [k, e] of this.retryKeys) if (this.now() - e.at >= RETRY_KEY_TTL_MS) this.retryKeys.delete(k);
    }
    this.retryKeys.set(key.toLowerCase(), entry);
  }

  // ── quota ──────────────────────────────────────────────────────────────────

  /** The monthly limit, or undefined for none (`GET /v2/bot/message/quota` answers `type: none`). */
  get monthlyQuota(): number | undefined {
    return this.quota;
  }

  /** Changes the monthly limit at run time; undefined removes it. */
  setMonthlyQuota(limit: number | undefined): void {
    this.quota = limit;
  }

  /** Recipients counted this month (JST), as `GET …/quota/consumption` reports. */
  consumption(): number {
    this.rollMonth();
    return this.usage.count;
  }

  /** Sets this month's count, e.g. to start a test just below the limit. */
  setConsumption(count: number): void {
    this.rollMonth();
    this.usage.count = count;
  }

  /** Counts `recipients` against the quota; false (and nothing counted) if that would exceed it. */
  tryConsume(recipients: number): boolean {
    this.rollMonth();
    if (this.quota !== undefined && this.usage.count + recipients > this.quota) return false;
    this.usage.count += recipients;
    return true;
  }

  // ── faults ─────────────────────────────────────────────────────────────────

  /** Replaces the injected faults (pass `{}` to clear them). */
  setFaults(faults: FakeLineFaults): void {
    this.injector.set(faults);
  }

  /** The faults in force. */
  get faults(): Readonly<FakeLineFaults> {
    return this.injector.faults;
  }

  /** Makes the next `times` requests to `endpoint` fail (default once, 500, before the work is done). */
  failNext(endpoint: FakeLineEndpoint, options: FailNextOptions = {}): void {
    this.injector.failNext(endpoint, options);
  }

  /** The failure this request should suffer, if any (used by the plugin's hooks). */
  drawFailure(endpoint: FakeLineEndpoint): QueuedFailure | undefined {
    return this.injector.draw(endpoint);
  }

  /** Counts a request against the endpoint's per-second limit; false when it is over. */
  admit(endpoint: FakeLineEndpoint): boolean {
    return this.injector.admit(endpoint);
  }

  // ── content ────────────────────────────────────────────────────────────────

  /** Registers what `GET /v2/bot/message/{messageId}/content` serves (a user's photo, say). */
  setMessageContent(messageId: string, data: Buffer, contentType = 'image/jpeg'): void {
    this.contents.set(messageId, { data, contentType });
  }

  /** Registered content, or undefined. */
  messageContent(messageId: string): { data: Buffer; contentType: string } | undefined {
    return this.contents.get(messageId);
  }

  /** Fresh `SentMessage` entries for an accepted reply or push, one per message. */
  mintSentMessages(messages: unknown[]): SentMessage[] {
    return messages.map((m) => {
      this.seq.message += 1n;
      const type = typeof m === 'object' && m !== null && 'type' in m ? String(m.type) : '';
      const sent: SentMessage = { id: this.seq.message.toString() };
      if (QUOTABLE_TYPES.has(type)) sent.quoteToken = randomBytes(24).toString('base64url');
      return sent;
    });
  }

  // ── logs ───────────────────────────────────────────────────────────────────

  /** Every request in arrival order (bounded by `maxRecords`). */
  get requests(): readonly FakeLineRequest[] {
    return this.requestLog;
  }

  /** Every send per recipient, including those dropped for blocked users (`delivered: false`). */
  get deliveries(): readonly FakeDelivery[] {
    return this.deliveryLog;
  }

  /** Every loading indicator requested. */
  get loadings(): readonly FakeLoading[] {
    return this.loadingLog;
  }

  /** Appends to the request log and emits `request`. */
  recordRequest(entry: Omit<FakeLineRequest, 'seq'>): FakeLineRequest {
    const request = { seq: ++this.seq.request, ...entry };
    this.pushBounded(this.requestLog, request);
    this.events.emit('request', request);
    return request;
  }

  /** Appends to the delivery log and, if it reached the user, emits `delivered`. */
  recordDelivery(entry: Omit<FakeDelivery, 'seq'>): FakeDelivery {
    const delivery = { seq: ++this.seq.delivery, ...entry };
    this.pushBounded(this.deliveryLog, delivery);
    if (delivery.delivered) this.events.emit('delivered', delivery);
    return delivery;
  }

  /** Appends to the loading log and emits `loading`. */
  recordLoading(entry: FakeLoading): void {
    this.pushBounded(this.loadingLog, entry);
    this.events.emit('loading', entry);
  }

  /** Messages that reached users (accepted reply/push/multicast/broadcast, not blocked), in order. */
  delivered(userId?: string): FakeDelivery[] {
    return this.deliveryLog.filter((d) => d.delivered && (userId === undefined || d.to === userId));
  }

  /**
   * Resolves with the first delivery, already recorded or yet to come, that matches; rejects after
   * `timeoutMs` of real time. To wait only for new ones, filter on `seq` (e.g. `d.seq > mark`).
   */
  waitForDelivered(predicate: (d: FakeDelivery) => boolean = () => true, timeoutMs = 5000): Promise<FakeDelivery> {
    const existing = this.deliveryLog.find((d) => d.delivered && predicate(d));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const onDelivered = (d: FakeDelivery): void => {
        let matched: boolean;
        try {
          matched = predicate(d);
        } catch (e) {
          cleanup();
          reject(e);
          return;
        }
        if (!matched) return;
        cleanup();
        resolve(d);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching delivery within ${timeoutMs} ms (${this.delivered().length} delivered so far)`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('delivered', onDelivered);
      };
      this.events.on('delivered', onDelivered);
    });
  }

  /** Forgets everything (friends, tokens, keys, menus, logs, usage); quota and faults return to their options. */
  reset(): void {
    this.friendMap.clear();
    this.replyTokens.clear();
    this.retryKeys.clear();
    this.contents.clear();
    this.injector.reset();
    this.richMenus.clear();
    this.requestLog.length = 0;
    this.deliveryLog.length = 0;
    this.loadingLog.length = 0;
    this.usage = { month: '', count: 0 };
    this.quota = this.initialQuota;
  }

  private rollMonth(): void {
    // LINE's message count restarts with the month in Japan time.
    const month = new Date(this.now() + JST_OFFSET_MS).toISOString().slice(0, 7);
    if (month !== this.usage.month) this.usage = { month, count: 0 };
  }

  private sweepReplyTokens(): void {
    const now = this.now();
    for (const [token, e] of this.replyTokens) if (now - e.issuedAt > this.replyTokenTtlMs) this.replyTokens.delete(token);
  }

  private pushBounded<T>(log: T[], item: T): void {
    // Drop a slice at a time so a long benchmark does not pay an O(n) shift on every request.
    if (log.length >= this.maxRecords) log.splice(0, Math.max(1, Math.floor(this.maxRecords / 10)));
    log.push(item);
  }
}
