/**
 * Turns flow-level `OutMessage`s (locale keys) into LINE messages, with a translator already fixed to the
 * recipient's language. All LINE limits are enforced by `message-builder`; this file only decides layout.
 */
import { DomainError } from '../../domain/errors';
import type { LineAction, LineMessage } from '../../domain/line-message';
import type { Msg } from '../../domain/message-text';
import type { Chip, OutMessage } from '../../domain/out-message';
import {
  LINE_LIMITS,
  bigButtonBubble,
  datetimePickerAction,
  flexMessage,
  messageAction,
  postbackAction,
  quickReply,
  textMessage,
  truncateGraphemes,
  truncateUtf16,
  uriAction,
} from './message-builder';

/** A translator fixed to one language, e.g. `i18next.getFixedT(lng)`. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The most big buttons one message shows (the `OutMessage.buttons` contract); more would push text off screen. */
export const MAX_BUTTONS = 6;

/**
 * Renders one `OutMessage`. Lines are joined with a blank line. With `buttons` it becomes a Flex bubble
 * with large full-width buttons (the first one primary) and the text as `altText`; otherwise a text
 * message. `chips` become the quick reply. Throws `DomainError('message.invalid')` when the rendered
 * message would break a LINE limit (e.g. more than 13 chips or text over 5000 units).
 */
export function renderOutMessage(out: OutMessage, t: Translate): LineMessage {
  const text = out.lines.map((line) => tr(t, line)).join('\n\n');
  const chips = out.chips && out.chips.length > 0 ? quickReply(out.chips.map((c) => chipAction(c, t))) : undefined;
  const options = chips ? { quickReply: chips } : {};

  if (out.buttons && out.buttons.length > 0) {
    if (out.buttons.length > MAX_BUTTONS) {
      throw new DomainError('message.invalid', `a message shows at most ${MAX_BUTTONS} buttons, got ${out.buttons.length}`);
    }
    const bubble = bigButtonBubble({ text, buttons: out.buttons.map((c) => chipAction(c, t)) });
    // The altText is what notifications and the chat list show; a cut-off preview is fine there.
    return flexMessage(truncateUtf16(text, LINE_LIMITS.altText), bubble, options);
  }
  return textMessage(text, options);
}

/** Renders several `OutMessage`s in order. Batching into calls of 5 is the sender's job (`toBatches`). */
export function renderOutMessages(outs: OutMessage[], t: Translate): LineMessage[] {
  return outs.map((out) => renderOutMessage(out, t));
}

function tr(t: Translate, m: Msg): string {
  return t(m.key, m.params);
}

/**
 * Labels are shortened to LINE's 20-grapheme limit with an ellipsis, unlike every other limit, which throws.
 * Translations are data edited outside code review, and a slightly long label in one language should not
 * make the whole reply fail; a truncated chip is still tappable and its postback code is unchanged.
 * The full label is kept as `displayText`, so the chat still shows what the user chose.
 */
function label(t: Translate, m: Msg): string {
  return truncateGraphemes(tr(t, m), LINE_LIMITS.actionLabelGraphemes);
}

function chipAction(chip: Chip, t: Translate): LineAction {
  switch (chip.kind) {
    case 'postback': {
      // Without displayText a postback tap leaves no trace in the chat; elderly users lose track of what they chose.
      const displayText = chip.displayText ? tr(t, chip.displayText) : tr(t, chip.label);
      return postbackAction(label(t, chip.label), chip.data, { displayText });
    }
    case 'text':
      return messageAction(label(t, chip.label), tr(t, chip.text));
    case 'uri':
      return uriAction(label(t, chip.label), chip.uri);
    case 'datePicker': {
      const bounds = {
        ...(chip.min !== undefined ? { min: chip.min } : {}),
        ...(chip.max !== undefined ? { max: chip.max } : {}),
        ...(chip.initial !== undefined ? { initial: chip.initial } : {}),
      };
      return datetimePickerAction(label(t, chip.label), chip.data, 'date', bounds);
    }
    case 'location':
      return { type: 'location', label: label(t, chip.label) };
  }
}
