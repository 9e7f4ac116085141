// Under test: the webhook signature check the composition hands to the webhook route (the LINE SDK's
// validateSignature bound to a channel secret). Nothing is faked; signatures are made with Node's crypto.
import { describe, expect, test } from 'vitest';
import { lineSignatureCheck } from '../../src/infra/line/line-signature';
import { callbackBody, sign, withEvent } from '../fixtures/webhook-fixtures';

const SECRET = 'line-signature-secret';
const body = Buffer.from(callbackBody([withEvent('message-text', { text: 'こんにちは 🍎' })]));
const check = lineSignatureCheck(SECRET);

describe('lineSignatureCheck', () => {
  test('accepts the Base64 HMAC-SHA256 of the exact bytes under the channel secret', () => {
    expect(check(body, sign(body, SECRET))).toBe(true);
  });

  test('refuses a signature under another secret, of other bytes, truncated, empty or not Base64', () => {
    const good = sign(body, SECRET);
    expect(check(body, sign(body, 'another-secret'))).toBe(false);
    expect(check(Buffer.concat([body, Buffer.from(' ')]), good)).toBe(false);
    expect(check(body, good.slice(0, 20))).toBe(false);
    expect(check(body, '')).toBe(false);
    expect(check(body, 'not base64 at all!!')).toBe(false);
  });
});
