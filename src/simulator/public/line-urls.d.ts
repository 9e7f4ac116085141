/** Types of `line-urls.js` (a plain browser module), for the tests that import it. */

/** The account and the typed-in text of an `https://line.me/R/oaMessage/{LINE ID}/?{text}` link; null for any other link. */
export function readOaMessage(url: string): { accountId: string; text: string } | null;
