// Under test: the donation flow (menu 寄付・寄贈) through the real engine — consent first; money and goods with a
// purpose of the allocation plan; food judged item by item with an immediate answer; an appliance with its required
// photo; contact, hand-over window and pick-up address; the summary with fixes; the offer effect; the wanted-items
// list, capped so it stays within LINE's text limit. Only the context
// is faked (fixed now: Tue 24 Nov 2026 10:00 JST; the demo profile's donations section). The last block renders
// every message with the real translator in every language.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/bot/render/i18n';
import { renderOutMessages } from '../../../src/bot/render/render-message';
import type { NewDonationOffer } from '../../../src/domain/donation';
import type { InboundInput } from '../../../src/domain/inbound-event';
import type { Effect } from '../../../src/flows/engine/types';
import { WANTED_SHOWN_MAX, WANTED_TEXT_BUDGET } from '../../../src/flows/donate/donate-flow';
import { MAX_FOOD_ITEMS } from '../../../src/flows/donate/food-steps';
import { PROJECT_ROOT } from '../../../src/infra/project-root';
import { ALL_LANGUAGES, buttonData, chipData, converse, image, isMainMenu, lineKeys, makeCtx, patches, postback, run, sent, stateAt, text, type Turn, moduleEffects } from './flow-test-kit';
import type { DonationEffect } from '../../../src/flows/donate/module-context';

const granted = { consent: 'granted' as const, onboarded: true };
const bestBefore = (date: string): InboundInput => ({ kind: 'postback', data: 'fb=date', params: { date } });
const offers = (effects: Effect[]): NewDonationOffer[] => moduleEffects<DonationEffect>(effects, 'donations').map((e) => e.offer);
const talk = (inputs: InboundInput[], data?: Record<string, unknown>, step?: string) =>
  converse(inputs, { ctx: makeCtx({ resident: granted }), ...(step ? { state: stateAt('donate', step, data ?? {}) } : {}) });
const last = (turns: Turn[]) => turns.at(-1)!.result;

describe('starting', () => {
  it('asks consent first; a "no" stores nothing and says how else to give', () => {
    const turns = converse([postback('menu=donate'), postback('c=no')]);
    expect(turns[0]!.result.state).toMatchObject({ flowId: 'donate', step: 'consent' });
    expect(lineKeys(turns[0]!.result).slice(0, 3)).toEqual(['donate:intro', 'donate:consentNeeded', 'onboarding:privacy.title']);
    const no = turns[1]!.result;
    expect(no.state).toBeNull();
    expect(patches(no)).toEqual([]);
    expect(offers(no.effects)).toEqual([]);
    expect(lineKeys(no)[0]).toBe('donate:consentDeclined');
    expect(isMainMenu(sent(no).at(-1))).toBe(true);
  });

  it('a "yes" records consent and asks what is given; a resident who agreed before goes straight there', () => {
    const yes = run(stateAt('donate', 'consent'), postback('c=yes'));
    expect(patches(yes)).toEqual([expect.objectContaining({ consent: 'granted' })]);
    expect(yes.state?.step).toBe('kind');
    expect(buttonData(yes)).toEqual(['dk=money', 'dk=goods', 'dk=food', 'dk=appliance']);
    expect(run(null, postback('menu=donate'), makeCtx({ resident: granted })).state).toMatchObject({ step: 'kind', data: {} });
  });
});

describe('money', () => {
  it('purpose from the allocation plan, amount, name, contact and an office window; sent with a D- reference number', () => {
    const turns = talk([postback('menu=donate'), postback('dk=money'), postback('dpu=children'), text('２万５０００円'), text('山田　花子'), text('090-1234-5678'), postback('ds=office-am'), postback('dy=send')]);
    const purpose = turns[1]!.result;
    expect(lineKeys(purpose)).toEqual(['donate:purpose.prompt', 'donate:purpose.plan', ...Array(5).fill('donate:purpose.planItem')]);
    // The plan of the fiscal year the clock is in (April 2026 – March 2027).
    expect(sent(purpose)[0]!.lines[1]).toEqual({ key: 'donate:purpose.plan', params: { year: 2026 } });
    expect(sent(purpose)[0]!.lines[2]).toEqual({ key: 'donate:purpose.planItem', params: { name: '障害のある人の社会参加', budget: 1_000_000 } });
    expect(buttonData(purpose)).toEqual(['dpu=disability', 'dpu=hardship_food', 'dpu=children', 'dpu=food_places', 'dpu=chair', 'dpu=general']);
    // Money is only brought to the office: no pick-up windows.
    expect(chipData(turns[5]!.result)).toEqual(['ds=office-am', 'ds=office-pm', 'g=menu', 'g=cancel']);
    expect(lineKeys(turns[6]!.result)).toEqual([
      'donate:confirm.title', 'donate:summary.kind.money', 'donate:summary.purpose', 'donate:summary.amount', 'donate:summary.name', 'donate:summary.phone', 'donate:summary.slot',
    ]);
    const done = last(turns);
    expect(done.state).toBeNull();
    expect(offers(done.effects)).toEqual([
      {
        referenceNo: expect.stringMatching(/^D-261124-[2-9A-Z]{4}$/), kind: 'money', purposeCode: 'children', amountYen: 25_000, description: null, itemSize: null, itemAge: null, itemCondition: null,
        photoMessageId: null, name: '山田 花子', phone: '09012345678', slot: 'office-am', address: null, items: [],
      },
    ]);
    const referenceNo = offers(done.effects)[0]!.referenceNo;
    expect(sent(done)[0]!.lines).toEqual([
      { key: 'donate:confirm.received', params: { referenceNo } },
      { key: 'donate:confirm.moneyNote' },
      { key: 'donate:confirm.next', params: { phone: '045-000-1234' } },
    ]);
    expect(isMainMenu(sent(done).at(-1))).toBe(true);
  });

  it('an amount that is not one is asked again', () => {
    for (const typed of ['たくさん', '0', '1.5万']) {
      const result = run(stateAt('donate', 'amount', { offer: { kind: 'money' } }), text(typed), makeCtx({ resident: granted }));
      expect(result.state?.step).toBe('amount');
      expect(lineKeys(result)[0]).toBe('donate:amount.invalid');
    }
  });
});

describe('goods for the goodwill bank', () => {
  it('「おまかせ」 is a general gift; a pick-up window asks for the address', () => {
    const turns = talk([postback('menu=donate'), postback('dk=goods'), postback('dpu=general'), text('タオル 10枚'), text('山田 花子'), postback('dl=line'), postback('ds=pickup-thu'), text('みなと区海岸通1-2'), postback('dy=send')]);
    expect(chipData(turns[5]!.result)).toEqual(['ds=office-am', 'ds=office-pm', 'ds=pickup-tue', 'ds=pickup-thu', 'g=menu', 'g=cancel']);
    expect(turns[6]!.result.state?.step).toBe('address');
    expect(lineKeys(turns[7]!.result)).toContain('donate:summary.purposeGeneral');
    expect(lineKeys(turns[7]!.result)).toContain('donate:summary.address');
    expect(offers(last(turns).effects)[0]).toMatchObject({ kind: 'goods', purposeCode: null, amountYen: null, description: 'タオル 10枚', phone: null, slot: 'pickup-thu', address: 'みなと区海岸通1-2', items: [] });
    expect(lineKeys(last(turns))).not.toContain('donate:confirm.moneyNote');
  });
});

describe('food for the food drive', () => {
  const start = [postback('menu=donate'), postback('dk=food')];

  it('offers the rules\' categories, taken and refused alike', () => {
    const result = last(talk(start));
    expect(result.state?.step).toBe('foodCategory');
    expect(chipData(result)).toEqual(['fc=rice', 'fc=canned', 'fc=noodles', 'fc=seasoning', 'fc=drinks', 'fc=snacks', 'fc=baby_food', 'fc=fresh', 'fc=chilled', 'fc=homemade', 'fc=alcohol', 'g=menu', 'g=cancel']);
    expect(sent(result)[0]!.lines).toContainEqual({ key: 'donate:food.category.rules', params: { days: 30 } });
  });

  it('tells at once whether each item can be taken and why not: a refused category, opened, too close, past', () => {
    const turns = talk([
      ...start,
      postback('fc=fresh'),
      postback('fm=more'), postback('fc=rice'), postback('fu=no'),
      postback('fm=more'), postback('fc=canned'), postback('fu=yes'), bestBefore('2026-12-23'),
      postback('fm=more'), postback('fc=canned'), postback('fu=yes'), bestBefore('2026-11-20'),
      postback('fm=more'), postback('fc=noodles'), postback('fu=yes'), bestBefore('2026-12-24'),
    ]);
    const answer = (i: number) => sent(turns[i]!.result)[0]!.lines[0];
    // A refused category is answered before unopened or the date is asked.
    expect(turns[2]!.result.state?.step).toBe('foodMore');
    expect(answer(2)).toEqual({ key: 'donate:food.refused.not_shelf_stable', params: { category: '生鮮食品', days: 30 } });
    expect(turns[4]!.result.state?.step).toBe('foodUnopened');
    expect(answer(5)).toEqual({ key: 'donate:food.refused.opened', params: { category: '米・穀類', days: 30 } });
    expect(turns[8]!.result.state?.step).toBe('foodBestBefore');
    expect(buttonData(turns[8]!.result)).toEqual(['fb=date']);
    expect(answer(9)).toMatchObject({ key: 'donate:food.refused.best_before_too_soon' });
    expect(answer(13)).toMatchObject({ key: 'donate:food.refused.past_best_before' });
    expect(answer(17)).toEqual({ key: 'donate:food.accepted', params: { category: '乾麺' } });
    expect(sent(turns[17]!.result)[1]!.lines[0]).toEqual({ key: 'donate:food.more.count', params: { n: 1 } });
    expect(buttonData(turns[17]!.result)).toEqual(['fm=more', 'fm=done']);
    expect(turns[17]!.result.state?.data).toMatchObject({
      offer: {
        items: [
          { category: 'fresh', unopened: null, bestBefore: null, accepted: false, refusedReason: 'not_shelf_stable' },
          { category: 'rice', unopened: false, bestBefore: null, accepted: false, refusedReason: 'opened' },
          { category: 'canned', unopened: true, bestBefore: '2026-12-23', accepted: false, refusedReason: 'best_before_too_soon' },
          { category: 'canned', unopened: true, bestBefore: '2026-11-20', accepted: false, refusedReason: 'past_best_before' },
          { category: 'noodles', unopened: true, bestBefore: '2026-12-24', accepted: true, refusedReason: null },
        ],
      },
    });
  });

  it('goes on with at least one item taken, and sends every item with its verdict', () => {
    const turns = talk([
      ...start, postback('fc=canned'), postback('fu=yes'), bestBefore('2026-12-01'), postback('fm=more'), postback('fc=rice'), postback('fu=yes'), bestBefore('2027-10-01'),
      postback('fm=done'), text('山田 花子'), postback('dl=line'), postback('ds=office-pm'), postback('dy=send'),
    ]);
    expect(turns[9]!.result.state?.step).toBe('name');
    const summary = sent(turns[12]!.result)[0]!.lines;
    expect(summary.slice(1, 4)).toEqual([
      { key: 'donate:summary.kind.food' },
      { key: 'donate:summary.foodTitle', params: { n: 1 } },
      { key: 'donate:summary.foodItem', params: { category: '米・穀類', date: Date.parse('2027-10-01T00:00:00+09:00') } },
    ]);
    expect(offers(last(turns).effects)[0]).toMatchObject({
      kind: 'food', purposeCode: null, amountYen: null, description: null, photoMessageId: null, slot: 'office-pm',
      items: [
        { category: 'canned', unopened: true, bestBefore: '2026-12-01', accepted: false, refusedReason: 'best_before_too_soon' },
        { category: 'rice', unopened: true, bestBefore: '2027-10-01', accepted: true, refusedReason: null },
      ],
    });
  });

  it('with nothing that can be taken, thanks the resident kindly and ends without storing anything', () => {
    const done = last(talk([...start, postback('fc=alcohol'), postback('fm=done')]));
    expect(done.state).toBeNull();
    expect(offers(done.effects)).toEqual([]);
    expect(lineKeys(done).slice(0, 2)).toEqual(['donate:food.noneAccepted', 'donate:food.otherWays']);
    expect(isMainMenu(sent(done).at(-1))).toBe(true);
  });

  it('a best-before that is not a real date, or typed, is asked again', () => {
    const state = stateAt('donate', 'foodBestBefore', { offer: { kind: 'food', items: [], item: { category: 'rice', unopened: true } } });
    for (const input of [bestBefore('2026-02-30'), postback('fb=date'), text('来年の3月')]) {
      const result = run(state, input, makeCtx({ resident: granted }));
      expect(result.state?.step).toBe('foodBestBefore');
      expect(lineKeys(result)[0]).toBe('donate:food.bestBefore.invalid');
    }
  });

  it(`after ${MAX_FOOD_ITEMS} items only "that's all" is offered`, () => {
    const items = Array.from({ length: MAX_FOOD_ITEMS }, () => ({ category: 'rice', unopened: true, bestBefore: '2027-10-01', accepted: true, refusedReason: null }));
    const state = stateAt('donate', 'foodMore', { offer: { kind: 'food', items } });
    const more = run(state, postback('fm=more'), makeCtx({ resident: granted }));
    expect(more.state?.step).toBe('foodMore');
    expect(lineKeys(more)[0]).toBe('donate:food.more.full');
    expect(buttonData(more)).toEqual(['fm=done']);
  });
});

describe('an appliance or furniture', () => {
  it('kind, size, age, condition, then a photo is required (text is refused); the photo goes with the offer', () => {
    const turns = talk([
      postback('menu=donate'), postback('dk=appliance'), text('冷蔵庫(2ドア)'), postback('az=medium'), postback('ag=3to5'), postback('ac=used'), text('写真はあとで送ります'), image,
      text('山田 花子'), postback('dl=line'), postback('ds=pickup-tue'), text('みなと区海岸通1-2'), postback('dy=send'),
    ]);
    expect(buttonData(turns[2]!.result)).toEqual(['az=small', 'az=medium', 'az=large']);
    expect(chipData(turns[3]!.result)).toEqual(['ag=lt1', 'ag=1to3', 'ag=3to5', 'ag=5to10', 'ag=10plus', 'g=menu', 'g=cancel']);
    expect(buttonData(turns[4]!.result)).toEqual(['ac=good', 'ac=used', 'ac=faulty']);
    expect(turns[5]!.result.state?.step).toBe('appliancePhoto');
    const refused = turns[6]!.result;
    expect(refused.state?.step).toBe('appliancePhoto');
    expect(lineKeys(refused)).toEqual(['donate:appliance.photo.needed', 'common:askStaff', 'donate:appliance.photo.prompt', 'donate:appliance.photo.how']);
    expect(turns[7]!.result.state).toMatchObject({ step: 'name', data: { offer: { photo: 'msg-2' } } });
    expect(lineKeys(turns[11]!.result).slice(1, 7)).toEqual([
      'donate:summary.kind.appliance', 'donate:summary.appliance', 'donate:summary.size.medium', 'donate:summary.age.3to5', 'donate:summary.condition.used', 'donate:summary.photo',
    ]);
    expect(offers(last(turns).effects)[0]).toMatchObject({
      kind: 'appliance', description: '冷蔵庫(2ドア)', itemSize: 'medium', itemAge: '3to5', itemCondition: 'used', photoMessageId: 'msg-2', slot: 'pickup-tue', address: 'みなと区海岸通1-2', items: [],
    });
  });

  it('a sticker at the photo step is not taken as the photo: the step asks for a photo again', () => {
    const result = run(stateAt('donate', 'appliancePhoto', { offer: { kind: 'appliance' } }), { kind: 'sticker', messageId: 's1' }, makeCtx({ resident: granted }));
    expect(result.state?.step).toBe('appliancePhoto');
    expect(result.state?.data).toEqual({ offer: { kind: 'appliance' } });
    expect(lineKeys(result)[0]).toBe('donate:appliance.photo.needed');
  });
});

describe('a fiscal year without an allocation plan', () => {
  // From April 2027 the demo profile has no plan: gifts are general ones, said so, with no purpose to choose or fix.
  const april2027 = new Date('2027-04-10T01:00:00Z');
  const ctx = () => makeCtx({ resident: granted, now: april2027 });

  it('money goes straight to the amount, saying there is no plan for the year and the gift is general', () => {
    const turns = converse([postback('menu=donate'), postback('dk=money'), text('10000'), text('山田 花子'), text('0451234567'), postback('ds=office-am')], { ctx: ctx() });
    const chosen = turns[1]!.result;
    expect(chosen.state?.step).toBe('amount');
    expect(sent(chosen)[0]!.lines[0]).toEqual({ key: 'donate:purpose.noPlan', params: { year: 2027 } });
    expect(lineKeys(last(turns))).toContain('donate:summary.purposeGeneral');
    expect(chipData(run(last(turns).state, postback('dy=fix'), ctx()))).toEqual(['dfx=amount', 'dfx=name', 'dfx=contact', 'dfx=slot', 'g=menu', 'g=cancel']);
  });

  it('goods go straight to the description; a purpose step reached anyway offers only the general gift', () => {
    expect(converse([postback('menu=donate'), postback('dk=goods')], { ctx: ctx() })[1]!.result.state?.step).toBe('description');
    // A state from a minute ago (the context's clock is in April 2027).
    const state = { ...stateAt('donate', 'purpose', { offer: { kind: 'money' } }), stepStartedAt: new Date(april2027.getTime() - 60_000).toISOString() };
    const purpose = run(state, postback('dpu=children'), ctx());
    expect(purpose.state?.step).toBe('purpose');
    expect(buttonData(purpose)).toEqual(['dpu=general']);
  });
});

describe('the summary', () => {
  const money = { kind: 'money', purpose: 'chair', amountYen: 3000, name: '山田 花子', phone: null, slot: 'office-am', address: null };

  it('offers the fixes that fit what is given', () => {
    const fix = (offer: Record<string, unknown>) => chipData(run(stateAt('donate', 'confirm', { offer }), postback('dy=fix'), makeCtx({ resident: granted })));
    expect(fix(money)).toEqual(['dfx=purpose', 'dfx=amount', 'dfx=name', 'dfx=contact', 'dfx=slot', 'g=menu', 'g=cancel']);
    expect(fix({ ...money, kind: 'food' })).toEqual(['dfx=items', 'dfx=name', 'dfx=contact', 'dfx=slot', 'g=menu', 'g=cancel']);
    expect(fix({ ...money, kind: 'appliance' }).slice(0, 5)).toEqual(['dfx=applianceKind', 'dfx=applianceSize', 'dfx=applianceAge', 'dfx=applianceCondition', 'dfx=appliancePhoto']);
  });

  it('a fixed answer goes back to the summary', () => {
    const turns = talk([postback('dy=fix'), postback('dfx=amount'), text('5000'), postback('dy=fix'), postback('dfx=purpose'), postback('dpu=general')], { offer: money }, 'confirm');
    expect(turns.map((t) => t.result.state?.step)).toEqual(['fix', 'amount', 'confirm', 'fix', 'purpose', 'confirm']);
    expect(last(turns).state?.data).toEqual({ offer: { ...money, amountYen: 5000, purpose: null }, fixing: false });
  });

  it('changing to a pick-up window asks the address before the summary; back to the office drops it', () => {
    const turns = talk([postback('dy=fix'), postback('dfx=slot'), postback('ds=pickup-tue'), text('みなと区1-2'), postback('dy=fix'), postback('dfx=slot'), postback('ds=office-pm')], { offer: { ...money, kind: 'goods', description: '毛布' } }, 'confirm');
    expect(turns.map((t) => t.result.state?.step)).toEqual(['fix', 'slot', 'address', 'confirm', 'fix', 'slot', 'confirm']);
    expect(turns[3]!.result.state?.data).toMatchObject({ offer: { slot: 'pickup-tue', address: 'みなと区1-2' } });
    expect(last(turns).state?.data).toMatchObject({ offer: { slot: 'office-pm', address: null } });
  });

  it('fixing the food starts the items over, then returns to the summary', () => {
    const offer = { kind: 'food', items: [{ category: 'rice', unopened: true, bestBefore: '2027-10-01', accepted: true, refusedReason: null }], name: 'A', phone: null, slot: 'office-am', address: null };
    const turns = talk([postback('dy=fix'), postback('dfx=items'), postback('fc=snacks'), postback('fu=yes'), bestBefore('2027-01-31'), postback('fm=done')], { offer }, 'confirm');
    expect(turns.map((t) => t.result.state?.step)).toEqual(['fix', 'foodCategory', 'foodUnopened', 'foodBestBefore', 'foodMore', 'confirm']);
    expect(last(turns).state?.data).toMatchObject({ offer: { items: [{ category: 'snacks', unopened: true, bestBefore: '2027-01-31', accepted: true, refusedReason: null }] } });
  });

  it('stopping stores nothing', () => {
    const stopped = run(stateAt('donate', 'confirm', { offer: money }), postback('dy=stop'), makeCtx({ resident: granted }));
    expect(stopped.state).toBeNull();
    expect(offers(stopped.effects)).toEqual([]);
    expect(lineKeys(stopped)[0]).toBe('donate:confirm.stopped');
  });
});

describe('rendering', () => {
  it('every message of every path renders in every language, with no missing key or unfilled variable', async () => {
    const missing: string[] = [];
    const translator = await createTranslator(path.join(PROJECT_ROOT, 'locales'), { onMissingKey: (lang, key) => missing.push(`${lang} ${key}`) });
    const paths = [
      converse([postback('menu=donate'), postback('c=yes'), postback('dk=money'), postback('dpu=disability'), text('10000'), text('山田'), text('0451234567'), postback('ds=office-am'), postback('dy=fix'), postback('dfx=slot'), postback('ds=office-pm'), postback('dy=send')]),
      talk([postback('menu=donate'), postback('dk=goods'), postback('dpu=general'), text('毛布'), text('山田'), postback('dl=line'), postback('ds=pickup-tue'), text('港区1-2'), postback('dy=stop')]),
      talk([postback('menu=donate'), postback('dk=food'), postback('fc=chilled'), postback('fm=more'), postback('fc=rice'), postback('fu=no'), postback('fm=more'), postback('fc=drinks'), postback('fu=yes'), bestBefore('2026-12-01'), postback('fm=more'), postback('fc=drinks'), postback('fu=yes'), bestBefore('2026-01-01'), postback('fm=more'), postback('fc=baby_food'), postback('fu=yes'), bestBefore('2027-05-05'), postback('fm=done'), text('山田'), postback('dl=line'), postback('ds=office-am'), postback('dy=fix'), postback('dy=send')]),
      talk([postback('menu=donate'), postback('dk=food'), postback('fc=homemade'), postback('fm=done')]),
      talk([postback('menu=donate'), postback('dk=appliance'), text('机'), postback('az=large'), postback('ag=10plus'), postback('ac=faulty'), text('x'), image, text('山田'), postback('dl=line'), postback('ds=office-am'), postback('dy=send')]),
    ];
    for (const lang of ALL_LANGUAGES) {
      for (const turns of paths) {
        for (const t of turns) {
          const rendered = JSON.stringify(renderOutMessages(sent(t.result), translator.forLanguage(lang)));
          expect(rendered).not.toMatch(/\{\{|donate:/);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('the wanted-items list', () => {
  it('is shown to everyone opening the section, before consent too; with none there is no list', () => {
    const wanted = [{ name: 'お米', note: '5kgまで' }, { name: 'タオル', note: null }];
    const before = run(null, postback('menu=donate'), makeCtx({ wanted }));
    expect(before.state?.step).toBe('consent');
    const lines = sent(before).flatMap((m) => m.lines);
    expect(lines.map((l) => l.key)).toEqual(expect.arrayContaining(['donate:wanted.title', 'donate:wanted.itemWithNote', 'donate:wanted.item']));
    expect(lines.find((l) => l.key === 'donate:wanted.itemWithNote')!.params).toEqual({ name: 'お米', note: '5kgまで' });
    expect(lineKeys(run(null, postback('menu=donate'), makeCtx())).filter((k) => k.startsWith('donate:wanted'))).toEqual([]);
    expect(lines.map((l) => l.key)).not.toContain('donate:wanted.more');
  });

  // 40 items at the console's longest (name 40, note 100 characters): written out in full they pass LINE's
  // 5,000-unit text limit, which used to make every tap on 寄付・寄贈 fail for everyone.
  const long = Array.from({ length: 40 }, (_, i) => ({ name: `${String(i + 1).padStart(2, '0')}${'品'.repeat(38)}`, note: i % 7 === 6 ? null : '説'.repeat(100) }));

  it('a long list shows the first items that fit and how many more there are, and always renders within LINE limits', async () => {
    expect(long.map((w) => `・${w.name}(${w.note ?? ''})`).join('\n\n').length).toBeGreaterThan(5000);
    const translator = await createTranslator(path.join(PROJECT_ROOT, 'locales'));
    for (const resident of [{}, granted]) {
      const result = run(null, postback('menu=donate'), makeCtx({ resident, wanted: long }));
      const wanted = sent(result).find((m) => m.lines[0]?.key === 'donate:wanted.title')!;
      const items = wanted.lines.filter((l) => l.key === 'donate:wanted.item' || l.key === 'donate:wanted.itemWithNote');
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThanOrEqual(WANTED_SHOWN_MAX);
      // The council's order is kept: the first ones are shown.
      expect(items.map((l) => l.params!.name)).toEqual(long.slice(0, items.length).map((w) => w.name));
      expect(wanted.lines.at(-1)).toEqual({ key: 'donate:wanted.more', params: { count: long.length - items.length } });
      for (const lang of ALL_LANGUAGES) {
        const rendered = renderOutMessages(sent(result), translator.forLanguage(lang));
        for (const m of rendered) if (m.type === 'text') expect(m.text.length, lang).toBeLessThanOrEqual(5000);
        const text = rendered.flatMap((m) => (m.type === 'text' ? [m.text] : [])).join('\n');
        expect(text, lang).toContain(String(long.length - items.length));
        expect(text, lang).not.toMatch(/\{\{/);
      }
    }
  });

  it('items are shown up to the text budget, whatever their length', () => {
    // Longer than the console allows, as a guard: the list still stays within the budget.
    const huge = Array.from({ length: 8 }, (_, i) => ({ name: `item${i}`, note: 'x'.repeat(1200) }));
    const result = run(null, postback('menu=donate'), makeCtx({ wanted: huge }));
    const lines = sent(result).flatMap((m) => m.lines);
    const shown = lines.filter((l) => l.key === 'donate:wanted.itemWithNote');
    expect(shown.reduce((n, l) => n + String(l.params!.name).length + String(l.params!.note).length, 0)).toBeLessThanOrEqual(WANTED_TEXT_BUDGET);
    expect(shown.length).toBe(2);
    expect(lines.find((l) => l.key === 'donate:wanted.more')!.params).toEqual({ count: 6 });
  });
});
