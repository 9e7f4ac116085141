/**
 * Donations in plain Japanese for the console and its CSVs: the kind, the status, the purpose from the allocation
 * plan (or おまかせ), the amount (「10,000円」), an appliance's size, age and condition, food items with their
 * verdicts, and the annual report's file of donations received. Pure.
 */
import type { DonationItemRecord, DonationKind, DonationStatus, FoodRefusal, ItemAge, ItemCondition, ItemSize } from '../../domain/donation';
import { GENERAL_PURPOSE, type DonationOfferRecord } from '../../domain/donation-admin';
import { csvDate, csvFile } from '../shared/csv';
import { nameOf, type NamedCode } from '../shared/names';

export const DONATION_STATUS_JA: Readonly<Record<DonationStatus, string>> = {
  received: '受付',
  accepted: '受け入れ決定',
  declined: 'お断り',
  received_goods: '受領済み',
};

export const DONATION_KIND_JA: Readonly<Record<DonationKind, string>> = {
  money: 'お金',
  goods: '品物(善意銀行)',
  food: '食品(フードドライブ)',
  appliance: '家電・家具など',
};

const SIZE_JA: Readonly<Record<ItemSize, string>> = { small: '小(ひとりで運べる)', medium: '中(ふたりで運べる)', large: '大(車が必要)' };
const AGE_JA: Readonly<Record<ItemAge, string>> = { lt1: '1年未満', '1to3': '1〜3年', '3to5': '3〜5年', '5to10': '5〜10年', '10plus': '10年以上' };
const CONDITION_JA: Readonly<Record<ItemCondition, string>> = { good: 'きれいで問題なく使える', used: '使用感はあるが使える', faulty: '一部こわれている' };
const REFUSAL_JA: Readonly<Record<FoodRefusal, string>> = {
  not_shelf_stable: '傷みやすい種類(フードドライブの対象外)',
  opened: '開けてある',
  best_before_too_soon: '賞味期限が近い',
  past_best_before: '賞味期限が過ぎている',
};

/** The allocation plan's purposes (Japanese names) and budgets, from the council profile. */
export interface PlanPurpose extends NamedCode {
  budgetYen: number;
}

/** One fiscal year's allocation plan, from the council profile. */
export interface PlanView {
  fiscalYear: number;
  purposes: readonly PlanPurpose[];
}

/** The purposes of every plan, the latest year's first: names for a purpose code of any year. */
export function allPlanPurposes(plans: readonly PlanView[]): PlanPurpose[] {
  return [...plans].sort((a, b) => b.fiscalYear - a.fiscalYear).flatMap((p) => p.purposes);
}

/** The name of 一般預託 (a gift without a designated purpose), as donors chose it in LINE. */
export const GENERAL_NAME = 'おまかせ(一般)';

/** `10,000円`. */
export function yenText(yen: number): string {
  return `${yen.toLocaleString('ja-JP')}円`;
}

/** A purpose code (or `general`) as its name in the plan. */
export function purposeName(code: string, purposes: readonly NamedCode[]): string {
  return code === GENERAL_PURPOSE ? GENERAL_NAME : nameOf(code, purposes);
}

/** The purpose of an offer: money and goods for the goodwill bank have one (おまかせ when not designated); food and appliances do not. */
export function purposeText(o: Pick<DonationOfferRecord, 'kind' | 'purposeCode'>, purposes: readonly NamedCode[]): string {
  if (o.kind !== 'money' && o.kind !== 'goods') return '—';
  return o.purposeCode ? nameOf(o.purposeCode, purposes) : GENERAL_NAME;
}

/** The amount for money, otherwise what was offered (food: what the items are). */
export function contentText(o: DonationOfferRecord, foodCategories: readonly NamedCode[]): string {
  if (o.kind === 'money') return o.amountYen ? yenText(o.amountYen) : '—';
  if (o.kind === 'food') return acceptedFoodText(o.items, foodCategories) || 'お預かりできる食品なし';
  return o.description ?? '—';
}

/** `受け入れ 2品 / お断り 1品` for food, '—' otherwise. */
export function foodCountText(o: Pick<DonationOfferRecord, 'kind' | 'items'>): string {
  if (o.kind !== 'food') return '—';
  const accepted = o.items.filter((i) => i.accepted).length;
  return `受け入れ ${accepted}品 / お断り ${o.items.length - accepted}品`;
}

/** A YYYY-MM-DD date as `2027/06/01`. */
function slashDate(date: string): string {
  return date.replace(/-/g, '/');
}

/** The food items taken: `米・穀類(賞味期限 2027/06/01)、お菓子(賞味期限 2026/12/24)`. */
export function acceptedFoodText(items: readonly DonationItemRecord[], foodCategories: readonly NamedCode[]): string {
  return items
    .filter((i) => i.accepted)
    .map((i) => `${nameOf(i.category, foodCategories)}${i.bestBefore ? `(賞味期限 ${slashDate(i.bestBefore)})` : ''}`)
    .join('、');
}

/** One food item for the offer's page: category, unopened, best-before, and the verdict with its reason. */
export interface FoodItemView {
  category: string;
  unopened: string;
  bestBefore: string;
  verdict: string;
  refused: boolean;
}

export function foodItemView(i: DonationItemRecord, foodCategories: readonly NamedCode[]): FoodItemView {
  return {
    category: nameOf(i.category, foodCategories),
    unopened: i.unopened === null ? '—' : i.unopened ? '開けていない' : '開けてある',
    bestBefore: i.bestBefore ? slashDate(i.bestBefore) : '—',
    verdict: i.accepted ? 'お預かりする' : `お断り(${i.refusedReason ? REFUSAL_JA[i.refusedReason] : '理由不明'})`,
    refused: !i.accepted,
  };
}

/** An appliance's details: `大(車が必要)・1〜3年・きれいで問題なく使える`; '' when none were given. */
export function applianceText(o: Pick<DonationOfferRecord, 'itemSize' | 'itemAge' | 'itemCondition'>): string {
  return [o.itemSize ? SIZE_JA[o.itemSize] : null, o.itemAge ? AGE_JA[o.itemAge] : null, o.itemCondition ? CONDITION_JA[o.itemCondition] : null].filter(Boolean).join('・');
}

export function sizeText(s: ItemSize): string {
  return SIZE_JA[s];
}
export function ageText(a: ItemAge): string {
  return AGE_JA[a];
}
export function conditionText(c: ItemCondition): string {
  return CONDITION_JA[c];
}

/** The annual report's donations received: one row per receipt, in receipt order. */
export function donationsCsv(offers: readonly DonationOfferRecord[], names: { purposes: readonly NamedCode[]; foodCategories: readonly NamedCode[] }): string {
  const header = ['受領番号', '受領日', '種類', '使いみち', '金額(円)', '品物・内容', 'お名前'];
  const rows = offers.map((o) => {
    const what = o.kind === 'money' ? '' : o.kind === 'food' ? acceptedFoodText(o.items, names.foodCategories) : o.kind === 'appliance' ? [o.description, applianceText(o)].filter(Boolean).join('/') : (o.description ?? '');
    return [o.receiptNo ?? '', o.receivedAt ? csvDate(o.receivedAt) : '', DONATION_KIND_JA[o.kind], o.kind === 'money' || o.kind === 'goods' ? purposeText(o, names.purposes) : '', o.kind === 'money' && o.amountYen ? String(o.amountYen) : '', what, o.name];
  });
  return csvFile(header, rows);
}
