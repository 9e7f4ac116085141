/**
 * Two-factor sign-in for staff: an authenticator app's code (TOTP, RFC 6238 — 30-second steps, 6 digits,
 * SHA-1, as every authenticator app reads it) after the password, or one of ten one-time recovery codes. Admins
 * must have it; everyone else may. The ports the use cases and the console reach it through; no I/O here.
 */
import type { AuditTrail, SessionStore, StaffMember } from './staff';

/** How many recovery codes an enrolment (or a renewal) gives. */
export const RECOVERY_CODE_COUNT = 10;

/** A member's authenticator record; `secret` is the plain base32 secret, only ever held in memory. */
export interface TwoFactorRecord {
  staffId: string;
  secret: string;
  /** Null while the enrolment waits for its first code. */
  enabledAt: Date | null;
  /** The last step a code was accepted for (replay guard). */
  lastStep: number;
}

/** The authenticator records and recovery codes (sealing the secret is the store's business). */
export interface TwoFactorStore {
  find(staffId: string): Promise<TwoFactorRecord | null>;
  /** Stores a new secret waiting for its first code, replacing any record that is not switched on. */
  begin(staffId: string, secret: string, now: Date): Promise<void>;
  /** Switches the record on with the step of the code that confirmed it. */
  enable(staffId: string, step: number, now: Date): Promise<void>;
  /** Records `step` as used; false when it (or a later one) was used already — a replayed code. */
  useStep(staffId: string, step: number): Promise<boolean>;
  /** Deletes the record and every recovery code of the member. */
  remove(staffId: string): Promise<void>;
  /** Replaces the member's recovery codes by these hashes. */
  replaceRecoveryCodes(staffId: string, hashes: readonly string[], now: Date): Promise<void>;
  /** Marks the unused code with this hash used; false when there is none. */
  useRecoveryCode(staffId: string, hash: string, now: Date): Promise<boolean>;
  /** How many unused recovery codes the member has left. */
  recoveryCodesLeft(staffId: string): Promise<number>;
}

/** The TOTP algorithm and the recovery codes' randomness and hashing. */
export interface Authenticator {
  /** A fresh random secret (base32, 160 bits). */
  newSecret(): string;
  /** The step `code` is valid for at `now` (±1 step of drift), or null. */
  stepOf(secret: string, code: string, now: Date): number | null;
  /** The `otpauth://` URI an authenticator app scans. */
  uri(secret: string, account: string, issuer: string): string;
  /** {@link RECOVERY_CODE_COUNT} fresh codes, as shown to the member (`xxxx-xxxx-xx`). */
  newRecoveryCodes(): string[];
  /** The stored form of a recovery code (after {@link normaliseRecoveryCode}). */
  hashRecoveryCode(code: string): string;
}

/** What the two-factor use cases write, in one transaction. */
export interface TwoFactorRepositories {
  twoFactor: TwoFactorStore;
  sessions: Pick<SessionStore, 'deleteForStaff'>;
  audit: AuditTrail;
}

/** A six-digit authenticator code, spaces allowed (`123 456`). */
export function totpCode(input: string): string | null {
  const digits = input.normalize('NFKC').replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** A recovery code as typed (any case, with or without hyphens and spaces), or null when it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.normalize('NFKC').toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z2-7]{10}$/.test(code) ? code : null;
}

/** True when this member must switch two-factor sign-in on before using the console. */
export function mustUseTwoFactor(member: Pick<StaffMember, 'role'>): boolean {
  return member.role === 'admin';
}
