/**
 * Validation of LINE action objects (REF#action-objects). The same action has different limits by where it
 * sits, so callers pass the context: a label is 20 graphemes on a quick-reply button, 12 in an image
 * carousel, 40 on a Flex button; camera and location actions exist only on quick replies, and
 * `richmenuswitch` only on rich menus.
 */
import { DetailCollector, isObject, join } from './validate-common';

/** Where an action appears. */
export type ActionContext = 'quickReply' | 'template' | 'imageCarousel' | 'flex' | 'richMenu';

const ACTION_TYPES = [
  'postback',
  'message',
  'uri',
  'datetimepicker',
  'camera',
  'cameraRoll',
  'location',
  'richmenuswitch',
  'clipboard',
] as const;

const LABEL_MAX: Record<ActionContext, number> = {
  quickReply: 20,
  template: 20,
  imageCarousel: 12,
  flex: 40,
  richMenu: 20,
};

const QUICK_REPLY_ONLY = new Set(['camera', 'cameraRoll', 'location']);
const URI_SCHEMES = ['http', 'https', 'line', 'tel'];
const DATA_MAX = 300;

/** Adds a detail for every way `action` breaks LINE's rules in `context`. */
export function validateAction(c: DetailCollector, action: unknown, path: string, context: ActionContext): void {
  if (!isObject(action)) {
    c.add(path, 'Must be an object');
    return;
  }
  const type = c.oneOf(action, 'type', path, ACTION_TYPES);
  if (type === undefined) return;

  if (QUICK_REPLY_ONLY.has(type) && context !== 'quickReply') {
    c.add(join(path, 'type'), `The ${type} action can only be used in quick reply buttons`);
  }
  if (type === 'richmenuswitch' && context !== 'richMenu') {
    c.add(join(path, 'type'), 'The richmenuswitch action can only be used in rich menus');
  }
  const labelRequired = context === 'template' || QUICK_REPLY_ONLY.has(type);
  c.string(action, 'label', path, { required: labelRequired, max: LABEL_MAX[context], unit: 'grapheme' });

  switch (type) {
    case 'postback':
      c.string(action, 'data', path, { required: true, max: DATA_MAX });
      c.string(action, 'displayText', path, { max: 300, unit: 'grapheme' });
      c.string(action, 'text', path, { max: 300 });
      c.string(action, 'fillInText', path, { max: 300 });
      c.oneOf(action, 'inputOption', path, ['closeRichMenu', 'openRichMenu', 'openKeyboard', 'openVoice'], true);
      if (action.displayText !== undefined && action.text !== undefined) {
        c.add(join(path, 'text'), 'Cannot be specified together with displayText');
      }
      return;
    case 'message':
      c.string(action, 'text', path, { required: true, max: 300 });
      return;
    case 'uri': {
      c.string(action, 'uri', path, { required: true, max: 1000, schemes: URI_SCHEMES });
      const altUri = c.object(action, 'altUri', path);
      if (altUri) c.string(altUri, 'desktop', join(path, 'altUri'), { max: 1000, schemes: URI_SCHEMES });
      return;
    }
    case 'datetimepicker':
      validateDatetimePicker(c, action, path);
      return;
    case 'richmenuswitch':
      c.string(action, 'richMenuAliasId', path, { required: true, max: 32 });
      c.string(action, 'data', path, { required: true, max: DATA_MAX });
      return;
    case 'clipboard':
      c.string(action, 'clipboardText', path, { required: true, max: 1000 });
      return;
    default:
      return; // camera, cameraRoll, location: a label and nothing else
  }
}

const DATETIME_FORMAT: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}$/,
  datetime: /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}$/,
};

/** REF#datetime-picker-action: values in the mode's format, within 1900-01-01 … 2100-12-31T23:59, min < max. */
function validateDatetimePicker(c: DetailCollector, action: Record<string, unknown>, path: string): void {
  c.string(action, 'data', path, { required: true, max: DATA_MAX });
  const mode = c.oneOf(action, 'mode', path, ['date', 'time', 'datetime']);
  if (mode === undefined) return;
  const values: Record<string, string | undefined> = {};
  for (const key of ['initial', 'min', 'max']) {
    const value = c.string(action, key, path);
    if (value === undefined) continue;
    if (!DATETIME_FORMAT[mode]?.test(value) || !inRange(mode, value)) {
      c.add(join(path, key), `Invalid ${mode} format or out of range`);
      continue;
    }
    values[key] = value.toLowerCase();
  }
  if (values.min !== undefined && values.max !== undefined && values.min >= values.max) {
    c.add(join(path, 'min'), 'Must be earlier than max');
  }
}

function inRange(mode: string, value: string): boolean {
  const time = mode === 'time' ? value : mode === 'datetime' ? value.slice(11) : undefined;
  if (time !== undefined) {
    const [h, m] = time.split(':').map(Number);
    if (h === undefined || m === undefined || h > 23 || m > 59) return false;
  }
  if (mode === 'time') return true;
  // Lexical comparison works because the formats are fixed-width and zero-padded.
  const date = value.slice(0, 10);
  return date >= '1900-01-01' && date <= '2100-12-31' && !Number.isNaN(Date.parse(date));
}
