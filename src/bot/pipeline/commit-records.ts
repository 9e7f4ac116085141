import type { StepCommit } from '../../domain/stores';
import type { Effect } from '../../flows/engine/types';

/** The engine's own records a step's effects ask for (hand-off family), as optional fields of its commit. */
export function recordsOf(effects: Effect[]): Pick<StepCommit, 'forwarded' | 'alert' | 'afterHoursNoticeOn' | 'survey' | 'dataRequest'> {
  const out: Pick<StepCommit, 'forwarded' | 'alert' | 'afterHoursNoticeOn' | 'survey' | 'dataRequest'> = {};
  for (const e of effects) {
    switch (e.type) {
      case 'forwardToStaff':
        (out.forwarded ??= []).push(e.message);
        break;
      case 'safetyAlert':
        out.alert = { category: e.category };
        break;
      case 'afterHoursNotice':
        out.afterHoursNoticeOn = e.on;
        break;
      case 'recordSurvey':
        if (e.conversationId) out.survey = { conversationId: e.conversationId, score: e.score, comment: e.comment };
        break;
      case 'requestData':
        out.dataRequest = { kind: e.kind };
        break;
      default:
        break;
    }
  }
  return out;
}
