import { msg } from '../../domain/message-text';
import type { PendingEvent } from '../../domain/stores';
import { deliverNew } from './deliver';
import { render, replyWindow, toOutbound, type ProcessorDeps } from './plan-webhook-event';
import { normalizeEvent } from '../edge/normalize-event';
import { redactEventPayload } from '../edge/redact-event';
import type { WebhookEventRaw } from '../edge/webhook-schema';

/**
 * Marks an event failed with the error (its payload redacted, so no personal content is kept). Returns `marked`,
 * `handled` when the event was no longer pending (another instance processed it: nothing is owed), or
 * `unreachable` when even that failed (the database is unreachable), so the caller stops instead of spinning.
 */
export async function markFailed(deps: ProcessorDeps, stored: PendingEvent, error: unknown): Promise<'marked' | 'handled' | 'unreachable'> {
  try {
    const marked = await deps.events.markFailed(stored.id, error instanceof Error ? error.message : String(error), deps.clock.now(), redactEventPayload(stored.payload));
    return marked ? 'marked' : 'handled';
  } catch (e) {
    deps.logger.error({ eventId: stored.id, err: e instanceof Error ? e.message : String(e) }, 'could not mark event failed');
    return 'unreachable';
  }
}

/** One apology, in the resident's language, for an event that could not be processed. Never throws. */
export async function apologise(deps: ProcessorDeps, stored: PendingEvent): Promise<void> {
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
