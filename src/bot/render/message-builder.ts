/**
 * The only way `LineMessage` values are created. Every builder checks LINE's documented limits and throws
 * `DomainError('message.invalid')` on a violation, so an invalid message never reaches the API (where it
 * would fail the whole call with a 400, after the reply token is burnt).
 * Limits: https://developers.line.biz/en/reference/messaging-api/ and docs/messaging-api/text-character-count/.
 */
import { DomainError } from '../../domain/errors';
import { countGraphemes, LABEL_MAX_GRAPHEMES } from '../../domain/graphemes';
import type {
  LineAction,
  LineFlexMessage,
  LineMessage,
  LineQuickReply,
  LineTextMessage,
} from '../../domain/line-message';

/** LINE's limits as enforced here. Byte and unit counts follow LINE's own counting rules. */
export const LINE_LIMITS = {
  messagesPerCall: 5,
  /** Text message, in UTF-16 code units (🍎 counts 2). */
  textUnits: 5000,
  quickReplyItems: 13,
  /**
   * Action labels, in grapheme clusters. Quick replies and templates allow 20. The Flex button reference
   * does not state a separate figure we could verify, so we apply 20 to every action, Flex buttons included:
   * a conservative limit can only reject labels LINE might have accepted, never the reverse.
   */
  actionLabelGraphemes: LABEL_MAX_GRAPHEMES,
  postbackData: 300,
  /** Postback `displayText`, in grapheme clusters. */
  displayTextGraphemes: 300,
  /** Message action `text`. */
  messageActionText: 300,
  uri: 1000,
  altText: 1500,
  /** "30 KB" in LINE's reference; we read it as 30,000 bytes of UTF-8 JSON, the stricter interpretation. */
  bubbleBytes: 30_000,
  carouselBubbles: 12,
  carouselBytes: 50_000,
} as const;

const DATETIME_MIN = '1900-01-01T00:00';
const DATETIME_MAX = '2100-12-31T23:59';
const URI_SCHEMES = ['http:', 'https:', 'tel:', 'line:'];

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

function invalid(message: string): never {
  throw new DomainError('message.invalid', message);
}

export { countGraphemes };

/**
 * True when `s` has at most `max` grapheme clusters. A string never has more clusters than UTF-16 code
 * units, so short strings — nearly every label — skip the (comparatively slow) segmentation.
 */
export function fitsGraphemes(s: string, max: number): boolean {
  return s.length <= max || countGraphemes(s) <= max;
}

/**
 * Shortens `s` to at most `maxGraphemes` grapheme clusters, ending with `ellipsis` when it had to cut.
 * Never splits a grapheme (so no broken surrogate pairs or half emoji sequences).
 */
export function truncateGraphemes(s: string, maxGraphemes: number, ellipsis = '…'): string {
  if (fitsGraphemes(s, maxGraphemes)) return s;
  const keep = Math.max(0, maxGraphemes - countGraphemes(ellipsis));
  let out = '';
  let n = 0;
  for (const { segment } of graphemes.segment(s)) {
    if (n === keep) break;
    out += segment;
    n++;
  }
  return out + ellipsis;
}

/**
 * Shortens `s` to at most `maxUnits` UTF-16 code units (LINE's unit for text and altText), ending with
 * `ellipsis` when it had to cut. Cuts on grapheme boundaries only.
 */
export function truncateUtf16(s: string, maxUnits: number, ellipsis = '…'): string {
  if (s.length <= maxUnits) return s;
  const budget = maxUnits - ellipsis.length;
  let out = '';
  for (const { segment } of graphemes.segment(s)) {
    if (out.length + segment.length > budget) break;
    out += segment;
  }
  return out + ellipsis;
}

function checkLabel(label: string): void {
  if (label.trim() === '') invalid('action label must not be empty');
  if (!fitsGraphemes(label, LINE_LIMITS.actionLabelGraphemes)) {
    invalid(`action label has ${countGraphemes(label)} characters; LINE allows ${LINE_LIMITS.actionLabelGraphemes}`);
  }
}

function checkData(data: string): void {
  if (data === '') invalid('postback data must not be empty');
  if (data.length > LINE_LIMITS.postbackData) {
    invalid(`postback data has ${data.length} characters; LINE allows ${LINE_LIMITS.postbackData}`);
  }
}

/** Options for `postbackAction`. */
export interface PostbackOptions {
  /** Shown in the chat as if the user typed it; omit to show nothing. */
  displayText?: string;
  inputOption?: 'closeRichMenu' | 'openRichMenu' | 'openKeyboard' | 'openVoice';
}

/** A postback action: tapping sends `data` (a stable code, never localised text) to the webhook. */
export function postbackAction(label: string, data: string, options: PostbackOptions = {}): LineAction {
  checkLabel(label);
  checkData(data);
  const action: LineAction = { type: 'postback', label, data };
  if (options.displayText !== undefined) {
    if (options.displayText.trim() === '') invalid('postback displayText must not be empty');
    if (!fitsGraphemes(options.displayText, LINE_LIMITS.displayTextGraphemes)) {
      invalid(`postback displayText has ${countGraphemes(options.displayText)} characters; LINE allows ${LINE_LIMITS.displayTextGraphemes}`);
    }
    action.displayText = options.displayText;
  }
  if (options.inputOption !== undefined) action.inputOption = options.inputOption;
  return action;
}

/** A message action: tapping sends `text` as if the user typed it. */
export function messageAction(label: string, text: string): LineAction {
  checkLabel(label);
  if (text.trim() === '') invalid('message action text must not be empty');
  if (text.length > LINE_LIMITS.messageActionText) {
    invalid(`message action text has ${text.length} characters; LINE allows ${LINE_LIMITS.messageActionText}`);
  }
  return { type: 'message', label, text };
}

/** A URI action. Only http, https, tel and line schemes are allowed. */
export function uriAction(label: string, uri: string): LineAction {
  checkLabel(label);
  if (uri.length > LINE_LIMITS.uri) invalid(`uri has ${uri.length} characters; LINE allows ${LINE_LIMITS.uri}`);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    invalid('uri is not a valid URL');
  }
  if (!URI_SCHEMES.includes(url.protocol)) invalid(`uri scheme ${url.protocol} is not allowed`);
  // A phone dials the path: a bare # (tel:#8008) moves the number into the fragment (build it with telUri).
  if (url.protocol === 'tel:' && (!url.pathname || url.hash)) invalid('tel: uri has no number to dial (encode # as %23)');
  return { type: 'uri', label, uri };
}

/** Bounds for a datetime picker, in the picker's own format (`2026-07-01`, `09:30`, `2026-07-01T09:30`). */
export interface DatetimeBounds {
  initial?: string;
  min?: string;
  max?: string;
}

const PICKER_FORMATS = {
  date: /^(\d{4})-(\d{2})-(\d{2})$/,
  time: /^(\d{2}):(\d{2})$/,
  datetime: /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})$/,
} as const;

/**
 * Normalises a picker value to a comparable `YYYY-MM-DDTHH:mm` (time mode uses a fixed date) and checks
 * it is a real calendar value within LINE's range.
 */
function pickerValue(mode: 'date' | 'time' | 'datetime', value: string): string {
  const m = PICKER_FORMATS[mode].exec(value);
  if (!m) invalid(`datetime picker value "${value}" does not match ${mode} format`);
  const parts = m.slice(1).map(Number);
  let [y, mo, d, h, mi] = [2000, 1, 1, 0, 0];
  if (mode === 'date') [y, mo, d] = parts as [number, number, number];
  else if (mode === 'time') [h, mi] = parts as [number, number];
  else [y, mo, d, h, mi] = parts as [number, number, number, number, number];
  const asDate = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const real =
    asDate.getUTCFullYear() === y &&
    asDate.getUTCMonth() === mo - 1 &&
    asDate.getUTCDate() === d &&
    h < 24 &&
    mi < 60;
  if (!real) invalid(`datetime picker value "${value}" is not a real ${mode}`);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const normal = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
  if (normal < DATETIME_MIN || normal > DATETIME_MAX) {
    invalid(`datetime picker value "${value}" is outside ${DATETIME_MIN}..${DATETIME_MAX}`);
  }
  return normal;
}

/** A datetime picker action. Values must be within 1900-01-01..2100-12-31T23:59 and min ≤ initial ≤ max. */
export function datetimePickerAction(
  label: string,
  data: string,
  mode: 'date' | 'time' | 'datetime',
  bounds: DatetimeBounds = {},
): LineAction {
  checkLabel(label);
  checkData(data);
  const min = bounds.min === undefined ? undefined : pickerValue(mode, bounds.min);
  const max = bounds.max === undefined ? undefined : pickerValue(mode, bounds.max);
  const initial = bounds.initial === undefined ? undefined : pickerValue(mode, bounds.initial);
  // LINE requires max to be after min, and initial between them.
  if (min !== undefined && max !== undefined && max <= min) invalid('datetime picker max must be after min');
  if (initial !== undefined && min !== undefined && initial < min) invalid('datetime picker initial is before min');
  if (initial !== undefined && max !== undefined && initial > max) invalid('datetime picker initial is after max');
  const action: LineAction = { type: 'datetimepicker', label, data, mode };
  if (bounds.initial !== undefined) action.initial = bounds.initial;
  if (bounds.min !== undefined) action.min = bounds.min;
  if (bounds.max !== undefined) action.max = bounds.max;
  return action;
}

/** A quick reply (chips above the keyboard) of 1–13 actions, each with a label. */
export function quickReply(actions: LineAction[]): LineQuickReply {
  if (actions.length === 0) invalid('a quick reply needs at least one item');
  if (actions.length > LINE_LIMITS.quickReplyItems) {
    invalid(`quick reply has ${actions.length} items; LINE allows ${LINE_LIMITS.quickReplyItems}`);
  }
  for (const action of actions) {
    if (action.label === undefined) invalid('quick reply actions need a label');
    checkLabel(action.label);
  }
  return { items: actions.map((action) => ({ type: 'action', action })) };
}

/** A text message of 1–5000 UTF-16 code units, with an optional quick reply. */
export function textMessage(text: string, options: { quickReply?: LineQuickReply } = {}): LineTextMessage {
  if (text.trim() === '') invalid('text message must not be empty');
  if (text.length > LINE_LIMITS.textUnits) {
    invalid(`text has ${text.length} UTF-16 units; LINE allows ${LINE_LIMITS.textUnits}`);
  }
  const message: LineTextMessage = { type: 'text', text };
  if (options.quickReply) message.quickReply = quickReply(options.quickReply.items.map((i) => i.action));
  return message;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Options for `bigButtonBubble`. */
export interface BigButtonBubbleOptions {
  /** Body text; wrapped, in a large font for readability. */
  text: string;
  /** One full-width button per action, top to bottom. The first is styled as the primary choice. */
  buttons: LineAction[];
}

/**
 * A Flex bubble with readable body text and large full-width buttons (height `md`), for users who find
 * quick-reply chips too small. Returns the bubble container to pass to `flexMessage`.
 */
export function bigButtonBubble(options: BigButtonBubbleOptions): Record<string, unknown> {
  if (options.text.trim() === '') invalid('bubble text must not be empty');
  if (options.buttons.length === 0) invalid('a button bubble needs at least one button');
  const buttons = options.buttons.map((action, i) => {
    // Flex buttons show the label as their only text, so it is required here even where LINE makes it optional.
    if (action.label === undefined) invalid('flex button actions need a label');
    checkLabel(action.label);
    return { type: 'button', action, style: i === 0 ? 'primary' : 'secondary', height: 'md' };
  });
  const bubble = {
    type: 'bubble',
    body: {
      type: 'box',
      layout: 'vertical',
      contents: [{ type: 'text', text: options.text, wrap: true, size: 'lg' }],
    },
    footer: { type: 'box', layout: 'vertical', spacing: 'md', contents: buttons },
  };
  checkBubbleSize(bubble);
  return bubble;
}

function checkBubbleSize(bubble: unknown): void {
  const bytes = jsonBytes(bubble);
  if (bytes > LINE_LIMITS.bubbleBytes) {
    invalid(`flex bubble is ${bytes} bytes; LINE allows ${LINE_LIMITS.bubbleBytes}`);
  }
}

/**
 * A Flex message. `contents` is a bubble (≤ 30 KB) or a carousel (≤ 12 bubbles, ≤ 50 KB);
 * `altText` (shown in notifications and chat lists) is 1–1500 UTF-16 units.
 */
export function flexMessage(
  altText: string,
  contents: Record<string, unknown>,
  options: { quickReply?: LineQuickReply } = {},
): LineFlexMessage {
  if (altText.trim() === '') invalid('flex altText must not be empty');
  if (altText.length > LINE_LIMITS.altText) {
    invalid(`flex altText has ${altText.length} characters; LINE allows ${LINE_LIMITS.altText}`);
  }
  if (contents.type === 'bubble') {
    checkBubbleSize(contents);
  } else if (contents.type === 'carousel') {
    const bubbles = contents.contents;
    if (!Array.isArray(bubbles) || bubbles.length === 0) invalid('flex carousel needs bubbles');
    if (bubbles.length > LINE_LIMITS.carouselBubbles) {
      invalid(`flex carousel has ${bubbles.length} bubbles; LINE allows ${LINE_LIMITS.carouselBubbles}`);
    }
    bubbles.forEach(checkBubbleSize);
    const bytes = jsonBytes(contents);
    if (bytes > LINE_LIMITS.carouselBytes) {
      invalid(`flex carousel is ${bytes} bytes; LINE allows ${LINE_LIMITS.carouselBytes}`);
    }
  } else {
    invalid('flex contents must be a bubble or a carousel');
  }
  const message: LineFlexMessage = { type: 'flex', altText, contents };
  if (options.quickReply) message.quickReply = quickReply(options.quickReply.items.map((i) => i.action));
  return message;
}

/** Splits messages into groups of at most 5, LINE's per-call maximum, keeping their order. */
export function toBatches(messages: LineMessage[]): LineMessage[][] {
  const batches: LineMessage[][] = [];
  for (let i = 0; i < messages.length; i += LINE_LIMITS.messagesPerCall) {
    batches.push(messages.slice(i, i + LINE_LIMITS.messagesPerCall));
  }
  return batches;
}
