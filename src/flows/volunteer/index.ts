import { msg } from '../../domain/message-text';
import { isErased } from '../../domain/volunteer';
import type { FlowModule, Gate } from '../engine/module';
import { activityReportFlow } from './activity-report-flow';
import { answerInvitation, reportHours } from './invitation-answer';
import { VOLUNTEERS, volunteerEffect, volunteersContext } from './module-context';
import { myVolunteerRequests } from './my-volunteer-requests';
import { volunteerFlow } from './volunteer-flow';

/** An answer to an invitation works from anywhere; a flow in progress then asks its question again. */
const invitationGate: Gate = (input, ctx, kit) => {
  const answered = answerInvitation(input, ctx);
  return answered ? kit.resume(answered.lines, answered.effects) : null;
};

/**
 * Hours reported after an activity also work from anywhere. A flow in progress keeps its answers and asks its
 * question again (the optional note is not asked then); otherwise a short note is asked for.
 */
const reportGate: Gate = (input, ctx, kit) => {
  const reported = reportHours(input, ctx);
  if (!reported) return null;
  // A note still unasked for another report is no form to keep: nothing was typed into it.
  const flow = kit.inProgress?.flowId;
  if ((flow && !(reported.invitationId && flow === activityReportFlow.id)) || !reported.invitationId) return kit.resume(reported.lines, reported.effects);
  return kit.start(activityReportFlow.id, { to: 'note', data: { invitationId: reported.invitationId } }, reported.lines, reported.effects);
};

/**
 * Volunteers: registration and requests for help (menu ボランティア), answers to invitations and hours reported
 * from anywhere, its requests for help in わたしの申し込み, and — when consent is withdrawn — the registration ended and its personal fields erased.
 */
export const volunteersFlowModule: FlowModule = {
  id: VOLUNTEERS,
  flows: [volunteerFlow, activityReportFlow],
  postbackKeys: ['va', 'vr'],
  menu: [{ section: 'volunteer', flow: volunteerFlow.id }],
  gates: [invitationGate, reportGate],
  myRequests: myVolunteerRequests,
  consentWithdrawal(ctx) {
    const { volunteer } = volunteersContext(ctx);
    // A registration (current or ended) that still holds personal fields is named; the erasure is always asked
    // for, as the registration needs the consent being withdrawn even when none was loaded.
    const kept = volunteer !== null && !isErased(volunteer);
    return {
      warn: kept ? [msg('settings:withdraw.volunteer')] : [],
      done: kept ? [msg('settings:withdraw.doneVolunteer', { phone: ctx.council.phone })] : [],
      effects: [volunteerEffect({ type: 'eraseVolunteer' })],
    };
  },
};
