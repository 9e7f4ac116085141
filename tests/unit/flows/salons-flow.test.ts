// Under test: the salons flow (list by district page by page, next sessions, details, follow with consent, an
// empty list) through the real engine with the demo profile's salons; only the context is faked (fixed now: Tue
// 24 Nov 2026 10:00 JST). Wording checks render with the real locales/ translator.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../src/bot/render/i18n';
import { ALL_LANGUAGES, buttonData, localized, converse, dataOf, lineKeys, makeCtx, councilView, patches, postback, run, sent, stateAt } from './flow-test-kit';
import type { EventsContext } from '../../../src/flows/events/module-context';

const localesDir = fileURLToPath(new URL('../../../locales', import.meta.url));

const demo = councilView();
const kaigan = localized('海岸地区', 'Kaigan', 'かいがん');
const shiomidai = localized('汐見台地区', 'Shiomidai', 'しおみだい');
const withDemoDistricts = { ...demo, districts: [{ code: 'kaigan', name: kaigan, label: kaigan }, { code: 'shiomidai', name: shiomidai, label: shiomidai }] };
const kaiganResident = { consent: 'granted' as const, districtCode: 'kaigan', onboarded: true };

describe('finding a salon', () => {
  it('lists the salons of the stored district with each one next session', () => {
    const result = converse([postback('menu=events'), postback('ev=salons')], { ctx: makeCtx({ resident: kaiganResident, council: withDemoDistricts }) })[1]!.result;
    expect(result.state).toMatchObject({ flowId: 'salons', step: 'list', data: { district: 'kaigan' } });
    expect(buttonData(result)).toEqual(['sl=kaigan-ikiiki', 'sl=kaigan-kodomo', 'sl=other']);
    const sessions = sent(result)[0]!.lines.filter((l) => l.key === 'salons:session');
    // 2nd and 4th Tuesday 10:00–12:00: today (24 Nov, the 4th Tuesday) is the next one for 海岸いきいきサロン.
    expect(sessions[0]!.params).toEqual({ start: Date.parse('2026-11-24T01:00:00Z'), end: Date.parse('2026-11-24T03:00:00Z') });
  });

  it('without a stored district asks for one first', () => {
    const result = converse([postback('menu=events'), postback('ev=salons')], { ctx: makeCtx({ council: withDemoDistricts }) })[1]!.result;
    expect(result.state?.step).toBe('district');
  });

  it('a salon page shows the next three sessions (skipping the cancelled 22 Dec) and the details', () => {
    const result = run(stateAt('salons', 'list', { district: 'kaigan' }), postback('sl=kaigan-ikiiki'), makeCtx({ resident: kaiganResident, council: withDemoDistricts }));
    const lines = sent(result)[0]!.lines;
    const starts = lines.filter((l) => l.key === 'salons:session').map((l) => new Date(Number(l.params!.start)).toISOString());
    expect(starts).toEqual(['2026-11-24T01:00:00.000Z', '2026-12-08T01:00:00.000Z', '2027-01-12T01:00:00.000Z']);
    expect(lineKeys(result)).toEqual(expect.arrayContaining(['salons:place', 'salons:fee', 'salons:bring', 'salons:accessibility', 'salons:contact', 'salons:followAsk']));
  });
});

describe('following', () => {
  it('with consent, following stores the salon and says so; following again stops', () => {
    const ctx = makeCtx({ resident: kaiganResident, council: withDemoDistricts });
    const turns = converse([postback('sl=kaigan-ikiiki'), postback('sd=follow'), postback('sd=follow')], { state: stateAt('salons', 'list', { district: 'kaigan' }), ctx });
    expect(patches(turns[1]!.result)).toEqual([{ salons: ['kaigan-ikiiki'] }]);
    expect(lineKeys(turns[1]!.result)[0]).toBe('salons:followed');
    expect(patches(turns[2]!.result)).toEqual([{ salons: [] }]);
  });

  it('without consent asks for it first; a no stores nothing', () => {
    const ctx = makeCtx({ council: withDemoDistricts });
    const yes = converse([postback('sd=follow'), postback('c=yes')], { state: stateAt('salons', 'detail', { district: 'kaigan', salon: 'kaigan-kodomo' }), ctx });
    expect(yes[0]!.result.state?.step).toBe('consent');
    expect(patches(yes[1]!.result)).toEqual([expect.objectContaining({ consent: 'granted', salons: ['kaigan-kodomo'] })]);
    const no = converse([postback('sd=follow'), postback('c=no')], { state: stateAt('salons', 'detail', { district: 'kaigan', salon: 'kaigan-kodomo' }), ctx });
    expect(patches(no[1]!.result)).toEqual([]);
    expect(lineKeys(no[1]!.result)[0]).toBe('salons:notFollowed');
  });
});

describe('changes staff made in the console', () => {
  const ctxWith = (salonChanges: EventsContext['salonChanges']) => makeCtx({ resident: kaiganResident, council: withDemoDistricts, salonChanges });
  const change = (kind: 'cancelled' | 'extra' | 'note', date: string, extra: { note?: string; start?: string; end?: string } = {}) => ({ id: `${kind}-${date}`, salon: 'kaigan-ikiiki', date, kind, start: extra.start ?? null, end: extra.end ?? null, note: extra.note ?? null });

  it('a cancelled session leaves the list and the page says that day is off; an extra one joins; a note follows its session', () => {
    const ctx = ctxWith([change('cancelled', '2026-12-08'), change('extra', '2026-12-01', { start: '13:00', end: '15:00' }), change('note', '2026-11-24', { note: '今回は公民館2階です' })]);
    const result = run(stateAt('salons', 'list', { district: 'kaigan' }), postback('sl=kaigan-ikiiki'), ctx);
    const lines = sent(result)[0]!.lines;
    const starts = lines.filter((l) => l.key === 'salons:session').map((l) => new Date(Number(l.params!.start)).toISOString());
    expect(starts).toEqual(['2026-11-24T01:00:00.000Z', '2026-12-01T04:00:00.000Z', '2027-01-12T01:00:00.000Z']);
    const keys = lines.map((l) => l.key);
    expect(keys[keys.indexOf('salons:session') + 1]).toBe('salons:sessionNote');
    expect(lines.find((l) => l.key === 'salons:sessionNote')!.params).toEqual({ note: '今回は公民館2階です' });
    expect(lines.find((l) => l.key === 'salons:cancelledOn')!.params).toEqual({ date: Date.parse('2026-12-08T00:00:00+09:00') });
  });

  it('changes of another salon change nothing here', () => {
    const other = { ...change('cancelled', '2026-11-24'), salon: 'kaigan-kodomo' };
    const result = run(stateAt('salons', 'list', { district: 'kaigan' }), postback('sl=kaigan-ikiiki'), ctxWith([other]));
    expect(lineKeys(result)).not.toContain('salons:cancelledOn');
    expect(sent(result)[0]!.lines.filter((l) => l.key === 'salons:session')).toHaveLength(3);
  });
});

describe('more salons than fit one message', () => {
  // Six more salons in 海岸地区 (copies of 海岸いきいきサロン), eight there in all, nine council-wide.
  const extra = Array.from({ length: 6 }, (_, i) => ({ ...demo.salons[0]!, code: `kaigan-extra${i}`, name: localized(`追加サロン${i}`, `Extra ${i}`, `ついか${i}`) }));
  const many = { ...withDemoDistricts, salons: [...demo.salons, ...extra] };
  const kaiganCodes = many.salons.filter((s) => s.district === 'kaigan').map((s) => `sl=${s.code}`);
  const ctx = makeCtx({ resident: kaiganResident, council: many });

  /** Follows the "more" button from the first page to the last, collecting each page's result. */
  const allPages = (first: ReturnType<typeof run>) => {
    const pages = [first];
    for (let guard = 0; guard < 10; guard++) {
      const more = buttonData(pages.at(-1)!).find((d) => d.startsWith('slp='));
      if (!more) break;
      pages.push(run(pages.at(-1)!.state, postback(more), ctx));
    }
    return pages;
  };

  it('pages through the district: four salons, a button for the rest and one for another district', () => {
    const pages = allPages(run(stateAt('salons', 'district'), postback('d=kaigan'), ctx));
    expect(buttonData(pages[0]!)).toEqual([...kaiganCodes.slice(0, 4), 'slp=1', 'sl=other']);
    expect(sent(pages[0]!)[0]!.buttons!.find((b) => b.kind === 'postback' && b.data === 'slp=1')!.label.key).toBe('salons:more');
    expect(buttonData(pages[1]!)).toEqual([...kaiganCodes.slice(4, 8), 'sl=other']);
    expect(pages[1]!.state).toMatchObject({ step: 'list', data: { district: 'kaigan', page: 1 } });
    // The text names the same salons as the buttons.
    expect(sent(pages[1]!)[0]!.lines.filter((l) => l.key === 'salons:listItem').map((l) => l.params!.name)).toEqual(['追加サロン2', '追加サロン3', '追加サロン4', '追加サロン5']);
    // Quick replies (menu, cancel) stay, within LINE's limits.
    for (const p of pages) {
      expect(sent(p)[0]!.buttons!.length).toBeLessThanOrEqual(6);
      expect(dataOf(sent(p).at(-1)!.chips)).toEqual(['g=menu', 'g=cancel']);
    }
  });

  it('after skipping the district, every salon of the council can be reached', () => {
    const pages = allPages(run(stateAt('salons', 'district'), postback('d=skip'), ctx));
    const reached = pages.flatMap((p) => buttonData(p)).filter((d) => d.startsWith('sl=') && d !== 'sl=other');
    expect(reached).toEqual(many.salons.map((s) => `sl=${s.code}`));
    expect(pages).toHaveLength(3);
  });

  it('a salon on a later page opens, and back returns to that page', () => {
    const second = run(stateAt('salons', 'list', { district: 'kaigan' }), postback('slp=1'), ctx);
    const detail = run(second.state, postback('sl=kaigan-extra5'), ctx);
    expect(detail.state).toMatchObject({ step: 'detail', data: { salon: 'kaigan-extra5' } });
    const back = run(detail.state, postback('sd=back'), ctx);
    expect(back.state).toMatchObject({ step: 'list', data: { district: 'kaigan', page: 1 } });
    expect(buttonData(back)).toContain('sl=kaigan-extra5');
  });
});

describe('no salons to show', () => {
  const none = { ...withDemoDistricts, salons: [] };

  it('with the district skipped, says there are none without naming a district (and offers no other district)', async () => {
    const result = run(stateAt('salons', 'district'), postback('d=skip'), makeCtx({ council: none }));
    expect(sent(result)[0]!.lines).toEqual([{ key: 'salons:noneAll' }]);
    expect(buttonData(result)).toEqual([]);
    const tr = await createTranslator(localesDir);
    for (const lang of ALL_LANGUAGES) expect(tr.t(lang, 'salons:noneAll'), lang).not.toMatch(/\{\{|には、登録|in \./);
  });

  it('in a chosen district, names it and offers another', () => {
    const result = run(stateAt('salons', 'district'), postback('d=shiomidai'), makeCtx({ council: { ...withDemoDistricts, salons: demo.salons.filter((s) => s.district === 'kaigan') } }));
    expect(sent(result)[0]!.lines).toEqual([{ key: 'salons:none', params: { district: '汐見台地区' } }]);
    expect(buttonData(result)).toEqual(['sl=other']);
  });
});
