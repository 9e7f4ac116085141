import { msg } from '../../domain/message-text';
import { DATA_REQUEST_KINDS } from '../../domain/resident-data';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import { districtStep, languageStep, topicsStep } from '../common/steps';
import type { Flow, FlowContext, Transition } from '../engine/types';
import { CONSENT_REVIEW_FLOW } from '../consent/consent-review-flow';
import { everyConsentWithdrawn } from '../consent/withdraw-all';
import { consentGranted, consentStep } from '../onboarding/consent-step';

type SettingsChoice = 'language' | 'district' | 'topics' | 'consent' | 'myData' | 'consents';

/** The topic and referral consents withdrawn with the general one (none: no change). */
function withdrawnTopics(ctx: FlowContext) {
  const { decisions } = everyConsentWithdrawn(ctx);
  return decisions.length ? { topicConsents: decisions } : {};
}

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
 * わたしの情報 records a request to see or erase everything held, which staff answer outside LINE.
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
            postbackChip(msg('settings:choice.myData'), 's=myData'),
            postbackChip(msg('settings:choice.consents'), 's=consents'),
          ],
        },
      ],
      parse: (input) => parseChoice<SettingsChoice>(input, 's', ['language', 'district', 'topics', 'consent', 'myData', 'consents']),
      next: (choice, data, ctx) => {
        if (choice === 'language') return { to: 'language', data };
        if (choice === 'myData') return { to: 'myData', data };
        if (choice === 'consents') return { end: true, then: { flow: CONSENT_REVIEW_FLOW } };
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
          lines: [msg('settings:withdraw.deletes'), ...ctx.consentWithdrawal.flatMap((w) => w.warn), ...everyConsentWithdrawn(ctx).warn, msg('settings:withdraw.confirm')],
          buttons: [postbackChip(msg('settings:withdraw.yes'), 'w=yes'), postbackChip(msg('settings:withdraw.no'), 'w=no')],
        },
      ],
      parse: (input) => parseChoice(input, 'w', ['yes', 'no'] as const),
      next: (answer, _data, ctx) =>
        answer === 'yes'
          ? {
              end: true,
              effects: [
                { type: 'updateResident', patch: { consent: 'declined', consentAt: ctx.now.toISOString(), districtCode: null, topics: [], salons: [], onboardedAt: null, ...withdrawnTopics(ctx) } },
                // What each feature module holds that needs the consent being withdrawn (a volunteer registration …).
                ...ctx.consentWithdrawal.flatMap((w) => w.effects),
                // … and what they keep under the topics given with it (the details of open consultations).
                ...everyConsentWithdrawn(ctx).effects,
              ],
              messages: [{ lines: [msg('settings:withdraw.done'), ...ctx.consentWithdrawal.flatMap((w) => w.done), msg('settings:withdraw.doneKept', { phone: ctx.council.phone })] }],
              then: 'menu',
            }
          : { end: true, messages: [{ lines: [msg('settings:consentKeptOn')] }], then: 'menu' },
    },
    // わたしの情報: a request for staff, who answer outside LINE (the data itself is never sent over LINE).
    myData: {
      prompt: () => [{ lines: [msg('settings:myData.explain'), msg('settings:myData.ask')], buttons: [postbackChip(msg('settings:myData.see'), 'md=see'), postbackChip(msg('settings:myData.erase'), 'md=erase')] }],
      parse: (input) => parseChoice(input, 'md', DATA_REQUEST_KINDS),
      next: (kind, _data, ctx) => ({
        end: true,
        effects: [{ type: 'requestData', kind }],
        messages: [{ lines: [msg(`settings:myData.done.${kind}`), msg('settings:myData.call', { phone: ctx.council.phone })] }],
        then: 'menu',
      }),
    },
    language: languageStep((language) => ({ ...saved(), effects: [{ type: 'updateResident', patch: { language, languageChosen: true } }] })),
    district: districtStep((districtCode) => ({ ...saved(), effects: [{ type: 'updateResident', patch: { districtCode } }] }), 'district'),
    topics: topicsStep((topics) => ({ ...saved(), effects: [{ type: 'updateResident', patch: { topics } }] }), 'topics'),
  },
};
