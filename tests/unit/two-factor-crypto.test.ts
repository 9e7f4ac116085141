// Under test: the sealing of two-factor secrets (HKDF → AES-256-GCM, bound to the account) and the TOTP step
// check (±1 step) with otpauth. Nothing faked: times are passed as values.
import { describe, expect, test } from 'vitest';
import { normaliseRecoveryCode, totpCode } from '../../src/domain/two-factor';
import { OtpauthAuthenticator } from '../../src/infra/otpauth-authenticator';
import { SecretBox } from '../../src/infra/secret-box';
import { totpAt } from '../helpers/console';

const KEY = 'a-unit-test-key-of-at-least-thirty-two-characters';

describe('SecretBox', () => {
  test('seals with a key, opens only for the same account and key; without a key stores plain', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'staff-1');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'staff-1')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, 'staff-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'staff-2')).toThrow(/does not open/);
    expect(() => new SecretBox(`${KEY}x`).open(sealed, 'staff-1')).toThrow(/does not open/);
    expect(() => new SecretBox(undefined).open(sealed, 'staff-1')).toThrow(/CONSOLE_SECRET_KEY is not set/);
    expect(new SecretBox(undefined).seal('ABC', 'staff-1')).toBe('plain:ABC');
    expect(box.open('plain:ABC', 'staff-1')).toBe('ABC');
  });
});

describe('OtpauthAuthenticator', () => {
  const auth = new OtpauthAuthenticator();
  const secret = auth.newSecret();
  const at = new Date('2026-11-24T01:00:10Z');
  const step = Math.floor(at.getTime() / 30_000);

  test('accepts the code of the step, the one before and the one after, and says which step', () => {
    expect(auth.stepOf(secret, totpAt(at, secret), at)).toBe(step);
    expect(auth.stepOf(secret, totpAt(new Date(at.getTime() - 30_000), secret), at)).toBe(step - 1);
    expect(auth.stepOf(secret, totpAt(new Date(at.getTime() + 30_000), secret), at)).toBe(step + 1);
    expect(auth.stepOf(secret, totpAt(new Date(at.getTime() - 90_000), secret), at)).toBeNull();
  });

  test('recovery codes: ten, distinct, in the shape the domain reads back', () => {
    const codes = auth.newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(normaliseRecoveryCode(c.toUpperCase().replace('-', ' '))).toBe(c.replaceAll('-', ''));
    expect(totpCode('１２３ ４５６')).toBe('123456');
    expect(totpCode('12345')).toBeNull();
  });
});
