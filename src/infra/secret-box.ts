/**
 * Seals short secrets (the staff's TOTP secrets) at rest: AES-256-GCM under a key derived with HKDF-SHA-256 from
 * CONSOLE_SECRET_KEY, the row's id as associated data (a sealed value copied to another row does not open).
 * Without a key the value is stored marked `plain:` and the start banner says so; a key set later seals the
 * next enrolments and still opens the plain ones.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export class SecretBox {
  private readonly key: Buffer | null;

  constructor(keyMaterial: string | undefined) {
    this.key = keyMaterial ? Buffer.from(hkdfSync('sha256', keyMaterial, 'tsunagu', 'staff-two-factor-secret', 32)) : null;
  }

  /** True when values are sealed (a key is configured). */
  get sealing(): boolean {
    return this.key !== null;
  }

  seal(plain: string, context: string): string {
    if (!this.key) return `plain:${plain}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
  }

  /** The plain value; throws (naming neither value nor key) when it cannot be opened. */
  open(sealed: string, context: string): string {
    if (sealed.startsWith('plain:')) return sealed.slice('plain:'.length);
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('sealed secret: unknown format');
    if (!this.key) throw new Error('sealed secret: CONSOLE_SECRET_KEY is not set, so a sealed two-factor secret cannot be opened');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('sealed secret: it does not open with CONSOLE_SECRET_KEY (was the key changed?)');
    }
  }
}
