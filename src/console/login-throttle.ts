import { LOGIN_LIMITS, throttleCounts, waitFor, type LoginThrottle, type LoginThrottleLimits } from '../domain/login-throttle';

/**
 * Counts failed console logins in a sliding window, per login id and per client IP, in memory (the rules are the
 * `LoginThrottle` port's, src/domain/login-throttle.ts). Used with SQLite, where the console is served by one
 * process and a restart forgetting the counts only gives an attacker one more window; several instances on
 * PostgreSQL share the counts through the database instead (`PrismaLoginThrottle`), so a guesser cannot spread
 * attempts across them.
 *
 * Hand-written on purpose, not `@fastify/rate-limit` (see docs/console-security.md): written on the plugin (two
 * `createRateLimit` limiters, login id and IP), tests/integration/console-rate-limit.test.ts failed 3 of 9 tests
 * either way it was used — with its documented peek-then-count pattern 30 guesses sent at once all had their
 * password checked (5 allowed); its stores read `Date.now()`, so after the app's clock moved 14 minutes
 * `Retry-After` said 900 s instead of 60; and it cannot take back a successful attempt or clear a login id's
 * failures. A custom store doing all that would be this class. Each method does its work before its first `await`
 * (it has none), so attempts arriving together are counted one after another.
 */

/** Bounds memory when many distinct keys are tried; old entries are swept before this is reached. */
const MAX_KEYS = 50_000;

export class MemoryLoginThrottle implements LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginThrottleLimits = LOGIN_LIMITS) {}

  async begin(loginId: string, ip: string, now: Date): Promise<number> {
    const counts = throttleCounts(loginId, ip, this.limits);
    const wait = Math.max(...counts.map(({ key, limit }) => waitFor(this.live(key, now).toReversed(), limit, this.limits.windowMs, now)));
    if (wait > 0) return Math.ceil(wait / 1000);
    if (this.failures.size >= MAX_KEYS) this.sweep(now);
    for (const { key } of counts) this.failures.set(key, [...this.live(key, now), now.getTime()]);
    return 0;
  }

  async succeed(loginId: string, ip: string, now: Date): Promise<void> {
    const [login, byIp] = throttleCounts(loginId, ip, this.limits);
    this.failures.delete(login.key);
    this.removeOne(byIp.key, now);
  }

  async takeBack(loginId: string, ip: string, now: Date): Promise<void> {
    for (const { key } of throttleCounts(loginId, ip, this.limits)) this.removeOne(key, now);
  }

  private removeOne(key: string, now: Date): void {
    const list = this.failures.get(key);
    const i = list?.lastIndexOf(now.getTime()) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  /** The failures of `key` inside the window, oldest first (the key is forgotten when none are left). */
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
