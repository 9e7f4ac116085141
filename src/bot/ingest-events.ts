import type { Clock } from '../domain/ports';
import type { EventStore, NewWebhookEvent } from '../domain/stores';
import { normalizeEvent } from './normalize-event';
import { redactEventPayload } from './redact-event';
import type { WebhookEventRaw } from './webhook-schema';

/** Input kinds the bot acts on; every other event is stored for the record only. */
const ACTED_ON = new Set(['text', 'media', 'sticker', 'location', 'postback', 'follow', 'unfollow']);

/**
 * Stores a webhook's events keyed by webhookEventId and returns the users whose new events need processing.
 * Only active-mode events from a 1:1 user are queued; group/room, standby and ignored types are stored as
 * `skipped`, so they can never trigger a send. A redelivered event is not stored again and queues nothing.
 */
export async function ingestEvents(store: EventStore, clock: Clock, events: WebhookEventRaw[]): Promise<string[]> {
  const now = clock.now();
  const rows: NewWebhookEvent[] = events.map((raw) => {
    const e = normalizeEvent(raw);
    const actionable = e.mode === 'active' && e.sourceType === 'user' && Boolean(e.userId) && ACTED_ON.has(e.input.kind);
    return {
      id: e.webhookEventId,
      lineType: e.lineType,
      sourceType: e.sourceType,
      userKey: e.sourceType === 'user' ? (e.userId ?? null) : null,
      mode: e.mode,
      timestamp: e.timestamp,
      isRedelivery: e.isRedelivery,
      // Events kept only for the record never hold what someone wrote (e.g. group chats, no consent).
      payload: actionable ? JSON.stringify(raw) : redactEventPayload(JSON.stringify(raw)),
      status: actionable ? 'pending' : 'skipped',
      receivedAt: now,
    };
  });
  const inserted = new Set(await store.insertNew(rows));
  const users = rows.filter((r) => r.status === 'pending' && inserted.has(r.id)).map((r) => r.userKey as string);
  return [...new Set(users)];
}
