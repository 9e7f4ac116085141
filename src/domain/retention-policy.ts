/**
 * How long each kind of stored data is kept (the council profile's `retention:` section), and what the daily
 * housekeeping removes once that time has passed. Pure: the rules, their defaults with the reason for each, and
 * the cut-off instants; the statements live in the infrastructure (`RetentionStore`), the loop in
 * src/usecases/retention/apply-retention.ts.
 *
 * What no rule removes, whatever its age: anything an open case needs (an open thread, a consultation not closed,
 * an unacknowledged safety alert, an undelivered or resendable message, an open need or complaint's history) and
 * every row the annual report counts (consultations, threads, the times of staff replies, alerts, broadcasts'
 * totals).
 */
import { DAY_MS } from './japan-time';

/**
 * The retention rules, in the order the housekeeping applies them and the console lists them. Outbound rows past
 * their period go before the bodies are emptied, so a body is never rewritten only to be deleted.
 */
export const RETENTION_RULES = ['webhookPayloads', 'outboundRows', 'outboundBodies', 'broadcastDeliveries', 'closedThreads', 'staffSessions', 'auditLog'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

/** Days each rule keeps its data (from the council profile). */
export type RetentionPolicy = Readonly<Record<RetentionRule, number>>;

/** A rule as the profile bounds it and the console explains it. */
export interface RetentionRuleInfo {
  /** Default days, and the range the profile accepts. */
  days: number;
  min: number;
  max: number;
  /** The data, in staff's words. */
  label: string;
  /** What is removed and what stays, in staff's words. */
  removes: string;
  /** Why the default is what it is (shown beside it on the console). */
  reason: string;
}

/**
 * Each rule's default, bounds and reason. The minimums protect what the service itself needs: LINE redelivers an
 * event only for a limited time, so a week of processed events keeps the duplicate check (by `webhookEventId`)
 * working; a month and a half of broadcast batches keeps this month's quota figures.
 */
export const RETENTION_RULE_INFO: Readonly<Record<RetentionRule, RetentionRuleInfo>> = {
  webhookPayloads: {
    days: 30,
    min: 7,
    max: 3650,
    label: 'LINEから受け取ったイベント(処理済み)',
    removes: '処理済みのイベントの記録を消します(会話の内容は会話の記録に残ります)',
    reason: 'LINEが同じイベントを再送するのは短い間だけです。重複の確認と障害の調査に30日あれば足ります',
  },
  outboundBodies: {
    days: 30,
    min: 7,
    max: 3650,
    label: 'LINEで送ったメッセージの本文',
    removes: '送信済みのメッセージの本文を消します(送った日時・状態・件数は残ります)。再送できる失敗した返信の本文は残します',
    reason: '本文は送るためだけの写しです。職員の返信は会話の記録に残るので、届いたかどうかの確認に30日あれば足ります',
  },
  outboundRows: {
    days: 400,
    min: 62,
    max: 3650,
    label: 'LINEで送ったメッセージの送信記録',
    removes: '本文を消したあとの送信記録(日時・状態)を消します。職員の返信と安全のための返信の記録は会話の記録と同じだけ残します',
    reason: '送信記録は今月の送信数の集計と「届いたか」の問い合わせのためです。前の年度の分まで答えられるよう400日です',
  },
  broadcastDeliveries: {
    days: 90,
    min: 62,
    max: 3650,
    label: 'お知らせの配信先の記録(1人ずつ)',
    removes: '配信が終わったお知らせの送り先1人ずつの記録を消します(送った件数・失敗件数は残ります)',
    reason: '1人ずつの記録は配信のやり直しと問い合わせのためです。今月の送信数の集計に前月分まで要るので90日です',
  },
  closedThreads: {
    days: 1825,
    min: 30,
    max: 3650,
    label: '対応を終えた会話のメッセージと写真',
    removes: '終了した会話のメッセージと写真を消します(会話・相談の記録、職員が返信した日時は年次報告のために残ります)',
    reason: '相談記録は相談終了から5年間保存します(プライバシーポリシー)。続いている相談・未確認の警告がある会話は消しません',
  },
  staffSessions: {
    days: 1,
    min: 0,
    max: 365,
    label: '職員のログイン(期限切れ)',
    removes: '有効期限の切れたログインの記録を消します',
    reason: '期限の切れたログインは使えません。1日残すのは直後の問い合わせのためだけです',
  },
  auditLog: {
    days: 1825,
    min: 365,
    max: 3650,
    label: '監査ログ',
    removes: '古い監査ログを消します(続いているニーズ・苦情・相談の記録は残します)',
    reason: 'だれが何を見て変えたかの記録は、相談記録と同じ5年間、いちばん長く残します',
  },
};

/** The default policy (what a profile without a `retention:` section gets). */
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = Object.fromEntries(RETENTION_RULES.map((r) => [r, RETENTION_RULE_INFO[r].days])) as Record<RetentionRule, number>;

/** Pure: rows older than this instant fall under the rule (`days` before `now`). */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** One batch's outcome. */
export interface RetentionBatch {
  touched: number;
  more: boolean;
}

/** What the housekeeping removes, one bounded batch at a time. */
export interface RetentionStore {
  /**
   * Removes (or empties) at most `limit` rows the rule no longer keeps — older than `cutoff`, never an open case's —
   * in one short statement or transaction, reading at most a few times `limit` rows; says how many it touched and
   * whether more may be due (then the caller pauses and calls again). `from`: rows older than this were already
   * handled by an earlier complete run, so a rule that walks its rows (emptying bodies) may start there.
   */
  removeBatch(rule: RetentionRule, cutoff: Date, limit: number, from?: Date): Promise<RetentionBatch>;
  /** Gives at most `pages` free pages of the database file back to the file system; returns how many it gave. */
  reclaimPages(pages: number): Promise<number>;
  /** Bytes per database page. */
  pageSize(): Promise<number>;
}

/** One run of the retention, as stored and shown on the console. */
export interface HousekeepingRunRecord {
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  removed: Partial<Record<RetentionRule, number>>;
  pagesFreed: number;
  pageSize: number;
  error: string | null;
}

/** The runs of the retention: recorded by the housekeeping, read by the console. */
export interface HousekeepingRuns {
  record(run: HousekeepingRunRecord): Promise<void>;
  /** The latest runs, newest first. */
  latest(limit: number): Promise<HousekeepingRunRecord[]>;
}
