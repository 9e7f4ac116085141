import { CONTACT_METHODS, FOR_WHOM, URGENCIES, parsePhone, referenceNumber, replyDueAt, type ConsultationDraft, type ContactMethod, type ForWhom, type Urgency } from '../../domain/consultation';
import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import { districtStep } from '../common/steps';
import type { Flow, FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { consentGranted, consentStep } from '../onboarding/consent-step';
import { askTopicsOr, declinedTopics, topicConsentStep, topicsNeeded } from '../consent/topic-consent-step';
import { categoryStep, chosenCategory } from './category-step';
import { descriptionStep, MAX_DESCRIPTION } from './description-step';
import { confirmStep, FIXABLE } from './confirm-step';
import { consultationEffect } from './module-context';

/** Fixed-choice questions: one big button per value, labelled from `consultation:<key>.<value>`. */
function choiceStep<T extends string>(key: string, values: readonly T[], next: (v: T, data: FlowData, ctx: FlowContext) => Transition): StepDef<T> {
  return {
    prompt: () => [{ lines: [msg(`consultation:${key}.prompt`)], buttons: values.map((v) => postbackChip(msg(`consultation:${key}.${v}`), `${key}=${v}`)) }],
    parse: (input) => parseChoice(input, key, values),
    next,
  };
}

/** After an answer: back to the summary when fixing one, else on to `to`. */
function onward(to: string, data: FlowData): Transition {
  return data.fixing ? { to: 'confirm', data: { ...data, fixing: false } } : { to, data };
}

/**
 * Consultation intake: area → its explanation → (consent) → for whom → district → how to contact (and the
 * phone number) → when → urgency → description (several messages and photos) → summary, where any answer can
 * be fixed → submission with a reference number and an honest reply time from the council's business hours.
 * Only what staff need is asked; nothing is stored before the resident confirms.
 */
export const consultationFlow: Flow = {
  id: 'consultation',
  version: 2,
  start: () => ({ to: 'category', data: {} }),
  steps: {
    category: categoryStep((code, data) => ({ to: 'about', data: { ...data, category: code } })),
    about: {
      prompt: (data, ctx) => {
        const c = chosenCategory(data, ctx);
        const lang = ctx.resident.language;
        return [
          {
            lines: [msg('common:literal', { text: c ? c.name[lang] : '' }), msg('consultation:about.body', { about: c ? c.about[lang] : '' }), msg('consultation:about.prepare', { prepare: c ? c.prepare[lang] : '' })],
            buttons: [postbackChip(msg('consultation:about.go'), 'about=go'), postbackChip(msg('consultation:about.other'), 'about=other')],
          },
        ];
      },
      parse: (input) => parseChoice(input, 'about', ['go', 'other'] as const),
      next: (answer, data, ctx) => {
        if (answer === 'other') return { to: 'category', data: {} };
        if (ctx.resident.consent === 'granted') return afterConsent(data, ctx);
        return { to: 'consent', data, before: [{ lines: [msg('consultation:consentNeeded')] }] };
      },
    },
    consent: consentStep((answer, data, ctx) => {
      if (answer === 'no') return { end: true, messages: [{ lines: [msg('consultation:noConsent', { phone: ctx.council.phone })] }], then: 'menu' };
      const t = afterConsent(data, ctx);
      return 'end' in t ? t : { ...t, effects: [{ type: 'updateResident', patch: consentGranted(ctx) }, ...(t.effects ?? [])] };
    }, 'consent'),
    // Asked when the chosen area touches health, disability, money or family and the resident has not agreed yet.
    topicConsent: topicConsentStep('topicConsent', (data) => ({ to: 'forWhom', data })),
    forWhom: choiceStep<ForWhom>('forWhom', FOR_WHOM, (v, data) => onward('district', { ...data, forWhom: v })),
    district: districtStep((district, data) => onward('contact', { ...data, district }), 'district', {
      why: 'consultation:district.why',
      // The district given at onboarding is offered first; fixing it from the summary lists them all.
      known: (data, ctx) => (data.fixing ? null : ctx.resident.districtCode),
    }),
    contact: {
      ...choiceStep<ContactMethod>('contact', CONTACT_METHODS, (v, data) =>
        v === 'phone' ? { to: 'phone', data: { ...data, contact: v } } : onward('contactTime', { ...data, contact: v, phone: null }),
      ),
      // Without consent to keep the details, staff listen by phone or in person rather than in writing over LINE.
      prompt: (data) => {
        const methods = declinedTopics(data).length ? CONTACT_METHODS.filter((m) => m !== 'line') : CONTACT_METHODS;
        return [{ lines: [msg('consultation:contact.prompt'), ...(declinedTopics(data).length ? [msg('consultation:contact.byVoice')] : [])], buttons: methods.map((v) => postbackChip(msg(`consultation:contact.${v}`), `contact=${v}`)) }];
      },
    },
    phone: {
      prompt: () => [{ lines: [msg('consultation:phone.prompt')] }],
      parse: (input): Parsed<string> => {
        const digits = input.kind === 'text' ? parsePhone(input.text) : null;
        return digits ? { ok: true, value: digits } : { ok: false, error: msg('consultation:phone.invalid') };
      },
      next: (phone, data) => onward('contactTime', { ...data, phone }),
    },
    contactTime: {
      prompt: () => [
        {
          lines: [msg('consultation:contactTime.prompt'), msg('consultation:contactTime.typed')],
          buttons: (['weekday_am', 'weekday_pm', 'anytime'] as const).map((v) => postbackChip(msg(`consultation:contactTime.${v}`), `contactTime=${v}`)),
        },
      ],
      parse: (input): Parsed<string> => {
        const chosen = postbackValue(input, 'contactTime');
        if (chosen && ['weekday_am', 'weekday_pm', 'anytime'].includes(chosen)) return { ok: true, value: chosen };
        if (input.kind === 'text' && input.text.trim().length > 0 && input.text.length <= 100) return { ok: true, value: input.text.trim() };
        return { ok: false, error: msg('common:pleaseTap') };
      },
      next: (contactTime, data) => onward('urgency', { ...data, contactTime }),
    },
    // Without consent for the area's topic the details are not written down here: staff hear them by phone or in person.
    urgency: choiceStep<Urgency>('urgency', URGENCIES, (v, data) => onward(declinedTopics(data).length ? 'confirm' : 'description', { ...data, urgency: v })),
    description: descriptionStep(),
    confirm: confirmStep((data, ctx) => submit(data, ctx)),
    fix: {
      prompt: () => [{ lines: [msg('consultation:fix.prompt')], buttons: FIXABLE.map((f) => postbackChip(msg(`consultation:fix.${f}`), `fix=${f}`)) }],
      parse: (input) => parseChoice(input, 'fix', FIXABLE),
      // The description is written again from scratch; other answers are simply asked again.
      next: (field, data) =>
        field === 'description' && declinedTopics(data).length
          ? { to: 'confirm', data }
          : { to: field, data: { ...data, fixing: true, ...(field === 'description' ? { description: [], photos: [] } : {}) } },
    },
  },
};

/** Once the general consent is there: the topics the area touches that the resident has not agreed to, then on. */
function afterConsent(data: FlowData, ctx: FlowContext): Transition {
  return askTopicsOr(topicsNeeded(chosenCategory(data, ctx), ctx), 'topicConsent', data, (d) => ({ to: 'forWhom', data: d }));
}

/** The submission: the consultation, a hand-off of the thread to the area's team, and the resident's receipt. */
function submit(data: FlowData, ctx: FlowContext): Transition {
  const category = chosenCategory(data, ctx);
  if (!category) return { to: 'category', data: {} };
  const urgency = data.urgency as Urgency;
  const due = replyDueAt(ctx.council.businessHours, ctx.council.replyWithin, urgency, ctx.now);
  const draft: ConsultationDraft = {
    referenceNo: referenceNumber(ctx.now, ctx.seed),
    categoryCode: category.code,
    teamCode: category.team,
    forWhom: data.forWhom as ForWhom,
    districtCode: typeof data.district === 'string' ? data.district : null,
    contactMethod: data.contact as ContactMethod,
    phone: typeof data.phone === 'string' ? data.phone : null,
    contactTime: typeof data.contactTime === 'string' ? data.contactTime : null,
    urgency,
    // Declined topics: only the area and the way to reach the resident are kept.
    description: declinedTopics(data).length ? '' : (Array.isArray(data.description) ? data.description : []).join('\n').slice(0, MAX_DESCRIPTION),
    photoMessageIds: declinedTopics(data).length ? [] : Array.isArray(data.photos) ? data.photos.filter((p): p is string => typeof p === 'string') : [],
    replyDueAt: due.toISOString(),
  };
  return {
    end: true,
    effects: [
      consultationEffect({ type: 'submitConsultation', draft }),
      { type: 'requestHandoff', fromFlow: 'consultation', urgent: urgency === 'urgent', teamCode: category.team },
    ],
    messages: [
      {
        lines: [
          msg('consultation:done.received', { ref: draft.referenceNo }),
          msg(`consultation:done.by.${draft.contactMethod}`, { due: due.getTime() }),
          ...(declinedTopics(data).length ? [msg('consultation:done.notKept')] : []),
          msg('consultation:done.meanwhile', { phone: ctx.council.phone }),
        ],
      },
    ],
    then: 'menu',
  };
}
