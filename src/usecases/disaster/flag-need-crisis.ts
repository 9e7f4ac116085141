/**
 * 危機介入 set on a need (the flag going from off to on): the household is handed to the consultation team. Each
 * distinct LINE reporter's thread with staff is opened — or their open one reused — urgent, waiting for staff,
 * with a line naming the need and a safety alert, through the core's `openAlertThreads` (inbox, alert path,
 * on-duty push). A need with no LINE reporter (a phone or counter intake) has no resident to tie a thread to:
 * nothing is opened, and the history says so — staff call the household (the need's page shows the banner).
 * Both write a history note and an audit row. Runs inside the caller's unit of work.
 */
import { DRILL_MARK } from '../../domain/disaster/centre';
import type { NeedDetail, NeedsRepositories } from '../../domain/disaster/needs-admin';
import { openAlertThreads, type AlertedThread } from '../threads/open-alert-threads';
import { auditOf, type StaffAct } from '../staff-act';
import type { NeedsDeps } from './needs-deps';

/** The threads the alert went to (empty for a need with no LINE reporter). */
export async function flagNeedCrisis(deps: Pick<NeedsDeps, 'alerts'>, repos: NeedsRepositories, need: Pick<NeedDetail, 'id' | 'referenceNo'>, drill: boolean, by: StaffAct): Promise<AlertedThread[]> {
  const reporters = await repos.needs.reporters(need.id);
  const threads = reporters.length
    ? await openAlertThreads(deps.alerts, repos, { residentIds: reporters, category: 'crisis', line: `${drill ? DRILL_MARK : ''}災害ニーズ ${need.referenceNo} に危機介入のフラグが付きました。`, staffId: by.staffId, at: by.at, drill })
    : [];
  const note = threads.length
    ? `危機介入:LINEで依頼した人${threads.length}人の相談の会話を受信箱(緊急)に回しました(新しく開いた会話 ${threads.filter((t) => t.opened).length}件)。`
    : '危機介入:LINEで依頼した人がいないため、相談の会話は開けません。世帯に電話し、相談の担当につないでください。';
  await repos.needs.recordEvent(need.id, { kind: 'note', from: null, to: null, note, staffId: by.staffId, at: by.at });
  await repos.audit.record(
    auditOf(by, {
      action: 'disaster.need.crisis',
      subjectType: 'need',
      subjectId: need.id,
      detail: { threads: threads.map((t) => t.threadId), opened: threads.filter((t) => t.opened).length, lineReporters: reporters.length, drill },
    }),
  );
  return threads;
}
