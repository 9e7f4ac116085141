import { DomainError } from './errors';

/**
 * Phone numbers residents dial from a LINE button: a short national number (110, 119, 189, 188 …), a # number
 * (#8008, #7119), or a full Japanese number of 10 or 11 digits starting with 0, with single hyphens between
 * groups (045-000-1200, 0570-783-556) or none.
 */
const SHORT = /^(?:1\d{2}|#\d{4})$/;
const FULL = /^(?:0\d{1,4}(?:-\d{1,4}){1,2}|0\d{9,10})$/;

/** Pure: whether a phone can dial this number as written. */
export function isDiallable(phone: string): boolean {
  if (SHORT.test(phone)) return true;
  if (!FULL.test(phone)) return false;
  const digits = phone.replace(/-/g, '').length;
  return digits === 10 || digits === 11;
}

/** What the profile and error messages say a number must look like. */
export const DIALLABLE_HINT = 'a phone number such as 045-000-1234, 0120-279-338, 189 or #8008';

/**
 * The tel: URI that dials `phone`: hyphens dropped and `#` percent-encoded, since a bare `#` starts the URI's
 * fragment and the phone would dial what comes before it (nothing, for #8008). Throws on a number that cannot
 * be dialled (profiles are checked for this when loaded).
 */
export function telUri(phone: string): string {
  if (!isDiallable(phone)) throw new DomainError('message.invalid', `cannot dial "${phone}": expected ${DIALLABLE_HINT}`);
  return `tel:${encodeURIComponent(phone.replace(/-/g, ''))}`;
}
