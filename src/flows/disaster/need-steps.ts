import { parsePhone } from '../../domain/consultation';
import { DAMAGE_KINDS, REQUESTER_RELATIONS, WORK_KINDS, type RequesterRelation } from '../../domain/disaster/needs';
import { msg } from '../../domain/message-text';
import type { GeoPoint } from '../../domain/disaster/geo';
import { postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import type { Parsed, StepDef } from '../engine/types';
import { afterNeed, draftOf, rulesOf, tellScreening, withDraft, type NeedDraft, type NeedQuestion } from './need-draft';
import { toggleStep } from './need-toggle';

/** The longest texts kept: names, an address, その他 and the notes. */
export const NEED_TEXT_MAX = { name: 40, address: 200, workOther: 400, notes: 1000 } as const;

/** Typed text, one line, or null. */
function typed(input: Parameters<StepDef['parse']>[0], max: number): string | null {
  const s = input.kind === 'text' ? input.text.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
  return s && s.length <= max ? s : null;
}

/** A step reading a short text into `field`; `skip` offers a button leaving it empty. */
function textStep(q: NeedQuestion, field: 'householdName' | 'reporterName' | 'address' | 'workOther' | 'notes', max: number, skip?: string): StepDef<string | null> {
  return {
    prompt: () => [{ lines: [msg(`disasterNeed:${q}.prompt`)], ...(skip ? { buttons: [postbackChip(msg(skip), `dns=${q}`)] } : {}) }],
    parse: (input): Parsed<string | null> => {
      if (skip && postbackValue(input, 'dns') === q) return { ok: true, value: null };
      const s = typed(input, max);
      return s ? { ok: true, value: s } : { ok: false, error: msg(`disasterNeed:${q}.invalid`, { max }) };
    },
    next: (v, data, ctx) => tellScreening(afterNeed(q, withDraft(data, { [field]: v } as Partial<NeedDraft>)), ctx),
  };
}

/** For whom: myself, family, a neighbour, as 民生委員, another helper (care manager, helper). */
export const relationStep: StepDef<RequesterRelation> = {
  prompt: () => [{ lines: [msg('disasterNeed:relation.prompt')], buttons: REQUESTER_RELATIONS.map((r) => postbackChip(msg(`disasterNeed:relation.${r}`), `dnr=${r}`)) }],
  parse: (input) => parseChoice(input, 'dnr', REQUESTER_RELATIONS),
  next: (v, data) => afterNeed('relation', withDraft(data, v === 'self' ? { relation: v, householdName: null, householdPhone: null, reporterName: null } : { relation: v })),
};

export const householdNameStep = textStep('householdName', 'householdName', NEED_TEXT_MAX.name);

/** The household's phone, as the proxy knows it (or not). */
export const householdPhoneStep: StepDef<string | null> = {
  prompt: () => [{ lines: [msg('disasterNeed:householdPhone.prompt')], buttons: [postbackChip(msg('disasterNeed:householdPhone.unknown'), 'dns=householdPhone')] }],
  parse: (input): Parsed<string | null> => {
    if (postbackValue(input, 'dns') === 'householdPhone') return { ok: true, value: null };
    const digits = input.kind === 'text' ? parsePhone(input.text) : null;
    return digits ? { ok: true, value: digits } : { ok: false, error: msg('disasterNeed:phone.invalid') };
  },
  next: (v, data) => afterNeed('householdPhone', withDraft(data, { householdPhone: v })),
};

export const reporterNameStep = textStep('reporterName', 'reporterName', NEED_TEXT_MAX.name);
export const addressStep = textStep('address', 'address', NEED_TEXT_MAX.address, 'disasterNeed:address.skip');

/** The pin: LINE's location picker (a quick reply), or skipped. A pin's address fills in a missing typed one. */
export const pinStep: StepDef<(GeoPoint & { address?: string }) | null> = {
  prompt: (data) => [
    {
      lines: [msg('disasterNeed:pin.prompt'), msg(draftOf(data).address ? 'disasterNeed:pin.optional' : 'disasterNeed:pin.helps')],
      buttons: [postbackChip(msg('disasterNeed:pin.skip'), 'dns=pin')],
      chips: [{ kind: 'location', label: msg('disasterNeed:pin.send') }],
    },
  ],
  parse: (input) => {
    if (postbackValue(input, 'dns') === 'pin') return { ok: true, value: null };
    if (input.kind === 'location') return { ok: true, value: { latitude: input.latitude, longitude: input.longitude, ...(input.address ? { address: input.address } : {}) } };
    return { ok: false, error: msg('disasterNeed:pin.invalid') };
  },
  next: (v, data) => {
    const d = draftOf(data);
    if (!v) return afterNeed('pin', withDraft(data, { location: null }));
    return afterNeed('pin', withDraft(data, { location: { latitude: v.latitude, longitude: v.longitude }, ...(!d.address && v.address ? { address: v.address.slice(0, NEED_TEXT_MAX.address) } : {}) }));
  },
};

export const damageStep = toggleStep({
  q: 'damage',
  key: 'dnd',
  codes: () => [...DAMAGE_KINDS],
  label: (c) => msg(`disasterNeed:damage.${c}`),
  prompt: () => [msg('disasterNeed:damage.prompt')],
  none: 'disasterNeed:damage.none',
});

export const workStep = toggleStep({
  q: 'work',
  key: 'dnw',
  codes: () => [...WORK_KINDS],
  label: (c) => msg(`disasterNeed:work.${c}`),
  prompt: () => [msg('disasterNeed:work.prompt')],
  then: tellScreening,
});

export const workOtherStep = textStep('workOther', 'workOther', NEED_TEXT_MAX.workOther);

/** What the centre cannot do, asked plainly: the profile's rules, ticked; matches are told at once. */
export const cannotDoStep = toggleStep({
  q: 'cannotDo',
  key: 'dnx',
  codes: (ctx) => rulesOf(ctx).map((r) => r.code),
  // A rule's name as a button: its words before any bracketed detail (the prompt lists the names in full).
  label: (c, ctx) => msg('common:literal', { text: (rulesOf(ctx).find((r) => r.code === c)?.name ?? c).split(/[((]/)[0]!.trim() }),
  prompt: (_data, ctx) => [msg('disasterNeed:cannotDo.prompt'), ...rulesOf(ctx).map((r) => msg('disasterNeed:cannotDo.item', { name: r.name }))],
  none: 'disasterNeed:cannotDo.none',
  then: tellScreening,
});

