import type { Clock } from '../../domain/ports';
import type { EventStore, NewWebhookEvent, PendingEvent } from '../../domain/stores';
import { GroupCommit } from '../pipeline/group-commit';
import { normalizeEvent } from './normalize-event';
import { recordOnlyPayload, redactEventPayload } from './redact-event';
import { isActedOnEvent, type InvalidEvent, type WebhookEventRaw } from './webhook-schema';

/** Input kinds the bot acts on; every other event is stored for the record only. An unsend erases what was kept. */
const ACTED_ON = new Set(['text', 'media', 'sticker', 'location', 'postback', 'follow', 'unfollow', 'unsend']);

/**
 * Turns one webhook's events into rows: only active 1:1 events the bot acts on are `pending`. Events that failed
 * their schema become `unknown` rows holding only what was wrong with them.
 */
export function toEventRows(events: WebhookEventRaw[], receivedAt: Date, invalid: InvalidEvent[] = []): NewWebhookEvent[] {
  const rows = events.map((raw): NewWebhookEvent => {
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
      // Events kept only for the record never hold what someone wrote (e.g. group chats, no consent); of a
      // type the bot does not read, nothing beyond the common properties is kept, whatever LINE put in it.
      payload: actionable ? JSON.stringify(raw) : isActedOnEvent(raw) ? redactEventPayload(JSON.stringify(raw)) : recordOnlyPayload(raw),
      status: actionable ? 'pending' : 'skipped',
      receivedAt,
    };
  });
  for (const bad of invalid) {
    rows.push({
      id: bad.id,
      lineType: 'unknown',
      sourceType: 'unknown',
      userKey: null,
      mode: 'unknown',
      timestamp: bad.timestamp ?? receivedAt.getTime(),
      isRedelivery: false,
      payload: JSON.stringify({ invalid: bad.issues }),
      status: 'skipped',
      receivedAt,
    });
  }
  return rows;
}

/**
 * Stores webhook events keyed by webhookEventId, group-committing concurrent webhooks into one INSERT.
 * Group/room, standby and ignored types are stored as `skipped`, so they can never trigger a send. A
 * redelivered event is not stored again; if two webhooks carry the same event at once, only one claims it.
 */
export class EventIngest {
  private readonly commit: GroupCommit<NewWebhookEvent, Map<string, NewWebhookEvent>>;

  constructor(
    store: Pick<EventStore, 'insertNew'>,
    private readonly clock: Clock,
  ) {
    this.commit = new GroupCommit(async (rows) => {
      const unique = new Map<string, NewWebhookEvent>();
      for (const r of rows) if (!unique.has(r.id)) unique.set(r.id, r);
      const inserted = new Set(await store.insertNew([...unique.values()]));
      return new Map([...unique].filter(([id]) => inserted.has(id)));
    });
  }

  /** Stores the events (and the ones that failed their schema, for the record) and returns the new ones the bot must process. */
  async ingest(events: WebhookEventRaw[], invalid: InvalidEvent[] = []): Promise<PendingEvent[]> {
    const rows = toEventRows(events, this.clock.now(), invalid);
    const inserted = await this.commit.submit(rows);
    return rows
      .filter((r) => r.status === 'pending' && inserted.get(r.id) === r)
      .map((r) => ({ id: r.id, userKey: r.userKey as string, lineType: r.lineType, timestamp: r.timestamp, payload: r.payload, receivedAt: r.receivedAt }));
  }
}
