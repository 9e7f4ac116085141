import type { InboundInput } from '../../domain/inbound-event';
import type { DonationItemRecord, DonationKind, FoodItemAnswers, ItemAge, ItemCondition, ItemSize } from '../../domain/donation';
import type { Choice, DonationsView, FlowContext, LocalizedText } from '../engine/types';
import { formDraft } from '../common/draft';
import { planOfYear } from '../../domain/donation-admin';
import { jstDate } from '../../domain/japan-time';
import { fiscalYearOf } from '../../domain/volunteer';

/** What a donation offer holds while it is filled in (plain JSON in the flow state, under `offer`). */
export interface DonationDraft {
  kind: DonationKind;
  /** A purpose code of the allocation plan; null for 「おまかせ」 (a general gift). */
  purpose: string | null;
  amountYen: number;
  /** What the goods are, or which appliance or piece of furniture. */
  description: string;
  /** Food items answered so far, each with its verdict. */
  items: DonationItemRecord[];
  /** The food item being asked about. */
  item: FoodItemAnswers;
  size: ItemSize;
  age: ItemAge;
  condition: ItemCondition;
  /** LINE message id of the appliance's photo. */
  photo: string;
  name: string;
  phone: string | null;
  slot: string;
  address: string | null;
}

/** The offer's answers under `offer`; fixes go back to the summary (`confirm`). */
export const { draftOf, withDraft, onward } = formDraft<DonationDraft>('offer', 'confirm');

/** The council's donation settings; a profile without them never starts the flow (see donate-flow.ts). */
export function donations(ctx: FlowContext): DonationsView {
  return ctx.council.donations ?? { plans: [], food: { minDaysToBestBefore: 0, accepted: [], refused: [] }, slots: [] };
}

/** The fiscal year `ctx.now` is in (April–March, Japan time). */
export function fiscalYearNow(ctx: FlowContext): number {
  return fiscalYearOf(jstDate(ctx.now));
}

/** The allocation plan of the fiscal year `ctx.now` is in, or null when the council has none for it. */
export function currentPlan(ctx: FlowContext): DonationsView['plans'][number] | null {
  return planOfYear(donations(ctx).plans, fiscalYearNow(ctx));
}

/** Every purpose of every plan, the latest year's first (to name a purpose chosen under any of them). */
export function allPurposes(ctx: FlowContext): DonationsView['plans'][number]['purposes'] {
  return [...donations(ctx).plans].sort((a, b) => b.fiscalYear - a.fiscalYear).flatMap((p) => p.purposes);
}

/** The name of `code` among `items` in the resident's language, or the code itself when it is unknown. */
export function nameOf(items: ReadonlyArray<{ code: string; name: LocalizedText }>, code: string | null | undefined, ctx: FlowContext): string {
  return items.find((i) => i.code === code)?.name[ctx.resident.language] ?? String(code ?? '');
}

/** Every food category the resident can choose: those the food drive takes, then those it refuses. */
export function foodCategories(ctx: FlowContext): Choice[] {
  const food = donations(ctx).food;
  return [...food.accepted, ...food.refused];
}

/** The longest typed texts kept: a name, a description or appliance, an address. */
export const NAME_MAX = 40;
export const DESCRIPTION_MAX = 200;
export const APPLIANCE_MAX = 60;
export const ADDRESS_MAX = 200;

/** Typed text with runs of spaces made one and full-width letters made plain, or '' for anything not text. */
export function typedText(input: InboundInput): string {
  return input.kind === 'text' ? input.text.normalize('NFKC').replace(/\s+/g, ' ').trim() : '';
}
