import type { StepCommit } from '../../domain/stores';
import type { Effect } from '../../flows/engine/types';

/** The engine's own records a step's effects ask for (hand-off family), as optional fields of its commit. */
export function recordsOf(effects: Effect[]): Pick<StepCommit, 'forwarded' | 'alert' | 'afterHoursNoticeOn' | 'survey'> {
  const out: Pick<StepCommit, 'forwarded' | 'alert' | 'afterHoursNoticeOn' | 'survey'> = {};
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
      default:
        break;
    }
  }
  return out;
}
