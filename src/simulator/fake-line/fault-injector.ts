/**
 * Injected trouble for the fake: per-endpoint rate limits over a sliding second of the injected clock,
 * random 500s drawn with the injected `random`, queued one-off failures, and real-time latency.
 */
import { LINE_ERROR } from './line-errors';
import type { FakeLineEndpoint, FakeLineFaults, FaultRule, QueuedFailure } from './types';

/** Options for `FaultInjector.failNext`. */
export interface FailNextOptions {
  /** Default 500. */
  status?: number;
  /** Default LINE's generic server error text. */
  message?: string;
  /** `after`: the request is carried out and only the answer is replaced. Default `before`. */
  phase?: 'before' | 'after';
  /** How many consecutive requests fail. Default 1. */
  times?: number;
}

/** Decides, request by request, whether the fake misbehaves. */
export class FaultInjector {
  private current: FakeLineFaults;
  private readonly queued = new Map<FakeLineEndpoint, QueuedFailure[]>();
  private readonly hits = new Map<FakeLineEndpoint, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly random: () => number,
    private readonly initial: FakeLineFaults = {},
  ) {
    this.current = { ...initial };
  }

  /** Replaces the faults in force (`{}` clears them). */
  set(faults: FakeLineFaults): void {
    this.current = { ...faults };
  }

  /** The faults in force. */
  get faults(): Readonly<FakeLineFaults> {
    return this.current;
  }

  /** Queues failures for the next requests to `endpoint`. */
  failNext(endpoint: FakeLineEndpoint, options: FailNextOptions = {}): void {
    const queue = this.queued.get(endpoint) ?? [];
    for (let i = 0; i < (options.times ?? 1); i++) {
      queue.push({
        status: options.status ?? 500,
        body: { message: options.message ?? LINE_ERROR.internal },
        phase: options.phase ?? 'before',
      });
    }
    this.queued.set(endpoint, queue);
  }

  /** The failure this request should suffer, if any: a queued one first, then a draw against `errorRate`, then the rules. */
  draw(endpoint: FakeLineEndpoint): QueuedFailure | undefined {
    const queued = this.queued.get(endpoint)?.shift();
    if (queued) return queued;
    const { errorRate = 0, errorEndpoints, errorPhase = 'before', rules = [] } = this.current;
    if (errorRate > 0 && (!errorEndpoints || errorEndpoints.includes(endpoint)) && this.random() < errorRate) {
      return { status: 500, body: { message: LINE_ERROR.internal }, phase: errorPhase };
    }
    for (const rule of rules) {
      if (rule.endpoints && !rule.endpoints.includes(endpoint)) continue;
      if (rule.until !== undefined && this.now() >= rule.until) continue;
      if (this.random() >= rule.rate) continue;
      return failureOf(rule);
    }
    return undefined;
  }

  /** Counts a request against the endpoint's per-second limit; false when it is over (and not counted). */
  admit(endpoint: FakeLineEndpoint): boolean {
    const limit = this.current.rateLimitPerSecond?.[endpoint];
    if (limit === undefined) return true;
    const now = this.now();
    const recent = (this.hits.get(endpoint) ?? []).filter((t) => now - t < 1000);
    const admitted = recent.length < limit;
    if (admitted) recent.push(now);
    this.hits.set(endpoint, recent);
    return admitted;
  }

  /** Back to the construction-time faults, with no queued failures or rate-limit history. */
  reset(): void {
    this.current = { ...this.initial };
    this.queued.clear();
    this.hits.clear();
  }
}

/** The failure a rule describes. */
function failureOf(rule: FaultRule): QueuedFailure {
  const status = rule.kind === 'status' ? (rule.status ?? 500) : 0;
  const message = status === 429 ? LINE_ERROR.rateLimited : LINE_ERROR.internal;
  return {
    status,
    body: { message },
    phase: rule.phase,
    kind: rule.kind,
    ...(rule.retryAfterSeconds !== undefined ? { retryAfterSeconds: rule.retryAfterSeconds } : {}),
    ...(rule.hangMs !== undefined ? { hangMs: rule.hangMs } : {}),
  };
}
