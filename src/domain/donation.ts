/**
 * Donations offered by residents: money or goods for the 善意銀行 (goodwill bank), food for the フードドライブ
 * (food drive), or an appliance or furniture matched to a household. Pure rules over plain values.
 */
import { DAY_MS } from './japan-time';

/** What is offered. `goods` are gifts for the goodwill bank; `appliance` covers furniture and other large items. */
export const DONATION_KINDS = ['money', 'goods', 'food', 'appliance'] as const;
export type DonationKind = (typeof DONATION_KINDS)[number];

/**
 * An offer's life in the console: `received` from LINE, `accepted` or `declined` by staff, `received_goods` once
 * the money or things have come in (a receipt number may then be recorded).
 */
export const DONATION_STATUSES = ['received', 'accepted', 'declined', 'received_goods'] as const;
export type DonationStatus = (typeof DONATION_STATUSES)[number];

/** Why a food item cannot go to the food drive, in the order the rules are checked. */
export const FOOD_REFUSALS = ['not_shelf_stable', 'opened', 'best_before_too_soon', 'past_best_before'] as const;
export type FoodRefusal = (typeof FOOD_REFUSALS)[number];

/** Rough size of an appliance or piece of furniture: carried by one person, by two, or needing a van. */
export const ITEM_SIZES = ['small', 'medium', 'large'] as const;
export type ItemSize = (typeof ITEM_SIZES)[number];

/** How old an appliance is, in bands of years (residents rarely know the exact year). */
export const ITEM_AGES = ['lt1', '1to3', '3to5', '5to10', '10plus'] as const;
export type ItemAge = (typeof ITEM_AGES)[number];

/** The state an appliance is in, as the resident sees it. */
export const ITEM_CONDITIONS = ['good', 'used', 'faulty'] as const;
export type ItemCondition = (typeof ITEM_CONDITIONS)[number];

/** The food drive's rules: categories it takes (shelf-stable), and how long a best-before must still run. */
export interface FoodRules {
  minDaysToBestBefore: number;
  /** Category codes the food drive takes; any other category (fresh, chilled, home-made …) is refused. */
  accepted: ReadonlyArray<{ code: string }>;
}

/** A food item as far as the resident has answered: unopened and best-before come after the category. */
export interface FoodItemAnswers {
  category: string;
  unopened?: boolean;
  /** Japan-time date printed on the package, YYYY-MM-DD. */
  bestBefore?: string;
}

/**
 * The verdict on a food item: taken, refused with a reason, or not decided yet because the next answer (`needs`)
 * is still missing. Checks run in order — category, opened, best-before — so a refusal comes as early as it can.
 */
export type FoodVerdict = { status: 'accepted' } | { status: 'refused'; reason: FoodRefusal } | { status: 'needs'; field: 'unopened' | 'bestBefore' };

/** Whole calendar days from `today` to `date` (both YYYY-MM-DD); negative when `date` has passed. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * Checks a food item against the rules on the Japan-time date `today`: the category must be one the food drive
 * takes, the package unopened, and the best-before at least `minDaysToBestBefore` days away (exactly that many is
 * enough). A best-before before today is `past_best_before`; today up to the minimum is `best_before_too_soon`.
 */
export function checkFoodItem(item: FoodItemAnswers, rules: FoodRules, today: string): FoodVerdict {
  if (!rules.accepted.some((c) => c.code === item.category)) return { status: 'refused', reason: 'not_shelf_stable' };
  if (item.unopened === undefined) return { status: 'needs', field: 'unopened' };
  if (!item.unopened) return { status: 'refused', reason: 'opened' };
  if (item.bestBefore === undefined) return { status: 'needs', field: 'bestBefore' };
  const days = daysUntil(item.bestBefore, today);
  if (days < 0) return { status: 'refused', reason: 'past_best_before' };
  if (days < rules.minDaysToBestBefore) return { status: 'refused', reason: 'best_before_too_soon' };
  return { status: 'accepted' };
}

/** A food item as offered and checked: what the resident said and whether the food drive takes it. */
export interface DonationItemRecord {
  category: string;
  /** Null when the item was refused before this was asked (a refused category). */
  unopened: boolean | null;
  /** YYYY-MM-DD; null when the item was refused before this was asked. */
  bestBefore: string | null;
  accepted: boolean;
  refusedReason: FoodRefusal | null;
}

/** What the donation flow hands to the runner on submission (status "received"). Plain JSON. */
export interface NewDonationOffer {
  /** D-YYMMDD-XXXX, quoted by the donor. */
  referenceNo: string;
  kind: DonationKind;
  /** A purpose code of the allocation plan (指定預託); null for a general gift (一般預託) or food and appliances. */
  purposeCode: string | null;
  /** Yen, for money. */
  amountYen: number | null;
  /** What the goods are, or which appliance or piece of furniture. */
  description: string | null;
  /** For an appliance: size, age band and condition. */
  itemSize: ItemSize | null;
  itemAge: ItemAge | null;
  itemCondition: ItemCondition | null;
  /** LINE message id of the appliance's photo (its content is copied after the commit). */
  photoMessageId: string | null;
  name: string;
  /** Digits; null when the donor is reached through LINE. */
  phone: string | null;
  /** A slot code of the council profile: when and how the donation is handed over. */
  slot: string;
  /** Where to pick up, for a pick-up slot. */
  address: string | null;
  /** Food items, refused ones included (staff see what was turned away and why). */
  items: DonationItemRecord[];
}

/** The largest gift of money taken through LINE (larger ones are arranged with staff directly). */
export const MAX_AMOUNT_YEN = 100_000_000;

/**
 * Yen from what a resident typed: full-width digits, commas, 円 and 万 are understood (「1万円」, 「３，０００」,
 * 「2万5000円」). Null when it is not a whole positive amount up to `MAX_AMOUNT_YEN`.
 */
export function parseYen(typed: string): number | null {
  const s = typed.normalize('NFKC').replace(/[\s,、]/g, '').replace(/円$/, '').replace(/^¥/, '');
  const m = /^(?:(\d+)万)?(\d*)$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  const yen = Number(m[1] ?? 0) * 10_000 + Number(m[2] || 0);
  return Number.isSafeInteger(yen) && yen > 0 && yen <= MAX_AMOUNT_YEN ? yen : null;
}

/** A donor's offer as わたしの申し込み lists it: waiting for the council's answer, or accepted and not yet handed over. */
export interface MyDonationOffer {
  referenceNo: string;
  kind: DonationKind;
  status: Extract<DonationStatus, 'received' | 'accepted'>;
}

/** The residents' open offers (received or accepted), oldest first, by resident id. */
export interface MyDonationOfferSource {
  openOf(residentIds: readonly string[]): Promise<Map<string, MyDonationOffer[]>>;
}
