/** TOTP with `otpauth` (RFC 6238: 30 s, 6 digits, SHA-1, as authenticator apps expect) and the recovery codes. */
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { RECOVERY_CODE_COUNT, type Authenticator } from '../domain/two-factor';

const PERIOD_S = 30;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function totp(secret: string, label = 'staff', issuer = ''): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secret) });
}

export class OtpauthAuthenticator implements Authenticator {
  newSecret(): string {
    return new Secret({ size: 20 }).base32;
  }

  stepOf(secret: string, code: string, now: Date): number | null {
    const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
    return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
  }

  uri(secret: string, account: string, issuer: string): string {
    return totp(secret, account, issuer).toString();
  }

  newRecoveryCodes(): string[] {
    return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const chars = Array.from({ length: 10 }, () => BASE32[randomInt(BASE32.length)]).join('');
      return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
    });
  }

  hashRecoveryCode(code: string): string {
    // 50 random bits per code, used once, tried under the login limits: a fast hash is enough.
    return createHash('sha256').update(code, 'utf8').digest('hex');
  }
}
