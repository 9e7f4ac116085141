/** Figures of one phase, computed from its events once its grace period is over. */
import type { PhaseEvents } from './load';

export interface PhaseStats {
  label: string;
  rate: number;
  duration: number;
  connections: number;
  lanes: number;
  planned: number;
  sent: number;
  /** 2xx answers. */
  acked: number;
  non2xx: number;
  timeouts: number;
  connectionErrors: number;
  /** Sent, but neither a response nor a counted error (cut connection). */
  noResponse: number;
  ack: Percentiles;
  /** 2xx answers that took longer than LINE's 2 s webhook timeout (LINE would log `request_timeout`). */
  ackOver2s: number;
  /** Over all sent events; an event not answered within the grace period counts as +Infinity. */
  e2e: Percentiles;
  answered: number;
  answeredByPush: number;
  /** Acknowledged events whose reply did not reach the fake within the grace period. */
  unanswered: number;
  replyRefused: number;
  offeredPerS: number;
  ackedPerS: number;
  answeredPerS: number;
  /** Events of earlier phases still unanswered when this phase started. */
  backlogAtStart: number;
  rssPeakMB: number;
  /** Cores used while the load ran (grace period excluded). */
  cpu: { service: number; fake: number; load: number; other: number };
  /** Filled in by the persistence check (Tsunagu only). */
  persisted?: { stored: number; done: number };
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: percentile(sorted, 100) };
}

export function phaseStats(
  ev: PhaseEvents,
  meta: Pick<PhaseStats, 'label' | 'rate' | 'duration' | 'connections' | 'lanes' | 'backlogAtStart' | 'rssPeakMB' | 'cpu'>,
): PhaseStats {
  const ackMs: number[] = [];
  const e2e: number[] = [];
  let acked = 0;
  let non2xx = 0;
  let responded = 0;
  let answered = 0;
  let byPush = 0;
  let unanswered = 0;
  let refused = 0;
  let firstSend = Infinity;
  let lastSend = -Infinity;
  let lastAck = -Infinity;
  let lastAnswer = -Infinity;
  for (let i = 0; i < ev.n; i++) {
    const sendAt = ev.sendAt[i] as number;
    if (Number.isNaN(sendAt)) continue;
    firstSend = Math.min(firstSend, sendAt);
    lastSend = Math.max(lastSend, sendAt);
    const status = ev.ackStatus[i] as number;
    if (status !== 0) responded++;
    if (status >= 200 && status < 300) {
      acked++;
      lastAck = Math.max(lastAck, ev.ackAt[i] as number);
      const ms = ev.ackMs[i] as number;
      if (!Number.isNaN(ms)) ackMs.push(ms);
    } else if (status !== 0) non2xx++;
    if (ev.replyRefused[i]) refused++;
    const answerAt = ev.answerAt[i] as number;
    if (Number.isNaN(answerAt)) {
      e2e.push(Infinity);
      if (status >= 200 && status < 300) unanswered++;
    } else {
      answered++;
      if (ev.answerVia[i] === 2) byPush++;
      lastAnswer = Math.max(lastAnswer, answerAt);
      e2e.push(answerAt - sendAt);
    }
  }
  const perS = (count: number, end: number) => (count > 0 && end > firstSend ? count / ((end - firstSend) / 1000) : 0);
  return {
    ...meta,
    planned: ev.n,
    sent: ev.sent,
    acked,
    non2xx,
    timeouts: ev.timeouts,
    connectionErrors: ev.connectionErrors,
    noResponse: Math.max(0, ev.sent - responded - ev.timeouts - ev.connectionErrors),
    ack: percentiles(ackMs),
    ackOver2s: ackMs.filter((v) => v > 2000).length,
    e2e: percentiles(e2e),
    answered,
    answeredByPush: byPush,
    unanswered,
    replyRefused: refused,
    // Sends come in per-second ticks per lane, so the last tick starts about (duration − 1/lanes) s in.
    offeredPerS: ev.sent > 0 ? ev.sent / Math.max(meta.duration, (lastSend - firstSend) / 1000) : 0,
    ackedPerS: perS(acked, lastAck),
    answeredPerS: perS(answered, lastAnswer),
  };
}

/** All errors of a phase: non-2xx, timeouts, connection errors, no response, unanswered. */
export function errorCount(s: PhaseStats): number {
  return s.non2xx + s.timeouts + s.connectionErrors + s.noResponse + s.unanswered;
}
