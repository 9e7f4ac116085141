import { referenceNumber } from '../../domain/consultation';
import type { NewDonationOffer } from '../../domain/donation';
import { msg, type Msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { FlowContext, FlowData, StepDef, Transition } from '../engine/types';
import { allPurposes, currentPlan, donations, draftOf, foodCategories, nameOf, type DonationDraft } from './draft';
import { restartItems } from './food-steps';
import { donationEffect } from './module-context';

/** Answers that can be fixed from the summary, by what is given (`items` answers the food items again). */
const FIXABLE = {
  money: ['purpose', 'amount', 'name', 'contact', 'slot'],
  goods: ['purpose', 'description', 'name', 'contact', 'slot'],
  food: ['items', 'name', 'contact', 'slot'],
  appliance: ['applianceKind', 'applianceSize', 'applianceAge', 'applianceCondition', 'appliancePhoto', 'name', 'contact', 'slot'],
} as const;

/** The answers that can be fixed; the purpose only while there is a plan to choose from this year. */
function fixable(d: Partial<DonationDraft>, ctx: FlowContext): readonly string[] {
  const all = d.kind ? FIXABLE[d.kind] : ['name', 'contact', 'slot'];
  return currentPlan(ctx) ? all : all.filter((f) => f !== 'purpose');
}

/** A Japan-time date as the epoch milliseconds the locale's datetime format expects. */
function day(date: string): number {
  return Date.parse(`${date}T00:00:00+09:00`);
}

/** The lines of what is given, by kind. */
function giftLines(d: Partial<DonationDraft>, ctx: FlowContext): Msg[] {
  const purpose = d.purpose ? msg('donate:summary.purpose', { purpose: nameOf(allPurposes(ctx), d.purpose, ctx) }) : msg('donate:summary.purposeGeneral');
  switch (d.kind) {
    case 'money':
      return [purpose, msg('donate:summary.amount', { amount: d.amountYen ?? 0 })];
    case 'goods':
      return [purpose, msg('donate:summary.description', { text: d.description ?? '' })];
    case 'food': {
      const taken = (d.items ?? []).filter((i) => i.accepted);
      return [
        msg('donate:summary.foodTitle', { n: taken.length }),
        ...taken.map((i) => msg('donate:summary.foodItem', { category: nameOf(foodCategories(ctx), i.category, ctx), date: day(i.bestBefore ?? '') })),
      ];
    }
    case 'appliance':
      return [
        msg('donate:summary.appliance', { text: d.description ?? '' }),
        msg(`donate:summary.size.${d.size ?? 'small'}`),
        msg(`donate:summary.age.${d.age ?? 'lt1'}`),
        msg(`donate:summary.condition.${d.condition ?? 'good'}`),
        msg('donate:summary.photo'),
      ];
    default:
      return [];
  }
}

/** The lines summing up an offer, as staff will read it. */
export function summary(d: Partial<DonationDraft>, ctx: FlowContext): Msg[] {
  return [
    msg(`donate:summary.kind.${d.kind ?? 'goods'}`),
    ...giftLines(d, ctx),
    msg('donate:summary.name', { name: d.name ?? '' }),
    d.phone ? msg('donate:summary.phone', { phone: d.phone }) : msg('donate:summary.lineOnly'),
    msg('donate:summary.slot', { slot: nameOf(donations(ctx).slots, d.slot, ctx) }),
    ...(d.address ? [msg('donate:summary.address', { address: d.address })] : []),
  ];
}

/** The offer as the runner writes it. */
function offerOf(d: Partial<DonationDraft>, referenceNo: string): NewDonationOffer {
  const kind = d.kind ?? 'goods';
  const gift = kind === 'money' || kind === 'goods';
  return {
    referenceNo,
    kind,
    purposeCode: gift ? (d.purpose ?? null) : null,
    amountYen: kind === 'money' ? (d.amountYen ?? null) : null,
    description: kind === 'goods' || kind === 'appliance' ? (d.description ?? null) : null,
    itemSize: kind === 'appliance' ? (d.size ?? null) : null,
    itemAge: kind === 'appliance' ? (d.age ?? null) : null,
    itemCondition: kind === 'appliance' ? (d.condition ?? null) : null,
    photoMessageId: kind === 'appliance' ? (d.photo ?? null) : null,
    name: d.name ?? '',
    phone: d.phone ?? null,
    slot: d.slot ?? '',
    address: d.address ?? null,
    items: kind === 'food' ? (d.items ?? []) : [],
  };
}

const confirm: StepDef<'send' | 'fix' | 'stop'> = {
  prompt: (data, ctx) => [
    {
      lines: [msg('donate:confirm.title'), ...summary(draftOf(data), ctx)],
      buttons: [postbackChip(msg('donate:confirm.send'), 'dy=send'), postbackChip(msg('donate:confirm.fix'), 'dy=fix'), postbackChip(msg('donate:confirm.stop'), 'dy=stop')],
    },
  ],
  parse: (input) => parseChoice(input, 'dy', ['send', 'fix', 'stop'] as const),
  next: (v, data, ctx): Transition => {
    if (v === 'fix') return { to: 'fix', data };
    if (v === 'stop') return { end: true, messages: [{ lines: [msg('donate:confirm.stopped')] }], then: 'menu' };
    const d = draftOf(data);
    const referenceNo = referenceNumber(ctx.now, ctx.seed, 'D');
    return {
      end: true,
      effects: [donationEffect({ type: 'submitDonationOffer', offer: offerOf(d, referenceNo) })],
      messages: [
        {
          lines: [msg('donate:confirm.received', { referenceNo }), ...(d.kind === 'money' ? [msg('donate:confirm.moneyNote')] : []), msg('donate:confirm.next', { phone: ctx.council.phone })],
        },
      ],
      then: 'menu',
    };
  },
};

const fix: StepDef<string> = {
  prompt: (data, ctx) => [{ lines: [msg('donate:fix.prompt')], chips: fixable(draftOf(data), ctx).map((f) => postbackChip(msg(`donate:fix.${f}`), `dfx=${f}`)) }],
  parse: (input, data, ctx) => parseChoice(input, 'dfx', fixable(draftOf(data), ctx)),
  next: (v, data: FlowData) => (v === 'items' ? { to: 'foodCategory', data: { ...restartItems(data), fixing: true } } : { to: v, data: { ...data, fixing: true } }),
};

/** The summary with send, fix and stop, and the choice of what to fix. */
export const summarySteps: Record<string, StepDef<any>> = { confirm, fix };
