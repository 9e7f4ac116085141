/**
 * What of a resident's free question is kept for the knowledge loop: the question with the personal data residents
 * often add (phone numbers, e-mail addresses, postcodes) replaced by a placeholder. Staff group questions by their
 * words; they never need the number. Pure.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Digit runs with optional separators, 7 digits or more in all (phone numbers, postcodes with 〒, account numbers). */
const NUMBER_RUN = /(?:\+?\d[\d\s()\-‐ー−–]{5,}\d)/gu;

/** `text` (NFKC, so full-width digits count) with e-mail addresses and long numbers replaced. */
export function withoutPersonalData(text: string): string {
  return text
    .normalize('NFKC')
    .replace(EMAIL, '〈メール〉')
    .replace(NUMBER_RUN, (run) => (run.replace(/\D/g, '').length >= 7 ? '〈番号〉' : run));
}
