/**
 * LINE Messaging API adapter: the only file that imports `@line/bot-sdk`.
 * The SDK (11.x) calls the global `fetch` with no timeout, no retry and no way to pass an AbortSignal or a
 * custom fetch, so both are added here around each SDK call.
 */
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { CallSlots } from './call-slots';
import type { LineMessage } from '../../domain/line-message';
import {
  LineApiError,
  type LineErrorKind,
  type LineProfile,
  type Logger,
  type Messenger,
  type RichMenuAdmin,
  type RichMenuDefinition,
  type SendReceipt,
} from '../../domain/ports';

/** Construction options for `LineMessenger`. */
export interface LineMessengerOptions {
  channelAccessToken: string;
  /** `https://api.line.me` in production; a fake in tests and demos. */
  apiBaseUrl: string;
  /** `https://api-data.line.me` in production (rich-menu images, message content). */
  dataApiBaseUrl: string;
  /** Per-attempt time limit. Default 5000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429 rate limits, 5xx and network errors/timeouts. Default 3. */
  maxRetries?: number;
  /** First backoff step; doubles per retry, with jitter. Default 200 ms. */
  backoffBaseMs?: number;
  /** Injected so tests need not wait. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Receives the failures this adapter swallows (the loading indicator). Default: silent. */
  logger?: Logger;
  /**
   * Calls to LINE in flight at once; more wait their turn (their time limit starts when they go). Keeps what a
   * burst holds in memory bounded. Default 128.
   */
  maxConcurrentCalls?: number;
}

/** Longest backoff between two attempts, whatever the exponent says. */
const MAX_BACKOFF_MS = 5_000;
/**
 * Upper bound on a 429's Retry-After. A reply token lives about a minute and the webhook runner holds a
 * user's queue while we wait, so we never honour a longer pause; the next attempt may 429 again and fail.
 */
const MAX_RETRY_AFTER_MS = 10_000;
const MONTHLY_LIMIT = 'You have reached your monthly limit';
/** A timer this late (ms) was held up by our own busy thread rather than by LINE. */
const LATE_TIMER_MS = 100;
const INVALID_REPLY_TOKEN = 'Invalid reply token';

/** Our own marker for an attempt that outlived `timeoutMs`. */
class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'AttemptTimeout';
  }
}

/** How one call may be retried. */
interface CallPolicy {
  /**
   * False for calls that must not run twice on an ambiguous failure (timeout, 5xx): a second attempt
   * could create a second rich menu. Such calls retry only on a 429 rate limit, which LINE did not process.
   */
  idempotent: boolean;
  /** Overrides `maxRetries` (the loading indicator is pointless when late, so it gets none). */
  maxRetries?: number;
}

interface Classified {
  error: LineApiError;
  retryable: boolean;
  /** From a 429's Retry-After header, already bounded. */
  retryAfterMs?: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `Messenger` and `RichMenuAdmin` over the LINE Messaging API, with a per-attempt timeout and bounded
 * retries (exponential backoff with jitter) on 429 rate limits, 5xx and network failures.
 * Never retried: 400 on reply (→ `invalidReplyToken`), the monthly-quota 429 (→ `quotaExceeded`) and other 4xx.
 * Every failure is a `LineApiError` naming the operation; tokens and message text never appear in it.
 */
export class LineMessenger implements Messenger, RichMenuAdmin {
  private readonly api: messagingApi.MessagingApiClient;
  private readonly blob: messagingApi.MessagingApiBlobClient;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly logger: Logger | undefined;
  private readonly slots: CallSlots;

  constructor(options: LineMessengerOptions) {
    this.api = new messagingApi.MessagingApiClient({
      channelAccessToken: options.channelAccessToken,
      baseURL: options.apiBaseUrl,
    });
    this.blob = new messagingApi.MessagingApiBlobClient({
      channelAccessToken: options.channelAccessToken,
      baseURL: options.dataApiBaseUrl,
    });
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxRetries = options.maxRetries ?? 3;
    this.backoffBaseMs = options.backoffBaseMs ?? 200;
    this.sleep = options.sleep ?? defaultSleep;
    this.logger = options.logger;
    this.slots = new CallSlots(options.maxConcurrentCalls ?? 128);
  }

  /**
   * Replies with a reply token (free), in ONE attempt. Never sends a retry key: LINE rejects one on reply.
   * A 400 means the token is used, expired or unknown (`invalidReplyToken`). Retrying is the caller's choice
   * (`src/bot/deliver.ts`), because only the caller knows whether an earlier attempt may have used the token.
   */
  async reply(replyToken: string, messages: LineMessage[]): Promise<SendReceipt> {
    checkBatch('reply', messages);
    const res = await this.call('reply', { idempotent: true, maxRetries: 0 }, () =>
      this.api.replyMessageWithHttpInfo({ replyToken, messages: toSdkMessages(messages) }),
    );
    return { duplicate: false, ...requestId(res.httpResponse.headers.get('x-line-request-id')) };
  }

  /**
   * Pushes to a user, group or room (counts against the monthly quota). `retryKey` (a UUID) is sent as
   * `X-Line-Retry-Key` on every attempt, so LINE drops repeats; a 409 for an already accepted key resolves
   * with `duplicate: true` and the accepted request's id.
   */
  async push(to: string, messages: LineMessage[], retryKey: string): Promise<SendReceipt> {
    checkBatch('push', messages);
    try {
      const res = await this.call('push', { idempotent: true }, () =>
        this.api.pushMessageWithHttpInfo({ to, messages: toSdkMessages(messages) }, retryKey),
      );
      return { duplicate: false, ...requestId(res.httpResponse.headers.get('x-line-request-id')) };
    } catch (e) {
      if (e instanceof DuplicateRetryKey) return { duplicate: true, ...requestId(e.acceptedRequestId) };
      throw e;
    }
  }

  /** Multicasts to up to 500 users with `retryKey`; a 409 for an already accepted key resolves with `duplicate: true`. */
  async multicast(to: string[], messages: LineMessage[], retryKey: string): Promise<SendReceipt> {
    checkBatch('multicast', messages);
    if (to.length === 0 || to.length > 500) throw new LineApiError('multicast', 'badRequest', undefined, `needs 1-500 recipients, got ${to.length}`);
    try {
      const res = await this.call('multicast', { idempotent: true }, () => this.api.multicastWithHttpInfo({ to, messages: toSdkMessages(messages) }, retryKey));
      return { duplicate: false, ...requestId(res.httpResponse.headers.get('x-line-request-id')) };
    } catch (e) {
      if (e instanceof DuplicateRetryKey) return { duplicate: true, ...requestId(e.acceptedRequestId) };
      throw e;
    }
  }

  /** The user's profile, or null on 404 (not a friend, blocked us, or no consent). */
  async getProfile(userId: string): Promise<LineProfile | null> {
    try {
      const p = await this.call('getProfile', { idempotent: true }, () => this.api.getProfile(userId));
      return {
        userId: p.userId,
        displayName: p.displayName,
        ...(p.language !== undefined ? { language: p.language } : {}),
        ...(p.pictureUrl !== undefined ? { pictureUrl: p.pictureUrl } : {}),
      };
    } catch (e) {
      if (e instanceof LineApiError && e.kind === 'notFound') return null;
      throw e;
    }
  }

  /**
   * Shows the loading indicator for `seconds` (rounded up to LINE's 5–60 s in steps of 5). Best effort:
   * one attempt with the usual timeout, failures logged and swallowed, since a missing indicator harms no one.
   */
  async showLoading(userId: string, seconds: number): Promise<void> {
    const loadingSeconds = Math.min(60, Math.max(5, Math.ceil(seconds / 5) * 5));
    try {
      await this.call('showLoading', { idempotent: true, maxRetries: 0 }, () =>
        this.api.showLoadingAnimation({ chatId: userId, loadingSeconds }),
      );
    } catch (e) {
      this.logger?.warn(
        { operation: 'showLoading', kind: e instanceof LineApiError ? e.kind : 'unknown' },
        'LINE loading indicator failed',
      );
    }
  }

  /** Downloads a user's message content (photos, files) from the data API; null when LINE answers 404. */
  async getContent(messageId: string): Promise<{ contentType: string; data: Buffer } | null> {
    try {
      return await this.call('getContent', { idempotent: true }, async () => {
        const res = await this.blob.getMessageContentWithHttpInfo(messageId);
        const chunks: Buffer[] = [];
        for await (const chunk of res.body) chunks.push(Buffer.from(chunk as Uint8Array));
        return { contentType: res.httpResponse.headers.get('content-type') ?? 'application/octet-stream', data: Buffer.concat(chunks) };
      });
    } catch (e) {
      if (e instanceof LineApiError && e.kind === 'notFound') return null;
      throw e;
    }
  }

  /** Creates a rich menu and returns its id. Retried only on 429, so a timeout cannot create two menus. */
  async createRichMenu(menu: RichMenuDefinition): Promise<string> {
    const res = await this.call('createRichMenu', { idempotent: false }, () =>
      // Our definition is LINE's RichMenuRequest JSON; the SDK's generated types are stricter about `action`.
      this.api.createRichMenu(menu as unknown as messagingApi.RichMenuRequest),
    );
    return res.richMenuId;
  }

  /** Uploads the menu image to the data API host (`api-data.line.me`). An image cannot be replaced later. */
  async uploadRichMenuImage(richMenuId: string, image: Buffer, contentType: 'image/png' | 'image/jpeg'): Promise<void> {
    const body = new Blob([new Uint8Array(image)], { type: contentType });
    await this.call('uploadRichMenuImage', { idempotent: true }, () => this.blob.setRichMenuImage(richMenuId, body));
  }

  /** Makes the menu the default for every user without a per-user menu. */
  async setDefaultRichMenu(richMenuId: string): Promise<void> {
    await this.call('setDefaultRichMenu', { idempotent: true }, () => this.api.setDefaultRichMenu(richMenuId));
  }

  /** Creates the alias, or, when LINE answers 400 because it already exists, points it at `richMenuId`. */
  async upsertRichMenuAlias(aliasId: string, richMenuId: string): Promise<void> {
    try {
      await this.call('createRichMenuAlias', { idempotent: true }, () =>
        this.api.createRichMenuAlias({ richMenuAliasId: aliasId, richMenuId }),
      );
    } catch (e) {
      // LINE signals an existing alias with a plain 400; if the 400 had another cause, the update fails too.
      if (!(e instanceof LineApiError && e.status === 400)) throw e;
      await this.call('updateRichMenuAlias', { idempotent: true }, () =>
        this.api.updateRichMenuAlias(aliasId, { richMenuId }),
      );
    }
  }

  /** The menu an alias points at; null when LINE knows no such alias (404). */
  async richMenuOfAlias(aliasId: string): Promise<string | null> {
    try {
      return (await this.call('getRichMenuAlias', { idempotent: true }, () => this.api.getRichMenuAlias(aliasId))).richMenuId;
    } catch (e) {
      if (e instanceof LineApiError && e.kind === 'notFound') return null;
      throw e;
    }
  }

  /** All rich menus of the channel. */
  async listRichMenus(): Promise<Array<{ richMenuId: string; name: string }>> {
    const res = await this.call('listRichMenus', { idempotent: true }, () => this.api.getRichMenuList());
    return res.richmenus.map((m) => ({ richMenuId: m.richMenuId, name: m.name }));
  }

  /** Deletes a rich menu. A 404 counts as done, so a retried or repeated cleanup does not fail. */
  async deleteRichMenu(richMenuId: string): Promise<void> {
    try {
      await this.call('deleteRichMenu', { idempotent: true }, () => this.api.deleteRichMenu(richMenuId));
    } catch (e) {
      if (e instanceof LineApiError && e.kind === 'notFound') return;
      throw e;
    }
  }

  /** Links a menu to one user; it takes precedence over the default menu. */
  async linkRichMenuToUser(userId: string, richMenuId: string): Promise<void> {
    await this.call('linkRichMenuToUser', { idempotent: true }, () =>
      this.api.linkRichMenuIdToUser(userId, richMenuId),
    );
  }

  /** Runs `fn` with a per-attempt timeout and the retry policy; throws `LineApiError` or `DuplicateRetryKey`. */
  private async call<T>(operation: string, policy: CallPolicy, fn: () => Promise<T>): Promise<T> {
    const maxRetries = policy.maxRetries ?? this.maxRetries;
    for (let attempt = 0; ; attempt++) {
      let failure: Classified;
      try {
        return await this.slots.run(() => this.withTimeout(fn()));
      } catch (e) {
        if ((operation === 'push' || operation === 'multicast') && e instanceof HTTPFetchError && e.status === 409) {
          throw new DuplicateRetryKey(e.headers.get('x-line-accepted-request-id') ?? undefined);
        }
        failure = classify(operation, e);
      }
      const mayRetry =
        failure.retryable && attempt < maxRetries && (policy.idempotent || failure.error.kind === 'rateLimited');
      if (!mayRetry) throw failure.error;
      await this.sleep(failure.retryAfterMs ?? this.backoff(attempt));
    }
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so parallel senders spread out. */
  private backoff(attempt: number): number {
    const step = Math.min(MAX_BACKOFF_MS, this.backoffBaseMs * 2 ** attempt);
    return step / 2 + Math.random() * (step / 2);
  }

  /**
   * Races the SDK call against a timer. The SDK gives no way to abort its fetch, so a timed-out request is
   * abandoned rather than cancelled (undici closes it later); the push retry key makes that safe for pushes.
   *
   * The timer measures LINE, not our own event loop: when it fires late because the thread was busy (a long
   * database write, say), LINE's answer may be waiting unread in the socket. Giving up then would turn an
   * accepted reply into one whose outcome is unknown, so a late timer first lets pending I/O run, and waits once
   * more as long as it was held up (at most the timeout), before it gives up.
   */
  private withTimeout<T>(attempt: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const timeout = new Promise<never>((_, reject) => {
      const arm = (ms: number, extended: boolean) => {
        const due = performance.now() + ms;
        timer = setTimeout(() => {
          const late = performance.now() - due;
          // Two turns of the loop: the answer's bytes are read in the poll phase and resolve the call in microtasks.
          setImmediate(() =>
            setImmediate(() => {
              if (settled) return;
              if (!extended && late > LATE_TIMER_MS) arm(Math.min(this.timeoutMs, late), true);
              else reject(new AttemptTimeout(this.timeoutMs));
            }),
          );
        }, ms);
      };
      arm(this.timeoutMs, false);
    });
    // An abandoned attempt may still reject later; nobody awaits it any more.
    attempt.catch(() => {});
    return Promise.race([attempt.finally(() => (settled = true)), timeout]).finally(() => clearTimeout(timer));
  }
}

/** Internal signal: LINE answered 409 to a push or multicast, i.e. this retry key was already accepted. */
class DuplicateRetryKey extends Error {
  constructor(readonly acceptedRequestId: string | undefined) {
    super('retry key already accepted');
    this.name = 'DuplicateRetryKey';
  }
}

function requestId(id: string | null | undefined): { requestId?: string } {
  return id ? { requestId: id } : {};
}

function checkBatch(operation: string, messages: LineMessage[]): void {
  // Caught here rather than by LINE's 400, which on reply would be indistinguishable from a burnt token.
  if (messages.length < 1 || messages.length > 5) {
    throw new LineApiError(operation, 'badRequest', undefined, `needs 1-5 messages, got ${messages.length}`);
  }
}

/**
 * Our `LineMessage` values are LINE's JSON shapes already checked by `message-builder`; the SDK's generated
 * union is structurally wider in ways TypeScript cannot relate to ours, hence the boundary cast.
 */
function toSdkMessages(messages: LineMessage[]): messagingApi.Message[] {
  return messages as unknown as messagingApi.Message[];
}

function classify(operation: string, e: unknown): Classified {
  if (e instanceof HTTPFetchError) {
    const status = e.status;
    const detail = errorDetail(e.body);
    const fail = (kind: LineErrorKind, retryable: boolean, retryAfterMs?: number): Classified => ({
      error: new LineApiError(operation, kind, status, detail, retryAfterMs),
      retryable,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
    if (status === 429) {
      if (e.body.includes(MONTHLY_LIMIT)) return fail('quotaExceeded', false);
      return fail('rateLimited', true, retryAfter(e.headers.get('retry-after')));
    }
    if (status >= 500) return fail('server', true);
    if (status === 401 || status === 403) return fail('unauthorized', false);
    if (status === 404) return fail('notFound', false);
    if (status === 400 && operation === 'reply' && e.body.includes(INVALID_REPLY_TOKEN)) {
      return fail('invalidReplyToken', false);
    }
    return fail('badRequest', false);
  }
  // A timeout of ours, or fetch's TypeError for DNS/connection failures.
  const detail = e instanceof AttemptTimeout ? e.message : e instanceof Error ? e.name : 'unknown error';
  return { error: new LineApiError(operation, 'network', undefined, detail), retryable: true };
}

/**
 * LINE's error body is `{message, details?: [{message, property}]}`; keep its wording and property paths,
 * which never echo message text or tokens, and cap the length for logs.
 */
function errorDetail(body: string): string {
  let detail = body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string') {
      detail = parsed.message;
      if ('details' in parsed && Array.isArray(parsed.details)) {
        const parts = parsed.details
          .map((d: unknown) =>
            d && typeof d === 'object' && 'property' in d && 'message' in d ? `${String(d.property)}: ${String(d.message)}` : '',
          )
          .filter((s: string) => s !== '');
        if (parts.length > 0) detail += ` (${parts.join('; ')})`;
      }
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the raw text, cut short below.
  }
  return detail.length > 200 ? `${detail.slice(0, 200)}…` : detail;
}

/** Retry-After as seconds or an HTTP date, bounded to `MAX_RETRY_AFTER_MS`; undefined if absent or unreadable. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}
