/**
 * The subset of LINE Messaging API message objects this product sends, as plain data.
 * Shapes follow `messaging-api.yml` (line/line-openapi); only `src/bot/message-builder.ts` creates them,
 * so every value of these types has already been checked against LINE's limits.
 */

export type LineAction =
  | { type: 'postback'; label?: string; data: string; displayText?: string; inputOption?: 'closeRichMenu' | 'openRichMenu' | 'openKeyboard' | 'openVoice' }
  | { type: 'message'; label?: string; text: string }
  | { type: 'uri'; label?: string; uri: string }
  | { type: 'datetimepicker'; label?: string; data: string; mode: 'date' | 'time' | 'datetime'; initial?: string; max?: string; min?: string }
  | { type: 'location'; label: string }
  | { type: 'camera'; label: string }
  | { type: 'cameraRoll'; label: string };

export interface LineQuickReplyItem {
  type: 'action';
  imageUrl?: string;
  action: LineAction;
}

export interface LineQuickReply {
  items: LineQuickReplyItem[];
}

interface MessageCommon {
  quickReply?: LineQuickReply;
}

export interface LineTextMessage extends MessageCommon {
  type: 'text';
  text: string;
}

export interface LineFlexMessage extends MessageCommon {
  type: 'flex';
  altText: string;
  /** A Flex bubble or carousel container, as LINE's JSON. */
  contents: Record<string, unknown>;
}

export interface LineTemplateMessage extends MessageCommon {
  type: 'template';
  altText: string;
  template: Record<string, unknown>;
}

export interface LineImageMessage extends MessageCommon {
  type: 'image';
  originalContentUrl: string;
  previewImageUrl: string;
}

/** A place on a map: title and address of at most 100 characters each. */
export interface LineLocationMessage extends MessageCommon {
  type: 'location';
  title: string;
  address: string;
  latitude: number;
  longitude: number;
}

export type LineMessage = LineTextMessage | LineFlexMessage | LineTemplateMessage | LineImageMessage | LineLocationMessage;
