/**
 * Whether the safety reply (119/110 and helplines) raised with a safety alert reached the resident: the alert and
 * the reply's outbound rows share the webhook event's id. Pure; see `src/domain/delivery.ts` for the states.
 */
import { isQuotaError } from './delivery-overview';

/** One outbound row of a safety reply, as far as its outcome goes. */
export interface SafetyReplyRow {
  status: string;
  /** LINE may have taken the reply without answering, and it was pushed as well: it may have arrived twice. */
  pushedAfterUnknownReply: boolean;
  sentAt: Date | null;
  error: string | null;
}

/** The reply rows of one alert. */
export interface AlertReply {
  alertId: string;
  conversationId: string;
  rows: SafetyReplyRow[];
}

/** What became of one alert's safety reply. */
export type SafetyReplyState =
  /** Every part reached LINE. `maybeTwice`: a reply LINE did not answer was pushed as well, so it may have arrived twice. */
  | { kind: 'sent'; at: Date | null; maybeTwice: boolean }
  /** Being sent, or waiting to be sent again by itself. */
  | { kind: 'sending' }
  /** LINE may have taken it without answering, and nothing can tell. */
  | { kind: 'unknown' }
  | { kind: 'failed'; quota: boolean }
  /** Not sent: the resident blocked the account. */
  | { kind: 'skipped' }
  /** No reply row was found for the alert. */
  | { kind: 'missing' };

/** The state of a safety reply from its rows: the worst part decides (failed, skipped, unknown, sending, then sent). */
export function safetyReplyState(rows: readonly SafetyReplyRow[]): SafetyReplyState {
  if (rows.length === 0) return { kind: 'missing' };
  const failed = rows.filter((r) => r.status === 'failed');
  if (failed.length) return { kind: 'failed', quota: failed.some((r) => isQuotaError(r.error)) };
  if (rows.some((r) => r.status === 'skipped')) return { kind: 'skipped' };
  if (rows.some((r) => r.status === 'unknown')) return { kind: 'unknown' };
  // What is left besides `sent` is pending, attempting or retry.
  if (rows.some((r) => r.status !== 'sent')) return { kind: 'sending' };
  const times = rows.flatMap((r) => (r.sentAt ? [r.sentAt.getTime()] : []));
  return { kind: 'sent', at: times.length ? new Date(Math.max(...times)) : null, maybeTwice: rows.some((r) => r.pushedAfterUnknownReply) };
}

/** True unless the reply is known to have reached LINE. */
export function unconfirmed(state: SafetyReplyState): boolean {
  return state.kind !== 'sent';
}

/** Reads the safety replies of threads' alerts. */
export interface SafetyReplySource {
  /** Every alert of these threads with the resident's reply rows for it (empty rows when none were written). */
  forThreads(conversationIds: string[]): Promise<AlertReply[]>;
}
