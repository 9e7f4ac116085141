import type { NewPoolMember, PoolMember } from '../../domain/disaster/centre';
import { msg, type Msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { Flow, FlowContext, StepDef, Transition } from '../engine/types';
import { consentGranted, consentStep } from '../onboarding/consent-step';
import { coverAdvice, coverOf, dateParam, enrolButton, openDays, TAP, today } from './answers';
import { markedFlow } from './drill';
import { draftOf, emergencyStep, enrolledStep, groupNameStep, kindStep, nameStep, originStep, phoneStep, planStep, sizeStep, skillsStep, datesStep, type JoinDraft } from './join-steps';
import { disasterContext, disasterEffect, running } from './module-context';

/** The flow's id: started from the disaster menu (手伝いたい) and from applying before joining. */
export const JOIN_FLOW = 'disasterJoin';

/** What the summary lets them change (a group's name and size come with 個人・団体, the date with the insurance). */
const FIELDS = ['kind', 'name', 'origin', 'skills', 'dates', 'phone', 'emergency', 'plan'] as const;

/** Nothing to join: no centre runs (it closed while they were answering). */
export const centreClosed: Transition = { end: true, messages: [{ lines: [msg('disaster:closed')] }], then: 'menu' };

function draftFrom(m: PoolMember): JoinDraft {
  return {
    kind: m.kind,
    groupName: m.groupName,
    size: m.size,
    name: m.name,
    origin: m.origin,
    skills: [...m.skills],
    dates: [...m.availableDates],
    phone: m.phone ?? '',
    emergencyContact: m.emergencyContact ?? '',
    plan: m.cover.plan === 'basic' || m.cover.plan === 'disaster' ? m.cover.plan : 'none',
    enrolledOn: m.cover.enrolledOn,
    volunteerId: null,
  };
}

/** The entry as stored. */
function memberOf(d: Partial<JoinDraft>, ctx: FlowContext): NewPoolMember {
  const known = new Set((disasterContext(ctx).settings?.skills ?? []).map((s) => s.code));
  return {
    kind: d.kind ?? 'individual',
    name: d.name ?? '',
    groupName: d.kind === 'group' ? (d.groupName ?? null) : null,
    size: d.kind === 'group' ? (d.size ?? 2) : 1,
    origin: d.origin ?? 'local',
    skills: (d.skills ?? []).filter((s) => known.has(s)),
    availableDates: d.dates ?? [],
    phone: d.phone || null,
    emergencyContact: d.emergencyContact || null,
    cover: { plan: d.plan && d.plan !== 'none' ? d.plan : null, enrolledOn: d.plan && d.plan !== 'none' ? (d.enrolledOn ?? null) : null },
    volunteerId: d.volunteerId ?? null,
  };
}

/** The lines summing up an entry: what the centre will see, and whether the insurance covers today. */
function summary(d: Partial<JoinDraft>, ctx: FlowContext): Msg[] {
  const lang = ctx.resident.language;
  const mode = running(ctx);
  const skillName = (code: string) => mode?.settings.skills.find((s) => s.code === code)?.name[lang] ?? code;
  const dates = d.dates ?? [];
  const lines: Msg[] = [
    d.kind === 'group' ? msg('disaster:summary.group', { group: d.groupName ?? '', size: d.size ?? 2, name: d.name ?? '' }) : msg('disaster:summary.individual', { name: d.name ?? '' }),
    msg(`disaster:summary.origin.${d.origin ?? 'local'}`),
    (d.skills ?? []).length ? msg('disaster:summary.skills', { skills: (d.skills ?? []).map(skillName).join('、') }) : msg('disaster:summary.noSkills'),
    dates.length ? msg('disaster:summary.dates', { count: dates.length, first: dateParam(dates[0]!), last: dateParam(dates.at(-1)!) }) : msg('disaster:summary.noDates'),
    msg('disaster:summary.phone', { phone: d.phone ?? '' }),
    msg('disaster:summary.emergency', { contact: d.emergencyContact ?? '' }),
    d.plan && d.plan !== 'none' && d.enrolledOn ? msg(`disaster:summary.plan.${d.plan}`, { date: dateParam(d.enrolledOn) }) : msg('disaster:summary.plan.none'),
  ];
  if (mode) {
    const cover = coverOf(memberOf(d, ctx), today(ctx), mode.centre, mode.settings);
    lines.push(...(cover.covered ? [msg('disaster:summary.covered')] : coverAdvice(cover, mode.settings)));
  }
  return lines;
}

/** The first question, with what a volunteer registration already says taken from it (shown again in the summary). */
function firstQuestion(ctx: FlowContext): Transition {
  const { volunteer, settings } = disasterContext(ctx);
  const known = new Set((settings?.skills ?? []).map((s) => s.code));
  const draft: Partial<JoinDraft> = volunteer
    ? { name: volunteer.name, ...(volunteer.phone ? { phone: volunteer.phone } : {}), skills: volunteer.skills.filter((s) => known.has(s)), volunteerId: volunteer.id }
    : { volunteerId: null };
  return { to: 'kind', data: { draft }, before: [{ lines: [msg(volunteer ? 'disaster:join.prefilled' : 'disaster:join.intro'), msg('disaster:join.how')] }] };
}

const confirm: StepDef<'yes' | 'fix' | 'no'> = {
  prompt: (data, ctx) => [
    {
      lines: [msg(data.editing ? 'disaster:confirm.titleEdit' : 'disaster:confirm.title'), ...summary(draftOf(data), ctx)],
      buttons: [postbackChip(msg(data.editing ? 'disaster:confirm.keep' : 'disaster:confirm.yes'), 'dzc=yes'), postbackChip(msg('disaster:confirm.fix'), 'dzc=fix'), postbackChip(msg('disaster:confirm.no'), 'dzc=no')],
    },
  ],
  parse: (input) => parseChoice(input, 'dzc', ['yes', 'fix', 'no'] as const),
  next: (v, data, ctx): Transition => {
    if (v === 'fix') return { to: 'fix', data };
    if (v === 'no') return { end: true, messages: [{ lines: [msg(data.editing ? 'disaster:confirm.notChanged' : 'disaster:confirm.notJoined')] }] };
    const mode = running(ctx);
    if (!mode) return centreClosed;
    const member = memberOf(draftOf(data), ctx);
    const cover = coverOf(member, today(ctx), mode.centre, mode.settings);
    const buttons: Chip[] = [
      ...(openDays(mode.centre, ctx.now).length ? [postbackChip(msg('disaster:confirm.apply'), TAP.apply)] : []),
      ...(cover.covered ? [] : [enrolButton(mode.settings)]),
      postbackChip(msg('disaster:menu.back'), TAP.menu),
    ];
    return {
      end: true,
      effects: [disasterEffect({ type: 'saveMember', centreId: mode.centre.id, member })],
      // Without cover they join all the same, told plainly where to enrol.
      messages: [{ lines: [msg(data.editing ? 'disaster:confirm.changed' : 'disaster:confirm.joined'), ...(cover.covered ? [] : [msg('disaster:confirm.joinedUncovered'), ...coverAdvice(cover, mode.settings)])], buttons }],
    };
  },
};

const fix: StepDef<(typeof FIELDS)[number]> = {
  prompt: () => [{ lines: [msg('disaster:fix.prompt')], chips: FIELDS.map((f) => postbackChip(msg(`disaster:fix.${f}`), `dzf=${f}`)) }],
  parse: (input) => parseChoice(input, 'dzf', FIELDS),
  next: (v, data) => ({ to: v, data: { ...data, fixing: true } }),
};

/**
 * Joining the running centre's pool (or changing one's entry: one LINE user, one entry per centre) after consent:
 * individual or group (its name, size and leader), where they come from, skills from the council's disaster list,
 * the days they can come over the next two weeks, a phone, an emergency contact and the natural-disaster insurance
 * (plan and when enrolled). A volunteer registration fills in name, phone and the skills on the list. The summary
 * lets them fix any answer and says whether the insurance covers today; without cover they are told where to enrol
 * and may join all the same.
 */
export const joinFlow: Flow = markedFlow({
  id: JOIN_FLOW,
  version: 1,
  start: (ctx) => {
    if (!running(ctx)) return centreClosed;
    const { member } = disasterContext(ctx);
    if (member) return { to: 'confirm', data: { draft: draftFrom(member), editing: true } };
    if (ctx.resident.consent !== 'granted') return { to: 'consent', data: {}, before: [{ lines: [msg('disaster:join.consentNeeded')] }] };
    return firstQuestion(ctx);
  },
  steps: {
    consent: consentStep(
      (answer, _data, ctx) =>
        answer === 'no' ? { end: true, messages: [{ lines: [msg('disaster:join.consentDeclined', { phone: ctx.council.phone })] }] } : { ...firstQuestion(ctx), effects: [{ type: 'updateResident', patch: consentGranted(ctx) }] },
      'consent',
    ),
    kind: kindStep,
    groupName: groupNameStep,
    size: sizeStep,
    name: nameStep,
    origin: originStep,
    skills: skillsStep,
    dates: datesStep,
    phone: phoneStep,
    emergency: emergencyStep,
    plan: planStep,
    enrolled: enrolledStep,
    confirm,
    fix,
  },
});
