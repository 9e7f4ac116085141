// Under test: Argon2PasswordHasher (Node's built-in crypto.argon2) — the PHC string it writes, verification
// of right and wrong passwords, a hash made by the reference argon2 implementation, and refusal of malformed or
// absurd stored hashes. Nothing is faked.
import { describe, expect, test } from 'vitest';
import { Argon2PasswordHasher, OWASP_ARGON2ID } from '../../src/infra/argon2-password-hasher';

const hasher = new Argon2PasswordHasher();

describe('Argon2PasswordHasher', () => {
  test('writes an argon2id PHC string with the OWASP parameters, a 16-byte salt and a 32-byte digest', async () => {
    expect(OWASP_ARGON2ID).toEqual({ memoryKiB: 19456, passes: 2, parallelism: 1 });
    const hash = await hasher.hash('correct horse battery staple');
    const m = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
    expect(m).not.toBeNull();
    expect(Buffer.from(m![1]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(m![2]!, 'base64')).toHaveLength(32);
    expect(hash).not.toContain('correct horse');
  });

  test('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapl')).toBe(false);
    expect(await hasher.verify(hash, '')).toBe(false);
  });

  test('salts every hash', async () => {
    expect(await hasher.hash('same password here')).not.toBe(await hasher.hash('same password here'));
  });

  test('reads hashes written by the reference implementation (Debian argon2 CLI, PHC format)', async () => {
    // echo -n "correct horse battery staple" | argon2 "tsunagu-saltsalt" -id -t 2 -k 19456 -p 1 -l 32 -e
    const reference = '$argon2id$v=19$m=19456,t=2,p=1$dHN1bmFndS1zYWx0c2FsdA$dJU796PAIHpEa7EDRlNuU5vlzCMY/v177wMqGsVcXxg';
    expect(await hasher.verify(reference, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(reference, 'Correct horse battery staple')).toBe(false);
  });

  test('verifies with the parameters stored in the hash, so a cost change keeps old hashes valid', async () => {
    const cheap = await new Argon2PasswordHasher({ memoryKiB: 1024, passes: 1, parallelism: 1 }).hash('パスワード1234abcd');
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await hasher.verify(cheap, 'パスワード1234abcd')).toBe(true);
  });

  test('a full-width password typed through an IME matches its half-width form (NFKC)', async () => {
    const hash = await hasher.hash('Password12345');
    expect(await hasher.verify(hash, 'Ｐａｓｓｗｏｒｄ１２３４５')).toBe(true);
  });

  test('malformed, other-algorithm or absurd stored hashes verify as false without throwing', async () => {
    const good = await hasher.hash('x'.repeat(12));
    for (const stored of [
      '',
      'plain-text',
      good.replace('argon2id', 'argon2i'),
      good.replace('v=19', 'v=16'),
      good.replace('m=19456', 'm=99999999'), // would allocate ~95 GiB
      good.replace('t=2', 't=0'),
      good.replace(/\$[^$]+$/, '$AAAA'), // digest too short
    ]) {
      expect(await hasher.verify(stored, 'x'.repeat(12))).toBe(false);
    }
  });
});
