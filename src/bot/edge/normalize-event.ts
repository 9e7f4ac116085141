/**
 * Maps one validated LINE webhook event onto the product's own `InboundEvent`. Pure: no I/O, no clock.
 */
import type { InboundEvent, InboundInput, SourceType } from '../../domain/inbound-event';
import { plainText } from '../../domain/plain-text';
import {
  isActedOnEvent,
  isKnownMessageContent,
  type ActedOnEvent,
  type MessageContentRaw,
  type WebhookEventRaw,
} from './webhook-schema';

/**
 * Normalises a validated event (see `parseCallback`). Only a 1:1 (`user`) source yields a `userId`: group
 * and room events keep their type but drop the member's id, so nothing downstream can turn a group message
 * into a 1:1 send. Types the bot does not act on become `{ kind: 'ignored', lineType }`. What a resident wrote
 * (a text, a place's name and address) comes out as {@link plainText}: no control characters reach the flows
 * or the database.
 */
export function normalizeEvent(raw: WebhookEventRaw): InboundEvent {
  const { sourceType, userId } = sourceOf(raw);
  const event: InboundEvent = {
    webhookEventId: raw.webhookEventId,
    lineType: raw.type,
    timestamp: raw.timestamp,
    mode: raw.mode,
    isRedelivery: raw.deliveryContext.isRedelivery,
    sourceType,
    input: isActedOnEvent(raw) ? inputOf(raw) : { kind: 'ignored', lineType: raw.type },
  };
  if (userId !== undefined) event.userId = userId;
  // Only the acted-on schemas check replyToken's type; elsewhere it is whatever LINE sent.
  if (typeof raw.replyToken === 'string') event.replyToken = raw.replyToken;
  return event;
}

function sourceOf(raw: WebhookEventRaw): { sourceType: SourceType; userId?: string } {
  const source = raw.source;
  if (source === undefined) return { sourceType: 'unknown' };
  switch (source.type) {
    case 'user':
      return source.userId === undefined ? { sourceType: 'user' } : { sourceType: 'user', userId: source.userId };
    case 'group':
    case 'room':
      return { sourceType: source.type };
    default:
      return { sourceType: 'unknown' };
  }
}

function inputOf(raw: ActedOnEvent): InboundInput {
  switch (raw.type) {
    case 'message':
      return messageInputOf(raw.message);
    case 'postback': {
      const { data, params } = raw.postback;
      return params === undefined ? { kind: 'postback', data } : { kind: 'postback', data, params: { ...params } };
    }
    case 'follow':
      return { kind: 'follow', isUnblocked: raw.follow.isUnblocked };
    case 'unfollow':
      return { kind: 'unfollow' };
    case 'unsend':
      return { kind: 'unsend', messageId: raw.unsend.messageId };
  }
}

function messageInputOf(message: MessageContentRaw): InboundInput {
  // A message type LINE adds later is kept as a record but not acted on.
  if (!isKnownMessageContent(message)) return { kind: 'ignored', lineType: 'message' };
  switch (message.type) {
    case 'text': {
      const text = plainText(message.text);
      return message.markAsReadToken === undefined
        ? { kind: 'text', text, messageId: message.id }
        : { kind: 'text', text, messageId: message.id, markAsReadToken: message.markAsReadToken };
    }
    case 'image':
    case 'video':
    case 'audio':
      return {
        kind: 'media',
        mediaType: message.type,
        messageId: message.id,
        fromLine: message.contentProvider.type === 'line',
      };
    case 'file':
      // Files have no contentProvider in the spec: their content is always held by LINE.
      return { kind: 'media', mediaType: 'file', messageId: message.id, fromLine: true };
    case 'location': {
      const input: InboundInput & { kind: 'location' } = {
        kind: 'location',
        messageId: message.id,
        latitude: message.latitude,
        longitude: message.longitude,
      };
      if (message.address !== undefined) input.address = plainText(message.address);
      if (message.title !== undefined) input.title = plainText(message.title);
      return input;
    }
    case 'sticker':
      return { kind: 'sticker', messageId: message.id };
  }
}
