/**
 * The red banner every console page shows while LINE's monthly message limit refuses messages: the count this
 * month (Japan time) is read once for the whole console every {@link QUOTA_CHECK_TTL_MS} at most, so pages and
 * the pages' polling add no query of their own. The layout reads it through `PageFrame.quotaRefused`.
 */
import type { FastifyInstance } from 'fastify';
import { jstMonthStart } from '../domain/japan-time';
import type { QuotaRefusalsSource } from '../domain/delivery-overview';
import type { Clock } from '../domain/ports';

/** How long one count is reused. */
export const QUOTA_CHECK_TTL_MS = 30_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** Messages refused this month for LINE's monthly limit; set on signed-in console requests. */
    quotaRefused?: number;
  }
}

/** The month's quota refusals, counted at most once per {@link QUOTA_CHECK_TTL_MS} (and again when the month changes). */
export class QuotaRefusalCount {
  private cached: { monthStart: number; until: number; count: Promise<number> } | null = null;

  constructor(
    private readonly source: QuotaRefusalsSource,
    private readonly clock: Clock,
  ) {}

  current(): Promise<number> {
    const now = this.clock.now();
    const monthStart = jstMonthStart(now);
    const c = this.cached;
    if (c && c.monthStart === monthStart.getTime() && now.getTime() < c.until) return c.count;
    const entry = { monthStart: monthStart.getTime(), until: now.getTime() + QUOTA_CHECK_TTL_MS, count: this.source.since(monthStart) };
    // A failed read is not kept: the next page asks again.
    entry.count.catch(() => {
      if (this.cached === entry) this.cached = null;
    });
    this.cached = entry;
    return entry.count;
  }
}

/** Sets `request.quotaRefused` on every signed-in request of `scope` (after the guard has resumed the session). */
export function showQuotaBanner(scope: FastifyInstance, count: QuotaRefusalCount): void {
  scope.addHook('preHandler', async (request) => {
    if (!request.consoleSession) return;
    try {
      request.quotaRefused = await count.current();
    } catch (e) {
      // The page itself still works; only its banner is missing.
      request.log.error({ err: e instanceof Error ? e.message : String(e) }, 'could not count quota refusals');
    }
  });
}
