import { validateSignature } from '@line/bot-sdk';

/**
 * The webhook signature check for one channel: true when `signature` (the `x-line-signature` header) is the
 * Base64 HMAC-SHA256 of the raw body under the channel secret. It is the SDK's own `validateSignature`, which
 * compares in constant time; this adapter keeps the SDK out of `src/bot`, which receives only the function.
 */
export function lineSignatureCheck(channelSecret: string): (rawBody: Buffer, signature: string) => boolean {
  return (rawBody, signature) => validateSignature(rawBody, channelSecret, signature);
}
