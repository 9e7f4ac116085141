import type { Msg } from './message-text';

/**
 * A button the user can tap. `postback` buttons carry a stable code (never localised text);
 * `text` buttons send the localised text as if typed. Rendered as quick-reply chips or Flex buttons.
 */
export type Chip =
  | { kind: 'postback'; label: Msg; data: string; displayText?: Msg }
  | { kind: 'text'; label: Msg; text: Msg }
  | { kind: 'uri'; label: Msg; uri: string }
  | { kind: 'datePicker'; label: Msg; data: string; min?: string; max?: string; initial?: string }
  /** Opens LINE's location picker; the pin comes back as a location message. Quick replies only (not `buttons`). */
  | { kind: 'location'; label: Msg };

/**
 * A message as flows describe it, before rendering: lines of localised text, optional big buttons
 * (shown in the message body) and optional quick-reply chips (shown above the keyboard).
 */
export interface OutMessage {
  /** Paragraphs, joined with blank lines when rendered. */
  lines: Msg[];
  /** Large buttons in the message body (a Flex bubble); at most 6 so the bubble stays readable. */
  buttons?: Chip[];
  /** Quick-reply chips; the renderer enforces LINE's 13-chip limit. */
  chips?: Chip[];
}
