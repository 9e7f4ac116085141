/**
 * What staff are told about the bot's outbound messages as a whole (the console's home page and its quota
 * banner): counts only, never whose messages. The states are those of `src/domain/delivery.ts`.
 */
import { DAY_MS, jstMonthStart } from './japan-time';
import { UNCLAIMED_AFTER_MS } from './delivery';

/** How far back the home page counts outbound messages. */
export const OVERVIEW_DAYS = 7;

/** The periods the counts cover at `now`. */
export interface OverviewPeriod {
  /** Outbound messages written since this instant are counted. */
  since: Date;
  /** A `pending` or `attempting` row written before this is stuck, waiting to be sent again. */
  stuckBefore: Date;
  /** The start of the Japan-time month (broadcast batches and quota refusals are counted from here). */
  monthStart: Date;
}

/** The periods the home page and the quota banner count over, at `now`. */
export function overviewPeriod(now: Date): OverviewPeriod {
  return {
    since: new Date(now.getTime() - OVERVIEW_DAYS * DAY_MS),
    stuckBefore: new Date(now.getTime() - UNCLAIMED_AFTER_MS),
    monthStart: jstMonthStart(now),
  };
}

/** Outbound messages by what became of them, over an {@link OverviewPeriod}. */
export interface DeliveryCounts {
  /** `retry`, plus `pending`/`attempting` rows older than a minute: they will be sent again by themselves. */
  waiting: number;
  /** LINE may have accepted them without answering; not sent again. */
  unknown: number;
  failed: number;
  /** Not sent because the resident blocked the account. */
  skipped: number;
  /** Broadcast batches (multicast calls of up to 500 recipients) that failed this month. */
  broadcastBatchesFailed: number;
}

/** Reads the counts of the home page (each an indexed count, no full scan). */
export interface DeliveryCountsSource {
  counts(period: OverviewPeriod): Promise<DeliveryCounts>;
}

/** Reads how many messages LINE refused since `monthStart` because the monthly message limit was reached. */
export interface QuotaRefusalsSource {
  /** Outbound rows failed for the quota, plus the recipients of broadcast batches failed for it. */
  since(monthStart: Date): Promise<number>;
}

/** True for an outbound row's `error` recorded when LINE's monthly message limit refused it (see deliver.ts). */
export function isQuotaError(error: string | null | undefined): boolean {
  return typeof error === 'string' && error.startsWith('quota');
}
