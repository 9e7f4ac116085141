/**
 * A LINE webhook event normalised into the product's own type. The raw event is stored as received;
 * this is what flows and the runner see. `kind` is a closed set; LINE types the bot does not act on
 * become `ignored` with their original type kept for the record.
 */
export type InboundInput =
  | { kind: 'text'; text: string; messageId: string; markAsReadToken?: string }
  | { kind: 'media'; mediaType: 'image' | 'video' | 'audio' | 'file'; messageId: string; fromLine: boolean }
  | { kind: 'sticker'; messageId: string }
  | { kind: 'location'; messageId: string; latitude: number; longitude: number; address?: string; title?: string }
  | { kind: 'postback'; data: string; params?: Record<string, string> }
  | { kind: 'follow'; isUnblocked: boolean }
  | { kind: 'unfollow' }
  | { kind: 'unsend'; messageId: string }
  | { kind: 'ignored'; lineType: string };

export type SourceType = 'user' | 'group' | 'room' | 'unknown';

export interface InboundEvent {
  webhookEventId: string;
  /** LINE's event `type` as received (message, postback, follow, beacon, …). */
  lineType: string;
  /** Epoch milliseconds of the event (LINE's `timestamp`). */
  timestamp: number;
  mode: 'active' | 'standby';
  isRedelivery: boolean;
  sourceType: SourceType;
  /** The 1:1 user, when the source is a user. Group/room member ids are not kept here. */
  userId?: string;
  replyToken?: string;
  input: InboundInput;
}
