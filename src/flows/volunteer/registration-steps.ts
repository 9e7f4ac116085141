import { CHECK_MARK, WEEKDAYS } from '../../domain/council-profile';
import { fiscalYearOf, fiscalYearSpan, INSURANCE_PLANS, DAY_PARTS, type Availability, type InsurancePlan } from '../../domain/volunteer';
import { jstDate } from '../../domain/japan-time';
import { msg, type Msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import { postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import type { FlowContext, Parsed, StepDef } from '../engine/types';
import { formDraft } from '../common/draft';
import { pageTap, pagedChips } from '../common/chip-pages';
import { phoneOrLineStep } from '../common/steps';

/** The longest name a registration keeps. */
export const VOLUNTEER_NAME_MAX = 40;

/** What the registration form holds while it is filled in (plain JSON in the flow state). */
export interface VolunteerDraft {
  name: string;
  phone: string | null;
  district: string | null;
  skills: string[];
  days: string[];
  parts: string[];
  plan: InsurancePlan | 'none';
  enrolledOn: string | null;
  /**
   * The fiscal year the insurance answer is for: the current one when answered in this form, the stored one when
   * an existing registration is edited without answering again (so last year's plan is not taken as this year's).
   */
  insuranceYear: number | null;
}

/** The registration's answers under `draft`; fixes go back to the summary (`confirm`). */
export const { draftOf, withDraft, onward } = formDraft<VolunteerDraft>('draft', 'confirm');

/** Availability from the chosen days and parts of the day (the same parts on every chosen day). */
export function availabilityOf(d: Partial<VolunteerDraft>): Availability {
  return Object.fromEntries((d.days ?? []).map((day) => [day, [...(d.parts ?? [])]])) as Availability;
}

export const nameStep: StepDef<string> = {
  prompt: () => [{ lines: [msg('volunteer:name.prompt')] }],
  parse: (input): Parsed<string> => {
    const typed = input.kind === 'text' ? input.text.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
    return typed && typed.length <= VOLUNTEER_NAME_MAX ? { ok: true, value: typed } : { ok: false, error: msg('volunteer:name.invalid', { max: VOLUNTEER_NAME_MAX }) };
  },
  next: (v, data) => onward('phone', withDraft(data, { name: v })),
};

export const phoneStep = phoneOrLineStep('vp', { prompt: 'volunteer:phone.prompt', lineOnly: 'volunteer:phone.lineOnly', invalid: 'volunteer:phone.invalid' }, (v, data) => onward('district', withDraft(data, { phone: v })));

/** An option of a several-choice step: its code, and its label plain and when chosen (with ✓). */
interface Option {
  code: string;
  label: Msg;
  labelOn: Msg;
}

type ToggleAnswer = string | { page: number };

/**
 * A choice of several options by tapping them one by one (a chosen option shows ✓; tapping it again removes
 * it), then "done". `field` is the draft's list it fills; at least one option must be chosen. Options that do
 * not fit in one quick reply beside "done", menu and cancel are paged (`<key>page=<n>`, kept in `<field>Page`).
 */
function toggleStep(field: 'skills' | 'days' | 'parts', key: string, options: (ctx: FlowContext) => Option[], next: string): StepDef<ToggleAnswer> {
  const pageKey = `${key}page`;
  const pageField = `${field}Page`;
  return {
    prompt: (data, ctx) => {
      const chosen = (draftOf(data)[field] ?? []) as string[];
      const chips: Chip[] = options(ctx).map((o) => postbackChip(chosen.includes(o.code) ? o.labelOn : o.label, `${key}=${o.code}`));
      const done = postbackChip(msg('volunteer:done'), `${key}=done`);
      return [{ lines: [msg(`volunteer:${field}.prompt`), ...(chosen.length ? [msg('volunteer:chosenSoFar', { count: chosen.length })] : [])], chips: pagedChips(chips, [done], Number(data[pageField] ?? 0), pageKey) }];
    },
    parse: (input, _data, ctx): Parsed<ToggleAnswer> => {
      const page = pageTap(input, pageKey);
      if (page !== null) return { ok: true, value: { page } };
      return parseChoice(input, key, [...options(ctx).map((o) => o.code), 'done']);
    },
    next: (v, data) => {
      if (typeof v !== 'string') return { to: field, data: { ...data, [pageField]: v.page } };
      const chosen = (draftOf(data)[field] ?? []) as string[];
      if (v === 'done' && !chosen.length) return { to: field, data, before: [{ lines: [msg('volunteer:chooseOne')] }] };
      if (v === 'done') {
        const { [pageField]: _page, ...rest } = data;
        // Days always go on to the parts of the day, also when fixing (the two are one answer).
        return field === 'days' ? { to: next, data: rest } : onward(next, rest);
      }
      const toggled = chosen.includes(v) ? chosen.filter((c) => c !== v) : [...chosen, v];
      return { to: field, data: withDraft(data, { [field]: toggled }) };
    },
  };
}

export const skillsStep = toggleStep(
  'skills',
  'vs',
  (ctx) => ctx.council.volunteerSkills.map((s) => ({ code: s.code, label: msg('common:literal', { text: s.label[ctx.resident.language] }), labelOn: msg('common:literal', { text: `${CHECK_MARK}${s.label[ctx.resident.language]}` }) })),
  'days',
);
export const daysStep = toggleStep('days', 'vd', () => WEEKDAYS.map((d) => ({ code: d, label: msg(`volunteer:weekday.${d}`), labelOn: msg(`volunteer:weekdayOn.${d}`) })), 'parts');
export const partsStep = toggleStep('parts', 'vt', () => DAY_PARTS.map((p) => ({ code: p, label: msg(`volunteer:part.${p}`), labelOn: msg(`volunteer:partOn.${p}`) })), 'insurance');

export const insuranceStep: StepDef<InsurancePlan | 'none'> = {
  prompt: () => [
    {
      lines: [msg('volunteer:insurance.prompt'), msg('volunteer:insurance.why')],
      buttons: [...INSURANCE_PLANS.map((p) => postbackChip(msg(`volunteer:insurance.${p}`), `vi=${p}`)), postbackChip(msg('volunteer:insurance.none'), 'vi=none')],
    },
  ],
  parse: (input) => parseChoice(input, 'vi', [...INSURANCE_PLANS, 'none'] as const),
  next: (v, data, ctx) =>
    v === 'none'
      ? onward('confirm', withDraft(data, { plan: 'none', enrolledOn: null, insuranceYear: null }))
      : { to: 'enrolled', data: withDraft(data, { plan: v, insuranceYear: fiscalYearOf(jstDate(ctx.now)) }) },
};

/**
 * When the insurance was taken out: a date from 1 April of this fiscal year to today. On 1 April itself the two
 * are the same day and LINE refuses a picker whose max is not after its min, so the picker then has no min;
 * the parser refuses any date outside the fiscal year or in the future either way.
 */
export const enrolledStep: StepDef<string | null> = {
  prompt: (_data, ctx) => {
    const today = jstDate(ctx.now);
    const { from } = fiscalYearSpan(fiscalYearOf(today));
    return [
      {
        lines: [msg('volunteer:enrolled.prompt')],
        buttons: [{ kind: 'datePicker', label: msg('volunteer:enrolled.pick'), data: 've=date', ...(from < today ? { min: from } : {}), max: today, initial: today }, postbackChip(msg('volunteer:enrolled.unknown'), 've=unknown')],
      },
    ];
  },
  parse: (input, _data, ctx): Parsed<string | null> => {
    const v = postbackValue(input, 've');
    if (v === 'unknown') return { ok: true, value: null };
    const date = v === 'date' && input.kind === 'postback' ? input.params?.date : undefined;
    const today = jstDate(ctx.now);
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date) && date <= today && date >= fiscalYearSpan(fiscalYearOf(today)).from) return { ok: true, value: date };
    return { ok: false, error: msg('volunteer:enrolled.invalid') };
  },
  next: (v, data) => onward('confirm', withDraft(data, { enrolledOn: v })),
};
