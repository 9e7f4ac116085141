import { msg } from '../../domain/message-text';
import { choiceChip } from '../common/messages';
import { phoneOrLineStep } from '../common/steps';
import { parseChoice } from '../common/parse';
import type { FlowContext, FlowData, Parsed, StepDef } from '../engine/types';
import { ADDRESS_MAX, NAME_MAX, donations, draftOf, onward, typedText, withDraft } from './draft';

/**
 * The hand-over windows a donation may use. Money is only brought to the office: staff never collect cash at
 * home, which is also what residents are told to protect them from people posing as the council.
 */
export function slotsFor(data: FlowData, ctx: FlowContext) {
  const all = donations(ctx).slots;
  return draftOf(data).kind === 'money' ? all.filter((s) => s.kind === 'dropOff') : all;
}

const name: StepDef<string> = {
  prompt: () => [{ lines: [msg('donate:name.prompt')] }],
  parse: (input): Parsed<string> => {
    const typed = typedText(input);
    return typed && typed.length <= NAME_MAX ? { ok: true, value: typed } : { ok: false, error: msg('donate:name.invalid', { max: NAME_MAX }) };
  },
  next: (v, data) => onward('contact', withDraft(data, { name: v })),
};

const contact = phoneOrLineStep('dl', { prompt: 'donate:contact.prompt', lineOnly: 'donate:contact.lineOnly', invalid: 'donate:contact.invalid' }, (v, data) => onward('slot', withDraft(data, { phone: v })));

const slot: StepDef<string> = {
  prompt: (data, ctx) => [
    {
      lines: [msg(draftOf(data).kind === 'money' ? 'donate:slot.promptMoney' : 'donate:slot.prompt')],
      chips: slotsFor(data, ctx).map((s) => choiceChip(s, ctx, `ds=${s.code}`)),
    },
  ],
  parse: (input, data, ctx) => parseChoice(input, 'ds', slotsFor(data, ctx).map((s) => s.code)),
  // A pick-up always asks where, also when fixing the slot (the two are one answer).
  next: (v, data, ctx) =>
    donations(ctx).slots.find((s) => s.code === v)?.kind === 'pickUp' ? { to: 'address', data: withDraft(data, { slot: v }) } : { to: 'confirm', data: { ...withDraft(data, { slot: v, address: null }), fixing: false } },
};

const address: StepDef<string> = {
  prompt: () => [{ lines: [msg('donate:address.prompt')] }],
  parse: (input): Parsed<string> => {
    const typed = typedText(input);
    return typed && typed.length <= ADDRESS_MAX ? { ok: true, value: typed } : { ok: false, error: msg('donate:address.invalid', { max: ADDRESS_MAX }) };
  },
  next: (v, data) => ({ to: 'confirm', data: { ...withDraft(data, { address: v }), fixing: false } }),
};

/** Who gives, how to reach them, and when and where the gift is handed over. */
export const contactSteps: Record<string, StepDef<any>> = { name, contact, slot, address };
