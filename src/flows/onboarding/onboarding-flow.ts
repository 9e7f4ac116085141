import { msg } from '../../domain/message-text';
import { districtStep, languageStep, topicsStep } from '../common/steps';
import type { Flow } from '../engine/types';
import { consentGranted, consentStep } from './consent-step';

/**
 * Onboarding a new friend: greeting → privacy notice and consent → language → district (optional) → topics.
 * Nothing personal is written before consent; declining ends here and leaves the public menus usable.
 */
export const onboardingFlow: Flow = {
  id: 'onboarding',
  version: 1,
  start: (ctx) => ({
    to: 'consent',
    data: {},
    before: [{ lines: [msg('onboarding:greeting', { council: ctx.council.name[ctx.resident.language] })] }],
  }),
  steps: {
    consent: consentStep(
      (answer, data, ctx) =>
        answer === 'yes'
          ? { to: 'language', data, effects: [{ type: 'updateResident', patch: consentGranted(ctx) }], before: [{ lines: [msg('onboarding:consent.thanks')] }] }
          : {
              end: true,
              effects: [{ type: 'updateResident', patch: { consent: 'declined', consentVersion: ctx.consentVersion, consentAt: ctx.now.toISOString() } }],
              messages: [{ lines: [msg('onboarding:consent.declined')] }],
              then: 'menu',
            },
      'consent',
    ),
    language: languageStep((language, data) => ({
      to: 'district',
      data,
      effects: [{ type: 'updateResident', patch: { language, languageChosen: true } }],
    })),
    district: districtStep(
      (districtCode, data) => ({ to: 'topics', data, effects: [{ type: 'updateResident', patch: { districtCode } }] }),
      'district',
    ),
    topics: topicsStep(
      (topics, _data, ctx) => ({
        end: true,
        effects: [{ type: 'updateResident', patch: { topics, onboardedAt: ctx.now.toISOString() } }],
        messages: [{ lines: [msg('onboarding:done')] }],
        then: 'menu',
      }),
      'topics',
    ),
  },
};
