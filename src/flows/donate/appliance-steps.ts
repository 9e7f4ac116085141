import { ITEM_AGES, ITEM_CONDITIONS, ITEM_SIZES, type ItemAge, type ItemCondition, type ItemSize } from '../../domain/donation';
import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { Parsed, StepDef } from '../engine/types';
import { APPLIANCE_MAX, onward, typedText, withDraft } from './draft';

/** Which appliance or piece of furniture, typed (冷蔵庫, 学習机 …). */
const applianceKind: StepDef<string> = {
  prompt: () => [{ lines: [msg('donate:appliance.kind.prompt')] }],
  parse: (input): Parsed<string> => {
    const typed = typedText(input);
    return typed && typed.length <= APPLIANCE_MAX ? { ok: true, value: typed } : { ok: false, error: msg('donate:appliance.kind.invalid', { max: APPLIANCE_MAX }) };
  },
  next: (v, data) => onward('applianceSize', withDraft(data, { description: v })),
};

const applianceSize: StepDef<ItemSize> = {
  prompt: () => [{ lines: [msg('donate:appliance.size.prompt')], buttons: ITEM_SIZES.map((s) => postbackChip(msg(`donate:appliance.size.${s}`), `az=${s}`)) }],
  parse: (input) => parseChoice(input, 'az', ITEM_SIZES),
  next: (v, data) => onward('applianceAge', withDraft(data, { size: v })),
};

const applianceAge: StepDef<ItemAge> = {
  prompt: () => [{ lines: [msg('donate:appliance.age.prompt')], chips: ITEM_AGES.map((a) => postbackChip(msg(`donate:appliance.age.${a}`), `ag=${a}`)) }],
  parse: (input) => parseChoice(input, 'ag', ITEM_AGES),
  next: (v, data) => onward('applianceCondition', withDraft(data, { age: v })),
};

const applianceCondition: StepDef<ItemCondition> = {
  prompt: () => [{ lines: [msg('donate:appliance.condition.prompt')], buttons: ITEM_CONDITIONS.map((c) => postbackChip(msg(`donate:appliance.condition.${c}`), `ac=${c}`)) }],
  parse: (input) => parseChoice(input, 'ac', ITEM_CONDITIONS),
  next: (v, data) => onward('appliancePhoto', withDraft(data, { condition: v })),
};

/** A photo is required: staff judge size and state from it before anyone drives out. Text is refused. */
const appliancePhoto: StepDef<string> = {
  prompt: () => [{ lines: [msg('donate:appliance.photo.prompt'), msg('donate:appliance.photo.how')] }],
  parse: (input): Parsed<string> => (input.kind === 'media' && input.mediaType === 'image' ? { ok: true, value: input.messageId } : { ok: false, error: msg('donate:appliance.photo.needed') }),
  next: (v, data) => onward('name', withDraft(data, { photo: v })),
};

/** The steps for an appliance or piece of furniture: what, size, age, condition and a photo. */
export const applianceSteps: Record<string, StepDef<any>> = { applianceKind, applianceSize, applianceAge, applianceCondition, appliancePhoto };
