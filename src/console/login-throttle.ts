/**
 * Counts failed console logins in a sliding window, per login id and per client IP, and says when further
 * attempts must be refused. Kept in memory: the console is served by one process, and a restart forgetting
 * the counts only gives an attacker one more window. A second instance would need a shared store.
 *
 * Hand-written on purpose, not `@fastify/rate-limit` (see docs/console-security.md): written on the plugin (two
 * `createRateLimit` limiters, login id and IP), tests/integration/console-rate-limit.test.ts failed 3 of 9 tests
 * either way it was used — with its documented peek-then-count pattern 30 guesses sent at once all had their
 * password checked (5 allowed); its stores read `Date.now()`, so after the app's clock moved 14 minutes
 * `Retry-After` said 900 s instead of 60; and it cannot take back a successful attempt or clear a login id's
 * failures. A custom store doing all that would be this class.
 */

export interface LoginThrottleLimits {
  windowMs: number;
  perLogin: number;
  perIp: number;
}

/** 5 failures for one login id, or 20 from one IP, within 15 minutes. */
export const LOGIN_LIMITS: LoginThrottleLimits = { windowMs: 15 * 60 * 1000, perLogin: 5, perIp: 20 };

/** Bounds memory when many distinct keys are tried; old entries are swept before this is reached. */
const MAX_KEYS = 50_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginThrottleLimits = LOGIN_LIMITS) {}

  /** Seconds until an attempt is allowed again, or 0 when it may go ahead now. */
  retryAfterSeconds(loginId: string, ip: string, now: Date): number {
    const waits = [this.wait(`login:${normalise(loginId)}`, this.limits.perLogin, now), this.wait(`ip:${ip}`, this.limits.perIp, now)];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  /**
   * Counts an attempt as failed before its password is checked, so attempts sent together cannot all slip
   * under the limit while the first ones are still being checked. Returns the seconds to wait when the attempt
   * must be refused instead (then nothing is counted), or 0. A successful attempt is taken back by `succeed`.
   */
  begin(loginId: string, ip: string, now: Date): number {
    const wait = this.retryAfterSeconds(loginId, ip, now);
    if (wait === 0) this.fail(loginId, ip, now);
    return wait;
  }

  /** Records a failed attempt (wrong password, unknown or inactive account). */
  fail(loginId: string, ip: string, now: Date): void {
    if (this.failures.size >= MAX_KEYS) this.sweep(now);
    for (const key of [`login:${normalise(loginId)}`, `ip:${ip}`]) {
      const list = this.live(key, now);
      list.push(now.getTime());
      this.failures.set(key, list);
    }
  }

  /** The attempt begun at `now` succeeded: it is taken back from the IP's count, and the login id's failures are cleared. */
  succeed(loginId: string, ip: string, now: Date): void {
    this.failures.delete(`login:${normalise(loginId)}`);
    const list = this.failures.get(`ip:${ip}`);
    const i = list?.lastIndexOf(now.getTime()) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  /**
   * The attempt begun at `now` is taken back from both counts without clearing earlier failures: a right password
   * whose authenticator code is still due (the code's own attempt decides, so alternating the password with wrong
   * codes cannot reset the login id's count).
   */
  takeBack(loginId: string, ip: string, now: Date): void {
    for (const key of [`login:${normalise(loginId)}`, `ip:${ip}`]) {
      const list = this.failures.get(key);
      const i = list?.lastIndexOf(now.getTime()) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
    }
  }

  /** Milliseconds until fewer than `limit` failures remain in the window. */
  private wait(key: string, limit: number, now: Date): number {
    const list = this.live(key, now);
    if (list.length < limit) return 0;
    // The attempt is allowed once the failure that keeps the count at `limit` leaves the window.
    const blocking = list[list.length - limit] as number;
    return blocking + this.limits.windowMs - now.getTime();
  }

  private live(key: string, now: Date): number[] {
    const since = now.getTime() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private sweep(now: Date): void {
    for (const key of [...this.failures.keys()]) this.live(key, now);
    // Still full (a flood of distinct keys inside one window): forget the oldest keys rather than grow.
    for (const key of this.failures.keys()) {
      if (this.failures.size < MAX_KEYS * 0.9) break;
      this.failures.delete(key);
    }
  }
}

/** Login ids compare case-insensitively for counting, so `Admin` and `admin` share one budget. */
function normalise(loginId: string): string {
  return loginId.trim().toLowerCase().slice(0, 128);
}
