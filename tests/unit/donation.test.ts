// Under test: the pure donation rules in src/domain/donation.ts — the food drive's check of one item (category,
// opened, best-before with its boundaries) and reading an amount of yen as typed — and the council profile's
// donations section (schema, one allocation plan per fiscal year, the view flows read) and what is left to allocate.
// Nothing is faked; the demo profile is read from disk.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { councilView } from '../../src/bot/render/council-view';
import { parseCouncilProfile } from '../../src/domain/council-profile';
import { checkFoodItem, daysUntil, parseYen, type FoodRules } from '../../src/domain/donation';
import { planOfYear, unallocatedYen } from '../../src/domain/donation-admin';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { errorOf } from '../helpers/domain-error';

const rules: FoodRules = { minDaysToBestBefore: 30, accepted: [{ code: 'rice' }, { code: 'canned' }] };
const today = '2026-11-24';
const rice = (bestBefore: string) => checkFoodItem({ category: 'rice', unopened: true, bestBefore }, rules, today);

describe('checkFoodItem', () => {
  it('takes an unopened shelf-stable item with exactly the minimum days left', () => {
    expect(daysUntil('2026-12-24', today)).toBe(30);
    expect(rice('2026-12-24')).toEqual({ status: 'accepted' });
    expect(rice('2027-11-24')).toEqual({ status: 'accepted' });
  });

  it('refuses one day short of the minimum as too soon', () => {
    expect(daysUntil('2026-12-23', today)).toBe(29);
    expect(rice('2026-12-23')).toEqual({ status: 'refused', reason: 'best_before_too_soon' });
  });

  it('a best-before of today is too soon; yesterday is past', () => {
    expect(rice(today)).toEqual({ status: 'refused', reason: 'best_before_too_soon' });
    expect(rice('2026-11-23')).toEqual({ status: 'refused', reason: 'past_best_before' });
    expect(rice('2025-01-01')).toEqual({ status: 'refused', reason: 'past_best_before' });
  });

  it('counts calendar days across month and year ends', () => {
    expect(checkFoodItem({ category: 'rice', unopened: true, bestBefore: '2027-01-30' }, rules, '2026-12-31')).toEqual({ status: 'accepted' });
    expect(checkFoodItem({ category: 'rice', unopened: true, bestBefore: '2027-01-29' }, rules, '2026-12-31')).toEqual({ status: 'refused', reason: 'best_before_too_soon' });
  });

  it('refuses an opened item whatever its date', () => {
    expect(checkFoodItem({ category: 'canned', unopened: false, bestBefore: '2030-01-01' }, rules, today)).toEqual({ status: 'refused', reason: 'opened' });
    expect(checkFoodItem({ category: 'canned', unopened: false }, rules, today)).toEqual({ status: 'refused', reason: 'opened' });
  });

  it('refuses a category the food drive does not take (a refused or unknown one) before asking anything else', () => {
    expect(checkFoodItem({ category: 'fresh' }, rules, today)).toEqual({ status: 'refused', reason: 'not_shelf_stable' });
    expect(checkFoodItem({ category: 'fresh', unopened: true, bestBefore: '2030-01-01' }, rules, today)).toEqual({ status: 'refused', reason: 'not_shelf_stable' });
    expect(checkFoodItem({ category: 'nothing-like-it' }, rules, today)).toEqual({ status: 'refused', reason: 'not_shelf_stable' });
  });

  it('asks for what is missing, in order: unopened, then best-before', () => {
    expect(checkFoodItem({ category: 'rice' }, rules, today)).toEqual({ status: 'needs', field: 'unopened' });
    expect(checkFoodItem({ category: 'rice', unopened: true }, rules, today)).toEqual({ status: 'needs', field: 'bestBefore' });
  });

  it('follows the council\'s minimum (0 days: anything not past is taken)', () => {
    const lenient = { ...rules, minDaysToBestBefore: 0 };
    expect(checkFoodItem({ category: 'rice', unopened: true, bestBefore: today }, lenient, today)).toEqual({ status: 'accepted' });
    expect(checkFoodItem({ category: 'rice', unopened: true, bestBefore: '2026-11-23' }, lenient, today)).toEqual({ status: 'refused', reason: 'past_best_before' });
  });
});

describe('parseYen', () => {
  it.each([
    ['10000', 10_000],
    ['１０，０００円', 10_000],
    ['1万円', 10_000],
    ['2万5000円', 25_000],
    ['¥3,000', 3_000],
    [' 500 円 ', 500],
  ])('%s is %i yen', (typed, yen) => {
    expect(parseYen(typed)).toBe(yen);
  });

  it.each(['0', '', '万円', 'たくさん', '1.5万', '-100', '1000000000'])('%s is not an amount', (typed) => {
    expect(parseYen(typed)).toBeNull();
  });
});

describe('the council profile\'s donations section', () => {
  const demo = () => loadCouncilProfile(fileURLToPath(new URL('../../profiles/demo-council.yaml', import.meta.url)));

  it('the demo carries 金沢\'s FY2025 allocation plan (carried over to FY2026), the food rules and hand-over windows', () => {
    const d = demo().donations!;
    expect(d.allocationPlans.map((p) => p.fiscalYear)).toEqual([2025, 2026]);
    const [fy2025, fy2026] = d.allocationPlans;
    expect(fy2025!.purposes.map((p) => [p.name, p.budgetYen])).toEqual([
      ['障害のある人の社会参加', 1_000_000], ['生活困窮(食料支援)', 500_000], ['子ども・ひとり親', 500_000], ['食を通じた居場所', 800_000], ['会長裁量', 200_000],
    ]);
    expect(fy2025!.purposes.reduce((n, p) => n + p.budgetYen, 0)).toBe(3_000_000);
    expect(fy2026!.purposes).toEqual(fy2025!.purposes);
    expect(d.foodRules.minDaysToBestBefore).toBe(30);
    expect(d.foodRules.refused.map((c) => c.name)).toEqual(['生鮮食品', '冷蔵・冷凍品', '手作りの食品', 'アルコール飲料']);
    expect(d.slots.map((s) => [s.code, s.kind])).toEqual([['office-am', 'dropOff'], ['office-pm', 'dropOff'], ['pickup-tue', 'pickUp'], ['pickup-thu', 'pickUp']]);
  });

  it('reaches flows with names in every language; a profile without the section gives null', () => {
    const view = councilView(demo()).donations!;
    const easy = 'こども・ひとりおやの かてい';
    const children = { ja: '子ども・ひとり親', 'ja-x-easy': easy, en: 'Kids & lone parents', 'zh-Hans': easy, ko: easy, vi: easy, fil: easy, ne: easy, pt: easy };
    expect(view.plans[1]!.fiscalYear).toBe(2026);
    expect(view.plans[1]!.purposes[2]).toEqual({ code: 'children', name: children, label: children, budgetYen: 500_000 });
    expect(view.slots[2]).toMatchObject({ code: 'pickup-tue', kind: 'pickUp' });
    const { donations: _, ...without } = demo();
    expect(councilView(parseCouncilProfile(without)).donations).toBeNull();
  });

  it('refuses more food categories than LINE shows, a code both taken and refused, no office window, reversed times', () => {
    const p = structuredClone(demo()) as unknown as Record<string, any>;
    p.donations.foodRules.refused.push({ code: 'rice', name: '米' });
    const dup = errorOf(() => parseCouncilProfile(p)).message;
    expect(dup).toContain('donations.foodRules: At most 11 food categories');
    expect(dup).toContain('Duplicate food category "rice"');
    const q = structuredClone(demo()) as unknown as Record<string, any>;
    q.donations.slots = q.donations.slots.filter((s: { kind: string }) => s.kind === 'pickUp');
    q.donations.slots[0].end = '12:00';
    const slots = errorOf(() => parseCouncilProfile(q)).message;
    expect(slots).toContain('donations.slots.0.end: end must be after start');
    const r = structuredClone(demo()) as unknown as Record<string, any>;
    r.donations.slots = r.donations.slots.filter((s: { kind: string }) => s.kind === 'pickUp');
    expect(errorOf(() => parseCouncilProfile(r)).message).toContain('donations.slots: At least one dropOff slot');
  });

  it('refuses two allocation plans for one fiscal year; the plan of a year is found by its year, or none', () => {
    const p = structuredClone(demo()) as unknown as Record<string, any>;
    p.donations.allocationPlans[1].fiscalYear = 2025;
    expect(errorOf(() => parseCouncilProfile(p)).message).toContain('donations.allocationPlans.1.fiscalYear: Duplicate plan for fiscal year 2025');
    const plans = demo().donations!.allocationPlans;
    expect(planOfYear(plans, 2026)?.fiscalYear).toBe(2026);
    expect(planOfYear(plans, 2027)).toBeNull();
  });
});

describe('what is left to allocate', () => {
  it('is the money received for the purpose (一般 takes undesignated gifts too) minus what was allocated from it', () => {
    const received = new Map<string | null, number>([['children', 20_000], [null, 7_000], ['general', 1_000]]);
    const allocated = new Map([['children', 5_000], ['general', 2_000]]);
    expect(unallocatedYen('children', received, allocated)).toBe(15_000);
    expect(unallocatedYen('general', received, allocated)).toBe(6_000);
    expect(unallocatedYen('disability', received, allocated)).toBe(0);
  });
});
