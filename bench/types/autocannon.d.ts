/**
 * The part of autocannon 8's API the webhook bench uses (the package ships no types). See
 * https://github.com/mcollina/autocannon#api. Kept to what `bench/webhook/load.ts` calls.
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface RequestParams {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }

    interface Request extends RequestParams {
      /** Called right before each request is written; return the request to send (falsy skips). */
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams | null | undefined;
      /** Called when the response has been read; `context` is the connection's, as in `setupRequest`. */
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, unknown>) => void;
    }

    interface Options {
      url: string;
      connections?: number;
      pipelining?: number;
      /** Seconds. */
      duration?: number;
      /** Stop after this many requests (then `duration` is ignored). */
      amount?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      /** Requests per second across all connections. */
      overallRate?: number;
      connectionRate?: number;
      ignoreCoordinatedOmission?: boolean;
      requests?: Request[];
      initialContext?: Record<string, unknown>;
      /** Sampling interval, ms. */
      sampleInt?: number;
    }

    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
      [key: string]: number;
    }

    interface Result {
      latency: Histogram;
      requests: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      mismatches: number;
      duration: number;
      start: Date;
      finish: Date;
      statusCodeStats: Record<string, { count: number }>;
      '2xx': number;
    }

    interface Instance extends EventEmitter {
      stop(): void;
      on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
      on(event: 'reqError', listener: (error: Error) => void): this;
      on(event: 'done', listener: (result: Result) => void): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }
  }

  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.Result) => void): autocannon.Instance;

  export = autocannon;
}
