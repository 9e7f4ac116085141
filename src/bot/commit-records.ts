import type { StepCommit } from '../domain/stores';
import type { Effect } from '../flows/engine/types';

/** The business records a step's effects ask for, as the optional fields of its commit (absent when none). */
export function recordsOf(effects: Effect[]): Pick<StepCommit, 'consultation' | 'forwarded' | 'alert' | 'afterHoursNoticeOn' | 'survey' | 'donationOffer'> {
  const out: Pick<StepCommit, 'consultation' | 'forwarded' | 'alert' | 'afterHoursNoticeOn' | 'survey' | 'donationOffer'> = {};
  for (const e of effects) {
    switch (e.type) {
      case 'submitConsultation':
        out.consultation = e.draft;
        break;
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
      case 'submitDonationOffer':
        out.donationOffer = e.offer;
        break;
      default:
        break;
    }
  }
  return out;
}
