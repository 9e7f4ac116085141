import {
  ATTEMPT_LEASE_MS,
  MAX_REPLY_ATTEMPTS,
  UNCLAIMED_AFTER_MS,
  callResult,
  nextPushAttemptAt,
  replyBackoffMs,
  replyTokenAlive,
  retryKeyAlive,
  type CallResult,
} from '../../domain/delivery';
import type { Clock, Logger, Messenger } from '../../domain/ports';
import type { NewOutbound, OutboundOutcome, OutboundRow, OutboxStore } from '../../domain/stores';

export interface DeliveryDeps {
  messenger: Messenger;
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
  /** Waits between attempts (a port, so tests need not wait in real time). Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A freshly written row as the delivery runner sees it once claimed. */
export function claimedRow(o: NewOutbound, createdAt: Date): OutboundRow {
  return {
    id: o.id,
    lineUserId: o.lineUserId,
    method: o.method,
    retryKey: o.retryKey,
    messages: o.messages,
    ...(o.replyToken ? { replyToken: o.replyToken } : {}),
    ...(o.replyBy ? { replyBy: o.replyBy } : {}),
    safety: o.safety ?? false,
    ambiguous: false,
    attempts: 1,
    createdAt,
  };
}

/** The lease an `attempting` row gets when claimed at `now`. */
export function leaseFrom(now: Date): Date {
  return new Date(now.getTime() + ATTEMPT_LEASE_MS);
}

/**
 * Attempts one claimed (`attempting`) row until it settles or has to wait, following `src/domain/delivery.ts`,
 * and returns the outcome for the caller to record. Never throws for LINE failures. `followed` may be given when
 * the caller already knows whether the resident still follows the account.
 */
export async function attemptDelivery(deps: DeliveryDeps, row: OutboundRow, followed?: boolean): Promise<OutboundOutcome> {
  const { messenger, clock, logger } = deps;
  const sleep = deps.sleep ?? realSleep;
  let ambiguous = row.ambiguous;

  if (row.method === 'reply') {
    for (let n = 1; n <= MAX_REPLY_ATTEMPTS && replyTokenAlive(row, clock.now()); n++) {
      let result: CallResult;
      try {
        const receipt = await messenger.reply(row.replyToken!, row.messages);
        return { id: row.id, status: 'sent', method: 'reply', requestId: receipt.requestId, at: clock.now(), ...(ambiguous ? { ambiguous: true } : {}) };
      } catch (e) {
        result = callResult(e);
        logger.info({ outboundId: row.id, attempt: n, result: result.kind }, 'reply not accepted');
      }
      if (result.kind === 'tokenUnusable') {
        // After an attempt that may have been taken, a refused token means it was: the reply is not pushed.
        if (ambiguous) return afterUnknownReply(deps, row, followed, 'the reply token was used by an attempt LINE did not answer');
        break;
      }
      if (result.kind === 'refused' || result.kind === 'quota') return failed(deps, row, result);
      if (result.kind === 'ambiguous') ambiguous = true;
      // Wait as LINE asks (within the token's life), or back off; then try the same token again.
      const left = row.replyBy!.getTime() - clock.now().getTime();
      const wait = result.kind === 'notTaken' && result.retryAfterMs !== undefined ? result.retryAfterMs : replyBackoffMs(n);
      if (wait >= left) break;
      await sleep(wait);
    }
    if (ambiguous) return afterUnknownReply(deps, row, followed, 'no answer from LINE while the reply token lived');
    // Nothing reached LINE and the token is spent or stale: a push with the row's retry key takes over.
    await deps.outbox.switchToPush(row.id, false);
  }
  return pushOnce(deps, row, followed, ambiguous);
}

/** An unknown reply is not repeated, except a safety reply: it is pushed too (a duplicate beats a missing helpline). */
async function afterUnknownReply(deps: DeliveryDeps, row: OutboundRow, followed: boolean | undefined, why: string): Promise<OutboundOutcome> {
  if (!row.safety) {
    deps.logger.warn({ outboundId: row.id }, 'reply outcome unknown; not repeated');
    return { id: row.id, status: 'unknown', error: why, at: deps.clock.now() };
  }
  deps.logger.warn({ outboundId: row.id }, 'safety reply outcome unknown; pushing it as well');
  await deps.outbox.switchToPush(row.id, true);
  return pushOnce(deps, row, followed, true);
}

/** One push with the row's retry key (the messenger retries briefly); a temporary failure becomes `retry`. */
async function pushOnce(deps: DeliveryDeps, row: OutboundRow, followed: boolean | undefined, ambiguous: boolean): Promise<OutboundOutcome> {
  const { messenger, clock, logger } = deps;
  if (!(followed ?? (await deps.outbox.isFollowed(row.lineUserId)))) return { id: row.id, status: 'skipped', error: 'unfollowed' };
  if (!retryKeyAlive(row.createdAt, clock.now())) {
    // LINE forgets keys after 24 h: repeating one now could deliver twice.
    return ambiguous
      ? { id: row.id, status: 'unknown', error: 'not confirmed while LINE remembered the retry key', at: clock.now() }
      : { id: row.id, status: 'failed', error: 'not delivered within 24 h' };
  }
  try {
    const receipt = await messenger.push(row.lineUserId, row.messages, row.retryKey);
    return { id: row.id, status: 'sent', method: 'push', requestId: receipt.requestId, at: clock.now(), ...(ambiguous ? { ambiguous: true } : {}) };
  } catch (e) {
    const result = callResult(e);
    if (result.kind === 'notTaken' || result.kind === 'ambiguous') {
      const error = e instanceof Error ? e.message : String(e);
      logger.warn({ outboundId: row.id, result: result.kind }, 'push not accepted; will try again');
      const at = nextPushAttemptAt(clock.now(), row.attempts);
      const later = result.kind === 'notTaken' && result.retryAfterMs !== undefined ? new Date(Math.max(at.getTime(), clock.now().getTime() + result.retryAfterMs)) : at;
      return { id: row.id, status: 'retry', error, nextAttemptAt: later, ambiguous: ambiguous || result.kind === 'ambiguous' };
    }
    return failed(deps, row, result, e);
  }
}

function failed(deps: DeliveryDeps, row: OutboundRow, result: CallResult, e?: unknown): OutboundOutcome {
  const error = result.kind === 'quota' ? 'quota: the monthly message limit is reached' : e instanceof Error ? e.message : `LINE refused the call (${result.kind})`;
  deps.logger.error({ outboundId: row.id, result: result.kind }, 'LINE refused the message');
  return { id: row.id, status: 'failed', error };
}

/**
 * Attempts one resident's claimed rows in order. Once one has to wait (`retry`), the rows after it wait with it
 * rather than overtake it, so the resident reads the messages in the order they were written.
 */
export async function attemptInOrder(deps: DeliveryDeps, rows: OutboundRow[], followed?: boolean): Promise<OutboundOutcome[]> {
  const outcomes: OutboundOutcome[] = [];
  let held: Extract<OutboundOutcome, { status: 'retry' }> | undefined;
  for (const row of rows) {
    if (held) {
      outcomes.push({ id: row.id, status: 'retry', error: 'waiting for an earlier message', nextAttemptAt: held.nextAttemptAt, ambiguous: row.ambiguous });
      continue;
    }
    const outcome = await attemptDelivery(deps, row, followed);
    if (outcome.status === 'retry') held = outcome;
    outcomes.push(outcome);
  }
  return outcomes;
}

/** Claims fresh rows of one resident, attempts them in order and records the outcomes. Returns true when all were sent. */
export async function deliverNew(deps: DeliveryDeps, rows: NewOutbound[], createdAt: Date): Promise<boolean> {
  if (!rows.length) return true;
  const claimed = new Set(await deps.outbox.claim(rows.map((r) => r.id), leaseFrom(deps.clock.now())));
  const outcomes = await attemptInOrder(deps, rows.filter((r) => claimed.has(r.id)).map((r) => claimedRow(r, createdAt)));
  await deps.outbox.recordOutcomes(outcomes);
  return outcomes.length === rows.length && outcomes.every((o) => o.status === 'sent');
}

/**
 * Resumes what is due: rows waiting to retry, rows a dead process left `attempting` (ambiguous) and rows nobody
 * claimed. Rows claimed or written before `bootedAt` (when this process started sending) are abandoned at once —
 * with several instances (`shared`) only the rows this instance claimed —; later ones only when their lease has passed or they have waited unclaimed `unclaimedAfterMs` (default
 * `UNCLAIMED_AFTER_MS`). One resident's rows go in
 * order; residents in parallel, a few at a time. Returns how many rows were tried.
 */
export async function resumeDue(
  deps: DeliveryDeps,
  opts: { bootedAt?: Date; limit?: number; concurrency?: number; unclaimedAfterMs?: number; shared?: boolean } = {},
): Promise<number> {
  const now = deps.clock.now();
  const boot = opts.bootedAt?.getTime() ?? 0;
  const bootRule = new Date(Math.max(now.getTime(), boot + ATTEMPT_LEASE_MS));
  const rows = await deps.outbox.claimDue(now, {
    // Several instances: only this instance's own rows from before its start are abandoned at once.
    ...(opts.shared ? { abandonedBefore: now, ownAbandonedBefore: bootRule } : { abandonedBefore: bootRule }),
    unclaimedBefore: new Date(Math.max(now.getTime() - (opts.unclaimedAfterMs ?? UNCLAIMED_AFTER_MS), boot)),
    leaseUntil: leaseFrom(now),
    limit: opts.limit ?? 500,
  });
  const byUser = new Map<string, OutboundRow[]>();
  for (const r of rows) byUser.set(r.lineUserId, [...(byUser.get(r.lineUserId) ?? []), r]);
  const queues = [...byUser.values()];
  const work = async () => {
    for (let q = queues.shift(); q; q = queues.shift()) {
      const outcomes = await attemptInOrder(deps, q);
      await deps.outbox.recordOutcomes(outcomes).catch((e) => deps.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'could not record delivery outcomes'));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 16) }, work));
  return rows.length;
}
