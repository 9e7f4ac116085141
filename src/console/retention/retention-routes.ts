/**
 * `GET /console/retention`: the council's retention policy, each rule with its days, what it removes and why, and
 * the last runs of the daily housekeeping (when, how long, what each rule removed, the space given back). Shows no
 * personal data, so it writes no audit row.
 */
import { RETENTION_RULE_INFO, RETENTION_RULES, type HousekeepingRuns, type RetentionPolicy } from '../../domain/retention-policy';
import type { ConsoleRoutes } from '../console-module';
import { sendPage } from '../render';
import { jaDateTime } from '../shared/ja-dates';

export interface RetentionConsole {
  policy: RetentionPolicy;
  runs: HousekeepingRuns;
}

/** One rule as the page lists it. */
export interface RetentionRuleView {
  label: string;
  days: string;
  isDefault: boolean;
  removes: string;
  reason: string;
}

/** One run as the page lists it. */
export interface RetentionRunView {
  at: string;
  atIso: string;
  duration: string;
  removed: Array<{ label: string; count: string }>;
  reclaimed: string;
  error: string | null;
}

const RUNS_SHOWN = 10;

/** 「30日」, 「5年」 for whole years. */
function daysLabel(days: number): string {
  return days >= 365 && days % 365 === 0 ? `${days / 365}年(${days.toLocaleString('ja-JP')}日)` : `${days.toLocaleString('ja-JP')}日`;
}

function bytesLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export const retentionRoutes: ConsoleRoutes<RetentionConsole> = async (app, { deps }) => {
  app.get('/console/retention', { config: { permission: 'retention.view' } }, async (request, reply) => {
    const rules = RETENTION_RULES.map((r) => ({
      label: RETENTION_RULE_INFO[r].label,
      days: daysLabel(deps.policy[r]),
      isDefault: deps.policy[r] === RETENTION_RULE_INFO[r].days,
      removes: RETENTION_RULE_INFO[r].removes,
      reason: RETENTION_RULE_INFO[r].reason,
    }));
    const runs = (await deps.runs.latest(RUNS_SHOWN)).map((run) => ({
      at: jaDateTime(run.startedAt),
      atIso: run.startedAt.toISOString(),
      duration: run.durationMs >= 1000 ? `${(run.durationMs / 1000).toFixed(1)}秒` : `${run.durationMs}ミリ秒`,
      removed: RETENTION_RULES.map((r) => ({ label: RETENTION_RULE_INFO[r].label, count: `${(run.removed[r] ?? 0).toLocaleString('ja-JP')}件` })),
      reclaimed: `${run.pagesFreed.toLocaleString('ja-JP')}ページ(${bytesLabel(run.pagesFreed * run.pageSize)})`,
      error: run.error,
    }));
    return sendPage(request, reply, 'retention', 'データの保存期間', { rules, runs });
  });
};
