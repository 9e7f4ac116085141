import { msg } from '../domain/message-text';
import type { PendingEvent } from '../domain/stores';
import { deliverNew } from './deliver';
import { processEvent, render, replyWindow, toOutbound, type ProcessorDeps } from './process-event';
import { normalizeEvent } from './normalize-event';
import { redactEventPayload } from './redact-event';
import type { WebhookEventRaw } from './webhook-schema';

/**
 * Runs the processor for one event and maps any failure: the event is marked failed with the error, and
 * the resident gets one apology in their language. Returns false only when even that bookkeeping failed
 * (the database is unreachable), so the caller stops draining instead of spinning.
 */
export async function processSafely(deps: ProcessorDeps, stored: PendingEvent): Promise<boolean> {
  try {
    await processEvent(deps, stored);
    return true;
  } catch (error) {
    const err = error instanceof Error ? error.message : String(error);
    deps.logger.error({ eventId: stored.id, err }, 'event processing failed');
    try {
      await deps.events.markFailed(stored.id, err, deps.clock.now(), redactEventPayload(stored.payload));
    } catch (e) {
      deps.logger.error({ eventId: stored.id, err: e instanceof Error ? e.message : String(e) }, 'could not mark event failed');
      return false;
    }
    await apologise(deps, stored);
    return true;
  }
}

async function apologise(deps: ProcessorDeps, stored: PendingEvent): Promise<void> {
  try {
    const event = normalizeEvent(JSON.parse(stored.payload) as WebhookEventRaw);
    if (event.input.kind === 'unfollow') return;
    const resident = await deps.conversations.findResident(stored.userKey);
    if (resident && !resident.followed) return;
    const messages = render(deps, [{ lines: [msg('common:apology', { phone: deps.council.phone })] }], resident?.language ?? 'ja');
    const now = deps.clock.now();
    const rows = toOutbound(deps, stored.userKey, messages, replyWindow(event.replyToken, stored.receivedAt, now));
    await deps.outbox.insert(rows, now);
    await deliverNew(deps, rows, now);
  } catch (e) {
    deps.logger.error({ eventId: stored.id, err: e instanceof Error ? e.message : String(e) }, 'apology could not be sent');
  }
}
