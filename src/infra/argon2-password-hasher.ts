import { argon2, randomBytes, timingSafeEqual, type Argon2Parameters } from 'node:crypto';
import type { PasswordHasher } from '../domain/staff';

/** Argon2id cost parameters: memory in KiB, passes (iterations), lanes. */
export interface Argon2Cost {
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

/**
 * OWASP Password Storage Cheat Sheet's first Argon2id configuration: 19 MiB of memory, 2 iterations, 1 lane
 * (about 40 ms here, and 19 MiB per login in flight).
 */
export const OWASP_ARGON2ID: Argon2Cost = { memoryKiB: 19_456, passes: 2, parallelism: 1 };

const SALT_BYTES = 16;
const TAG_BYTES = 32;
const VERSION = 19; // Argon2 1.3, the only version Node implements
const PHC = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

// Stored hashes are ours, but a corrupted or planted row must not make one login allocate gigabytes.
const LIMITS = { memoryKiB: 1 << 20, passes: 16, parallelism: 16, minSalt: 8, minTag: 16, maxTag: 64 };

function derive(password: string, salt: Buffer, cost: Argon2Cost, tagLength: number): Promise<Buffer> {
  const params: Argon2Parameters = {
    // NFKC, as NIST SP 800-63B advises: a full-width character typed through a Japanese IME matches its
    // half-width form, and a composed kana matches its decomposed spelling.
    message: Buffer.from(password.normalize('NFKC'), 'utf8'),
    nonce: salt,
    parallelism: cost.parallelism,
    tagLength,
    memory: cost.memoryKiB,
    passes: cost.passes,
  };
  return new Promise((resolve, reject) => argon2('argon2id', params, (err, key) => (err ? reject(err) : resolve(key))));
}

/** PHC strings use standard base64 without padding. */
const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/**
 * Argon2id with Node's built-in `crypto.argon2` (Node ≥ 24.7), stored in the PHC string format other Argon2
 * libraries read and write: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. Verification re-derives with the
 * parameters in the stored string, so raising the cost later leaves existing hashes valid.
 */
export class Argon2PasswordHasher implements PasswordHasher {
  constructor(private readonly cost: Argon2Cost = OWASP_ARGON2ID) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.cost, TAG_BYTES);
    const { memoryKiB: m, passes: t, parallelism: p } = this.cost;
    return `$argon2id$v=${VERSION}$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(key)}`;
  }

  async verify(stored: string, password: string): Promise<boolean> {
    const match = PHC.exec(stored);
    if (!match) return false;
    const [, v, m, t, p, saltB64, tagB64] = match as unknown as [string, string, string, string, string, string, string];
    const cost: Argon2Cost = { memoryKiB: Number(m), passes: Number(t), parallelism: Number(p) };
    const salt = Buffer.from(saltB64, 'base64');
    const expected = Buffer.from(tagB64, 'base64');
    const sane =
      Number(v) === VERSION &&
      cost.parallelism >= 1 &&
      cost.parallelism <= LIMITS.parallelism &&
      cost.passes >= 1 &&
      cost.passes <= LIMITS.passes &&
      cost.memoryKiB >= 8 * cost.parallelism &&
      cost.memoryKiB <= LIMITS.memoryKiB &&
      salt.length >= LIMITS.minSalt &&
      expected.length >= LIMITS.minTag &&
      expected.length <= LIMITS.maxTag;
    if (!sane) return false;
    const actual = await derive(password, salt, cost, expected.length);
    return timingSafeEqual(actual, expected);
  }
}
