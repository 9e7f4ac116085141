/** Types of `line-events.js` (a plain browser module), for the tests that import it. */

/** Who sends an event, when, and the reply token LINE attached (none for unfollow). */
export interface EventContext {
  userId: string;
  timestamp: number;
  replyToken?: string;
}

/** A webhook event as LINE sends it. */
export type LineWebhookEvent = Record<string, unknown> & {
  type: string;
  mode: 'active';
  timestamp: number;
  source: { type: 'user'; userId: string };
  webhookEventId: string;
  deliveryContext: { isRedelivery: boolean };
  replyToken?: string;
};

export function newUlid(timeMs?: number): string;
export function newMessageId(): string;
export function randomToken(length: number): string;
export function textMessageEvent(ctx: EventContext, text: string): LineWebhookEvent;
export function imageMessageEvent(ctx: EventContext, messageId: string): LineWebhookEvent;
export function locationMessageEvent(ctx: EventContext, loc: { latitude: number; longitude: number; address?: string; title?: string }): LineWebhookEvent;
export function stickerMessageEvent(ctx: EventContext, sticker?: { packageId: string; stickerId: string; keywords?: string[] }): LineWebhookEvent;
export function postbackEvent(ctx: EventContext, data: string, params?: Record<string, string>): LineWebhookEvent;
export function followEvent(ctx: EventContext, isUnblocked?: boolean): LineWebhookEvent;
export function unfollowEvent(ctx: EventContext): LineWebhookEvent;
export function callbackBody(destination: string, events: object[]): string;
export function signBody(secret: string, bodyBytes: Uint8Array): Promise<string>;
export function toBase64(bytes: Uint8Array): string;
export function sha256(bytes: Uint8Array): Uint8Array;
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array;
