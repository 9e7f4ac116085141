import { referenceNumber } from '../../domain/consultation';
import type { MyNeed, NewNeed } from '../../domain/disaster/store';
import { msg, type Msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { Flow, FlowContext, StepDef, Transition } from '../engine/types';
import { consentGranted, consentStep } from '../onboarding/consent-step';
import { dateParam, TAP } from './answers';
import { markedFlow } from './drill';
import { disasterEffect, running } from './module-context';
import { draftOf, screened, type NeedDraft } from './need-draft';
import { contactStep, householdsStep, needDatesStep, needPhoneStep, notesStep, photosStep } from './need-more-steps';
import { addressStep, cannotDoStep, damageStep, householdNameStep, householdPhoneStep, pinStep, relationStep, reporterNameStep, workOtherStep, workStep } from './need-steps';

/** The flow's id: started from the disaster menu's 手伝ってほしい, the main menu while a centre runs, and a follow-up's まだ手伝いが必要です. */
export const NEED_FLOW = 'disasterNeed';

/** What the summary lets them change (the proxy's questions come with 誰の依頼, the pin with the address). */
const FIELDS = ['relation', 'address', 'damage', 'work', 'cannotDo', 'photos', 'households', 'dates', 'contact', 'notes'] as const;

const closed: Transition = { end: true, messages: [{ lines: [msg('disaster:closed')] }], then: 'menu' };

/** The need as stored, from the answers. */
export function newNeedOf(d: Partial<NeedDraft>, ctx: FlowContext): NewNeed {
  const proxy = d.relation !== undefined && d.relation !== 'self';
  return {
    referenceNo: referenceNumber(ctx.now, ctx.seed, 'N'),
    relation: d.relation ?? 'self',
    householdName: proxy ? (d.householdName ?? null) : null,
    householdPhone: proxy ? (d.householdPhone ?? null) : null,
    reporterName: proxy ? (d.reporterName ?? null) : null,
    address: d.address ?? null,
    location: d.location ?? null,
    damage: d.damage ?? [],
    work: d.work ?? [],
    workOther: (d.work ?? []).includes('other') ? (d.workOther ?? null) : null,
    cannotDo: d.cannotDo ?? [],
    screening: screened(d, ctx).map((r) => r.code),
    photoMessageIds: d.photos ?? [],
    households: d.households ?? [],
    preferredDates: d.anyDay ? [] : (d.dates ?? []),
    anyDay: d.anyDay ?? false,
    contactMethod: d.contactMethod ?? 'line',
    phone: d.contactMethod === 'phone' ? (d.phone ?? null) : null,
    notes: d.notes ?? null,
  };
}

/** The summary's lines: each answer in plain words. */
function summary(d: Partial<NeedDraft>, ctx: FlowContext): Msg[] {
  // The locale joins the chosen codes' words (`disasterNeed:list.<n>` nests each `<ns>.<code>`).
  const list = (ns: string, codes: readonly string[] | undefined) => ({ n: (codes ?? []).length, ns, ...Object.fromEntries((codes ?? []).map((c, i) => [`c${i}`, c])) });
  const rules = screened(d, ctx);
  const dates = d.dates ?? [];
  return [
    msg(`disasterNeed:summary.relation.${d.relation ?? 'self'}`, { name: d.householdName ?? '', reporter: d.reporterName ?? '' }),
    ...(d.relation && d.relation !== 'self' && d.householdPhone ? [msg('disasterNeed:summary.householdPhone', { phone: d.householdPhone })] : []),
    d.address ? msg('disasterNeed:summary.address', { address: d.address }) : msg('disasterNeed:summary.noAddress'),
    msg(d.location ? 'disasterNeed:summary.pin' : 'disasterNeed:summary.noPin'),
    (d.damage ?? []).length ? msg('disasterNeed:summary.damage', list('damage', d.damage)) : msg('disasterNeed:summary.noDamage'),
    msg('disasterNeed:summary.work', list('work', d.work)),
    ...(d.workOther && (d.work ?? []).includes('other') ? [msg('disasterNeed:summary.workOther', { text: d.workOther })] : []),
    ...(rules.length ? [msg('disasterNeed:summary.screened', { names: rules.map((r) => r.name).join('、') })] : []),
    msg('disasterNeed:summary.photos', { count: (d.photos ?? []).length }),
    ...((d.households ?? []).length ? [msg('disasterNeed:summary.households', list('households', d.households))] : []),
    d.anyDay || !dates.length
      ? msg('disasterNeed:summary.anyDay')
      : dates.length === 1
        ? msg('disasterNeed:summary.oneDate', { date: dateParam(dates[0]!) })
        : msg('disasterNeed:summary.dates', { count: dates.length, first: dateParam(dates[0]!), last: dateParam(dates.at(-1)!) }),
    d.contactMethod === 'phone' ? msg('disasterNeed:summary.phone', { phone: d.phone ?? '' }) : msg('disasterNeed:summary.line'),
    ...(d.notes ? [msg('disasterNeed:summary.notes', { text: d.notes })] : []),
  ];
}

const confirm: StepDef<'yes' | 'fix' | 'no'> = {
  prompt: (data, ctx) => [
    {
      lines: [msg('disasterNeed:confirm.title'), ...summary(draftOf(data), ctx)],
      buttons: [postbackChip(msg('disasterNeed:confirm.yes'), 'dnk=yes'), postbackChip(msg('disasterNeed:confirm.fix'), 'dnk=fix'), postbackChip(msg('disasterNeed:confirm.no'), 'dnk=no')],
    },
  ],
  parse: (input) => parseChoice(input, 'dnk', ['yes', 'fix', 'no'] as const),
  next: (v, data, ctx): Transition => {
    if (v === 'fix') return { to: 'fix', data };
    if (v === 'no') return { end: true, messages: [{ lines: [msg('disasterNeed:confirm.notSent')], buttons: [postbackChip(msg('disaster:menu.back'), TAP.menu)] }] };
    const mode = running(ctx);
    if (!mode) return closed;
    const need = newNeedOf(draftOf(data), ctx);
    return {
      end: true,
      effects: [disasterEffect({ type: 'saveNeed', centreId: mode.centre.id, need })],
      messages: [
        {
          lines: [
            msg('disasterNeed:saved.title', { reference: need.referenceNo }),
            ...(need.screening.length ? [msg('disasterNeed:saved.screened')] : []),
            msg('disasterNeed:saved.when'),
            msg('disasterNeed:saved.status'),
            msg('disasterNeed:saved.urgent'),
          ],
          buttons: [postbackChip(msg('disasterNeed:status.button'), TAP.needs), postbackChip(msg('disaster:menu.back'), TAP.menu)],
        },
      ],
    };
  },
};

const fix: StepDef<(typeof FIELDS)[number]> = {
  prompt: () => [{ lines: [msg('disasterNeed:fix.prompt')], chips: FIELDS.map((f) => postbackChip(msg(`disasterNeed:fix.${f}`), `dnz=${f}`)) }],
  parse: (input) => parseChoice(input, 'dnz', FIELDS),
  next: (v, data) => ({ to: v, data: { ...data, fixing: true } }),
};

/** The first question, after a word on what the form asks. */
function firstQuestion(): Transition {
  return { to: 'relation', data: { draft: {} }, before: [{ lines: [msg('disasterNeed:intro')] }] };
}

/**
 * A new request for the household of a need already done (the follow-up's まだ手伝いが必要です): whose home and where
 * taken from it, so the questions start at what happened; the summary can change them.
 */
export function startFrom(n: MyNeed): Transition {
  const draft: Partial<NeedDraft> = { relation: n.relation, householdName: n.householdName, address: n.address, location: n.location };
  return { to: 'damage', data: { draft } };
}

function startNeed(ctx: FlowContext): Transition {
  if (!running(ctx)) return closed;
  if (ctx.resident.consent !== 'granted') return { to: 'consent', data: {}, before: [{ lines: [msg('disasterNeed:consentNeeded')] }] };
  return firstQuestion();
}

/**
 * Asking the running centre for help (a need, ニーズ), after consent: for whom (a proxy gives the household's name and
 * phone, and their own name), the address and a map pin, what happened, the work wanted, whether it includes what
 * the centre's volunteers cannot do (the profile's screening rules, ticked or found in their words: told at once,
 * with where to turn, and the rest may still be sent), photos, who lives there (optional), preferred days, how to
 * get in touch and notes; a summary where any answer can be changed; then the reference number and an honest word on
 * when the centre will be in touch.
 */
export const needFlow: Flow = markedFlow({
  id: NEED_FLOW,
  version: 1,
  start: (ctx) => startNeed(ctx),
  steps: {
    consent: consentStep(
      (answer, _data, ctx) =>
        answer === 'no' ? { end: true, messages: [{ lines: [msg('disasterNeed:consentDeclined', { phone: ctx.council.phone })] }] } : { ...firstQuestion(), effects: [{ type: 'updateResident', patch: consentGranted(ctx) }] },
      'consent',
    ),
    relation: relationStep,
    householdName: householdNameStep,
    householdPhone: householdPhoneStep,
    reporterName: reporterNameStep,
    address: addressStep,
    pin: pinStep,
    damage: damageStep,
    work: workStep,
    workOther: workOtherStep,
    cannotDo: cannotDoStep,
    photos: photosStep,
    households: householdsStep,
    dates: needDatesStep,
    contact: contactStep,
    phone: needPhoneStep,
    notes: notesStep,
    confirm,
    fix,
  },
});
