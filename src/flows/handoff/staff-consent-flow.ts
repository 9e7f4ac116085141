import { msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { mainMenu, postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { Flow, FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { askedForStaff, STAFF_CONSENT_FLOW } from './staff-gate';

/**
 * Where the question starts; `fromFlow` is the flow the resident was in when asking for staff (the question itself
 * is never the origin).
 */
export function askStaffConsent(fromFlow: string | null, data: FlowData | undefined): Transition {
  const origin = fromFlow === STAFF_CONSENT_FLOW ? originOf(data ?? {}) : fromFlow;
  return { to: 'consent', data: { fromFlow: origin } };
}

function originOf(data: FlowData): string | null {
  return typeof data.fromFlow === 'string' ? data.fromFlow : null;
}

/** The answer to a no: nothing is kept; the council's phone number and hours, a button to call, and the menu. */
function byPhone(ctx: FlowContext): OutMessage {
  return { ...mainMenu(ctx, msg('handoff:consent.declined')), buttons: [{ kind: 'uri', label: msg('handoff:consent.call'), uri: `tel:${ctx.council.phone.replace(/-/g, '')}` }] };
}

const consent: StepDef<'yes' | 'no'> = {
  prompt: () => [
    {
      lines: [msg('handoff:consent.what'), msg('handoff:consent.who'), msg('handoff:consent.question')],
      buttons: [postbackChip(msg('handoff:consent.yes'), 'sc=yes'), postbackChip(msg('handoff:consent.no'), 'sc=no')],
    },
  ],
  // Anything but an answer — a question with a phone number, a photo, a location — is dropped, and the resident told so.
  parse: (input): Parsed<'yes' | 'no'> => {
    const answer = parseChoice(input, 'sc', ['yes', 'no'] as const);
    return answer.ok ? answer : { ok: false, error: msg('handoff:consent.notKept') };
  },
  next: (answer, data, ctx): Transition =>
    answer === 'yes'
      ? {
          end: true,
          effects: [
            { type: 'requestHandoff', fromFlow: originOf(data), consented: true },
            ...askedForStaff(ctx, msg(ctx.thread ? 'handoff:alreadyWaiting' : 'common:handoff.requested')),
          ],
        }
      : { end: true, messages: [byPhone(ctx)] },
};

/**
 * Asking for staff without consent to the privacy notice (declined, or never given): before anything the resident
 * writes is kept, they are told what staff will see and keep, and asked to agree for this conversation only. A yes
 * hands the conversation to staff with that consent recorded on it; a no keeps nothing and gives the phone number.
 */
export const staffConsentFlow: Flow = {
  id: STAFF_CONSENT_FLOW,
  version: 1,
  start: () => askStaffConsent(null, undefined),
  steps: { consent },
};
