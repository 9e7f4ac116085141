// Under test: the salons flow (list by district, next sessions, details, follow with consent) through the real
// engine with the demo profile's salons; only the context is faked (fixed now: Tue 24 Nov 2026 10:00 JST).
import { describe, expect, it } from 'vitest';
import type { FlowContext } from '../../../src/flows/engine/types';
import { buttonData, converse, lineKeys, makeCtx, councilView, patches, postback, run, sent, stateAt } from './flow-test-kit';

const demo = councilView();
const withDemoDistricts = { ...demo, districts: [{ code: 'kaigan', name: { ja: '海岸地区', en: 'Kaigan', 'ja-x-easy': 'かいがん' } }, { code: 'shiomidai', name: { ja: '汐見台地区', en: 'Shiomidai', 'ja-x-easy': 'しおみだい' } }] };
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
  const ctxWith = (salonChanges: FlowContext['salonChanges']) => makeCtx({ resident: kaiganResident, council: withDemoDistricts, salonChanges });
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
