import { msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { languageChoiceChips, postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { FlowContext, FlowData, StepDef, Transition } from '../engine/types';

export type ConsentAnswer = 'yes' | 'no' | 'more';

/** The privacy notice: what is kept, why, and that safety overrides the consent gate. */
export function privacyNotice(): OutMessage {
  return {
    lines: [msg('onboarding:privacy.title'), msg('onboarding:privacy.summary'), msg('onboarding:privacy.safety')],
  };
}

/**
 * Asks for consent to the privacy notice with big buttons. Language chips sit beside it so a resident
 * who cannot read Japanese can switch before deciding.
 */
export function consentStep(next: (answer: 'yes' | 'no', data: FlowData, ctx: FlowContext) => Transition, stepName: string): StepDef<ConsentAnswer> {
  return {
    // The notice is part of the prompt, so it is shown again in the new language after a language switch.
    prompt: () => [
      privacyNotice(),
      {
        lines: [msg('onboarding:consent.question')],
        buttons: [
          postbackChip(msg('onboarding:consent.yes'), 'c=yes'),
          postbackChip(msg('onboarding:consent.no'), 'c=no'),
          postbackChip(msg('onboarding:consent.more'), 'c=more'),
        ],
        chips: languageChoiceChips((l) => `g=lang&to=${l}`),
      },
    ],
    parse: (input) => parseChoice(input, 'c', ['yes', 'no', 'more'] as const),
    next: (answer, data, ctx) =>
      answer === 'more'
        ? { to: stepName, data, before: [{ lines: [msg('onboarding:privacy.details.kept'), msg('onboarding:privacy.details.rights', { phone: ctx.council.phone })] }] }
        : next(answer, data, ctx),
  };
}

/** The resident patch recording a yes to the privacy notice. */
export function consentGranted(ctx: FlowContext) {
  return { consent: 'granted' as const, consentVersion: ctx.consentVersion, consentAt: ctx.now.toISOString() };
}
