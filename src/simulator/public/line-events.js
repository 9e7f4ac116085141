/**
 * Webhook events shaped exactly like LINE's (line/line-openapi webhook.yml) and their signature.
 * Pure browser module (also imported by the tests under Node): no DOM, only `crypto.getRandomValues`,
 * `crypto.subtle` when the page is a secure context, and `TextEncoder`.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomBytes(n) {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A ULID (48-bit ms time + 80 random bits, Crockford base32): the format of `webhookEventId`. */
export function newUlid(timeMs = Date.now()) {
  let time = '';
  let rest = Math.floor(timeMs);
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  let tail = '';
  for (const byte of randomBytes(16)) tail += CROCKFORD[byte % 32];
  return time + tail;
}

/** An 18-digit decimal string, the shape of LINE message ids. */
export function newMessageId() {
  const digits = randomBytes(18);
  let id = String(1 + (digits[0] % 9));
  for (let i = 1; i < 18; i++) id += String(digits[i] % 10);
  return id;
}

/** A random base64url token of `length` characters (quote tokens, mark-as-read tokens). */
export function randomToken(length) {
  let out = '';
  for (const byte of randomBytes(length)) out += BASE64URL[byte % 64];
  return out;
}

/** The common properties of every event from a user (REF#common-properties), plus the reply token if given. */
function baseEvent(type, { userId, timestamp, replyToken }) {
  const event = {
    type,
    mode: 'active',
    timestamp,
    source: { type: 'user', userId },
    webhookEventId: newUlid(timestamp),
    deliveryContext: { isRedelivery: false },
  };
  if (replyToken) event.replyToken = replyToken;
  return event;
}

/** A text message event. `ctx` is `{userId, timestamp, replyToken}`. */
export function textMessageEvent(ctx, text) {
  return {
    ...baseEvent('message', ctx),
    message: { id: newMessageId(), type: 'text', quoteToken: randomToken(128), markAsReadToken: randomToken(80), text },
  };
}

/** An image message whose bytes LINE holds (`contentProvider.type: 'line'`) under `messageId`. */
export function imageMessageEvent(ctx, messageId) {
  return {
    ...baseEvent('message', ctx),
    message: { id: messageId, type: 'image', quoteToken: randomToken(128), markAsReadToken: randomToken(80), contentProvider: { type: 'line' } },
  };
}

/** A location message. `loc` is `{latitude, longitude, address?, title?}`. */
export function locationMessageEvent(ctx, loc) {
  const message = { id: newMessageId(), type: 'location', markAsReadToken: randomToken(80) };
  if (loc.title) message.title = loc.title;
  if (loc.address) message.address = loc.address;
  message.latitude = loc.latitude;
  message.longitude = loc.longitude;
  return { ...baseEvent('message', ctx), message };
}

/** A sticker message (LINE's basic sticker set by default). */
export function stickerMessageEvent(ctx, sticker = { packageId: '446', stickerId: '1988', keywords: ['Happy', 'Smile'] }) {
  return {
    ...baseEvent('message', ctx),
    message: {
      id: newMessageId(),
      type: 'sticker',
      quoteToken: randomToken(128),
      markAsReadToken: randomToken(80),
      packageId: sticker.packageId,
      stickerId: sticker.stickerId,
      stickerResourceType: 'STATIC',
      keywords: sticker.keywords ?? [],
    },
  };
}

/** A postback; `params` holds a datetime picker's `date`/`time`/`datetime` or a rich menu switch's result. */
export function postbackEvent(ctx, data, params) {
  const postback = { data };
  if (params && Object.keys(params).length > 0) postback.params = params;
  return { ...baseEvent('postback', ctx), postback };
}

/** Adding the account as a friend; `isUnblocked` when the user lifts an earlier block. */
export function followEvent(ctx, isUnblocked = false) {
  return { ...baseEvent('follow', ctx), follow: { isUnblocked } };
}

/** Blocking the account. LINE sends no reply token with it. */
export function unfollowEvent(ctx) {
  return baseEvent('unfollow', { userId: ctx.userId, timestamp: ctx.timestamp });
}

/** The exact callback body LINE POSTs: `{destination, events}`. Sign and send these very bytes. */
export function callbackBody(destination, events) {
  return JSON.stringify({ destination, events });
}

/**
 * `x-line-signature` for a body: Base64(HMAC-SHA256(channel secret, body bytes)). Uses WebCrypto; a page
 * opened over plain HTTP on another host (e.g. a phone on the LAN) has no `crypto.subtle`, so the same
 * HMAC in plain JavaScript stands in there.
 */
export async function signBody(secret, bodyBytes) {
  const key = new TextEncoder().encode(secret);
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  let mac;
  if (subtle) {
    const cryptoKey = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    mac = new Uint8Array(await subtle.sign('HMAC', cryptoKey, bodyBytes));
  } else {
    mac = hmacSha256(key, bodyBytes);
  }
  return toBase64(mac);
}

/** Standard base64 of bytes. */
export function toBase64(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

// ── SHA-256 / HMAC fallback (FIPS 180-4, RFC 2104) ───────────────────────────

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const rotr = (x, n) => (x >>> n) | (x << (32 - n));

/** SHA-256 of bytes, in plain JavaScript. */
export function sha256(bytes) {
  const length = bytes.length;
  const padded = new Uint8Array((((length + 9 + 63) / 64) | 0) * 64);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]);
  return out;
}

/** HMAC-SHA256(key, message), in plain JavaScript. */
export function hmacSha256(key, message) {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64 + message.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i] ^ 0x36;
    outer[i] = block[i] ^ 0x5c;
  }
  inner.set(message, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}
