/**
 * Console sessions: a random 32-byte token lives only in the staff member's cookie; the database keeps its
 * SHA-256 (so a leaked database row cannot be replayed as a cookie), the secret its CSRF tokens are made from
 * (by @fastify/csrf-protection; see `console-guard.ts`) and the timestamps the
 * idle (30 min) and absolute (8 h) limits are checked against.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../domain/ports';
import { mustUseTwoFactor } from '../domain/two-factor';
import { isSessionExpired, sessionExpiry, type SessionStore, type StaffMember, type StaffSessionRecord, type StaffStore } from '../domain/staff';

/** A signed-in request's member and session. */
export interface ActiveSession {
  staff: StaffMember;
  session: StaffSessionRecord;
  /** The member must switch two-factor sign-in on (an admin without it) before opening anything else. */
  mustEnrol: boolean;
}

/** A session waiting for its authenticator code lasts this long, however used. */
export const SECOND_FACTOR_WAIT_MS = 5 * 60 * 1000;

/** Whether a member has two-factor sign-in switched on (the shell's view of it). */
export type TwoFactorEnabled = (staffId: string) => Promise<boolean>;

/** Activity is written back at most this often, so a burst of requests costs one write, not one each. */
const TOUCH_EVERY_MS = 60 * 1000;

/** The stored id of a cookie token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class ConsoleSessions {
  constructor(
    private readonly sessions: SessionStore,
    private readonly staff: StaffStore,
    private readonly clock: Clock,
    private readonly twoFactorOn: TwoFactorEnabled,
  ) {}

  /**
   * Starts a new session (every login gets a fresh token and CSRF secret) and returns the cookie token and the CSRF
   * secret. `pendingSecondFactor`: the password was right and the authenticator code is still due — such a session
   * lasts {@link SECOND_FACTOR_WAIT_MS} and opens nothing but the code page.
   */
  async start(staffId: string, opts: { pendingSecondFactor?: boolean } = {}): Promise<{ token: string; csrfToken: string }> {
    const now = this.clock.now();
    // Piggy-back the clean-up of dead sessions on logins: rare enough to be cheap, frequent enough to matter.
    await this.sessions.deleteExpired(now);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const pendingSecondFactor = opts.pendingSecondFactor === true;
    const expiresAt = pendingSecondFactor ? new Date(now.getTime() + SECOND_FACTOR_WAIT_MS) : sessionExpiry(now, now);
    await this.sessions.create({ id: hashToken(token), staffId, csrfToken, pendingSecondFactor, createdAt: now, lastSeenAt: now, expiresAt });
    return { token, csrfToken };
  }

  /**
   * The live session for a cookie token, or null. An expired session, or one whose member was deactivated,
   * is deleted on the spot. A live one has its idle deadline moved forward, unless `touch` is false (a page's
   * background refresh is not activity).
   */
  async resume(token: string, opts: { touch?: boolean } = {}): Promise<ActiveSession | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const id = hashToken(token);
    const session = await this.sessions.findByTokenHash(id);
    if (!session) return null;
    const now = this.clock.now();
    if (isSessionExpired(session, now)) {
      await this.sessions.delete(id);
      return null;
    }
    const staff = await this.staff.findById(session.staffId);
    if (!staff || !staff.active) {
      await this.sessions.delete(id);
      return null;
    }
    // Only a session that has passed sign-in can be an admin's without two-factor (it is asked for at sign-in otherwise).
    const mustEnrol = !session.pendingSecondFactor && mustUseTwoFactor(staff) && !(await this.twoFactorOn(staff.id));
    // A session waiting for its code is never kept alive by activity.
    if (!session.pendingSecondFactor && opts.touch !== false && now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      const expiresAt = sessionExpiry(session.createdAt, now);
      await this.sessions.touch(id, now, expiresAt);
      return { staff, session: { ...session, lastSeenAt: now, expiresAt }, mustEnrol };
    }
    return { staff, session, mustEnrol };
  }

  /** Ends the session of this cookie token (logout, or a new login replacing it). */
  async end(token: string): Promise<void> {
    await this.sessions.delete(hashToken(token));
  }
}
