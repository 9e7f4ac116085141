/**
 * Text as residents send it, made safe to keep: what LINE delivers may hold any Unicode, including control
 * characters a phone keyboard can produce or a paste can carry. They reach names, notices and the console, and
 * one of them once made a stored notice unreadable, so they are dropped where text enters.
 */

// C0 controls except the line feed, DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * `text` with line breaks kept as `\n` (`\r\n` and a lone `\r` become `\n`), a tab as a space, every other
 * control character (C0, DEL, C1) removed, and any lone surrogate replaced by U+FFFD. Pure.
 */
export function plainText(text: string): string {
  return text.toWellFormed().replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(CONTROL, '');
}
