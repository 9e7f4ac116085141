import { LineApiError, type Clock, type Logger, type Messenger } from '../domain/ports';
import type { NewOutbound, OutboundOutcome, OutboxStore } from '../domain/stores';

export interface DeliveryDeps {
  messenger: Messenger;
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
}

/** Reply failures after which the message is pushed instead: the token is spent, stale or the call's fate unknown. */
const PUSH_AFTER_REPLY_FAILURE = new Set(['invalidReplyToken', 'server', 'network']);

type Row = Pick<NewOutbound, 'id' | 'lineUserId' | 'retryKey' | 'messages'> & { method: 'reply' | 'push' };

/**
 * Attempts one stored outbound call and returns its outcome (the caller records it). A `reply` uses the reply
 * token first (free); when the token is used or stale, or the call's fate is unknown, it falls back to a push
 * carrying the row's retry key, stored before the first attempt, so LINE never delivers a retried push twice.
 * Pushes to residents who unfollowed are skipped. `followed` may be given when the caller already knows.
 */
export async function attemptDelivery(deps: DeliveryDeps, row: Row, replyToken: string | undefined, followed?: boolean): Promise<OutboundOutcome> {
  const { messenger, clock, logger } = deps;
  if (row.method === 'reply' && replyToken) {
    try {
      const receipt = await messenger.reply(replyToken, row.messages);
      return { id: row.id, status: 'sent', method: 'reply', requestId: receipt.requestId, at: clock.now() };
    } catch (e) {
      if (!(e instanceof LineApiError) || !PUSH_AFTER_REPLY_FAILURE.has(e.kind)) {
        logger.error({ outboundId: row.id, err: errorText(e) }, 'reply refused');
        return { id: row.id, status: 'failed', error: errorText(e) };
      }
      logger.info({ outboundId: row.id, kind: e.kind }, 'reply token unusable; pushing instead');
    }
  }
  if (!(followed ?? (await deps.outbox.isFollowed(row.lineUserId)))) return { id: row.id, status: 'skipped', error: 'unfollowed' };
  try {
    const receipt = await messenger.push(row.lineUserId, row.messages, row.retryKey);
    return { id: row.id, status: 'sent', method: 'push', requestId: receipt.requestId, at: clock.now() };
  } catch (e) {
    logger.error({ outboundId: row.id, err: errorText(e) }, 'push failed');
    return { id: row.id, status: 'failed', error: errorText(e) };
  }
}

/** Sends one stored row and records the outcome. Returns true when LINE accepted the messages. */
export async function deliver(deps: DeliveryDeps, row: Row, replyToken: string | undefined): Promise<boolean> {
  const outcome = await attemptDelivery(deps, row, replyToken);
  await deps.outbox.recordOutcomes([outcome]);
  return outcome.status === 'sent';
}

/** Pushes a stored row with its retry key (used to resume rows left pending by a crash). */
export function pushRow(deps: DeliveryDeps, row: Omit<Row, 'method'>): Promise<boolean> {
  return deliver(deps, { ...row, method: 'push' }, undefined);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
