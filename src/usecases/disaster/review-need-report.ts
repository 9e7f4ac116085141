/**
 * Staff's look at a report whose intake suspected duplicates (重複の疑い): link it to the need it duplicates (the
 * report moves there with a 'link' event on both needs; the need it leaves, once emptied, is marked merged into
 * the other and leaves the board) or confirm it is separate. Either way the report is marked reviewed. A linked
 * report's LINE sender is told the existing need's reference and status (one notice, 【訓練】 in a drill). Rows,
 * events, notice and audit row in one transaction.
 */
import { auditOf, type StaffAct } from '../staff-act';
import { tellReporters } from './move-need';
import type { NeedsDeps } from './needs-deps';

/** Separate from the suspects, or the same household as `intoNeedId`. */
export type ReviewDecision = { kind: 'separate' } | { kind: 'link'; intoNeedId: string };

/** The need the report now belongs to, whether its old need was emptied and merged, and how many were told. */
export type ReviewReportOutcome = { ok: true; needId: string; merged: boolean; told: number } | { ok: false; refused: 'unknown' | 'reviewed' | 'linkTarget' };

/** Reviews report `reportId` of need `needId` as `decision` says. */
export async function reviewNeedReport(deps: NeedsDeps, needId: string, reportId: string, decision: ReviewDecision, by: StaffAct): Promise<ReviewReportOutcome> {
  return deps.work.run(async (repos): Promise<ReviewReportOutcome> => {
    const { needs, audit } = repos;
    const need = await needs.need(needId);
    const report = need?.reportList.find((r) => r.id === reportId);
    if (!need || !report) return { ok: false, refused: 'unknown' };
    const centre = await needs.centre(need.centreId);
    const drill = centre?.drill ?? false;
    if (decision.kind === 'separate') {
      if (!(await needs.reviewReport(reportId, by.at))) return { ok: false, refused: 'reviewed' };
      await needs.recordEvent(needId, { kind: 'note', from: null, to: null, note: '重複の疑いを確認し、別のニーズとしました', staffId: by.staffId, at: by.at });
      await audit.record(auditOf(by, { action: 'disaster.need.separate', subjectType: 'need', subjectId: needId, detail: { reportId, drill } }));
      return { ok: true, needId, merged: false, told: 0 };
    }
    const target = await needs.need(decision.intoNeedId);
    if (!target || target.id === needId || target.centreId !== need.centreId || target.mergedIntoId) return { ok: false, refused: 'linkTarget' };
    if (!(await needs.reviewReport(reportId, by.at))) return { ok: false, refused: 'reviewed' };
    await needs.moveReport(reportId, target.id);
    await needs.recordEvent(target.id, { kind: 'link', from: need.id, to: target.id, note: `${need.referenceNo} の報告をまとめました`, staffId: by.staffId, at: by.at });
    await needs.recordEvent(need.id, { kind: 'link', from: need.id, to: target.id, note: `報告を ${target.referenceNo} にまとめました`, staffId: by.staffId, at: by.at });
    const merged = await needs.mergeIfEmpty(need.id, target.id, by.at);
    let told = 0;
    if (report.residentId && centre) {
      const notice = deps.notices.linked({ centreName: centre.name, referenceNo: target.referenceNo, status: target.status, date: target.scheduledOn });
      told = await tellReporters(repos, deps, [report.residentId], notice, { drill, needId: target.id, centreId: centre.id, now: by.at, reason: 'needLink' });
    }
    await audit.record(auditOf(by, { action: 'disaster.need.link', subjectType: 'need', subjectId: target.id, detail: { reportId, from: need.id, merged, told, drill } }));
    return { ok: true, needId: target.id, merged, told };
  });
}
