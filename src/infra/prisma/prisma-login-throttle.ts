import { randomUUID } from 'node:crypto';
import { LOGIN_LIMITS, throttleCounts, waitFor, type LoginThrottle, type LoginThrottleLimits } from '../../domain/login-throttle';
import type { Db, Tx } from './database';
import { serialiseOn } from './sql-dialect';

/**
 * The console's login limits shared by every instance on one PostgreSQL database: one `LoginFailure` row per failed
 * attempt and count (login id, IP), so a guesser spreading attempts over the instances meets one limit.
 *
 * An attempt is counted before its password is checked, as in memory, and exactly as many attempts go through as
 * the limit allows even when they arrive together at different instances: `begin` holds a transaction-scoped advisory
 * lock on each of its two counts (login id first, then IP, so two attempts never wait on each other in a circle),
 * reads the live failures and writes its own rows before the lock is released. An insert-then-count without the lock
 * would count every attempt, but a burst whose inserts all land before their reads would refuse every one of them,
 * the right password included. Rows older than the window are deleted as attempts come.
 */
export class PrismaLoginThrottle implements LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly limits: LoginThrottleLimits = LOGIN_LIMITS,
  ) {}

  async begin(loginId: string, ip: string, now: Date): Promise<number> {
    const counts = throttleCounts(loginId, ip, this.limits);
    const since = new Date(now.getTime() - this.limits.windowMs);
    const wait = await this.db.$transaction(
      async (tx) => {
        for (const { key } of counts) await serialiseOn(tx, `login-failure:${key}`);
        let longest = 0;
        for (const { key, limit } of counts) longest = Math.max(longest, waitFor(await newestFirst(tx, key, since, limit), limit, this.limits.windowMs, now));
        if (longest === 0) await tx.loginFailure.createMany({ data: counts.map(({ key }) => ({ id: randomUUID(), key, at: now })) });
        return longest;
      },
      // Attempts arriving together queue on the lock; each holds it for a few statements.
      { maxWait: 10_000, timeout: 10_000 },
    );
    await this.db.loginFailure.deleteMany({ where: { at: { lte: since } } });
    return Math.ceil(wait / 1000);
  }

  async succeed(loginId: string, ip: string, now: Date): Promise<void> {
    const [login, byIp] = throttleCounts(loginId, ip, this.limits);
    await this.db.loginFailure.deleteMany({ where: { key: login.key } });
    await this.removeOne(byIp.key, now);
  }

  async takeBack(loginId: string, ip: string, now: Date): Promise<void> {
    for (const { key } of throttleCounts(loginId, ip, this.limits)) await this.removeOne(key, now);
  }

  /** Takes back one failure of `key` counted at `now` (the attempt begun then). */
  private async removeOne(key: string, now: Date): Promise<void> {
    const row = await this.db.loginFailure.findFirst({ where: { key, at: now }, select: { id: true } });
    if (row) await this.db.loginFailure.deleteMany({ where: { id: row.id } });
  }
}

/** The times of the newest `limit` failures of `key` inside the window, newest first. */
async function newestFirst(tx: Tx, key: string, since: Date, limit: number): Promise<number[]> {
  const rows = await tx.loginFailure.findMany({ where: { key, at: { gt: since } }, orderBy: { at: 'desc' }, take: limit, select: { at: true } });
  return rows.map((r) => r.at.getTime());
}
