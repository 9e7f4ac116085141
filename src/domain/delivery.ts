/**
 * The delivery rules for one outbound LINE call, as pure values and decisions (no I/O; the runner in
 * `src/bot/deliver.ts` carries them out).
 *
 * Every outbound message is a row. It is written `pending` with the step that produced it, made `attempting`
 * (durably) before any call to LINE, and ends `sent`, `unknown`, `failed` or `skipped`; a call that LINE
 * refused for now leaves it `retry` until `nextAttemptAt`.
 * - A reply uses its reply token (free) while the token lives. A rate limit (429) means LINE did not take the
 *   call, so the reply is tried again after `Retry-After`. A 5xx, a timeout or a reset may hide an accepted
 *   call: the reply is tried again with the same token, which LINE accepts only once, so a second "invalid
 *   reply token" means the first attempt was taken. Such a reply is `unknown` and is NOT pushed (that could
 *   deliver it twice) — except a safety reply, for which a duplicate is better than a missing helpline.
 * - A reply whose token was spent or stale before any ambiguous attempt becomes a push.
 * - A push always carries its stored retry key, so repeating it is safe for LINE's 24 h memory of keys; a 409
 *   means LINE already has it. Past that memory an unconfirmed push is `unknown` (if an attempt may have been
 *   taken) or `failed`.
 * - The monthly-quota 429 is not retried: the row fails with reason `quota` and staff are told at once.
 */
import { LineApiError } from './ports';

/** Statuses of an outbound row. */
export type OutboundStatus = 'pending' | 'attempting' | 'retry' | 'sent' | 'unknown' | 'failed' | 'skipped';

/** How long after a webhook's receipt its reply token is still used (LINE: about one minute; kept short of it). */
export const REPLY_TOKEN_LIFE_MS = 50_000;
/** How long a push's retry key is repeated (LINE remembers keys for 24 h; reusing one later sends again). */
export const RETRY_KEY_LIFE_MS = 23 * 3600_000;
/** An `attempting` row not settled within this was abandoned by a process that died. */
export const ATTEMPT_LEASE_MS = 3 * 60_000;
/** A `pending` row nobody has claimed within this was left by a process that died before sending. */
export const UNCLAIMED_AFTER_MS = 60_000;
/**
 * The same with several instances, where the process that wrote the row may be gone while another is up: short, so
 * another instance sends it while its reply token still lives. Taking a row over is safe however short this is (a
 * claim takes only rows still `pending`); the writer, if alive but slow, then finds nothing to send.
 */
export const UNCLAIMED_AFTER_SHARED_MS = 10_000;
/** Most reply attempts for one row (a bound even when a test's clock does not move). */
export const MAX_REPLY_ATTEMPTS = 12;

/** What one call to LINE came to. */
export type CallResult =
  /** LINE did not take the call and says when to come back (rate limit). */
  | { kind: 'notTaken'; retryAfterMs?: number }
  /** LINE may or may not have taken it: 5xx, timeout, connection reset. */
  | { kind: 'ambiguous' }
  /** A reply token LINE no longer accepts (used or expired). */
  | { kind: 'tokenUnusable' }
  /** The monthly message quota is exhausted; nothing more can be pushed this month. */
  | { kind: 'quota' }
  /** LINE refused the call for good (bad request, authorisation). */
  | { kind: 'refused' };

/** Classifies a failed call. */
export function callResult(e: unknown): CallResult {
  if (!(e instanceof LineApiError)) return { kind: 'ambiguous' };
  switch (e.kind) {
    case 'rateLimited':
      return { kind: 'notTaken', ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}) };
    case 'server':
    case 'network':
      return { kind: 'ambiguous' };
    case 'invalidReplyToken':
      return { kind: 'tokenUnusable' };
    case 'quotaExceeded':
      return { kind: 'quota' };
    default:
      return { kind: 'refused' };
  }
}

/** Backoff before the `n`-th retry of a reply (from 1): short, since the token lives under a minute. */
export function replyBackoffMs(n: number): number {
  return Math.min(2_000, 250 * 2 ** (n - 1));
}

/** When a push that could not go now is tried again, after `attempts` attempts: 2 s doubling, at most 5 min. */
export function nextPushAttemptAt(now: Date, attempts: number): Date {
  return new Date(now.getTime() + Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempts - 1)));
}

/** True while a reply token received at `replyBy - REPLY_TOKEN_LIFE_MS` may still be used at `now`. */
export function replyTokenAlive(row: { replyToken?: string | null; replyBy?: Date | null }, now: Date): boolean {
  return Boolean(row.replyToken && row.replyBy && now.getTime() < row.replyBy.getTime());
}

/** True while a push's retry key is still remembered by LINE (so repeating it cannot deliver twice). */
export function retryKeyAlive(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < RETRY_KEY_LIFE_MS;
}
