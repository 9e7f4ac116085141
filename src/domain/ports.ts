import type { LineMessage } from './line-message';

/** The clock, as a port so tests can set and advance time. */
export interface Clock {
  now(): Date;
}

/** Mints ids (retry keys, reference numbers). A port so tests are deterministic. */
export interface IdGenerator {
  uuid(): string;
}

/** Structured logger. Never pass personal data or secrets in `fields`. */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A LINE user's profile as the Messaging API returns it. `language` is absent without LINE consent. */
export interface LineProfile {
  userId: string;
  displayName: string;
  language?: string;
  pictureUrl?: string;
}

/** What LINE answered to an accepted send. */
export interface SendReceipt {
  /** `x-line-request-id` (or `x-line-accepted-request-id` on a 409 duplicate). */
  requestId?: string;
  /** True when LINE answered 409: the retry key was already accepted earlier. */
  duplicate: boolean;
}

/** Why a call to LINE failed. */
export type LineErrorKind =
  | 'invalidReplyToken' // 400 "Invalid reply token": token used, expired or unknown
  | 'rateLimited' // 429 rate limit
  | 'quotaExceeded' // 429 "You have reached your monthly limit."
  | 'badRequest' // other 4xx: LINE refused the request; retrying will not help
  | 'unauthorized' // 401 / 403
  | 'notFound' // 404 (profile of a non-friend, unknown rich menu…)
  | 'server' // 5xx after retries
  | 'network'; // timeout / connection failure after retries

/** A failed LINE API call, with the operation and HTTP status. Never carries message bodies or tokens. */
export class LineApiError extends Error {
  constructor(
    readonly operation: string,
    readonly kind: LineErrorKind,
    readonly status: number | undefined,
    readonly detail: string,
    /** A rate limit's `Retry-After`, in ms, when LINE gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(`LINE ${operation} failed: ${kind}${status ? ` (${status})` : ''}: ${detail}`);
    this.name = 'LineApiError';
  }
}

/**
 * Outbound port to LINE. Implementations add timeouts and bounded retries, and throw `LineApiError`.
 * `push` sends `retryKey` as `X-Line-Retry-Key`; a 409 for an already accepted key resolves with `duplicate: true`.
 */
export interface Messenger {
  reply(replyToken: string, messages: LineMessage[]): Promise<SendReceipt>;
  push(to: string, messages: LineMessage[], retryKey: string): Promise<SendReceipt>;
  /**
   * Sends the same messages to up to 500 users in one call (charged per recipient), with `retryKey` as
   * `X-Line-Retry-Key`; a 409 for an already accepted key resolves with `duplicate: true`.
   */
  multicast(to: string[], messages: LineMessage[], retryKey: string): Promise<SendReceipt>;
  /** The user's profile, or null when LINE answers 404 (not a friend, blocked, or no consent). */
  getProfile(userId: string): Promise<LineProfile | null>;
  /** Shows the typing/loading indicator in a 1:1 chat (5–60 s, steps of 5). Best effort. */
  showLoading(userId: string, seconds: number): Promise<void>;
  /** The content of a message the user sent (a photo, …), or null when LINE no longer has it (404). */
  getContent(messageId: string): Promise<{ contentType: string; data: Buffer } | null>;
}

/** A rich menu as LINE's `RichMenuRequest` JSON. */
export interface RichMenuDefinition {
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: Array<{
    bounds: { x: number; y: number; width: number; height: number };
    action: Record<string, unknown>;
  }>;
}

/** Rich-menu administration, used by the deploy script and to switch the default menu (disaster mode). */
export interface RichMenuAdmin {
  createRichMenu(menu: RichMenuDefinition): Promise<string>;
  uploadRichMenuImage(richMenuId: string, image: Buffer, contentType: 'image/png' | 'image/jpeg'): Promise<void>;
  setDefaultRichMenu(richMenuId: string): Promise<void>;
  /** Creates or updates the alias to point at `richMenuId`. */
  upsertRichMenuAlias(aliasId: string, richMenuId: string): Promise<void>;
  /** The menu the alias points at, or null when there is no such alias. */
  richMenuOfAlias(aliasId: string): Promise<string | null>;
  listRichMenus(): Promise<Array<{ richMenuId: string; name: string }>>;
  deleteRichMenu(richMenuId: string): Promise<void>;
  linkRichMenuToUser(userId: string, richMenuId: string): Promise<void>;
}
