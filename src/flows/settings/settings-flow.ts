import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import { districtStep, languageStep, topicsStep } from '../common/steps';
import type { Flow, FlowContext, Transition } from '../engine/types';
import { consentGranted, consentStep } from '../onboarding/consent-step';

type SettingsChoice = 'language' | 'district' | 'topics' | 'consent';

const saved = (): Transition => ({ end: true, messages: [{ lines: [msg('settings:saved')] }], then: 'menu' });

/** Where a choice that needs consent goes: to the consent question first when it is missing. */
function needsConsent(ctx: FlowContext, to: 'district' | 'topics'): Transition {
  if (ctx.resident.consent === 'granted') return { to, data: { after: to, topics: ctx.resident.topics } };
  return { to: 'consent', data: { after: to, topics: ctx.resident.topics }, before: [{ lines: [msg('settings:consentNeeded')] }] };
}

/**
 * Settings from the menu: language, district, interest topics, and the privacy consent (give or withdraw).
 * Withdrawing consent deletes the stored district, topics and followed salons, and what each feature module holds
 * that needs it (a volunteer registration's personal fields); the resident is told what was deleted and what stays.
 */
export const settingsFlow: Flow = {
  id: 'settings',
  version: 1,
  start: () => ({ to: 'choose', data: {} }),
  steps: {
    choose: {
      prompt: (_data, ctx) => [
        {
          lines: [msg('settings:prompt')],
          buttons: [
            postbackChip(msg('settings:choice.language'), 's=language'),
            postbackChip(msg('settings:choice.district'), 's=district'),
            postbackChip(msg('settings:choice.topics'), 's=topics'),
            postbackChip(msg(ctx.resident.consent === 'granted' ? 'settings:choice.withdraw' : 'settings:choice.consent'), 's=consent'),
          ],
        },
      ],
      parse: (input) => parseChoice<SettingsChoice>(input, 's', ['language', 'district', 'topics', 'consent']),
      next: (choice, data, ctx) => {
        if (choice === 'language') return { to: 'language', data };
        if (choice === 'consent') return ctx.resident.consent === 'granted' ? { to: 'withdraw', data } : { to: 'consent', data: { after: 'choose' } };
        return needsConsent(ctx, choice);
      },
    },
    consent: consentStep((answer, data, ctx) => {
      if (answer === 'no') return { end: true, messages: [{ lines: [msg('settings:consentKeptOff')] }], then: 'menu' };
      const after = typeof data.after === 'string' && data.after !== 'choose' ? data.after : 'choose';
      return { to: after, data, effects: [{ type: 'updateResident', patch: consentGranted(ctx) }], before: [{ lines: [msg('onboarding:consent.thanks')] }] };
    }, 'consent'),
    withdraw: {
      prompt: (_data, ctx) => [
        {
          lines: [msg('settings:withdraw.deletes'), ...ctx.consentWithdrawal.flatMap((w) => w.warn), msg('settings:withdraw.confirm')],
          buttons: [postbackChip(msg('settings:withdraw.yes'), 'w=yes'), postbackChip(msg('settings:withdraw.no'), 'w=no')],
        },
      ],
      parse: (input) => parseChoice(input, 'w', ['yes', 'no'] as const),
      next: (answer, _data, ctx) =>
        answer === 'yes'
          ? {
              end: true,
              effects: [
                { type: 'updateResident', patch: { consent: 'declined', consentAt: ctx.now.toISOString(), districtCode: null, topics: [], salons: [], onboardedAt: null } },
                // What each feature module holds that needs the consent being withdrawn (a volunteer registration …).
                ...ctx.consentWithdrawal.flatMap((w) => w.effects),
              ],
              messages: [{ lines: [msg('settings:withdraw.done'), ...ctx.consentWithdrawal.flatMap((w) => w.done), msg('settings:withdraw.doneKept', { phone: ctx.council.phone })] }],
              then: 'menu',
            }
          : { end: true, messages: [{ lines: [msg('settings:consentKeptOn')] }], then: 'menu' },
    },
    language: languageStep((language) => ({ ...saved(), effects: [{ type: 'updateResident', patch: { language, languageChosen: true } }] })),
    district: districtStep((districtCode) => ({ ...saved(), effects: [{ type: 'updateResident', patch: { districtCode } }] }), 'district'),
    topics: topicsStep((topics) => ({ ...saved(), effects: [{ type: 'updateResident', patch: { topics } }] }), 'topics'),
  },
};
