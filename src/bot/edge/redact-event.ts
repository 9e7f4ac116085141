/**
 * Removes what a resident wrote or where they were from a stored webhook event once it has been processed.
 * The event log keeps ids, types and times (enough to audit delivery) but no personal content; business
 * rows that need the content store it themselves, under consent.
 */
export function redactEventPayload(payload: string): string {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return '{}';
  }
  return redactEvent(event);
}

/** Like `redactEventPayload`, for an event already parsed; changes `event` in place and returns its JSON. */
export function redactEvent(event: Record<string, unknown>): string {
  const message = event.message as Record<string, unknown> | undefined;
  if (message && typeof message === 'object') {
    for (const field of ['text', 'address', 'title', 'latitude', 'longitude', 'fileName', 'emojis', 'mention', 'keywords']) {
      if (field in message) message[field] = '[redacted]';
    }
  }
  const postback = event.postback as Record<string, unknown> | undefined;
  if (postback && typeof postback === 'object' && 'params' in postback) postback.params = '[redacted]';
  delete event.replyToken;
  return JSON.stringify(event);
}

/** Properties every webhook event carries; all an event of a type the bot does not read keeps. */
const COMMON_PROPERTIES = ['type', 'mode', 'timestamp', 'webhookEventId', 'deliveryContext'] as const;

/**
 * The record of an event of a type the bot does not read (one LINE added later, say): its common properties and
 * its source's type, never the rest, which may hold anything.
 */
export function recordOnlyPayload(event: { source?: { type: string } }): string {
  const record: Record<string, unknown> = {};
  for (const key of COMMON_PROPERTIES) if (key in event) record[key] = (event as Record<string, unknown>)[key];
  if (event.source) record.source = { type: event.source.type };
  return JSON.stringify(record);
}
