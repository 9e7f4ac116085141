/**
 * Checking in at a centre's reception desk through LINE: the reception poster's QR code opens the chat with the
 * day's code as a prefilled message (「受付 ABCD1234」), or the volunteer types the code. One format for both
 * sides: the console prints the poster, the bot reads the message.
 */

/** What a day's check-in code looks like: 4–16 letters A–Z and digits (upper case; typed lower case is read too). */
export const CHECK_IN_CODE = /^[A-Z0-9]{4,16}$/;

/** The word the poster's message starts with. */
export const CHECK_IN_WORD = '受付';

// The word in the languages the bot speaks, as people type it (compared after NFKC and lower-casing).
const WORDS = [CHECK_IN_WORD, 'うけつけ', 'checkin', 'check-in', 'check in'];

/** The message the poster's QR code prefills: 「受付 ABCD1234」. */
export function checkInText(code: string): string {
  return `${CHECK_IN_WORD} ${code}`;
}

/**
 * The poster's link: opens the chat with the council's account (`lineBasicId`, e.g. `@tsunagu-demo`) with
 * {@link checkInText} ready to send (LINE's `oaMessage` URL scheme).
 */
export function checkInLink(lineBasicId: string, code: string): string {
  return `https://line.me/R/oaMessage/${encodeURIComponent(lineBasicId)}/?${encodeURIComponent(checkInText(code))}`;
}

/**
 * Pure: what a typed text says about checking in. `{ word: true, code }`: the check-in word with a code after it
 * (or none: `code` null); `{ word: false, code }`: a bare text shaped like a code (it may or may not be one);
 * null: neither. Full-width letters and digits, spaces and a colon after the word are accepted.
 */
export function readCheckIn(text: string): { word: boolean; code: string | null } | null {
  const typed = text.normalize('NFKC').trim();
  const lower = typed.toLowerCase();
  const word = WORDS.find((w) => lower.startsWith(w));
  const rest = (word ? typed.slice(word.length) : typed).replace(/[\s:]+/g, '').toUpperCase();
  if (word) return { word: true, code: CHECK_IN_CODE.test(rest) ? rest : null };
  return CHECK_IN_CODE.test(rest) ? { word: false, code: rest } : null;
}
