import { LineApiError, type Clock, type Logger, type Messenger } from '../domain/ports';
import type { NewOutbound, OutboxStore } from '../domain/stores';

export interface DeliveryDeps {
  messenger: Messenger;
  outbox: OutboxStore;
  clock: Clock;
  logger: Logger;
}

/** Reply failures after which the message is pushed instead: the token is spent, stale or the call's fate unknown. */
const PUSH_AFTER_REPLY_FAILURE = new Set(['invalidReplyToken', 'server', 'network']);

/**
 * Sends one stored outbound call. A `reply` uses the reply token first (free); when the token is used or
 * stale it falls back to a push carrying the row's retry key, stored before the first attempt, so a retried
 * push is never delivered twice. Pushes to residents who unfollowed are skipped. The row records the outcome.
 * Returns true when LINE accepted the messages.
 */
export async function deliver(deps: DeliveryDeps, row: NewOutbound, replyToken: string | undefined): Promise<boolean> {
  const { messenger, outbox, clock, logger } = deps;
  if (row.method === 'reply' && replyToken) {
    try {
      const receipt = await messenger.reply(replyToken, row.messages);
      await outbox.markSent(row.id, 'reply', receipt.requestId, clock.now());
      return true;
    } catch (e) {
      if (!(e instanceof LineApiError) || !PUSH_AFTER_REPLY_FAILURE.has(e.kind)) {
        await outbox.markFailed(row.id, errorText(e));
        logger.error({ outboundId: row.id, err: errorText(e) }, 'reply refused');
        return false;
      }
      logger.info({ outboundId: row.id, kind: e.kind }, 'reply token unusable; pushing instead');
    }
  }
  return pushRow(deps, row);
}

/** Pushes a stored row with its retry key (also used to resume rows left pending by a crash). */
export async function pushRow(deps: DeliveryDeps, row: Pick<NewOutbound, 'id' | 'lineUserId' | 'retryKey' | 'messages'>): Promise<boolean> {
  const { messenger, outbox, clock, logger } = deps;
  if (!(await outbox.isFollowed(row.lineUserId))) {
    await outbox.markSkipped(row.id, 'unfollowed');
    return false;
  }
  try {
    const receipt = await messenger.push(row.lineUserId, row.messages, row.retryKey);
    await outbox.markSent(row.id, 'push', receipt.requestId, clock.now());
    return true;
  } catch (e) {
    await outbox.markFailed(row.id, errorText(e));
    logger.error({ outboundId: row.id, err: errorText(e) }, 'push failed');
    return false;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
