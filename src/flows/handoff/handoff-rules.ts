import { msg } from '../../domain/message-text';
import { mayKeepForStaff } from '../../domain/thread';
import type { HandoffRules } from '../engine/step';
import { askStaffConsent } from './staff-consent-flow';
import { askedForStaff, safetyGate, STAFF_CONSENT_FLOW, staffGate } from './staff-gate';

/**
 * The core's hand-off rules, which the engine calls at fixed points of `step` (src/flows/core.ts hands them over):
 * the safety reply first, then what goes to staff while a thread is open, and the answer to asking for staff. Where
 * the conversation may not be kept for staff, the resident is asked first, in the staff-consent flow.
 */
export const HANDOFF_RULES: HandoffRules = {
  safety: safetyGate,
  forStaff: (state, input, ctx, askConsent) => staffGate(state, input, ctx, () => askConsent([msg('handoff:consent.notKept')])),
  askForStaff(state, ctx, askConsent) {
    // Without consent, nothing is handed over before the resident agrees that staff keep this conversation.
    if (!mayKeepForStaff(ctx.resident.consent, ctx.thread)) return askConsent([]);
    if (ctx.thread) return { state: null, effects: askedForStaff(ctx, msg('handoff:alreadyWaiting')) };
    return { state: null, effects: [{ type: 'requestHandoff', fromFlow: state?.flowId ?? null }, ...askedForStaff(ctx, msg('common:handoff.requested'))] };
  },
  consent: { flowId: STAFF_CONSENT_FLOW, ask: askStaffConsent },
};
