import { COMPLAINT_KINDS, COMPLAINT_TEXT_MAX, COMPLAINT_TOPICS, type ComplaintContact, type ComplaintKind, type ComplaintTopic, type NewComplaint } from '../../domain/complaint';
import { parsePhone, referenceNumber } from '../../domain/consultation';
import { msg, type Msg } from '../../domain/message-text';
import { formDraft } from '../common/draft';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { Flow, FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { consentGranted, consentStep } from '../onboarding/consent-step';
import { complaintEffect, complaintsContext, type ComplaintsInfo } from './module-context';

/** What a complaint holds while it is filled in (plain JSON in the flow state, under `complaint`). */
export interface ComplaintDraft {
  kind: ComplaintKind;
  topic: ComplaintTopic;
  text: string;
  contact: ComplaintContact;
  phone: string | null;
}

const { draftOf, withDraft } = formDraft<ComplaintDraft>('complaint', 'confirm');

/** The ways to be reached the resident chooses from: none (anonymous), a LINE message, a phone call. */
const WAYS = ['none', 'line', 'phone'] as const;

const kind: StepDef<ComplaintKind> = {
  prompt: () => [{ lines: [msg('complaints:kind.prompt')], buttons: COMPLAINT_KINDS.map((k) => postbackChip(msg(`complaints:kind.${k}`), `cpk=${k}`)) }],
  parse: (input) => parseChoice(input, 'cpk', COMPLAINT_KINDS),
  next: (v, data) => ({ to: 'topic', data: withDraft(data, { kind: v }) }),
};

const topic: StepDef<ComplaintTopic> = {
  prompt: () => [{ lines: [msg('complaints:topic.prompt')], buttons: COMPLAINT_TOPICS.map((t) => postbackChip(msg(`complaints:topic.${t}`), `cpt=${t}`)) }],
  parse: (input) => parseChoice(input, 'cpt', COMPLAINT_TOPICS),
  next: (v, data) => ({ to: 'text', data: withDraft(data, { topic: v }) }),
};

const text: StepDef<string> = {
  prompt: (data) => [{ lines: [msg(draftOf(data).kind === 'opinion' ? 'complaints:text.promptOpinion' : 'complaints:text.prompt'), msg('complaints:text.how', { max: COMPLAINT_TEXT_MAX })] }],
  parse: (input): Parsed<string> => {
    if (input.kind !== 'text') return { ok: false, error: msg('complaints:text.onlyText') };
    const typed = input.text.normalize('NFC').trim();
    if (!typed) return { ok: false, error: msg('complaints:text.onlyText') };
    if (typed.length > COMPLAINT_TEXT_MAX) return { ok: false, error: msg('complaints:text.tooLong', { max: COMPLAINT_TEXT_MAX, length: typed.length }) };
    return { ok: true, value: typed };
  },
  next: (v, data) => ({ to: 'way', data: withDraft(data, { text: v }) }),
};

/** After the way is known: a named complaint needs consent to keep the resident's details; else the summary. */
function afterWay(data: FlowData, ctx: FlowContext): Transition {
  return draftOf(data).contact !== 'none' && ctx.resident.consent !== 'granted' ? { to: 'consent', data } : { to: 'confirm', data };
}

const way: StepDef<(typeof WAYS)[number]> = {
  prompt: () => [
    {
      lines: [msg('complaints:way.prompt'), msg('complaints:way.anonymous'), msg('complaints:way.named')],
      buttons: WAYS.map((w) => postbackChip(msg(`complaints:way.${w}`), `cpw=${w}`)),
    },
  ],
  parse: (input) => parseChoice(input, 'cpw', WAYS),
  next: (v, data, ctx) => {
    if (v === 'phone') return { to: 'phone', data: withDraft(data, { contact: 'phone' }) };
    return afterWay(withDraft(data, { contact: v, phone: null }), ctx);
  },
};

const phone: StepDef<string> = {
  prompt: () => [{ lines: [msg('complaints:phone.prompt')] }],
  parse: (input): Parsed<string> => {
    const digits = input.kind === 'text' ? parsePhone(input.text) : null;
    return digits ? { ok: true, value: digits } : { ok: false, error: msg('complaints:phone.invalid') };
  },
  next: (v, data, ctx) => afterWay(withDraft(data, { phone: v }), ctx),
};

/** The resident declined consent: the complaint can still be sent, without their name (no reply possible). */
const consent = consentStep(
  (answer, data, ctx) =>
    answer === 'no'
      ? { to: 'confirm', data: withDraft(data, { contact: 'none', phone: null }), before: [{ lines: [msg('complaints:consentDeclined')] }] }
      : { to: 'confirm', data, effects: [{ type: 'updateResident', patch: consentGranted(ctx) }] },
  'consent',
);

/**
 * The summary. The text itself is not repeated: the bot's sent messages are kept for delivery, and an
 * anonymous complaint's words must not sit beside the resident's LINE id there.
 */
function summary(d: Partial<ComplaintDraft>): Msg[] {
  return [
    msg(`complaints:summary.kind.${d.kind ?? 'complaint'}`),
    msg(`complaints:summary.topic.${d.topic ?? 'other'}`),
    msg('complaints:summary.text', { length: (d.text ?? '').length }),
    d.contact === 'phone' ? msg('complaints:summary.phone', { phone: d.phone ?? '' }) : msg(`complaints:summary.${d.contact === 'line' ? 'line' : 'anonymous'}`),
  ];
}

/** Who handles it, and where to turn when the council's answer does not settle it. */
export function handlers(info: ComplaintsInfo, ctx: FlowContext): Msg[] {
  const lang = ctx.resident.language;
  return [
    msg('complaints:handlers.responsible', { title: info.responsible[lang], members: info.members.join('、'), phone: info.phone }),
    msg('complaints:handlers.committee', { name: info.committee.name[lang], phone: info.committee.phone }),
  ];
}

function complaintOf(d: Partial<ComplaintDraft>, referenceNo: string): NewComplaint {
  const contact = d.contact ?? 'none';
  return { referenceNo, kind: d.kind ?? 'complaint', topic: d.topic ?? 'other', text: d.text ?? '', contact, phone: contact === 'phone' ? (d.phone ?? null) : null };
}

const confirm: StepDef<'send' | 'stop'> = {
  prompt: (data) => [
    {
      lines: [msg('complaints:confirm.title'), ...summary(draftOf(data))],
      buttons: [postbackChip(msg('complaints:confirm.send'), 'cpc=send'), postbackChip(msg('complaints:confirm.stop'), 'cpc=stop')],
    },
  ],
  parse: (input) => parseChoice(input, 'cpc', ['send', 'stop'] as const),
  next: (v, data, ctx): Transition => {
    if (v === 'stop') return { end: true, messages: [{ lines: [msg('complaints:confirm.stopped')] }], then: 'menu' };
    const d = draftOf(data);
    const referenceNo = referenceNumber(ctx.now, ctx.seed, 'K');
    const complaint = complaintOf(d, referenceNo);
    const info = complaintsContext(ctx).info;
    return {
      end: true,
      effects: [complaintEffect({ type: 'submitComplaint', complaint, named: complaint.contact !== 'none' })],
      messages: [
        {
          lines: [msg('complaints:confirm.received', { referenceNo }), msg(`complaints:confirm.reply.${complaint.contact}`), ...(info ? handlers(info, ctx) : [])],
        },
      ],
      then: 'menu',
    };
  },
};

function start(ctx: FlowContext): Transition {
  const { info } = complaintsContext(ctx);
  if (!info) return { end: true, messages: [{ lines: [msg('menu:notReady.complaints')] }], then: 'menu' };
  return { to: 'kind', data: {}, before: [{ lines: [msg('complaints:intro'), ...handlers(info, ctx)] }] };
}

/**
 * Complaints and opinions (menu 苦情・ご意見): a complaint or an opinion, what it is about, the words, then how the
 * council may answer — not at all (anonymous: nothing links it to the resident, so it needs no consent), by LINE, or
 * by a phone call (both need consent to keep the resident's details; declining sends it anonymously) — and a summary
 * that sends it with a K- reference number, saying who handles it. Stopping at any step stores nothing.
 */
export const complaintFlow: Flow = {
  id: 'complaint',
  version: 1,
  start,
  steps: { kind, topic, text, way, phone, consent, confirm },
};
