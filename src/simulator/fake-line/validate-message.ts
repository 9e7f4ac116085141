/**
 * Validation of send requests (reply, push, multicast, broadcast) the way LINE answers them: every problem
 * as a `{message, property}` detail with a JSON path (`messages[0].quickReply.items[3].action.label`).
 * Limits come from OAS `messaging-api.yml` (maxItems) and the reference pages (character limits); see
 * LINE-PLATFORM.md §2–3. Containers (template, Flex) are in `validate-container.ts`.
 */
import type { LineErrorDetail } from './types';
import { validateAction } from './validate-action';
import { at, DetailCollector, isObject, join } from './validate-common';
import { validateFlex, validateTemplate } from './validate-container';

/** The send endpoints whose bodies this module checks. */
export type SendEndpoint = 'reply' | 'push' | 'multicast' | 'broadcast';

/** Message types LINE knows (OAS `Message` discriminator). */
export const MESSAGE_TYPES = [
  'text',
  'textV2',
  'sticker',
  'image',
  'video',
  'audio',
  'location',
  'imagemap',
  'template',
  'flex',
  'coupon',
] as const;

/** Max messages per request and max multicast recipients (OAS maxItems). */
export const MAX_MESSAGES = 5;
export const MAX_MULTICAST_RECIPIENTS = 500;
const MAX_QUICK_REPLY_ITEMS = 13;
const HTTPS = ['https'];

/** All details for a send request body; empty when LINE would accept it. */
export function validateSendRequest(endpoint: SendEndpoint, body: unknown): LineErrorDetail[] {
  const c = new DetailCollector();
  if (!isObject(body)) {
    c.add('', 'The request body must be a JSON object');
    return c.details;
  }
  if (endpoint === 'reply') c.string(body, 'replyToken', '', { required: true });
  if (endpoint === 'push') c.string(body, 'to', '', { required: true });
  if (endpoint === 'multicast') {
    const to = c.array(body, 'to', '', { required: true, min: 1, max: MAX_MULTICAST_RECIPIENTS });
    to?.forEach((id, i) => {
      if (typeof id !== 'string' || id === '') c.add(at('to', i), 'May not be empty');
    });
  }
  if (body.notificationDisabled !== undefined && typeof body.notificationDisabled !== 'boolean') {
    c.add('notificationDisabled', 'Must be a boolean');
  }
  validateMessages(c, body, 'messages');
  return c.details;
}

/** Checks `body[key]` as LINE's `messages` array: 1–5 message objects. */
export function validateMessages(c: DetailCollector, body: Record<string, unknown>, key: string): void {
  const messages = c.array(body, key, '', { required: true, min: 1, max: MAX_MESSAGES });
  messages?.forEach((m, i) => validateMessage(c, m, at(key, i)));
}

function validateMessage(c: DetailCollector, message: unknown, path: string): void {
  if (!isObject(message)) {
    c.add(path, 'Must be an object');
    return;
  }
  const type = c.oneOf(message, 'type', path, MESSAGE_TYPES);
  validateQuickReply(c, message, path);
  const sender = c.object(message, 'sender', path);
  if (sender) {
    c.string(sender, 'name', join(path, 'sender'), { max: 20 });
    c.string(sender, 'iconUrl', join(path, 'sender'), { max: 2000, schemes: HTTPS });
  }
  switch (type) {
    case 'text':
    case 'textV2':
      c.string(message, 'text', path, { required: true, max: 5000 });
      c.array(message, 'emojis', path, { max: 20 });
      return;
    case 'sticker':
      c.string(message, 'packageId', path, { required: true });
      c.string(message, 'stickerId', path, { required: true });
      return;
    case 'image':
    case 'video':
      c.string(message, 'originalContentUrl', path, { required: true, max: 2000, schemes: HTTPS });
      c.string(message, 'previewImageUrl', path, { required: true, max: 2000, schemes: HTTPS });
      if (type === 'video') c.string(message, 'trackingId', path, { max: 100 });
      return;
    case 'audio':
      c.string(message, 'originalContentUrl', path, { required: true, max: 2000, schemes: HTTPS });
      c.number(message, 'duration', path, true);
      return;
    case 'location':
      c.string(message, 'title', path, { required: true, max: 100 });
      c.string(message, 'address', path, { required: true, max: 100 });
      c.number(message, 'latitude', path, true);
      c.number(message, 'longitude', path, true);
      return;
    case 'imagemap':
      c.string(message, 'baseUrl', path, { required: true, max: 2000, schemes: HTTPS });
      c.string(message, 'altText', path, { required: true, max: 1500 });
      c.object(message, 'baseSize', path, true);
      c.array(message, 'actions', path, { required: true, max: 50 });
      return;
    case 'template':
      validateTemplate(c, message, path);
      return;
    case 'flex':
      validateFlex(c, message, path);
      return;
    case 'coupon':
      c.string(message, 'couponId', path, { required: true });
      return;
    default:
      return; // unknown type: already reported by oneOf
  }
}

/** REF#items-object: up to 13 buttons (OAS sets no minimum), each `{type: 'action', action, imageUrl?}`. */
function validateQuickReply(c: DetailCollector, message: Record<string, unknown>, path: string): void {
  const quickReply = c.object(message, 'quickReply', path);
  if (!quickReply) return;
  const qrPath = join(path, 'quickReply');
  const items = c.array(quickReply, 'items', qrPath, { required: true, max: MAX_QUICK_REPLY_ITEMS });
  items?.forEach((item, i) => {
    const itemPath = at(join(qrPath, 'items'), i);
    if (!isObject(item)) {
      c.add(itemPath, 'Must be an object');
      return;
    }
    c.oneOf(item, 'type', itemPath, ['action']);
    c.string(item, 'imageUrl', itemPath, { max: 2000, schemes: HTTPS });
    if (item.action === undefined) c.add(join(itemPath, 'action'), 'May not be empty');
    else validateAction(c, item.action, join(itemPath, 'action'), 'quickReply');
  });
}
