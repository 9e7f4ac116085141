import { CHECK_MARK } from '../../domain/council-profile';
import type { MemberKind, MemberOrigin } from '../../domain/disaster/centre';
import { msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import { fiscalYearOf, fiscalYearSpan, INSURANCE_PLANS, type InsurancePlan } from '../../domain/volunteer';
import { parsePhone } from '../../domain/consultation';
import { pagedChips, pageTap } from '../common/chip-pages';
import { formDraft } from '../common/draft';
import { postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import type { FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { dateParam, daysAhead, today } from './answers';
import { disasterContext } from './module-context';

/** What the pool form holds while it is filled in (plain JSON in the flow state). */
export interface JoinDraft {
  kind: MemberKind;
  groupName: string | null;
  /** People coming, the leader included (1 for an individual). */
  size: number;
  /** The member's name; a group's leader's. */
  name: string;
  origin: MemberOrigin;
  skills: string[];
  /** YYYY-MM-DD they can come, in order. */
  dates: string[];
  phone: string;
  emergencyContact: string;
  plan: InsurancePlan | 'none';
  enrolledOn: string | null;
  /** The ordinary volunteer registration the entry started from. */
  volunteerId: string | null;
}

/** The answers under `draft`; a fix goes back to the summary (`confirm`). */
export const { draftOf, withDraft } = formDraft<JoinDraft>('draft', 'confirm');

/** The longest name, group name or emergency contact kept. */
export const TEXT_MAX = { name: 40, groupName: 40, emergencyContact: 60 } as const;
/** The most people a group may bring through LINE (larger groups arrange it with the centre). */
export const GROUP_SIZE_MAX = 99;
/** How far ahead the days they can come are asked: today and the next 13 days. */
export const DATES_AHEAD = 14;

/** The questions in order. `groupName` and `size` are asked of groups; `enrolled` of the insured. */
const ORDER = ['kind', 'groupName', 'size', 'name', 'origin', 'skills', 'dates', 'phone', 'emergency', 'plan', 'enrolled'] as const;
type Question = (typeof ORDER)[number];

/** Steps that follow an answer even when it fixes the summary (a group's name and size, the insurance date). */
const FOLLOW_UP: Partial<Record<Question, Question>> = { kind: 'groupName', groupName: 'size', plan: 'enrolled' };

/** Whether a question is asked: groups only, the insured only, and a name or phone taken from a registration is not asked again. */
function asked(q: Question, d: Partial<JoinDraft>): boolean {
  if (q === 'groupName' || q === 'size') return d.kind === 'group';
  if (q === 'enrolled') return d.plan !== undefined && d.plan !== 'none';
  if (q === 'name') return d.name === undefined;
  if (q === 'phone') return d.phone === undefined;
  return true;
}

/** After answering `q`: the next question asked, or the summary (also after a fix, unless the answer has a follow-up). */
function after(q: Question, data: FlowData): Transition {
  const d = draftOf(data);
  const next = ORDER.slice(ORDER.indexOf(q) + 1).find((n) => asked(n, d));
  if (data.fixing && (!next || FOLLOW_UP[q] !== next)) return { to: 'confirm', data: { ...data, fixing: false } };
  return next ? { to: next, data } : { to: 'confirm', data };
}

/** A step reading a short text (a name, a group's name, an emergency contact); `valid` may ask for more. */
function textStep(q: 'name' | 'groupName' | 'emergency', field: 'name' | 'groupName' | 'emergencyContact', prompt: (data: FlowData) => string, valid: (s: string) => boolean = () => true): StepDef<string> {
  const max = TEXT_MAX[field];
  return {
    prompt: (data) => [{ lines: [msg(prompt(data))] }],
    parse: (input): Parsed<string> => {
      const typed = input.kind === 'text' ? input.text.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
      return typed && typed.length <= max && valid(typed) ? { ok: true, value: typed } : { ok: false, error: msg(`disaster:join.${q}.invalid`, { max }) };
    },
    next: (v, data) => after(q, withDraft(data, { [field]: v })),
  };
}

export const kindStep: StepDef<MemberKind> = {
  prompt: () => [{ lines: [msg('disaster:join.kind.prompt')], buttons: [postbackChip(msg('disaster:join.kind.individual'), 'dzk=individual'), postbackChip(msg('disaster:join.kind.group'), 'dzk=group')] }],
  parse: (input) => parseChoice(input, 'dzk', ['individual', 'group'] as const),
  next: (v, data) => after('kind', withDraft(data, v === 'group' ? { kind: v } : { kind: v, groupName: null, size: 1 })),
};

export const groupNameStep = textStep('groupName', 'groupName', () => 'disaster:join.groupName.prompt');

const SIZE_CHIPS = [2, 3, 4, 5, 6, 8, 10];

export const sizeStep: StepDef<number> = {
  prompt: () => [{ lines: [msg('disaster:join.size.prompt')], chips: SIZE_CHIPS.map((n) => postbackChip(msg('disaster:join.size.people', { count: n }), `dzn=${n}`)) }],
  parse: (input): Parsed<number> => {
    const raw = postbackValue(input, 'dzn') ?? (input.kind === 'text' ? input.text.normalize('NFKC').replace(/[\s人名]/g, '') : '');
    const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    return n >= 2 && n <= GROUP_SIZE_MAX ? { ok: true, value: n } : { ok: false, error: msg('disaster:join.size.invalid', { max: GROUP_SIZE_MAX }) };
  },
  next: (v, data) => after('size', withDraft(data, { size: v })),
};

export const nameStep = textStep('name', 'name', (data) => (draftOf(data).kind === 'group' ? 'disaster:join.name.promptLeader' : 'disaster:join.name.prompt'));

export const originStep: StepDef<MemberOrigin> = {
  prompt: () => [{ lines: [msg('disaster:join.origin.prompt')], buttons: [postbackChip(msg('disaster:join.origin.local'), 'dzo=local'), postbackChip(msg('disaster:join.origin.outside'), 'dzo=outside')] }],
  parse: (input) => parseChoice(input, 'dzo', ['local', 'outside'] as const),
  next: (v, data) => after('origin', withDraft(data, { origin: v })),
};

type SkillAnswer = string | { page: number };

/** Skills from the council's disaster list, tapped one by one (✓ when chosen), then 決定; none is an answer too. */
export const skillsStep: StepDef<SkillAnswer> = {
  prompt: (data, ctx) => {
    const lang = ctx.resident.language;
    const chosen = draftOf(data).skills ?? [];
    const skills = disasterContext(ctx).settings?.skills ?? [];
    const chips: Chip[] = skills.map((s) => postbackChip(msg('common:literal', { text: chosen.includes(s.code) ? `${CHECK_MARK}${s.label[lang]}` : s.label[lang] }), `dzs=${s.code}`));
    return [{ lines: [msg('disaster:join.skills.prompt')], chips: pagedChips(chips, [postbackChip(msg('disaster:join.done'), 'dzs=done')], Number(data.skillsPage ?? 0), 'dzspage') }];
  },
  parse: (input, _data, ctx): Parsed<SkillAnswer> => {
    const page = pageTap(input, 'dzspage');
    if (page !== null) return { ok: true, value: { page } };
    return parseChoice(input, 'dzs', [...(disasterContext(ctx).settings?.skills ?? []).map((s) => s.code), 'done']);
  },
  next: (v, data) => {
    if (typeof v !== 'string') return { to: 'skills', data: { ...data, skillsPage: v.page } };
    const { skillsPage: _page, ...rest } = data;
    if (v === 'done') return after('skills', withDraft(rest, { skills: draftOf(rest).skills ?? [] }));
    const chosen = draftOf(data).skills ?? [];
    return { to: 'skills', data: withDraft(data, { skills: chosen.includes(v) ? chosen.filter((c) => c !== v) : [...chosen, v] }) };
  },
};

/** Today and the next days the dates question offers. */
function datesAhead(ctx: FlowContext): string[] {
  return daysAhead(ctx, DATES_AHEAD);
}

type DatesAnswer = { toggle: string } | { every: true } | { done: true };

/**
 * The days they can come, over the next two weeks: picked one at a time in LINE's date picker (a chosen day shows as
 * a ✓ chip; tapping it removes it), or every day at once, then 決定.
 */
export const datesStep: StepDef<DatesAnswer> = {
  prompt: (data, ctx) => {
    const days = datesAhead(ctx);
    const chosen = draftOf(data).dates ?? [];
    return [
      {
        lines: [msg('disaster:join.dates.prompt'), msg(chosen.length ? 'disaster:join.dates.chosen' : 'disaster:join.dates.noneYet', { count: chosen.length })],
        buttons: [
          { kind: 'datePicker', label: msg('disaster:join.dates.pick'), data: 'dzd=date', min: days[0]!, max: days.at(-1)!, initial: days[0]! },
          postbackChip(msg('disaster:join.dates.every'), 'dzd=every'),
          postbackChip(msg('disaster:join.done'), 'dzd=done'),
        ],
        // Chosen days as chips, tapping one removes it; more than fit are still kept, and listed in the summary.
        ...(chosen.length ? { chips: chosen.slice(0, 10).map((d) => postbackChip(msg('disaster:join.dates.chip', { date: dateParam(d) }), `dzd=${d}`)) } : {}),
      },
    ];
  },
  parse: (input, _data, ctx): Parsed<DatesAnswer> => {
    const v = postbackValue(input, 'dzd');
    if (v === 'every') return { ok: true, value: { every: true } };
    if (v === 'done') return { ok: true, value: { done: true } };
    const date = v === 'date' && input.kind === 'postback' ? input.params?.date : v;
    if (date && datesAhead(ctx).includes(date)) return { ok: true, value: { toggle: date } };
    return { ok: false, error: msg(v === 'date' ? 'disaster:join.dates.outOfRange' : 'common:pleaseTap') };
  },
  next: (v, data, ctx) => {
    const chosen = draftOf(data).dates ?? [];
    if ('every' in v) return after('dates', withDraft(data, { dates: datesAhead(ctx) }));
    if ('done' in v) return chosen.length ? after('dates', data) : { to: 'dates', data, before: [{ lines: [msg('disaster:join.dates.chooseOne')] }] };
    const dates = chosen.includes(v.toggle) ? chosen.filter((d) => d !== v.toggle) : [...chosen, v.toggle].sort();
    return { to: 'dates', data: withDraft(data, { dates }) };
  },
};

export const phoneStep: StepDef<string> = {
  prompt: () => [{ lines: [msg('disaster:join.phone.prompt')] }],
  parse: (input): Parsed<string> => {
    const digits = input.kind === 'text' ? parsePhone(input.text) : null;
    return digits ? { ok: true, value: digits } : { ok: false, error: msg('disaster:join.phone.invalid') };
  },
  next: (v, data) => after('phone', withDraft(data, { phone: v })),
};

/** A name and a number to call if something happens: the text must hold a phone number. */
export const emergencyStep = textStep('emergency', 'emergencyContact', () => 'disaster:join.emergency.prompt', (s) => (s.replace(/\D/g, '').length >= 10));

export const planStep: StepDef<InsurancePlan | 'none'> = {
  prompt: () => [
    {
      lines: [msg('disaster:join.plan.prompt'), msg('disaster:join.plan.why')],
      buttons: [...[...INSURANCE_PLANS].reverse().map((p) => postbackChip(msg(`disaster:join.plan.${p}`), `dzi=${p}`)), postbackChip(msg('disaster:join.plan.none'), 'dzi=none')],
    },
  ],
  parse: (input) => parseChoice(input, 'dzi', [...INSURANCE_PLANS, 'none'] as const),
  next: (v, data) => after('plan', withDraft(data, v === 'none' ? { plan: v, enrolledOn: null } : { plan: v })),
};

/**
 * When they enrolled: a date from 1 April of last fiscal year (an enrolment then has lapsed, and they are told so) to
 * today.
 */
export const enrolledStep: StepDef<string> = {
  prompt: (_data, ctx) => {
    const day = today(ctx);
    const { from } = fiscalYearSpan(fiscalYearOf(day) - 1);
    return [{ lines: [msg('disaster:join.enrolled.prompt')], buttons: [{ kind: 'datePicker', label: msg('disaster:join.enrolled.pick'), data: 'dze=date', min: from, max: day, initial: day }] }];
  },
  parse: (input, _data, ctx): Parsed<string> => {
    const date = postbackValue(input, 'dze') === 'date' && input.kind === 'postback' ? input.params?.date : undefined;
    const day = today(ctx);
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date) && date <= day && date >= fiscalYearSpan(fiscalYearOf(day) - 1).from) return { ok: true, value: date };
    return { ok: false, error: msg('disaster:join.enrolled.invalid') };
  },
  next: (v, data) => after('enrolled', withDraft(data, { enrolledOn: v })),
};
