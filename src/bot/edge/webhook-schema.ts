/**
 * Runtime validation of LINE webhook callbacks, after the signature check and before normalisation.
 *
 * Shapes follow line/line-openapi `webhook.yml` (CallbackRequest, Event, MessageContent, …) and, for
 * `messageEdited`, the @line/bot-sdk 11.2 model. Only the events the bot acts on are checked in
 * detail; every other event type, including ones LINE adds later, passes with the common properties,
 * because refusing a batch over an event we would ignore anyway would also drop the residents' messages
 * in it. Objects are loose: fields LINE adds later pass through untouched.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Validates `base`, then, when its `type` has an entry in `byType`, validates the value again with that
 * detailed schema. A discriminated union cannot do this: it has no catch-all branch for unknown types,
 * and a plain union reports every branch's failure at once.
 */
function detailedByType<Base extends z.ZodType<{ type: string }>, ByType extends Record<string, z.ZodType>>(
  base: Base,
  byType: ByType,
) {
  return base.transform((value, ctx): z.output<ByType[keyof ByType]> | z.output<Base> => {
    const detailed: z.ZodType | undefined = Object.hasOwn(byType, value.type) ? byType[value.type] : undefined;
    if (!detailed) return value;
    const result = detailed.safeParse(value);
    if (result.success) {
      // The generic map loses the link between a key and its schema's output; the parse above is the proof.
      return result.data as z.output<ByType[keyof ByType]>;
    }
    // Paths are relative to this node; zod prefixes the outer path when the issues surface.
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });
}

/**
 * An event's `source`. Only `user`/`group`/`room` exist today; another type is accepted (and normalised as
 * `unknown`) rather than refused, for the same reason unknown event types are.
 */
const sourceSchema = z
  .looseObject({
    type: z.string(),
    userId: z.string().optional(),
    groupId: z.string().optional(),
    roomId: z.string().optional(),
  })
  .superRefine((source, ctx) => {
    if (source.type === 'group' && source.groupId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'A group source needs groupId' });
    }
    if (source.type === 'room' && source.roomId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['roomId'], message: 'A room source needs roomId' });
    }
  });

/** Properties every webhook event carries (webhook.yml `Event`; `source` is optional there). */
const eventBaseSchema = z.looseObject({
  type: z.string().min(1),
  timestamp: z.number().int(),
  mode: z.enum(['active', 'standby']),
  webhookEventId: z.string().min(1),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }),
  source: sourceSchema.optional(),
});

// Fields the normaliser reads are required as the spec says; fields it does not read are only type-checked
// when present, so a spec drift in, say, `quoteToken` cannot cost us a resident's message.
const messageContentBaseSchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().min(1),
  markAsReadToken: z.string().optional(),
});

const contentProviderSchema = z.looseObject({
  type: z.enum(['line', 'external']),
  originalContentUrl: z.string().optional(),
  previewImageUrl: z.string().optional(),
});

const textContentSchema = messageContentBaseSchema.extend({
  type: z.literal('text'),
  text: z.string(),
  quoteToken: z.string().optional(),
  quotedMessageId: z.string().optional(),
});
const imageContentSchema = messageContentBaseSchema.extend({
  type: z.literal('image'),
  contentProvider: contentProviderSchema,
  quoteToken: z.string().optional(),
});
const videoContentSchema = messageContentBaseSchema.extend({
  type: z.literal('video'),
  contentProvider: contentProviderSchema,
  duration: z.number().optional(),
  quoteToken: z.string().optional(),
});
const audioContentSchema = messageContentBaseSchema.extend({
  type: z.literal('audio'),
  contentProvider: contentProviderSchema,
  duration: z.number().optional(),
});
const fileContentSchema = messageContentBaseSchema.extend({
  type: z.literal('file'),
  fileName: z.string().optional(),
  fileSize: z.number().optional(),
});
const locationContentSchema = messageContentBaseSchema.extend({
  type: z.literal('location'),
  latitude: z.number(),
  longitude: z.number(),
  title: z.string().optional(),
  address: z.string().optional(),
});
const stickerContentSchema = messageContentBaseSchema.extend({
  type: z.literal('sticker'),
  packageId: z.string().optional(),
  stickerId: z.string().optional(),
  // Not an enum: LINE adds sticker kinds, and the bot never looks at this.
  stickerResourceType: z.string().optional(),
  quoteToken: z.string().optional(),
});

/** A message content type the bot understands (webhook.yml `MessageContent` discriminator mapping). */
export type KnownMessageContent =
  | z.output<typeof textContentSchema>
  | z.output<typeof imageContentSchema>
  | z.output<typeof videoContentSchema>
  | z.output<typeof audioContentSchema>
  | z.output<typeof fileContentSchema>
  | z.output<typeof locationContentSchema>
  | z.output<typeof stickerContentSchema>;

const messageContentSchema = detailedByType(messageContentBaseSchema, {
  text: textContentSchema,
  image: imageContentSchema,
  video: videoContentSchema,
  audio: audioContentSchema,
  file: fileContentSchema,
  location: locationContentSchema,
  sticker: stickerContentSchema,
});

/** A validated message content: a known type, or one LINE added later with only `type` and `id`. */
export type MessageContentRaw = z.output<typeof messageContentSchema>;

const KNOWN_MESSAGE_TYPES: ReadonlySet<string> = new Set(['text', 'image', 'video', 'audio', 'file', 'location', 'sticker']);

/** True when a validated message content is one of the types checked in detail. */
export function isKnownMessageContent(content: MessageContentRaw): content is KnownMessageContent {
  return KNOWN_MESSAGE_TYPES.has(content.type);
}

// Standby events and failed account links carry no replyToken, so it is optional on every event.
const replyTokenSchema = z.string().optional();

const messageEventSchema = eventBaseSchema.extend({
  type: z.literal('message'),
  replyToken: replyTokenSchema,
  message: messageContentSchema,
});
const postbackEventSchema = eventBaseSchema.extend({
  type: z.literal('postback'),
  replyToken: replyTokenSchema,
  postback: z.looseObject({
    data: z.string(),
    // Datetime pickers send date/time/datetime, rich menu switches newRichMenuAliasId/status; all strings.
    params: z.record(z.string(), z.string()).optional(),
  }),
});
const followEventSchema = eventBaseSchema.extend({
  type: z.literal('follow'),
  replyToken: replyTokenSchema,
  follow: z.looseObject({ isUnblocked: z.boolean() }),
});
const unfollowEventSchema = eventBaseSchema.extend({ type: z.literal('unfollow') });
const unsendEventSchema = eventBaseSchema.extend({
  type: z.literal('unsend'),
  unsend: z.looseObject({ messageId: z.string().min(1) }),
});

/** An event type the bot acts on, validated in detail. */
export type ActedOnEvent =
  | z.output<typeof messageEventSchema>
  | z.output<typeof postbackEventSchema>
  | z.output<typeof followEventSchema>
  | z.output<typeof unfollowEventSchema>
  | z.output<typeof unsendEventSchema>;

/** One webhook event: detailed for the types the bot acts on, common properties only for the rest. */
export const webhookEventSchema = detailedByType(eventBaseSchema, {
  message: messageEventSchema,
  postback: postbackEventSchema,
  follow: followEventSchema,
  unfollow: unfollowEventSchema,
  unsend: unsendEventSchema,
});

/** A validated webhook event, as LINE sent it (unknown fields kept). */
export type WebhookEventRaw = z.output<typeof webhookEventSchema>;

const ACTED_ON_TYPES: ReadonlySet<string> = new Set(['message', 'postback', 'follow', 'unfollow', 'unsend']);

/**
 * True when a validated event is one the bot acts on. `WebhookEventRaw` cannot narrow on `type` by itself,
 * because the catch-all branch's `type` is any string.
 */
export function isActedOnEvent(event: WebhookEventRaw): event is ActedOnEvent {
  return ACTED_ON_TYPES.has(event.type);
}

/**
 * The callback body (webhook.yml `CallbackRequest`). `events` may be empty: LINE sends that to verify the
 * URL. `destination` is the bot's user id; its `U…` pattern is not enforced, as nothing here depends on it.
 * Each event is checked on its own (see {@link parseCallback}), so one bad event does not refuse the rest.
 */
export const callbackSchema = z.looseObject({
  destination: z.string().min(1),
  events: z.array(z.unknown()),
});

/** A validated callback body: the events that passed their schema. */
export interface CallbackRequestRaw {
  destination: string;
  events: WebhookEventRaw[];
}

/**
 * An event of a delivery that failed its schema. It is stored as `unknown`, for the record only, so
 * nothing in it is kept but `issues` (paths and rules, never content).
 */
export interface InvalidEvent {
  /** Its position in the delivery. */
  index: number;
  /**
   * LINE's `webhookEventId` when the event has a usable one, else an id derived from the event's JSON, so a
   * redelivery of the same bad event is still stored once.
   */
  id: string;
  /** LINE's event time when the event has a usable one. */
  timestamp: number | null;
  /** What was wrong, safe to log and store. */
  issues: string;
}

/**
 * The outcome of {@link parseCallback}. Only a body that is not a webhook envelope is refused; `issues` names
 * paths and rules only, never payload content.
 */
export type ParseCallbackResult = { ok: true; value: CallbackRequestRaw; invalid: InvalidEvent[] } | { ok: false; issues: string };

const MAX_REPORTED_ISSUES = 10;
/** Longest `webhookEventId` taken as an event's id (LINE's are 26-character ULIDs). */
const MAX_EVENT_ID_LENGTH = 64;

/**
 * Validates an already JSON-parsed callback body. Never throws. The envelope (`{destination, events: []}`) must
 * be valid, or the body is refused; then each event is validated on its own, and the ones that fail are
 * returned apart in `invalid`. Issue summaries look like `events[0].message.text: Invalid input: expected
 * string, received undefined`, safe to log: zod's messages name the expected shape and the received *type*,
 * not the value.
 */
export function parseCallback(json: unknown): ParseCallbackResult {
  const envelope = callbackSchema.safeParse(json);
  if (!envelope.success) return { ok: false, issues: summarise(envelope.error.issues, []) };
  const events: WebhookEventRaw[] = [];
  const invalid: InvalidEvent[] = [];
  envelope.data.events.forEach((raw, index) => {
    const result = webhookEventSchema.safeParse(raw);
    if (result.success) events.push(result.data);
    else invalid.push({ index, id: invalidEventId(raw), timestamp: usableTimestamp(raw), issues: summarise(result.error.issues, ['events', index]) });
  });
  return { ok: true, value: { destination: envelope.data.destination, events }, invalid };
}

function summarise(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): string {
  const shown = issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => `${formatPath([...prefix, ...issue.path])}: ${issue.message}`);
  if (issues.length > MAX_REPORTED_ISSUES) shown.push(`(+${issues.length - MAX_REPORTED_ISSUES} more)`);
  return shown.join('; ');
}

function field(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)[key] : undefined;
}

function invalidEventId(raw: unknown): string {
  const id = field(raw, 'webhookEventId');
  if (typeof id === 'string' && id.length > 0 && id.length <= MAX_EVENT_ID_LENGTH) return id;
  return `invalid-${createHash('sha256').update(JSON.stringify(raw) ?? 'undefined').digest('hex').slice(0, 32)}`;
}

function usableTimestamp(raw: unknown): number | null {
  const timestamp = field(raw, 'timestamp');
  return typeof timestamp === 'number' && Number.isSafeInteger(timestamp) && timestamp >= 0 ? timestamp : null;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}
