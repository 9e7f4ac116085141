/**
 * The console's login limits, as a port: failed attempts counted per login id and per client IP in a sliding
 * window, kept in memory by one instance (src/console/login-throttle.ts) or in the database when several instances
 * share the counts (src/infra/prisma/prisma-login-throttle.ts). Both keep the same rules, described here.
 */
export interface LoginThrottle {
  /**
   * Counts an attempt as failed before its password is checked, so attempts sent together cannot all slip under the
   * limit while the first ones are still being checked. Returns the seconds to wait when the attempt must be
   * refused instead (then nothing is counted), or 0. A successful attempt is taken back by `succeed`.
   */
  begin(loginId: string, ip: string, now: Date): Promise<number>;
  /** The attempt begun at `now` succeeded: it is taken back from the IP's count, and the login id's failures are cleared. */
  succeed(loginId: string, ip: string, now: Date): Promise<void>;
  /**
   * The attempt begun at `now` is taken back from both counts without clearing earlier failures: a right password
   * whose authenticator code is still due (the code's own attempt decides, so alternating the password with wrong
   * codes cannot reset the login id's count).
   */
  takeBack(loginId: string, ip: string, now: Date): Promise<void>;
}

export interface LoginThrottleLimits {
  windowMs: number;
  perLogin: number;
  perIp: number;
}

/** 5 failures for one login id, or 20 from one IP, within 15 minutes. */
export const LOGIN_LIMITS: LoginThrottleLimits = { windowMs: 15 * 60 * 1000, perLogin: 5, perIp: 20 };

/** The two counts an attempt falls under, each with its limit: the login id's, then the IP's. */
export function throttleCounts(loginId: string, ip: string, limits: LoginThrottleLimits): [{ key: string; limit: number }, { key: string; limit: number }] {
  return [
    { key: `login:${normalise(loginId)}`, limit: limits.perLogin },
    { key: `ip:${ip}`, limit: limits.perIp },
  ];
}

/** Login ids compare case-insensitively for counting, so `Admin` and `admin` share one budget. */
function normalise(loginId: string): string {
  return loginId.trim().toLowerCase().slice(0, 128);
}

/**
 * Milliseconds until an attempt is allowed under a count whose live failures (inside the window) are `newestFirst`: 0 while fewer than `limit`; else until the failure that keeps the count at `limit` leaves the window.
 */
export function waitFor(newestFirst: readonly number[], limit: number, windowMs: number, now: Date): number {
  const blocking = newestFirst[limit - 1];
  return blocking === undefined ? 0 : blocking + windowMs - now.getTime();
}
