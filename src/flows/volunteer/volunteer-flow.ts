import { WEEKDAYS } from '../../domain/council-profile';
import { fiscalYearOf, type VolunteerProfile } from '../../domain/volunteer';
import { jstDate } from '../../domain/japan-time';
import { msg, type Msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import { districtStep } from '../common/steps';
import type { Flow, FlowContext, FlowData, StepDef, Transition } from '../engine/types';
import { consentGranted, consentStep } from '../onboarding/consent-step';
import { requestSteps } from './request-steps';
import { availabilityOf, daysStep, draftOf, enrolledStep, insuranceStep, nameStep, onward, partsStep, phoneStep, skillsStep, withDraft, type VolunteerDraft } from './registration-steps';
import { volunteerEffect, volunteersContext } from './module-context';

const FIELDS = ['name', 'phone', 'district', 'skills', 'days', 'insurance'] as const;

/** The registration of the resident, unless they left. */
function current(ctx: FlowContext): VolunteerProfile | null {
  return volunteersContext(ctx).volunteer && volunteersContext(ctx).volunteer!.status !== 'left' ? volunteersContext(ctx).volunteer : null;
}

/**
 * The draft for editing an existing registration. The stored insurance keeps its own fiscal year: a plan of an
 * earlier year stays that year's unless the insurance question is answered again.
 */
function draftFrom(v: VolunteerProfile): VolunteerDraft {
  const days = WEEKDAYS.filter((d) => (v.availability[d] ?? []).length > 0);
  return {
    name: v.name,
    phone: v.phone,
    district: v.districtCode,
    skills: [...v.skills],
    days,
    parts: [...new Set(days.flatMap((d) => v.availability[d] ?? []))],
    plan: v.insurance?.plan ?? 'none',
    enrolledOn: v.insurance?.enrolledOn ?? null,
    insuranceYear: v.insurance?.fiscalYear ?? null,
  };
}

/** The lines summing up a registration: what staff will see. */
function summary(d: Partial<VolunteerDraft>, ctx: FlowContext): Msg[] {
  const lang = ctx.resident.language;
  const skillName = (code: string) => ctx.council.volunteerSkills.find((s) => s.code === code)?.name[lang] ?? code;
  const district = ctx.council.districts.find((x) => x.code === d.district)?.name[lang];
  return [
    msg('volunteer:summary.name', { name: d.name ?? '' }),
    d.phone ? msg('volunteer:summary.phone', { phone: d.phone }) : msg('volunteer:summary.lineOnly'),
    district ? msg('volunteer:summary.district', { district }) : msg('volunteer:summary.noDistrict'),
    msg('volunteer:summary.skills', { skills: (d.skills ?? []).map(skillName).join('、') }),
    msg('volunteer:summary.when'),
    ...(d.days ?? []).map((day) => msg(`volunteer:weekday.${day}`)),
    ...(d.parts ?? []).map((p) => msg(`volunteer:part.${p}`)),
    d.plan && d.plan !== 'none' ? msg(`volunteer:summary.insured.${d.plan}`, { year: insuranceYearOf(d, ctx) }) : msg('volunteer:summary.notInsured'),
  ];
}

/** The fiscal year a draft's insurance is for: its own, or the current one for a form begun before drafts kept it. */
function insuranceYearOf(d: Partial<VolunteerDraft>, ctx: FlowContext): number {
  return d.insuranceYear ?? fiscalYearOf(jstDate(ctx.now));
}

/** The first question of registering, or of asking for help. */
function startOf(what: 'register' | 'request', ctx: FlowContext): Transition {
  return what === 'request' ? { to: 'requestWho', data: { request: { district: ctx.resident.districtCode } } } : { to: 'name', data: { draft: { district: ctx.resident.districtCode } } };
}

const intro: StepDef<'register' | 'request'> = {
  prompt: () => [{ lines: [msg('volunteer:intro.prompt')], buttons: [postbackChip(msg('volunteer:intro.register'), 'vo=register'), postbackChip(msg('volunteer:intro.request'), 'vo=request')] }],
  parse: (input) => parseChoice(input, 'vo', ['register', 'request'] as const),
  next: (v, data, ctx): Transition => {
    if (ctx.resident.consent !== 'granted') return { to: 'consent', data: { after: v }, before: [{ lines: [msg(v === 'request' ? 'volunteer:request.consentNeeded' : 'volunteer:consentNeeded')] }] };
    return startOf(v, ctx);
  },
};

const confirm: StepDef<'yes' | 'fix' | 'no'> = {
  prompt: (data, ctx) => [
    { lines: [msg(data.editing ? 'volunteer:confirm.titleEdit' : 'volunteer:confirm.title'), ...summary(draftOf(data), ctx)], buttons: [postbackChip(msg('volunteer:confirm.yes'), 'vc=yes'), postbackChip(msg('volunteer:confirm.fix'), 'vc=fix'), postbackChip(msg('volunteer:confirm.no'), 'vc=no')] },
  ],
  parse: (input) => parseChoice(input, 'vc', ['yes', 'fix', 'no'] as const),
  next: (v, data, ctx): Transition => {
    if (v === 'fix') return { to: 'fix', data };
    if (v === 'no') return { end: true, messages: [{ lines: [msg(data.editing ? 'volunteer:confirm.notChanged' : 'volunteer:confirm.notRegistered')] }], then: 'menu' };
    const d = draftOf(data);
    const insurance = d.plan && d.plan !== 'none' ? { fiscalYear: insuranceYearOf(d, ctx), plan: d.plan, enrolledOn: d.enrolledOn ?? null } : null;
    const insuredThisYear = insurance !== null && insurance.fiscalYear >= fiscalYearOf(jstDate(ctx.now));
    // Changing details is not resuming: a paused volunteer stays paused.
    const status = data.editing ? (current(ctx)?.status ?? 'active') : 'active';
    return {
      end: true,
      effects: [volunteerEffect({ type: 'saveVolunteer', volunteer: { name: d.name ?? '', phone: d.phone ?? null, districtCode: d.district ?? null, skills: d.skills ?? [], availability: availabilityOf(d), insurance, status } })],
      messages: [{ lines: [msg(data.editing ? 'volunteer:confirm.changed' : 'volunteer:confirm.registered'), ...(insuredThisYear ? [] : [msg('volunteer:confirm.insuranceAdvice', { phone: ctx.council.phone })])] }],
      then: 'menu',
    };
  },
};

const fix: StepDef<(typeof FIELDS)[number]> = {
  prompt: () => [{ lines: [msg('volunteer:fix.prompt')], buttons: FIELDS.map((f) => postbackChip(msg(`volunteer:fix.${f}`), `vf=${f}`)) }],
  parse: (input) => parseChoice(input, 'vf', FIELDS),
  next: (v, data) => ({ to: v, data: { ...data, fixing: true } }),
};

/** A registered volunteer's page: their registration to change, pause or end — and, as for anyone, asking for help. */
const home: StepDef<'edit' | 'pause' | 'leave' | 'request'> = {
  prompt: (_data, ctx) => {
    const v = current(ctx);
    if (!v) return [{ lines: [msg('volunteer:home.gone')] }];
    return [
      {
        lines: [msg(v.status === 'paused' ? 'volunteer:home.paused' : 'volunteer:home.active'), ...summary(draftFrom(v), ctx), msg('volunteer:home.orRequest')],
        buttons: [
          postbackChip(msg('volunteer:home.edit'), 'vh=edit'),
          postbackChip(msg(v.status === 'paused' ? 'volunteer:home.resume' : 'volunteer:home.pause'), 'vh=pause'),
          postbackChip(msg('volunteer:home.leave'), 'vh=leave'),
          postbackChip(msg('volunteer:intro.request'), 'vh=request'),
        ],
      },
    ];
  },
  parse: (input) => parseChoice(input, 'vh', ['edit', 'pause', 'leave', 'request'] as const),
  next: (v, data, ctx): Transition => {
    if (v === 'request') return intro.next('request', {}, ctx);
    const reg = current(ctx);
    if (!reg) return { to: 'intro', data: {} };
    if (v === 'edit') return { to: 'fix', data: { draft: draftFrom(reg), editing: true } };
    if (v === 'leave') return { to: 'leave', data };
    const status = reg.status === 'paused' ? 'active' : 'paused';
    return { end: true, effects: [volunteerEffect({ type: 'setVolunteerStatus', status })], messages: [{ lines: [msg(status === 'paused' ? 'volunteer:home.pausedNow' : 'volunteer:home.resumedNow')] }], then: 'menu' };
  },
};

const leave: StepDef<'yes' | 'no'> = {
  prompt: () => [{ lines: [msg('volunteer:leave.ask')], buttons: [postbackChip(msg('volunteer:leave.yes'), 'vl=yes'), postbackChip(msg('volunteer:leave.no'), 'vl=no')] }],
  parse: (input) => parseChoice(input, 'vl', ['yes', 'no'] as const),
  next: (v, data): Transition => (v === 'no' ? { to: 'home', data } : { end: true, effects: [volunteerEffect({ type: 'setVolunteerStatus', status: 'left' })], messages: [{ lines: [msg('volunteer:leave.done')] }], then: 'menu' }),
};

/**
 * The volunteer section (menu ボランティア): asking for volunteers' help (request-steps.ts), or registering as a
 * volunteer after consent — name, a phone number or
 * LINE only, district, skills from the council profile, days and parts of the day, and volunteer activity
 * insurance (plan and when enrolled, for the current April–March year) — with a summary where any answer can be
 * changed. A registered volunteer sees their registration and can change it, pause or resume it, or leave.
 */
export const volunteerFlow: Flow = {
  id: 'volunteer',
  version: 1,
  start: (ctx) => (current(ctx) ? { to: 'home', data: {} } : { to: 'intro', data: {} }),
  steps: {
    intro,
    consent: consentStep(
      (answer, data, ctx) =>
        answer === 'no'
          ? { end: true, messages: [{ lines: [msg('volunteer:consentDeclined', { phone: ctx.council.phone })] }], then: 'menu' }
          : { ...startOf(data.after === 'request' ? 'request' : 'register', ctx), effects: [{ type: 'updateResident', patch: consentGranted(ctx) }] },
      'consent',
    ),
    name: nameStep,
    phone: phoneStep,
    district: districtStep((district, data: FlowData) => onward('skills', withDraft(data, { district })), 'district', {
      why: 'volunteer:districtWhy',
      known: (data) => (data.fixing ? null : (draftOf(data).district ?? null)),
    }),
    skills: skillsStep,
    days: daysStep,
    parts: partsStep,
    insurance: insuranceStep,
    enrolled: enrolledStep,
    confirm,
    fix,
    home,
    leave,
    ...requestSteps,
  },
};
