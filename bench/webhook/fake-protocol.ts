/**
 * Messages between the webhook bench (parent) and `bench/fake-line-server.ts` (child, over Node's IPC
 * channel). Times are epoch milliseconds with sub-millisecond precision (`performance.timeOrigin +
 * performance.now()`), comparable across the two processes on one machine.
 */

/** Parent → fake. Every request carries an id; the fake answers with the same id. */
export type FakeCommand =
  | { type: 'friends'; id: number; users: string[]; language: string }
  | { type: 'issue'; id: number; users: string[] }
  | { type: 'collect'; id: number };

/** What reached the fake since the last `collect`. */
export interface FakeCollected {
  /** `[replyToken, at, status]` for every reply request, accepted (200) or refused. */
  replies: [string, number, number][];
  /** `[userId, at]` for every accepted push. */
  pushes: [string, number][];
  /** Requests per `"<endpoint> <status>"`, since the fake started. */
  counts: Record<string, number>;
  /** `x-line-request-id` of every reply and push LINE accepted (200): one delivery each. */
  accepted: string[];
}

/** Fake → parent. */
export type FakeReply =
  | { type: 'ready'; url: string; pid: number }
  | { type: 'ok'; id: number }
  | { type: 'issued'; id: number; tokens: string[] }
  | ({ type: 'collected'; id: number } & FakeCollected);

/** The bench clock: ms since boot (CLOCK_MONOTONIC), sub-millisecond; the same clock in every local process. */
export const benchNow = (): number => Number(process.hrtime.bigint()) / 1e6;
