/**
 * LINE's URL schemes the simulator opens the way the LINE app does (pure, no DOM). Source: LINE Developers, "Using
 * LINE features with the LINE URL scheme" — `https://line.me/R/oaMessage/{LINE ID}/?{text message}` opens the chat
 * with the official account whose LINE ID (a basic ID such as `@123abcde`, its `@` may be written `%40`) is given,
 * with the percent-encoded text typed in; the user still presses send.
 */

/** `{ accountId, text }` of an `oaMessage` link, or null for any other link. */
export function readOaMessage(url) {
  let u;
  try {
    u = new URL(String(url));
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.hostname !== 'line.me') return null;
  const m = /^\/R\/oaMessage\/([^/]+)\/?$/.exec(u.pathname);
  if (!m) return null;
  try {
    return { accountId: decodeURIComponent(m[1]), text: decodeURIComponent(u.search.slice(1)) };
  } catch {
    return null;
  }
}
