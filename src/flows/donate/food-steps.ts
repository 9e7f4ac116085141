import { checkFoodItem, type DonationItemRecord, type FoodItemAnswers } from '../../domain/donation';
import { jstDate, jstMidnight } from '../../domain/japan-time';
import { msg, type Msg } from '../../domain/message-text';
import type { OutMessage } from '../../domain/out-message';
import { choiceChip, postbackChip } from '../common/messages';
import { parseChoice, postbackValue } from '../common/parse';
import type { FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { donations, draftOf, foodCategories, nameOf, onward, withDraft } from './draft';

/** Food items one offer takes (accepted and refused together), so the saved state stays small. */
export const MAX_FOOD_ITEMS = 10;
/** How far ahead the best-before picker goes. */
const PICKER_YEARS = 10;

/** True for a real YYYY-MM-DD date (2026-02-30 is not one). */
function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function items(data: FlowData): DonationItemRecord[] {
  return draftOf(data).items ?? [];
}

/** The verdict on the item answered so far, told to the resident at once; then the next question. */
function judge(item: FoodItemAnswers, data: FlowData, ctx: FlowContext): Transition {
  const verdict = checkFoodItem(item, donations(ctx).food, jstDate(ctx.now));
  if (verdict.status === 'needs') return { to: verdict.field === 'unopened' ? 'foodUnopened' : 'foodBestBefore', data: withDraft(data, { item }) };
  const record: DonationItemRecord = {
    category: item.category,
    unopened: item.unopened ?? null,
    bestBefore: item.bestBefore ?? null,
    accepted: verdict.status === 'accepted',
    refusedReason: verdict.status === 'refused' ? verdict.reason : null,
  };
  const category = nameOf(foodCategories(ctx), item.category, ctx);
  const told: Msg =
    verdict.status === 'accepted'
      ? msg('donate:food.accepted', { category })
      : msg(`donate:food.refused.${verdict.reason}`, { category, days: donations(ctx).food.minDaysToBestBefore });
  const before: OutMessage[] = [{ lines: [told] }];
  return { to: 'foodMore', data: withDraft(data, { items: [...items(data), record] }), before };
}

const foodCategory: StepDef<string> = {
  prompt: (data, ctx) => {
    const count = items(data).length;
    return [
      {
        lines: [msg(count ? 'donate:food.category.next' : 'donate:food.category.prompt'), msg('donate:food.category.rules', { days: donations(ctx).food.minDaysToBestBefore })],
        chips: foodCategories(ctx).map((c) => choiceChip(c, ctx, `fc=${c.code}`)),
      },
    ];
  },
  parse: (input, _data, ctx) => parseChoice(input, 'fc', foodCategories(ctx).map((c) => c.code)),
  next: (v, data, ctx) => judge({ category: v }, data, ctx),
};

const foodUnopened: StepDef<'yes' | 'no'> = {
  prompt: () => [{ lines: [msg('donate:food.unopened.prompt')], buttons: [postbackChip(msg('donate:food.unopened.yes'), 'fu=yes'), postbackChip(msg('donate:food.unopened.no'), 'fu=no')] }],
  parse: (input) => parseChoice(input, 'fu', ['yes', 'no'] as const),
  next: (v, data, ctx) => judge({ ...(draftOf(data).item ?? { category: '' }), unopened: v === 'yes' }, data, ctx),
};

const foodBestBefore: StepDef<string> = {
  prompt: (_data, ctx) => {
    const today = jstDate(ctx.now);
    const max = jstDate(jstMidnight(ctx.now) + PICKER_YEARS * 366 * 86_400_000);
    return [{ lines: [msg('donate:food.bestBefore.prompt')], buttons: [{ kind: 'datePicker', label: msg('donate:food.bestBefore.pick'), data: 'fb=date', max, initial: today }] }];
  },
  parse: (input): Parsed<string> => {
    const date = postbackValue(input, 'fb') === 'date' && input.kind === 'postback' ? input.params?.date : undefined;
    return date && isCalendarDate(date) ? { ok: true, value: date } : { ok: false, error: msg('donate:food.bestBefore.invalid') };
  },
  next: (v, data, ctx) => judge({ ...(draftOf(data).item ?? { category: '' }), bestBefore: v }, data, ctx),
};

/** After each item: another one, or done (at least one item the food drive takes is needed to go on). */
const foodMore: StepDef<'more' | 'done'> = {
  prompt: (data) => {
    const all = items(data);
    const accepted = all.filter((i) => i.accepted).length;
    const full = all.length >= MAX_FOOD_ITEMS;
    return [
      {
        lines: [...(accepted ? [msg('donate:food.more.count', { n: accepted })] : []), msg(full ? 'donate:food.more.full' : 'donate:food.more.prompt', { max: MAX_FOOD_ITEMS })],
        buttons: [...(full ? [] : [postbackChip(msg('donate:food.more.more'), 'fm=more')]), postbackChip(msg('donate:food.more.done'), 'fm=done')],
      },
    ];
  },
  parse: (input, data): Parsed<'more' | 'done'> => {
    const v = parseChoice(input, 'fm', ['more', 'done'] as const);
    if (v.ok && v.value === 'more' && items(data).length >= MAX_FOOD_ITEMS) return { ok: false, error: msg('donate:food.more.full', { max: MAX_FOOD_ITEMS }) };
    return v;
  },
  next: (v, data, ctx): Transition => {
    if (v === 'more') return { to: 'foodCategory', data };
    if (!items(data).some((i) => i.accepted)) return { end: true, messages: [{ lines: [msg('donate:food.noneAccepted'), msg('donate:food.otherWays', { phone: ctx.council.phone })] }], then: 'menu' };
    return onward('name', data);
  },
};

/** The food drive's items, one at a time: category, unopened?, best-before — each judged as soon as it can be. */
export const foodSteps: Record<string, StepDef<any>> = { foodCategory, foodUnopened, foodBestBefore, foodMore };

/** Clears the food items, to answer them again from the summary. */
export function restartItems(data: FlowData): FlowData {
  return withDraft(data, { items: [] });
}
