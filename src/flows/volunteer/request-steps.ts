import { referenceNumber } from '../../domain/consultation';
import { jstDate, jstMidnight } from '../../domain/japan-time';
import { msg, type Msg } from '../../domain/message-text';
import { DAY_PARTS } from '../../domain/volunteer';
import { choiceChip, postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import { districtStep, phoneOrLineStep } from '../common/steps';
import type { FlowContext, Parsed, StepDef, Transition } from '../engine/types';
import { formDraft } from '../common/draft';
import { pageTap, pagedChips } from '../common/chip-pages';
import { volunteerEffect } from './module-context';

/** How far ahead help can be asked for, and the longest notes and organisation name kept. */
export const REQUEST_DAYS_AHEAD = 90;
export const NOTES_MAX = 500;
export const ORG_NAME_MAX = 60;
/** People asked for: 1–4, or 5 meaning "5 or more" (the coordinator confirms the number). */
export const PEOPLE_CHOICES = ['1', '2', '3', '4', '5'] as const;

/** What a request holds while it is filled in (plain JSON in the flow state). */
export interface RequestDraft {
  requester: 'person' | 'organisation';
  orgName: string | null;
  kind: string;
  district: string | null;
  address: string | null;
  location: { latitude: number; longitude: number; title?: string; address?: string } | null;
  date: string;
  part: 'am' | 'pm' | 'evening' | 'any';
  people: number;
  notes: string | null;
  phone: string | null;
}

/** The request's answers under `request`; fixes go back to the summary (`requestConfirm`). */
const { draftOf, withDraft, onward } = formDraft<RequestDraft>('request', 'requestConfirm');

/** The first and last dates help can be asked for: tomorrow to 90 days ahead (Japan time). */
function dateBounds(ctx: FlowContext): { min: string; max: string } {
  const day = 86_400_000;
  return { min: jstDate(jstMidnight(ctx.now) + day), max: jstDate(jstMidnight(ctx.now) + REQUEST_DAYS_AHEAD * day) };
}

const requestWho: StepDef<'person' | 'organisation'> = {
  prompt: () => [{ lines: [msg('volunteer:request.who.prompt')], buttons: [postbackChip(msg('volunteer:request.who.person'), 'rq=person'), postbackChip(msg('volunteer:request.who.organisation'), 'rq=organisation')] }],
  parse: (input) => parseChoice(input, 'rq', ['person', 'organisation'] as const),
  next: (v, data) => (v === 'organisation' ? { to: 'requestOrg', data: withDraft(data, { requester: v }) } : onward('requestKind', withDraft(data, { requester: v, orgName: null }))),
};

const requestOrg: StepDef<string> = {
  prompt: () => [{ lines: [msg('volunteer:request.org.prompt')] }],
  parse: (input): Parsed<string> => {
    const typed = input.kind === 'text' ? input.text.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
    return typed && typed.length <= ORG_NAME_MAX ? { ok: true, value: typed } : { ok: false, error: msg('volunteer:request.org.invalid', { max: ORG_NAME_MAX }) };
  },
  next: (v, data) => onward('requestKind', withDraft(data, { orgName: v })),
};

/** What kind of help, from the council's skills; more than fit beside menu and cancel are paged (`rkpage=<n>`). */
const requestKind: StepDef<string | { page: number }> = {
  prompt: (data, ctx) => {
    const chips = ctx.council.volunteerSkills.map((s) => choiceChip(s, ctx, `rk=${s.code}`));
    return [{ lines: [msg('volunteer:request.kind.prompt')], chips: pagedChips(chips, [], Number(data.kindPage ?? 0), 'rkpage') }];
  },
  parse: (input, _data, ctx): Parsed<string | { page: number }> => {
    const page = pageTap(input, 'rkpage');
    if (page !== null) return { ok: true, value: { page } };
    return parseChoice(input, 'rk', ctx.council.volunteerSkills.map((s) => s.code));
  },
  next: (v, data) => {
    if (typeof v !== 'string') return { to: 'requestKind', data: { ...data, kindPage: v.page } };
    const { kindPage: _page, ...rest } = data;
    return onward('requestDistrict', withDraft(rest, { kind: v }));
  },
};

const requestPlace: StepDef<{ address: string } | { location: NonNullable<RequestDraft['location']> } | 'skip'> = {
  prompt: () => [{ lines: [msg('volunteer:request.place.prompt')], buttons: [postbackChip(msg('volunteer:request.place.skip'), 'rw=skip')] }],
  parse: (input): Parsed<{ address: string } | { location: NonNullable<RequestDraft['location']> } | 'skip'> => {
    if (postbackValue(input, 'rw') === 'skip') return { ok: true, value: 'skip' };
    if (input.kind === 'location') return { ok: true, value: { location: { latitude: input.latitude, longitude: input.longitude, ...(input.title ? { title: input.title } : {}), ...(input.address ? { address: input.address } : {}) } } };
    const typed = input.kind === 'text' ? input.text.trim() : '';
    return typed && typed.length <= 200 ? { ok: true, value: { address: typed } } : { ok: false, error: msg('volunteer:request.place.invalid') };
  },
  next: (v, data) =>
    onward('requestDate', withDraft(data, v === 'skip' ? { address: null, location: null } : 'address' in v ? { address: v.address, location: null } : { address: v.location.address ?? null, location: v.location })),
};

const requestDate: StepDef<string> = {
  prompt: (_data, ctx) => {
    const { min, max } = dateBounds(ctx);
    return [{ lines: [msg('volunteer:request.date.prompt')], buttons: [{ kind: 'datePicker', label: msg('volunteer:request.date.pick'), data: 'rd=date', min, max, initial: min }] }];
  },
  parse: (input, _data, ctx): Parsed<string> => {
    const date = postbackValue(input, 'rd') === 'date' && input.kind === 'postback' ? input.params?.date : undefined;
    const { min, max } = dateBounds(ctx);
    return date && /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= min && date <= max ? { ok: true, value: date } : { ok: false, error: msg('volunteer:request.date.invalid', { days: REQUEST_DAYS_AHEAD }) };
  },
  next: (v, data) => ({ to: 'requestPart', data: withDraft(data, { date: v }) }),
};

const requestPart: StepDef<RequestDraft['part']> = {
  prompt: () => [{ lines: [msg('volunteer:request.part.prompt')], buttons: [...DAY_PARTS.map((p) => postbackChip(msg(`volunteer:part.${p}`), `rp=${p}`)), postbackChip(msg('volunteer:request.part.any'), 'rp=any')] }],
  parse: (input) => parseChoice(input, 'rp', [...DAY_PARTS, 'any'] as const),
  next: (v, data) => onward('requestPeople', withDraft(data, { part: v })),
};

const requestPeople: StepDef<(typeof PEOPLE_CHOICES)[number]> = {
  prompt: () => [{ lines: [msg('volunteer:request.people.prompt')], chips: PEOPLE_CHOICES.map((n) => postbackChip(msg(n === '5' ? 'volunteer:request.people.many' : 'volunteer:request.people.n', { n }), `rn=${n}`)) }],
  parse: (input) => parseChoice(input, 'rn', PEOPLE_CHOICES),
  next: (v, data) => onward('requestNotes', withDraft(data, { people: Number(v) })),
};

const requestNotes: StepDef<string | null> = {
  prompt: () => [{ lines: [msg('volunteer:request.notes.prompt')], buttons: [postbackChip(msg('volunteer:request.notes.skip'), 'rx=skip')] }],
  parse: (input): Parsed<string | null> => {
    if (postbackValue(input, 'rx') === 'skip') return { ok: true, value: null };
    const typed = input.kind === 'text' ? input.text.trim() : '';
    return typed && typed.length <= NOTES_MAX ? { ok: true, value: typed } : { ok: false, error: msg('volunteer:request.notes.invalid', { max: NOTES_MAX }) };
  },
  next: (v, data) => onward('requestPhone', withDraft(data, { notes: v })),
};

const requestPhone = phoneOrLineStep('rc', { prompt: 'volunteer:request.phone.prompt', lineOnly: 'volunteer:phone.lineOnly', invalid: 'volunteer:phone.invalid' }, (v, data) => ({
  to: 'requestConfirm',
  data: { ...withDraft(data, { phone: v }), fixing: false },
}));

/** The lines summing up a request, as staff will read it. */
function summary(d: Partial<RequestDraft>, ctx: FlowContext): Msg[] {
  const lang = ctx.resident.language;
  const kind = ctx.council.volunteerSkills.find((s) => s.code === d.kind)?.name[lang] ?? '';
  const district = ctx.council.districts.find((x) => x.code === d.district)?.name[lang];
  return [
    d.requester === 'organisation' ? msg('volunteer:request.summary.org', { name: d.orgName ?? '' }) : msg('volunteer:request.summary.person'),
    msg('volunteer:request.summary.kind', { kind }),
    district ? msg('volunteer:summary.district', { district }) : msg('volunteer:summary.noDistrict'),
    ...(d.address ? [msg('volunteer:request.summary.address', { address: d.address })] : d.location ? [msg('volunteer:request.summary.location')] : []),
    msg('volunteer:request.summary.date', { date: Date.parse(`${d.date}T00:00:00+09:00`) }),
    d.part === 'any' ? msg('volunteer:request.part.any') : msg(`volunteer:part.${d.part ?? 'am'}`),
    msg('volunteer:request.summary.people', { n: d.people ?? 1 }),
    ...(d.notes ? [msg('volunteer:request.summary.notes', { notes: d.notes })] : []),
    d.phone ? msg('volunteer:summary.phone', { phone: d.phone }) : msg('volunteer:summary.lineOnly'),
  ];
}

const FIX_FIELDS = ['requestWho', 'requestKind', 'requestDistrict', 'requestPlace', 'requestDate', 'requestPeople', 'requestNotes', 'requestPhone'] as const;

const requestConfirm: StepDef<'send' | 'fix' | 'stop'> = {
  prompt: (data, ctx) => [
    { lines: [msg('volunteer:request.confirm.title'), ...summary(draftOf(data), ctx)], buttons: [postbackChip(msg('volunteer:request.confirm.send'), 'ry=send'), postbackChip(msg('volunteer:confirm.fix'), 'ry=fix'), postbackChip(msg('volunteer:confirm.no'), 'ry=stop')] },
  ],
  parse: (input) => parseChoice(input, 'ry', ['send', 'fix', 'stop'] as const),
  next: (v, data, ctx): Transition => {
    if (v === 'fix') return { to: 'requestFix', data };
    if (v === 'stop') return { end: true, messages: [{ lines: [msg('volunteer:request.confirm.stopped')] }], then: 'menu' };
    const d = draftOf(data);
    // A summary left open overnight may hold a date that is no longer ahead: ask for the date again.
    if (!d.date || d.date < dateBounds(ctx).min) return { to: 'requestDate', data: { ...data, fixing: true }, before: [{ lines: [msg('volunteer:request.date.passed')] }] };
    const referenceNo = referenceNumber(ctx.now, ctx.seed, 'V');
    return {
      end: true,
      effects: [
        volunteerEffect({
          type: 'submitVolunteerRequest',
          request: {
            referenceNo,
            requesterType: d.requester ?? 'person',
            orgName: d.orgName ?? null,
            kind: d.kind ?? '',
            districtCode: d.district ?? null,
            address: d.address ?? null,
            location: d.location ?? null,
            date: d.date ?? '',
            part: d.part ?? 'any',
            people: d.people ?? 1,
            notes: d.notes ?? null,
            phone: d.phone ?? null,
          },
        }),
      ],
      messages: [{ lines: [msg('volunteer:request.confirm.received', { referenceNo }), msg('volunteer:request.confirm.next', { phone: ctx.council.phone })] }],
      then: 'menu',
    };
  },
};

const requestFix: StepDef<(typeof FIX_FIELDS)[number]> = {
  prompt: () => [{ lines: [msg('volunteer:fix.prompt')], chips: FIX_FIELDS.map((f) => postbackChip(msg(`volunteer:request.fix.${f}`), `rf=${f}`)) }],
  parse: (input) => parseChoice(input, 'rf', FIX_FIELDS),
  next: (v, data) => ({ to: v, data: { ...data, fixing: true } }),
};

/** The steps of asking for help, from "who for" to the summary; the flow starts them at `requestWho`. */
export const requestSteps: Record<string, StepDef<any>> = {
  requestWho,
  requestOrg,
  requestKind,
  requestDistrict: districtStep((district, data) => onward('requestPlace', withDraft(data, { district })), 'requestDistrict', {
    why: 'volunteer:request.districtWhy',
    // The draft starts with the resident's district; fixing it from the summary lists them all.
    known: (data) => (data.fixing ? null : (draftOf(data).district ?? null)),
  }),
  requestPlace,
  requestDate,
  requestPart,
  requestPeople,
  requestNotes,
  requestPhone,
  requestConfirm,
  requestFix,
};
